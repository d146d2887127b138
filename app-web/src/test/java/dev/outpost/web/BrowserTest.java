package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.XSandbox;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real headless Chromium, one browser for the whole class, in the order a person would go: sign
 * in, connect an account through the sandbox's consent page, publish two images with alt text, a video, and get a
 * validation error beside its field. A screenshot of each page lands in target/screenshots/.
 */
@ExtendWith(Chromium.Required.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    private static final Path FILES = Path.of("target", "browser-files");
    private static OutpostWeb app;
    private static XSandbox sandbox;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() {
        browser = Chromium.browser();
        app = TestApp.shared();
        sandbox = app.sandbox().orElseThrow();
        wait = Chromium.waitFor(browser);
        browser.manage().deleteAllCookies();
    }

    @Test
    @Order(1)
    void signIn() {
        browser.get(app.baseUrl() + "/compose");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElement(By.id("sandbox-banner")).getText()).contains("Sandbox mode")
                .contains("OUTPOST_X_CLIENT_ID");
        screenshot("01-sign-in");
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.id("sign-in")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-problem"))).getText())
                .contains("not the admin password");
        browser.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/compose"));
        assertThat(browser.findElement(By.id("nav-compose")).getAttribute("class")).contains("active");
    }

    @Test
    @Order(2)
    void connectAnAccountThroughTheConsentPage() {
        sandbox.setAutoApprove(false);
        browser.get(app.baseUrl() + "/accounts");
        screenshot("02-accounts-empty");
        browser.findElement(By.id("connect-x")).click();
        WebElement authorize = wait.until(ExpectedConditions.elementToBeClickable(By.id("authorize")));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.authorizeUrl());
        screenshot("03-sandbox-consent");
        authorize.click();
        wait.until(ExpectedConditions.urlToBe(app.baseUrl() + "/accounts"));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("Connected @"
                + sandbox.defaultUser().username());
        assertThat(browser.findElement(By.cssSelector("#accounts .account-status")).getText()).isEqualTo("connected");
        assertThat(browser.getPageSource()).doesNotContain("code=").doesNotContain("state=");
        screenshot("04-accounts-connected");
    }

    @Test
    @Order(3)
    void publishTwoImagesWithAltTextAndSeeThemInHistory() {
        Path first = TestMedia.write(FILES, "harbour.png", TestMedia.png("Harbour", new Color(30, 90, 160)));
        Path second = TestMedia.write(FILES, "lighthouse.png", TestMedia.png("Lighthouse", new Color(190, 70, 40)));
        String text = "Two views from the coast 🌊 https://example.com/trip";
        browser.get(app.baseUrl() + "/compose");
        browser.findElement(By.id("text")).sendKeys(text);
        // X's weighting: 24 characters, a space, the emoji (2), a space, the URL (23)
        wait.until(ExpectedConditions.textToBe(By.id("count"), "51"));
        browser.findElement(By.id("file-input")).sendKeys(first.toAbsolutePath() + "\n" + second.toAbsolutePath());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 2));
        browser.findElement(By.id("alt-0")).sendKeys("A harbour under a blue sky");
        browser.findElement(By.id("alt-1")).sendKeys("A red lighthouse on the rocks");
        // A focal point for the first file only: kept with the publication (X itself ignores it).
        browser.findElement(By.id("focus-x-0")).sendKeys("0.25");
        browser.findElement(By.id("focus-y-0")).sendKeys("-0.5");
        screenshot("05-compose-two-images");
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
        wait.until(ExpectedConditions.textToBe(By.id("state"), "published"));
        WebElement link = browser.findElement(By.id("post-link"));
        assertThat(link.getText()).isNotBlank();
        screenshot("06-publication-published");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Focal point: 0.25,-0.5")
                .containsOnlyOnce("Focal point:");

        Post post = sandbox.posts().stream().filter(p -> p.submittedText().equals(text)).findFirst().orElseThrow();
        assertThat(post.mediaIds()).hasSize(2);
        List<String> alts = sandbox.state().media().stream().filter(m -> post.mediaIds().contains(m.id()))
                .map(MediaView::altText).toList();
        assertThat(alts).containsExactlyInAnyOrder("A harbour under a blue sky", "A red lighthouse on the rocks");
        assertThat(link.getText()).contains(post.id());
        // In sandbox mode the link opens the sandbox's page of that post, not x.com.
        assertThat(link.getAttribute("href")).isEqualTo(sandbox.baseUrl() + "/i/web/status/" + post.id());

        browser.findElement(By.id("nav-publications")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history tbody tr")));
        assertThat(row.getText()).contains("Two views from the coast").contains("published");
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("failed");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.urlContains("state=failed"));
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).noneMatch(r -> r.getText()
                .contains("Two views from the coast"));
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("published");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.urlContains("state=published"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("Two views from the coast");
        screenshot("07-history");
    }

    @Test
    @Order(4)
    void publishAVideoAndWatchItProcess() {
        Path video = TestMedia.write(FILES, "clip.mp4", TestMedia.mp4(9 * 1024 * 1024 + 12345));
        browser.get(app.baseUrl() + "/compose");
        browser.findElement(By.id("text")).sendKeys("A short clip");
        browser.findElement(By.id("file-input")).sendKeys(video.toAbsolutePath().toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#media-list .media-item"), 1));
        screenshot("08-compose-video");
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".media-item[data-processed]")));
        wait.until(ExpectedConditions.textMatches(By.cssSelector(".media-item .upload-status"),
                java.util.regex.Pattern.compile("processing|uploaded")));
        screenshot("09-video-processing");
        assertThat(item.getAttribute("data-processed")).matches("-?\\d+");
        wait.until(ExpectedConditions.textToBe(By.id("state"), "published"));
        assertThat(browser.findElement(By.cssSelector(".media-item progress")).getAttribute("value")).isEqualTo("100");
        screenshot("10-video-published");
        Post post = sandbox.posts().stream().filter(p -> p.submittedText().equals("A short clip")).findFirst()
                .orElseThrow();
        MediaView media = sandbox.state().media().stream().filter(m -> m.id().equals(post.mediaIds().get(0)))
                .findFirst().orElseThrow();
        assertThat(media.segments()).hasSizeGreaterThan(1);
        assertThat(media.processingState()).isEqualTo("succeeded");
    }

    @Test
    @Order(5)
    void validationProblemsAppearBesideTheirFields() {
        Path renamed = TestMedia.write(FILES, "photo.png", TestMedia.executable());
        int before = sandbox.posts().size();
        browser.get(app.baseUrl() + "/compose");
        browser.findElement(By.id("text")).sendKeys("Look at this");
        browser.findElement(By.id("file-input")).sendKeys(renamed.toAbsolutePath().toString());
        browser.findElement(By.id("publish")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-problem-for='media[0]']")));
        assertThat(problem.getText()).contains("photo.png").contains("not a supported image or video");
        // Still composing (the draft saved meanwhile may add ?draft=…), nothing published.
        assertThat(browser.getCurrentUrl()).contains("/compose").doesNotContain("/publications");
        screenshot("11-validation-renamed-executable");

        browser.findElement(By.cssSelector("#media-list .remove")).click();
        browser.findElement(By.id("text")).sendKeys(" " + "y".repeat(290));
        wait.until(ExpectedConditions.attributeContains(By.cssSelector(".counter"), "class", "over"));
        browser.findElement(By.id("when-later")).click();
        browser.findElement(By.id("publish")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-problem-for='text']")))
                .getText()).contains("over the limit of 280");
        assertThat(browser.findElement(By.cssSelector("[data-problem-for='scheduledAt']")).getText())
                .contains("pick the time");
        screenshot("12-validation-text-and-schedule");
        assertThat(sandbox.posts()).hasSize(before);
    }

    @Test
    @Order(6)
    void composeFollowsTheChosenAccountsRules() {
        try (OutpostWeb twoPlatforms = TestApp.start(TestApp.freshHome("browser-two-platforms"), java.util.Map.of())) {
            String base = twoPlatforms.baseUrl().toString();
            Accounts.connect(new WebClient(twoPlatforms.baseUrl()).basic(TestApp.PASSWORD),
                    twoPlatforms.sandbox().orElseThrow());
            browser.get(base + "/login");
            browser.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.urlContains("/compose"));

            // A platform whose sign-in is a form: its fields, the secret one a password input, connect at once.
            browser.get(base + "/accounts");
            WebElement secret = browser.findElement(By.id("field-demo-app-password-app-password"));
            assertThat(secret.getAttribute("type")).isEqualTo("password");
            browser.findElement(By.id("field-demo-app-password-server")).sendKeys("demo.example");
            browser.findElement(By.id("field-demo-app-password-handle")).sendKeys("frank");
            secret.sendKeys(DemoPlatform.APP_PASSWORD);
            screenshot("13-accounts-sign-in-form");
            browser.findElement(By.id("connect-demo")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Connected @frank"));
            assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).hasSize(2);

            browser.get(base + "/compose");
            String demo = "demo:demo.example:frank";
            String xAccount = "x:" + twoPlatforms.sandbox().orElseThrow().defaultUser().id();
            assertThat(browser.findElements(By.cssSelector("input.target-box:checked")))
                    .extracting(e -> e.getAttribute("value")).as("the first connected account, ticked")
                    .containsExactly(demo);
            assertThat(browser.findElement(By.id("count-max")).getText()).isEqualTo("500");
            assertThat(browser.findElement(By.id("media-summary")).getText()).isEqualTo("up to 2 images");
            assertThat(browser.findElement(By.id("file-input")).getAttribute("accept"))
                    .isEqualTo("image/jpeg,image/png");
            assertThat(browser.findElements(By.id("option-visibility"))).hasSize(1);
            browser.findElement(By.id("text")).sendKeys("y".repeat(300));
            wait.until(ExpectedConditions.textToBe(By.id("count"), "300"));
            assertThat(browser.findElement(By.cssSelector(".counter")).getAttribute("class")).doesNotContain("over");

            // Only the X account now: its limits, its media, no demo options.
            browser.findElement(By.cssSelector("input.target-box[value='" + xAccount + "']")).click();
            browser.findElement(By.cssSelector("input.target-box[value='" + demo + "']")).click();
            wait.until(ExpectedConditions.textToBe(By.id("count-max"), "280"));
            wait.until(ExpectedConditions.attributeContains(By.cssSelector(".counter"), "class", "over"));
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "[data-problem-for='text']"))).getText()).contains("over the limit of 280");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.id("option-visibility"), 0));
            assertThat(browser.findElement(By.id("media-summary")).getText()).contains("4 images").contains("video");
            screenshot("14-compose-x-account-over");

            browser.findElement(By.cssSelector("input.target-box[value='" + demo + "']")).click();
            browser.findElement(By.cssSelector("input.target-box[value='" + xAccount + "']")).click();
            wait.until(ExpectedConditions.textToBe(By.id("count-max"), "500"));
            wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(By.cssSelector(".counter"),
                    "class", "over")));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-problem-for='text']")));
            new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("option-visibility"))))
                    .selectByValue("unlisted");
            browser.findElement(By.id("option-warning")).sendKeys("long post");
            screenshot("15-compose-demo-account-options");
            browser.findElement(By.id("publish")).click();
            wait.until(ExpectedConditions.urlMatches("/publications/[0-9a-f-]{36}$"));
            wait.until(ExpectedConditions.textToBe(By.id("state"), "published"));
            screenshot("16-demo-published");
            DemoPlatform.DemoPost post = DemoPlatform.POSTS.stream().filter(p -> p.text().equals("y".repeat(300)))
                    .findFirst().orElseThrow();
            assertThat(post.options()).isEqualTo(java.util.Map.of("visibility", "unlisted", "warning", "long post"));
        }
    }

    private static void screenshot(String name) {
        Chromium.screenshot(browser, name);
    }
}
