package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.XSandbox;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A publication's page and the history in Chromium, live. */
@ExtendWith(Chromium.Required.class)
class PublicationBrowserTest {
    private static OutpostWeb app;
    private static XSandbox sandbox;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static WebClient api;
    private static String account;

    @BeforeAll
    static void start() {
        browser = Chromium.browser();
        app = TestApp.shared();
        sandbox = app.sandbox().orElseThrow();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        account = Accounts.connect(api, sandbox);
        wait = Chromium.waitFor(browser);
    }

    @BeforeEach
    void signIn() {
        Chromium.signIn(browser, app);
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @Test
    void aFailedUploadStopsItsProgressLineAndTheFailureIsReadableWithDetailsOnRequest() throws Exception {
        sandbox.faults().failProcessing(1);
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "watch it fail")
                .file("media[0]", "small.mp4", TestMedia.mp4(2 * 1024 * 1024)));
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        browser.get(app.baseUrl() + "/publications/" + id);
        wait.until(ExpectedConditions.textToBe(By.id("state"), "failed"));
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failure-summary")));
        assertThat(summary.getText()).isEqualTo("X did not accept small.mp4.");
        assertThat(browser.findElement(By.id("failure-advice")).getText()).contains("another file");
        assertThat(browser.findElement(By.id("failure-details")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("#failure-more summary")).click();
        assertThat(browser.findElement(By.id("failure-details")).getText()).contains("small.mp4");
        String status = browser.findElement(By.cssSelector(".media-item .upload-status")).getText();
        assertThat(status).doesNotContain("in_progress").doesNotStartWith("processing");
        assertThat(browser.findElement(By.cssSelector(".media-item .file-name")).getText()).isEqualTo("small.mp4");
        Chromium.screenshot(browser, "publication-failed");
    }

    @Test
    void theHistoryFollowsTheQueueWithoutReloading() throws Exception {
        browser.get(app.baseUrl() + "/publications");
        browser.executeScript("document.body.dataset.loadedOnce = 'yes'");
        sandbox.faults().latency(java.time.Duration.ofSeconds(3));
        String id = Json.MAPPER.readTree(api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "appears by itself " + System.nanoTime())).body())
                .get("id").asText();
        By row = By.cssSelector("#history-rows tr[data-publication='" + id + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        sandbox.faults().clear();
        wait.until(ExpectedConditions.attributeToBe(row, "data-state", "published"));
        assertThat(browser.findElement(row).getText()).contains("published");
        assertThat(browser.executeScript("return document.body.dataset.loadedOnce")).as("no reload").isEqualTo("yes");
    }

    static JsonNode view(String id) throws Exception {
        return Json.MAPPER.readTree(api.get("/api/publications/" + id).body());
    }
}
