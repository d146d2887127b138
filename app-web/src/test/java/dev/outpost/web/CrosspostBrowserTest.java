package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxStatus;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.XSandbox;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Compose for several accounts in Chromium, with an X sandbox account and a Mastodon sandbox account: counts and
 * limits per chosen account, a text of its own for one of them, previews as each platform shows the post, the
 * thread composer (add, remove, reorder by keyboard, publish a 3-post thread to both, read back as reply chains),
 * drafts saved as one types and reopened after a reload, and editing a scheduled group.
 */
@ExtendWith(Chromium.Required.class)
class CrosspostBrowserTest {
    private static final Path FILES = Path.of("target", "browser-files");
    private static final Pattern GROUP_URL = Pattern.compile("/publications/group/([0-9a-f-]{36})$");
    private static OutpostWeb app;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static XSandbox x;
    private static MastodonSandbox mastodon;
    private static String xAccount;
    private static String mastodonAccount;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.browser();
        wait = Chromium.waitFor(browser);
        app = TestApp.start(TestApp.freshHome("crosspost-browser"), java.util.Map.of());
        x = app.sandbox().orElseThrow();
        mastodon = app.mastodonSandbox().orElseThrow();
        xAccount = Accounts.connect(new WebClient(app.baseUrl()).basic(TestApp.PASSWORD), x);
        mastodonAccount = Accounts.connectMastodon(new WebClient(app.baseUrl()).basic(TestApp.PASSWORD), app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void signIn() {
        Chromium.signIn(browser, app);
    }

    @Test
    void countsPerChosenAccountAndATextOfItsOwnForOne() {
        openCompose();
        choose(xAccount, mastodonAccount);
        String url = "https://example.com/some/page";
        String text = "word ".repeat(54) + url + " " + System.nanoTime();
        int nano = text.length() - text.lastIndexOf(' ') - 1;
        browser.findElement(By.id("text")).sendKeys(text);
        // X: 270 characters, the URL as 23, a space and the number; Mastodon the same, against 500.
        String expected = String.valueOf(270 + 23 + 1 + nano);
        wait.until(ExpectedConditions.textToBe(count(0, xAccount), expected));
        wait.until(ExpectedConditions.textToBe(count(0, mastodonAccount), expected));
        assertThat(counter(0, xAccount).getAttribute("class")).contains("over");
        assertThat(counter(0, xAccount).findElement(By.className("count-max")).getText()).isEqualTo("280");
        assertThat(counter(0, mastodonAccount).getAttribute("class")).doesNotContain("over");
        assertThat(counter(0, mastodonAccount).findElement(By.className("count-max")).getText()).isEqualTo("500");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-problem-for='text']"))).getText()).contains("X @").contains("over the limit of 280")
                .doesNotContain("Mastodon");

        browser.findElement(By.cssSelector("input.customise[data-account='" + xAccount + "']")).click();
        WebElement own = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "textarea.override-text[data-account='" + xAccount + "']")));
        assertThat(own.getAttribute("value")).isEqualTo(text);
        String shortText = "Short for X " + url + " " + System.nanoTime();
        own.clear();
        own.sendKeys(shortText);
        wait.until(ExpectedConditions.textToBe(count(0, xAccount), String.valueOf(12 + 23 + 1 + nano)));
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(counter(0, xAccount), "class", "over")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-problem-for='text']")));
        assertThat(counter(0, xAccount).getText()).contains("(own text)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pv[data-account='" + xAccount
                + "'] .pv-text"), "Short for X example.com/some/page"));
        Chromium.fullPageScreenshot(browser, "crosspost-compose-two-accounts");
        assertNoSeriousAccessibilityProblems("compose with two accounts and an own text");

        browser.findElement(By.id("publish")).click();
        Group group = publishedGroup(2);
        assertThat(group.targets()).extracting(a -> a.value()).containsExactlyInAnyOrder(xAccount, mastodonAccount);
        assertThat(x.posts()).filteredOn(p -> p.submittedText().equals(shortText)).hasSize(1);
        assertThat(x.posts()).noneMatch(p -> p.submittedText().equals(text));
        assertThat(mastodon.statuses()).filteredOn(s -> s.text().equals(text)).hasSize(1);
    }

    @Test
    void theServersProblemNamesTheAccountNothingIsSentAndUntickingItPublishesTheRest() {
        openCompose();
        choose(xAccount, mastodonAccount);
        int xPosts = x.posts().size();
        String text = "y".repeat(290) + " " + System.nanoTime();
        // Sent before the live count comes back: only the server can say what is wrong.
        browser.executeScript("const t = document.getElementById('text'); t.value = arguments[0];"
                + " t.dispatchEvent(new Event('input')); document.getElementById('publish').click();", text);
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-problem-for='text']")));
        assertThat(problem.getText()).contains("X @").contains("280");
        WebElement xRow = browser.findElement(By.cssSelector("[data-problem-for='targets[" + xAccount + "]']"));
        wait.until(ExpectedConditions.visibilityOf(xRow));
        assertThat(xRow.getText()).contains("untick");
        assertThat(box(xAccount).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("[data-problem-for='targets[" + mastodonAccount + "]']"))
                .isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).contains("/compose");
        Chromium.screenshot(browser, "crosspost-problem-names-the-account");
        assertThat(x.posts()).hasSize(xPosts);
        assertThat(mastodon.statuses()).noneMatch(s -> s.text().equals(text));

        box(xAccount).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-problem-for='text']")));
        browser.findElement(By.id("publish")).click();
        // One account, one post: the single publication's page.
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
        String id = browser.getCurrentUrl().replaceAll(".*/publications/", "");
        Awaits.published(app, id);
        assertThat(mastodon.statuses()).filteredOn(s -> s.text().equals(text)).hasSize(1);
        assertThat(x.posts()).hasSize(xPosts);
    }

    @Test
    void previewsShowLinksTheGridAltBadgesAVideoAndWhereXWouldCut() {
        openCompose();
        choose(xAccount, mastodonAccount);
        String text = "See https://www.example.com/a/very/long/path/to/a/page?with=query " + "x".repeat(300);
        WebElement field = browser.findElement(By.id("text"));
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                field, text);
        Path one = TestMedia.write(FILES, "dunes.png", TestMedia.png("Dunes", new Color(200, 170, 90)));
        Path two = TestMedia.write(FILES, "pier.png", TestMedia.png("Pier", new Color(40, 80, 120)));
        Path three = TestMedia.write(FILES, "gulls.png", TestMedia.png("Gulls", new Color(120, 120, 120)));
        browser.findElement(By.id("file-input")).sendKeys(one.toAbsolutePath() + "\n" + two.toAbsolutePath() + "\n"
                + three.toAbsolutePath());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 3));
        browser.findElement(By.id("alt-0")).sendKeys("Sand dunes at dusk");

        String xPreview = ".pv[data-account='" + xAccount + "'] ";
        String mastodonPreview = ".pv[data-account='" + mastodonAccount + "'] ";
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(xPreview + ".pv-alt"), 1));
        assertThat(browser.findElements(By.cssSelector(xPreview + ".pv-grid.pv-grid-3 .pv-cell img"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector(xPreview + ".pv-alt")).getAttribute("title"))
                .isEqualTo("Sand dunes at dusk");
        // X and Mastodon show the link without its scheme, shortened, each its own way.
        assertThat(browser.findElement(By.cssSelector(xPreview + ".pv-link")).getText())
                .isEqualTo("example.com/a/very/long…");
        assertThat(browser.findElement(By.cssSelector(mastodonPreview + ".pv-link")).getText())
                .isEqualTo("example.com/a/very/long/path/t…");
        // X: "See " (4), the URL (23), a space: 28; 252 more fit in 280, the last 48 are past the limit.
        WebElement cut = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(xPreview
                + "mark.cut")));
        String cutText = (String) browser.executeScript("const m = arguments[0].cloneNode(true);"
                + " m.querySelectorAll('.sr-only').forEach(s => s.remove()); return m.textContent;", cut);
        assertThat(cutText).isEqualTo("x".repeat(48));
        assertThat(browser.findElements(By.cssSelector(mastodonPreview + "mark.cut"))).isEmpty();

        browser.findElement(By.id("add-item")).click();
        WebElement second = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-1")));
        second.sendKeys("The clip");
        Path clip = TestMedia.write(FILES, "waves.mp4", TestMedia.mp4(64 * 1024));
        browser.findElement(By.id("file-input-1")).sendKeys(clip.toAbsolutePath().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(xPreview
                + ".pv-post[data-item='1'] .pv-grid-1 video")));
        assertThat(browser.findElement(By.cssSelector(xPreview + ".pv-post[data-item='1'] .pv-play"))).isNotNull();
        Chromium.fullPageScreenshot(browser, "crosspost-previews");
        assertNoSeriousAccessibilityProblems("compose previews");
    }

    @Test
    void aThreadIsComposedReorderedByKeyboardAndPublishedAsAChainOnBoth() {
        openCompose();
        choose(xAccount, mastodonAccount);
        long run = System.nanoTime();
        String a = "Thread " + run + " 1/3: the start";
        String b = "Thread " + run + " 2/3: the middle";
        String c = "Thread " + run + " 3/3: the end";
        browser.findElement(By.id("text")).sendKeys(a);
        browser.findElement(By.id("add-item")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-1"))).sendKeys(c);
        browser.findElement(By.id("add-item")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-2"))).sendKeys(b);
        browser.findElement(By.id("add-item")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-3"))).sendKeys("to be removed");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("text-3");

        // Keyboard only: focus "move post 3 up", press Enter; the focus follows the post.
        WebElement up = browser.findElement(By.id("move-up-2"));
        assertThat(up.getAttribute("aria-label")).isEqualTo("Move post 3 up");
        browser.executeScript("arguments[0].focus()", up);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("text-1"), "value", b));
        assertThat(browser.findElement(By.id("text-2")).getAttribute("value")).isEqualTo(c);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("move-up-1");
        browser.findElement(By.id("remove-item-3")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items li.item"), 3));
        assertThat(browser.findElement(By.id("thread-status")).getText()).contains("removed");

        String xPreview = ".pv[data-account='" + xAccount + "'] .pv-post .pv-text";
        // The previews are drawn again as each count comes back: their texts are read in one go, until they settle.
        wait.until(d -> texts(xPreview).equals(List.of(a, b, c)));
        Chromium.fullPageScreenshot(browser, "crosspost-thread-composer");
        assertNoSeriousAccessibilityProblems("thread composer");

        browser.findElement(By.id("publish")).click();
        Group group = publishedGroup(6);
        assertThat(group.isThread()).isTrue();

        List<Post> posts = new ArrayList<>();
        for (String text : List.of(a, b, c)) {
            posts.add(x.posts().stream().filter(p -> p.submittedText().equals(text)).reduce((p, q) -> {
                throw new AssertionError("published twice on X: " + text);
            }).orElseThrow());
        }
        assertThat(posts.get(1).inReplyToTweetId()).isEqualTo(posts.get(0).id());
        assertThat(posts.get(2).inReplyToTweetId()).isEqualTo(posts.get(1).id());
        List<SandboxStatus> statuses = new ArrayList<>();
        for (String text : List.of(a, b, c)) {
            List<SandboxStatus> found = mastodon.statuses().stream().filter(s -> s.text().equals(text)).toList();
            assertThat(found).as("on Mastodon: " + text).hasSize(1);
            statuses.add(found.get(0));
        }
        assertThat(statuses.get(0).inReplyToId()).isNull();
        assertThat(statuses.get(1).inReplyToId()).isEqualTo(statuses.get(0).id());
        assertThat(statuses.get(2).inReplyToId()).isEqualTo(statuses.get(1).id());
    }

    @Test
    void aContentWarningIsCountedWithTheTextAsItIsTyped() {
        openCompose();
        choose(mastodonAccount);
        browser.findElement(By.id("text")).sendKeys("t".repeat(480));
        wait.until(ExpectedConditions.textToBe(count(0, mastodonAccount), "480"));
        assertThat(counter(0, mastodonAccount).getAttribute("class")).doesNotContain("over");
        WebElement warning = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("option-content-warning")));
        warning.sendKeys("w".repeat(30));
        wait.until(ExpectedConditions.textToBe(count(0, mastodonAccount), "510"));
        assertThat(counter(0, mastodonAccount).getAttribute("class")).contains("over");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-problem-for='text']"))).getText()).contains("content warning", "510", "500");
        assertNoSeriousAccessibilityProblems("compose with a content warning over the limit");
        warning.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        wait.until(ExpectedConditions.textToBe(count(0, mastodonAccount), "480"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-problem-for='text']")));
    }

    @Test
    void aThreadPostsFileCarriesItsFocalPointAndABadOneIsShownBesideIt() {
        openCompose();
        choose(mastodonAccount);
        long run = System.nanoTime();
        String first = "Focal " + run + " 1/2";
        String second = "Focal " + run + " 2/2";
        browser.findElement(By.id("text")).sendKeys(first);
        browser.findElement(By.id("add-item")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-1"))).sendKeys(second);
        attachImage(1, "buoy.png", new Color(200, 40, 40), "A red buoy", "3", "0.5");
        browser.findElement(By.id("publish")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-problem-for='items[1].media[0].focus']"))).getText()).contains("buoy.png", "from -1 to 1");
        assertThat(browser.findElement(By.id("focus-x-1-0")).getAttribute("aria-invalid")).isEqualTo("true");
        assertNoSeriousAccessibilityProblems("a thread post's focal point refused");

        WebElement x0 = browser.findElement(By.id("focus-x-1-0"));
        x0.sendKeys(Keys.chord(Keys.CONTROL, "a"), "-0.25");
        browser.findElement(By.id("publish")).click();
        Group group = publishedGroup(2);
        Publication published = group.chain(new AccountId(mastodonAccount)).get(1)
                .publication();
        assertThat(published.draft().media()).singleElement()
                .satisfies(m -> assertThat(m.focus().text()).isEqualTo("-0.25,0.5"));
        assertThat(mastodon.media()).anySatisfy(m -> {
            assertThat(m.description()).isEqualTo("A red buoy");
            assertThat(m.focus()).isEqualTo("-0.25,0.5");
        });
    }

    @Test
    void aDraftIsSavedAsOneTypesReopenedAfterAReloadListedAndDeleted() {
        openCompose();
        choose(mastodonAccount);
        String text = "A draft " + System.nanoTime();
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.id("add-item")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-1"))).sendKeys("its second post");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft saved"));
        wait.until(ExpectedConditions.urlContains("/compose?draft="));
        String draftId = browser.getCurrentUrl().replaceAll(".*draft=", "");
        assertThat(app.core().drafts().find(draftId)).isPresent();

        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("text"), "value", text));
        assertThat(browser.findElement(By.id("text-1")).getAttribute("value")).isEqualTo("its second post");
        assertThat(box(mastodonAccount).isSelected()).isTrue();
        assertThat(box(xAccount).isSelected()).isFalse();

        browser.findElement(By.id("drafts-link")).click();
        wait.until(ExpectedConditions.urlContains("/drafts"));
        WebElement row = browser.findElement(By.cssSelector("#drafts tr[data-draft='" + draftId + "']"));
        assertThat(row.getText()).contains(text);
        Chromium.fullPageScreenshot(browser, "crosspost-drafts");
        assertNoSeriousAccessibilityProblems("drafts list");
        row.findElement(By.className("open-draft")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("text"), "value", text));

        browser.get(app.baseUrl() + "/drafts");
        browser.findElement(By.cssSelector("#drafts tr[data-draft='" + draftId + "'] .delete-draft")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Deleted the draft"));
        assertThat(browser.findElements(By.cssSelector("tr[data-draft='" + draftId + "']"))).isEmpty();
        assertThat(app.core().drafts().find(draftId)).isEmpty();
    }

    @Test
    void aScheduledGroupIsEditedTextTimeAndMediaKeptThenRefusedOnceStarted() {
        ZoneId zone = ZoneId.of(Chromium.TIME_ZONE);
        LocalDateTime first = LocalDate.now(zone).plusDays(2).atTime(9, 30);
        LocalDateTime moved = LocalDate.now(zone).plusDays(3).atTime(10, 45);
        String text = "Scheduled to edit " + System.nanoTime();
        openCompose();
        choose(xAccount, mastodonAccount);
        browser.findElement(By.id("text")).sendKeys(text);
        attachImage(0, "lantern.png", new Color(230, 160, 30), "A lantern", "0.25", "-0.5");
        setSchedule(first);
        browser.findElement(By.id("publish")).click();
        String groupId = groupIdFromUrl();
        Group before = app.core().publications().group(GroupId.of(groupId));
        assertThat(before.publications()).hasSize(2);
        Path kept = before.publications().get(0).publication().draft().media().get(0).file().path();

        browser.get(app.baseUrl() + "/compose?edit=" + groupId);
        assertThat(browser.findElement(By.id("text")).getAttribute("value")).isEqualTo(text);
        assertThat(box(xAccount).isSelected()).isTrue();
        assertThat(box(mastodonAccount).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#media-list .media-item")).getText())
                .contains("kept from the scheduled post");
        assertThat(browser.findElement(By.id("alt-0")).getAttribute("value")).isEqualTo("A lantern");
        assertThat(browser.findElement(By.id("focus-x-0")).getAttribute("value")).isEqualTo("0.25");
        assertThat(browser.findElement(By.id("focus-y-0")).getAttribute("value")).isEqualTo("-0.5");
        // The focal point may change in the edit; the x is kept as it was.
        browser.findElement(By.id("focus-y-0")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.75");
        assertThat(browser.findElement(By.id("scheduledAt")).getAttribute("value")).isEqualTo(first.toString());
        assertThat(browser.findElement(By.id("publish")).getText()).isEqualTo("Save changes");
        String edited = text + " (edited)";
        browser.findElement(By.id("text")).sendKeys(" (edited)");
        setSchedule(moved);
        Chromium.fullPageScreenshot(browser, "crosspost-edit-scheduled");
        assertNoSeriousAccessibilityProblems("editing a scheduled group");
        browser.findElement(By.id("publish")).click();
        assertThat(groupIdFromUrl()).isEqualTo(groupId);

        Group after = app.core().publications().group(GroupId.of(groupId));
        assertThat(after.publications()).hasSize(2).allSatisfy(d -> {
            Publication p = d.publication();
            assertThat(p.state()).isEqualTo(PublicationState.QUEUED);
            assertThat(p.draft().text()).isEqualTo(edited);
            assertThat(p.draft().scheduledAt()).isEqualTo(moved.atZone(zone).toInstant());
            assertThat(p.draft().media()).hasSize(1);
            assertThat(p.draft().media().get(0).file().path()).isEqualTo(kept);
            assertThat(p.draft().media().get(0).altText()).isEqualTo("A lantern");
            assertThat(p.draft().media().get(0).focus().text()).isEqualTo("0.25,0.75");
        });

        // Once any of it has started (here: one account's post cancelled), editing is refused, clearly.
        app.core().publications().cancel(after.publications().get(0).publication().id());
        browser.get(app.baseUrl() + "/compose?edit=" + groupId);
        assertThat(browser.findElement(By.id("compose-notice")).getText()).contains("can no longer be edited");
        browser.findElement(By.id("publish")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-problem"))).getText())
                .contains("already started");
        app.core().publications().group(GroupId.of(groupId)).publications().stream()
                .map(PublicationDetails::publication).filter(p -> p.state() == PublicationState.QUEUED)
                .forEach(p -> app.core().publications().cancel(p.id()));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static void openCompose() {
        browser.get(app.baseUrl() + "/compose");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
    }

    private static WebElement box(String account) {
        return browser.findElement(By.cssSelector("input.target-box[value='" + account + "']"));
    }

    /** Exactly these accounts ticked. */
    private static void choose(String... accounts) {
        for (WebElement box : browser.findElements(By.cssSelector("input.target-box"))) {
            boolean wanted = List.of(accounts).contains(box.getAttribute("value"));
            if (box.isSelected() != wanted) {
                box.click();
            }
        }
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#counts .counter"), accounts.length));
    }

    private static By count(int item, String account) {
        return By.cssSelector(".counter[data-item='" + item + "'][data-account='" + account + "'] .count");
    }

    private static WebElement counter(int item, String account) {
        return browser.findElement(By.cssSelector(".counter[data-item='" + item + "'][data-account='" + account
                + "']"));
    }

    /** The visible texts of what the selector finds, read at one moment (the page may redraw between reads). */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String css) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (e) { return e.innerText; });", css);
    }

    /** One image on post {@code item} (its first file), with its alt text and focal point typed in. */
    private static void attachImage(int item, String name, Color color, String alt, String focusX, String focusY) {
        String suffix = item == 0 ? "" : "-" + item;
        String media = item == 0 ? "0" : item + "-0";
        Path image = TestMedia.write(FILES, name, TestMedia.png(name, color));
        browser.findElement(By.id("file-input" + suffix)).sendKeys(image.toAbsolutePath().toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list" + suffix + " .media-item"),
                1));
        browser.findElement(By.id("alt-" + media)).sendKeys(alt);
        browser.findElement(By.id("focus-x-" + media)).sendKeys(focusX);
        browser.findElement(By.id("focus-y-" + media)).sendKeys(focusY);
    }

    private static void setSchedule(LocalDateTime at) {
        browser.executeScript("const f = document.getElementById('scheduledAt'); f.value = arguments[0];"
                + " f.dispatchEvent(new Event('input', {bubbles: true}));", at.toString());
    }

    private static String groupIdFromUrl() {
        wait.until(ExpectedConditions.urlMatches(GROUP_URL.pattern()));
        Matcher m = GROUP_URL.matcher(browser.getCurrentUrl());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The group the compose made, once all of its {@code size} publications are published. */
    private static Group publishedGroup(int size) {
        GroupId id = GroupId.of(groupIdFromUrl());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Group group = app.core().publications().group(id);
        while (Instant.now().isBefore(deadline)) {
            group = app.core().publications().group(id);
            if (group.publications().size() == size && group.publications().stream()
                    .allMatch(d -> d.publication().state() == PublicationState.PUBLISHED)) {
                return group;
            }
            assertThat(group.publications()).noneMatch(d -> d.publication().state() == PublicationState.FAILED);
            sleep();
        }
        throw new AssertionError("group " + id + " not published in time: " + group.publications().stream()
                .map(d -> d.publication().account() + " " + d.publication().state() + " " + d.publication().failure())
                .toList());
    }

    private static void assertNoSeriousAccessibilityProblems(String page) {
        assertThat(Axe.check(browser)).as("serious or critical accessibility problems on " + page)
                .noneMatch(Axe.Violation::seriousOrWorse);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
