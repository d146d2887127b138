package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page of the app, in Chromium: axe-core finds no serious or critical accessibility problem on any, and none
 * scrolls sideways on a 390 px wide phone. The pages are visited with content (an account, publications, a failure,
 * media, a compose form with files and problems), since empty pages hide problems.
 */
@ExtendWith(Chromium.Required.class)
class PagesBrowserTest {
    private static OutpostWeb app;
    private static OutpostWeb fresh;
    private static ChromeDriver browser;
    private static Map<String, String> pages;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.browser();
        app = TestApp.shared();
        fresh = TestApp.startWithoutPassword(TestApp.freshHome("pages-setup"));
        WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        String account = Accounts.connect(api, app.sandbox().orElseThrow());
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "A long line of text that goes on and on to see how the"
                        + " history and the publication page wrap it on a small screen, with a link"
                        + " https://example.com/a/rather/long/path/that/does/not/break/easily/at/all/really")
                .file("media[0]", "a-file-with-a-rather-long-name-for-a-phone-screen.png",
                        TestMedia.png("A", Color.BLUE)));
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        Awaits.published(app, id);
        app.sandbox().orElseThrow().faults().failWith(dev.outpost.xsandbox.Endpoint.TWEETS_CREATE, 400, 1, 1);
        String failed = Json.MAPPER.readTree(api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "refused by the platform")).body()).get("id").asText();
        PublicationLiveTest.awaitState(app, failed, dev.outpost.domain.post.PublicationState.FAILED);
        api.postMultipart("/api/publications", new WebClient.Multipart().field("account", account)
                .field("text", "Tomorrow, on its own").field("scheduledAt", java.time.Instant.now()
                        .plus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString()));
        pages = new LinkedHashMap<>();
        pages.put("compose", "/compose");
        pages.put("accounts", "/accounts");
        pages.put("history", "/publications");
        pages.put("history-filtered-empty", "/publications?state=cancelled&account=nobody:1");
        pages.put("calendar", "/calendar");
        pages.put("calendar-month", "/calendar?view=month");
        pages.put("publication", "/publications/" + id);
        pages.put("publication-failed", "/publications/" + failed);
        pages.put("disconnect", "/accounts/" + account + "/disconnect");
        pages.put("not-found", "/no/such/page");
    }

    @AfterAll
    static void stop() {
        if (fresh != null) {
            fresh.close();
        }
    }

    @Test
    void noPageScrollsSidewaysOnAPhone() {
        List<String> wide = new ArrayList<>();
        browser.manage().window().setSize(Chromium.PHONE);
        try {
            browser.manage().deleteAllCookies();
            browser.get(fresh.baseUrl() + "/setup");
            check("setup", wide);
            browser.get(app.baseUrl() + "/login");
            check("login", wide);
            Chromium.signIn(browser, app);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.get(app.baseUrl() + page.getValue());
                check(page.getKey(), wide);
            }
        } finally {
            browser.manage().window().setSize(Chromium.DESKTOP);
        }
        assertThat(wide).as("pages wider than the 390 px phone").isEmpty();
    }

    @Test
    void axeFindsNoSeriousOrCriticalProblemOnAnyPage() {
        List<String> problems = new ArrayList<>();
        browser.manage().deleteAllCookies();
        browser.get(fresh.baseUrl() + "/setup");
        axe("setup", problems);
        browser.get(app.baseUrl() + "/login");
        axe("login", problems);
        Chromium.signIn(browser, app);
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.get(app.baseUrl() + page.getValue());
            axe(page.getKey(), problems);
        }
        // Compose as it is used: two files with their alt text fields, and problems shown beside the fields.
        browser.get(app.baseUrl() + "/compose");
        java.nio.file.Path dir = java.nio.file.Path.of("target", "browser-files");
        java.nio.file.Path one = TestMedia.write(dir, "one.png", TestMedia.png("1", Color.RED));
        java.nio.file.Path bad = TestMedia.write(dir, "bad.png", TestMedia.executable());
        browser.findElement(org.openqa.selenium.By.id("file-input")).sendKeys(one.toAbsolutePath() + "\n"
                + bad.toAbsolutePath());
        browser.findElement(org.openqa.selenium.By.id("when-later")).click();
        browser.findElement(org.openqa.selenium.By.id("publish")).click();
        Chromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.cssSelector("[data-problem-for='scheduledAt']")));
        axe("compose-with-files-and-problems", problems);
        assertThat(problems).as("serious or critical accessibility problems").isEmpty();
    }

    /**
     * Compose (filled in: text, two images with alt text, a schedule), a published publication and the history, at
     * desktop and phone widths, whole pages: target/screenshots/{compose,publication,history}-{desktop,phone}.png.
     */
    @Test
    void screenshotsOfComposeAPublicationAndTheHistory() {
        Chromium.signIn(browser, app);
        java.nio.file.Path dir = java.nio.file.Path.of("target", "browser-files");
        java.nio.file.Path harbour = TestMedia.write(dir, "harbour.png", TestMedia.png("Harbour", new Color(30, 90,
                160)));
        java.nio.file.Path lighthouse = TestMedia.write(dir, "lighthouse.png", TestMedia.png("Lighthouse",
                new Color(190, 70, 40)));
        for (org.openqa.selenium.Dimension size : List.of(Chromium.DESKTOP, Chromium.PHONE)) {
            String suffix = size.equals(Chromium.DESKTOP) ? "desktop" : "phone";
            browser.manage().window().setSize(size);
            browser.get(app.baseUrl() + "/compose");
            browser.findElement(org.openqa.selenium.By.id("text")).sendKeys("Two views from the coast 🌊"
                    + " https://example.com/trip");
            browser.findElement(org.openqa.selenium.By.id("file-input")).sendKeys(harbour.toAbsolutePath() + "\n"
                    + lighthouse.toAbsolutePath());
            Chromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe(
                    org.openqa.selenium.By.cssSelector("#media-list .media-item"), 2));
            browser.findElement(org.openqa.selenium.By.id("alt-0")).sendKeys("A harbour under a blue sky");
            browser.findElement(org.openqa.selenium.By.id("alt-1")).sendKeys("A red lighthouse on the rocks");
            browser.executeScript("const f = document.getElementById('scheduledAt'); f.value = arguments[0];"
                    + " f.dispatchEvent(new Event('input', {bubbles: true}));", java.time.LocalDate.now(
                    java.time.ZoneId.of(Chromium.TIME_ZONE)).plusDays(1).atTime(9, 30).toString());
            Chromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
                    org.openqa.selenium.By.id("count"), "51"));
            Chromium.fullPageScreenshot(browser, "compose-" + suffix);
            browser.get(app.baseUrl() + pages.get("publication"));
            Chromium.waitFor(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
                    org.openqa.selenium.By.id("state"), "published"));
            Chromium.fullPageScreenshot(browser, "publication-" + suffix);
            browser.get(app.baseUrl() + "/publications");
            Chromium.fullPageScreenshot(browser, "history-" + suffix);
        }
        browser.manage().window().setSize(Chromium.DESKTOP);
        assertThat(Chromium.SCREENSHOTS.resolve("history-phone.png")).exists();
    }

    private static void axe(String name, List<String> problems) {
        for (Axe.Violation violation : Axe.check(browser)) {
            if (violation.seriousOrWorse()) {
                problems.add(name + ": " + violation);
            }
        }
    }

    private static void check(String name, List<String> wide) {
        Chromium.fullPageScreenshot(browser, "phone-" + name);
        Number width = (Number) browser.executeScript("return Math.max(document.documentElement.scrollWidth,"
                + " document.body.scrollWidth)");
        Number viewport = (Number) browser.executeScript("return document.documentElement.clientWidth");
        if (width.intValue() > viewport.intValue()) {
            wide.add(name + " is " + width + " px wide in a " + viewport + " px window");
        }
    }
}
