package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.XSandbox;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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

/**
 * The compose page in Chromium, as a person fills it in: schedules, files, problems beside their fields, and files
 * kept in drafts: they go up as soon as they are attached, the draft names them with their alt text and focal point,
 * reopening the draft shows them, and publishing from it posts them (sent once); a file the server refuses says so on
 * its card and stays out of the draft.
 */
@ExtendWith(Chromium.Required.class)
class ComposeBrowserTest {
    private static final Path FILES = Path.of("target", "browser-files");
    private static OutpostWeb app;
    private static XSandbox sandbox;
    private static String account;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() {
        browser = Chromium.browser();
        app = TestApp.shared();
        sandbox = app.sandbox().orElseThrow();
        account = Accounts.connect(new WebClient(app.baseUrl()).basic(TestApp.PASSWORD), sandbox);
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
        // Slow before attaching: the file goes up as soon as it is attached, its card showing how far.
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(1500);
        slow.setDownloadThroughput(100_000);
        browser.setNetworkConditions(slow);
        List<Integer> seen = new java.util.ArrayList<>();
        try {
            browser.findElement(By.id("file-input")).sendKeys(video.toAbsolutePath().toString());
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 1));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("attach-status-0-0"), "Uploading"));
            assertThat(browser.findElement(By.cssSelector("#media-list .attach-progress")).isDisplayed()).isTrue();
            // Publishing while it goes up waits for it, and the send bar follows it.
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

    @Test
    void anImageWithAltTextIsKeptInTheDraftReopenedAndPublishedFromIt() {
        String text = "A draft with a picture " + System.nanoTime();
        String alt = "A green field under a grey sky";
        Path image = TestMedia.write(FILES, "field.png", TestMedia.png("Field", new Color(40, 140, 60)));
        browser.get(app.baseUrl() + "/compose");
        chooseOnly(account);
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.id("file-input")).sendKeys(image.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("attach-status-0-0"), "Uploaded"));
        browser.findElement(By.id("alt-0")).sendKeys(alt);
        browser.findElement(By.id("focus-x-0")).sendKeys("0.5");
        browser.findElement(By.id("focus-y-0")).sendKeys("-0.25");
        wait.until(ExpectedConditions.urlContains("/compose?draft="));
        String draftId = browser.getCurrentUrl().replaceAll(".*draft=", "");
        String upload = waitForDraftNaming(draftId, alt);
        Path stored = app.dataDirectory().resolve("uploads").resolve(upload);
        assertThat(stored).exists();
        assertThat(browser.findElement(By.id("draft-status")).getText()).contains("Draft saved")
                .doesNotContain("not kept");
        Chromium.screenshot(browser, "draft-files-attached");

        browser.get(app.baseUrl() + "/compose?draft=" + draftId);
        wait.until(ExpectedConditions.attributeToBe(By.id("text"), "value", text));
        List<WebElement> cards = browser.findElements(By.cssSelector("#media-list .media-item"));
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).getText()).contains("field.png");
        assertThat(browser.findElement(By.id("alt-0")).getAttribute("value")).isEqualTo(alt);
        assertThat(browser.findElement(By.id("focus-x-0")).getAttribute("value")).isEqualTo("0.5");
        assertThat(browser.findElement(By.id("focus-y-0")).getAttribute("value")).isEqualTo("-0.25");
        WebElement preview = cards.get(0).findElement(By.cssSelector("img.preview"));
        assertThat(preview.getAttribute("src")).endsWith("/media/" + upload);
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].naturalWidth", preview)).intValue() > 0);
        Chromium.screenshot(browser, "draft-files-reopened");

        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
        Publication published = published(text);
        assertThat(published.draft().media()).singleElement().satisfies(m -> {
            assertThat(m.file().path()).as("the uploaded file, not a second copy").isEqualTo(stored);
            assertThat(m.altText()).isEqualTo(alt);
            assertThat(m.focus().text()).isEqualTo("0.5,-0.25");
        });
        Post post = sandbox.posts().stream().filter(p -> p.submittedText().equals(text)).findFirst().orElseThrow();
        assertThat(post.mediaIds()).hasSize(1);
        assertThat(sandbox.state().media().stream().filter(m -> post.mediaIds().contains(m.id()))
                .map(MediaView::altText)).containsExactly(alt);
        wait.until(d -> app.core().drafts().find(draftId).isEmpty());
        assertThat(stored).as("its publication names it").exists();
    }

    @Test
    void aRefusedFileSaysWhyOnItsCardAndIsNotKeptInTheDraft() throws Exception {
        String text = "A draft with a renamed program " + System.nanoTime();
        Path renamed = TestMedia.write(FILES, "holiday.png", TestMedia.executable());
        browser.get(app.baseUrl() + "/compose");
        chooseOnly(account);
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.id("file-input")).sendKeys(renamed.toAbsolutePath().toString());
        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attach-status-0-0")));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Refused"));
        assertThat(status.getText()).contains("holiday.png").contains("not a supported image or video")
                .contains("not kept in the draft");
        wait.until(ExpectedConditions.urlContains("/compose?draft="));
        String draftId = browser.getCurrentUrl().replaceAll(".*draft=", "");
        wait.until(d -> app.core().drafts().find(draftId).map(s -> s.content().contains(text)).orElse(false));
        assertThat(app.core().drafts().find(draftId).orElseThrow().content()).doesNotContain("holiday.png");
        Chromium.screenshot(browser, "draft-files-refused");

        browser.findElement(By.id("publish")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-problem-for='media[0]']"))).getText()).contains("holiday.png");
        assertThat(browser.getCurrentUrl()).doesNotContain("/publications");
        try (var listed = Files.list(app.dataDirectory().resolve("uploads"))) {
            assertThat(listed.filter(p -> p.getFileName().toString().endsWith(".name")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("nothing of it stored").doesNotContain("holiday.png");
        }
        browser.findElement(By.cssSelector("#media-list .remove")).click();
    }

    /** Waits until the saved draft has the file with this alt text; @return the upload id the draft names it by. */
    private static String waitForDraftNaming(String draftId, String alt) {
        wait.until(d -> app.core().drafts().find(draftId).map(s -> s.content().contains(alt)).orElse(false));
        String content = app.core().drafts().find(draftId).orElseThrow().content();
        Set<String> named = UnusedUploads.namedBy(content);
        assertThat(named).hasSize(1);
        return named.iterator().next();
    }

    private static void chooseOnly(String wanted) {
        for (WebElement box : browser.findElements(By.cssSelector("input.target-box"))) {
            if (box.isSelected() != box.getAttribute("value").equals(wanted)) {
                box.click();
            }
        }
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#counts .counter"), 1));
    }

    private static Publication published(String text) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Optional<Publication> found = withText(text).stream().findFirst();
            if (found.isPresent() && found.get().state() == PublicationState.PUBLISHED) {
                return found.get();
            }
            assertThat(found.map(Publication::state)).isNotEqualTo(Optional.of(PublicationState.FAILED));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no published publication with the text " + text);
    }

    static List<Publication> withText(String text) {
        return app.core().publications().list(PublicationStore.Query.all()).stream()
                .filter(p -> p.draft().text().equals(text)).toList();
    }
}
