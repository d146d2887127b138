package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.Publication;
import dev.outpost.ports.storage.PublicationStore;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The compose page in Chromium, as a person fills it in: schedules, files, problems beside their fields. */
@ExtendWith(Chromium.Required.class)
class ComposeBrowserTest {
    private static OutpostWeb app;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() {
        browser = Chromium.browser();
        app = TestApp.shared();
        Accounts.connect(new WebClient(app.baseUrl()).basic(TestApp.PASSWORD), app.sandbox().orElseThrow());
        wait = Chromium.waitFor(browser);
    }

    @BeforeEach
    void signIn() {
        Chromium.signIn(browser, app);
    }

    @Test
    void aHalfTypedScheduleIsRefusedAtTheFieldAndNeverPublishesNow() throws InterruptedException {
        String text = "half typed schedule " + System.nanoTime();
        browser.get(app.baseUrl() + "/compose");
        browser.findElement(By.id("text")).sendKeys(text);
        WebElement when = browser.findElement(By.id("scheduledAt"));
        // A date and an hour, no minutes: "12/04/2026, 09:-- --"
        when.click();
        when.sendKeys("12042026", Keys.TAB, "09");
        assertThat((Boolean) browser.executeScript("return arguments[0].validity.badInput", when)).isTrue();
        assertThat(browser.findElement(By.id("when-later")).isSelected()).as("the radio follows the field").isTrue();

        browser.findElement(By.id("when-now")).click();
        browser.findElement(By.id("publish")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-problem-for='scheduledAt']")));
        assertThat(problem.getText()).contains("only partly filled in");
        Thread.sleep(1500);
        // Still composing (the draft saved meanwhile may add ?draft=…), nothing published.
        assertThat(browser.getCurrentUrl()).contains("/compose").doesNotContain("/publications");
        assertThat(withText(text)).isEmpty();
    }

    @Test
    void aScheduleIsTypedAndShownInTheBrowsersZoneAndSaysWhichZone() {
        ZoneId zone = ZoneId.of(Chromium.TIME_ZONE);
        LocalDateTime tomorrow = LocalDate.now(zone).plusDays(1).atTime(9, 30);
        String text = "scheduled in New York " + System.nanoTime();
        browser.get(app.baseUrl() + "/compose");
        assertThat(browser.findElement(By.id("schedule-zone")).getText()).isEqualTo(Chromium.TIME_ZONE);
        browser.findElement(By.id("text")).sendKeys(text);
        browser.executeScript("const f = document.getElementById('scheduledAt'); f.value = arguments[0];"
                + " f.dispatchEvent(new Event('input', {bubbles: true}));", tomorrow.toString());
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));

        Publication stored = withText(text).get(0);
        assertThat(stored.draft().scheduledAt()).isEqualTo(tomorrow.atZone(zone).toInstant());
        String abbreviation = DateTimeFormatter.ofPattern("zzz", Locale.US).format(tomorrow.atZone(zone));
        assertThat(browser.findElement(By.id("scheduled")).getText()).contains("09:30").contains(abbreviation)
                .doesNotContain("UTC");
        browser.findElement(By.id("cancel")).click();
    }

    @Test
    void aLargeFileShowsHowMuchOfItHasGoneUp() throws Exception {
        java.nio.file.Path video = TestMedia.write(java.nio.file.Path.of("target", "browser-files"), "large.mp4",
                TestMedia.mp4(6 * 1024 * 1024));
        browser.get(app.baseUrl() + "/compose");
        browser.findElement(By.id("text")).sendKeys("a large file " + System.nanoTime());
        browser.findElement(By.id("file-input")).sendKeys(video.toAbsolutePath().toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 1));
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(1500);
        slow.setDownloadThroughput(100_000);
        browser.setNetworkConditions(slow);
        List<Integer> seen = new java.util.ArrayList<>();
        try {
            browser.findElement(By.id("publish")).click();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (!browser.getCurrentUrl().matches(".*/publications/[0-9a-f-]{36}$")
                    && java.time.Instant.now().isBefore(deadline)) {
                Object value = browser.executeScript("const p = document.getElementById('send-progress');"
                        + " return p && !document.getElementById('sending').hidden ? p.value : null;");
                if (value instanceof Number n) {
                    seen.add(n.intValue());
                    if (seen.size() == 3) {
                        Chromium.screenshot(browser, "compose-sending");
                    }
                }
                Thread.sleep(100);
            }
        } finally {
            browser.deleteNetworkConditions();
        }
        assertThat(seen).as("the send progress bar's values").anyMatch(v -> v > 0 && v < 100);
        // Let the upload finish here: its page would otherwise move on while the next test drives the browser.
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
    }

    @Test
    void problemsAreReadOutWithTheirFieldsAndFocusGoesToTheFirst() {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "browser-files");
        java.nio.file.Path one = TestMedia.write(dir, "harbour.png", TestMedia.png("H", java.awt.Color.BLUE));
        java.nio.file.Path two = TestMedia.write(dir, "lighthouse.png", TestMedia.png("L", java.awt.Color.RED));
        browser.get(app.baseUrl() + "/compose");
        assertThat(browser.findElement(By.id("counter")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.findElement(By.id("dropzone")).getAttribute("tabindex")).as("no Tab stop that does"
                + " nothing").isNull();
        browser.findElement(By.id("file-input")).sendKeys(one.toAbsolutePath() + "\n" + two.toAbsolutePath());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 2));
        assertThat(browser.findElements(By.cssSelector("#media-list .remove"))).extracting(e -> e.getAttribute(
                "aria-label")).containsExactly("Remove harbour.png", "Remove lighthouse.png");

        browser.findElement(By.id("when-later")).click();
        browser.findElement(By.id("text")).sendKeys("with a problem");
        browser.findElement(By.id("publish")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-problem-for='scheduledAt']")));
        WebElement field = browser.findElement(By.id("scheduledAt"));
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains(problem.getAttribute("id"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("scheduledAt");

        browser.findElement(By.id("when-now")).click();
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-problem-for='scheduledAt']")));
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
    }

    static List<Publication> withText(String text) {
        return app.core().publications().list(PublicationStore.Query.all()).stream()
                .filter(p -> p.draft().text().equals(text)).toList();
    }
}
