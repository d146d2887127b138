package dev.outpost.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.By;

/**
 * The one headless Chromium the browser tests share (started on first use, quit when the JVM ends), found the way a
 * newcomer's machine has it: {@code OUTPOST_CHROMIUM} / {@code OUTPOST_CHROMEDRIVER}, else {@code chromium} and
 * {@code chromedriver} on the PATH or in /usr/bin. Without them the browser tests (classes marked with
 * {@code @ExtendWith(Chromium.Required.class)}) are skipped with a message saying how to install them, except under
 * {@code CI=true}, where a missing browser is a failure.
 *
 * <p>The browser runs in New York's time zone, so any time shown in UTC (or in the server's zone) instead of the
 * browser's is caught.
 */
final class Chromium {
    static final String TIME_ZONE = "America/New_York";
    static final Dimension DESKTOP = new Dimension(1280, 1000);
    static final Dimension PHONE = new Dimension(390, 844);
    static final String INSTALL = "install Debian's Chromium and its driver (apt-get install -y chromium"
            + " chromium-driver), or point OUTPOST_CHROMIUM and OUTPOST_CHROMEDRIVER at a Chromium and its"
            + " chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ChromeDriver shared;

    private Chromium() {
    }

    /**
     * Skips a browser test class without Chromium, each test reported as skipped with the reason; under
     * {@code CI=true} the class runs, and {@link #browser()} fails it.
     */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> missing = missing();
            if (missing.isEmpty() || ci()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver are there (or CI=true)");
            }
            System.out.println("SKIPPED: " + missing.get());
            return ConditionEvaluationResult.disabled(missing.get());
        }
    }

    /** Why the browser tests cannot run here, if they cannot. */
    static Optional<String> missing() {
        Path binary = locate("OUTPOST_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        Path driver = locate("OUTPOST_CHROMEDRIVER", "chromedriver");
        if (binary != null && driver != null) {
            return Optional.empty();
        }
        return Optional.of("no " + (binary == null ? "Chromium" : "chromedriver") + " found, so the browser tests"
                + " are skipped: " + INSTALL);
    }

    private static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The shared browser, at desktop size; skips (or, under CI, fails) the calling test without Chromium. */
    static synchronized ChromeDriver browser() {
        if (shared == null) {
            Optional<String> missing = missing();
            if (missing.isPresent()) {
                if (ci()) {
                    throw new AssertionError(missing.get() + " (CI=true, so this is a failure, not a skip)");
                }
                Assumptions.abort(missing.get());
            }
            Path binary = locate("OUTPOST_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
            Path driver = locate("OUTPOST_CHROMEDRIVER", "chromedriver");
            shared = start(binary, driver);
            ChromeDriver started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit, "chromium-quit"));
        }
        shared.manage().window().setSize(DESKTOP);
        return shared;
    }

    static WebDriverWait waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    /** Signs the browser in to {@code app} (whatever session it had), landing on {@code /compose}. */
    static void signIn(ChromeDriver browser, OutpostWeb app) {
        browser.get(app.baseUrl() + "/login");
        browser.manage().deleteCookieNamed(WebSecurity.COOKIE);
        browser.get(app.baseUrl() + "/login");
        browser.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(browser).until(ExpectedConditions.urlContains("/compose"));
        Cookie cookie = browser.manage().getCookieNamed(WebSecurity.COOKIE);
        if (cookie == null) {
            throw new AssertionError("signed in without a session cookie");
        }
    }

    static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole-page screenshot: the window grows to the page's height for the picture, then shrinks back. */
    static void fullPageScreenshot(ChromeDriver browser, String name) {
        Dimension before = browser.manage().window().getSize();
        Number height = (Number) browser.executeScript("return Math.max(document.documentElement.scrollHeight,"
                + " document.body.scrollHeight)");
        int chrome = before.getHeight() - ((Number) browser.executeScript("return window.innerHeight")).intValue();
        browser.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, height.intValue() + chrome)));
        try {
            screenshot(browser, name);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    private static ChromeDriver start(Path binary, Path driver) {
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(),
                    "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--lang=en-US", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                    .withEnvironment(Map.of("TZ", TIME_ZONE)).build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executable from the variable, else by name on the PATH, else in /usr/bin. */
    private static Path locate(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? path : null;
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : names) {
            for (String dir : (pathVariable + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
