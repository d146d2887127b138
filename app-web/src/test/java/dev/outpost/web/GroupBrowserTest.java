package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.XSandbox;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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

/**
 * Groups in Chromium (New York's time zone), against the X and Mastodon sandboxes: the group page follows each
 * target's posts live, retries one target, cancels what has not gone out; the calendar's week and month (today
 * marked, previous and next, a scheduled group on its day, a click opens it); a quick reschedule, and its refusal once
 * the group has started. Each page passes axe without a serious or critical finding and fits a phone.
 */
@ExtendWith(Chromium.Required.class)
class GroupBrowserTest {
    private static final ZoneId ZONE = ZoneId.of(Chromium.TIME_ZONE);
    private static OutpostWeb app;
    private static XSandbox x;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static WebClient api;
    private static String xAccount;
    private static String mastodonAccount;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.browser();
        wait = Chromium.waitFor(browser);
        app = TestApp.start(TestApp.freshHome("group-browser"), Map.of());
        x = app.sandbox().orElseThrow();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        xAccount = Accounts.connect(api, x);
        mastodonAccount = Accounts.connectMastodon(api, app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void signIn() {
        browser.manage().window().setSize(Chromium.DESKTOP);
        Chromium.signIn(browser, app);
    }

    @AfterEach
    void clearFaults() {
        x.faults().clear();
    }

    @Test
    void theGroupPageFollowsEachTargetLiveAndRetriesOneTarget() throws Exception {
        x.faults().latency(java.time.Duration.ofSeconds(2)).failWith(Endpoint.TWEETS_CREATE, 403, 1, 1);
        String text = "Live on two platforms " + System.nanoTime();
        JsonNode group = create(Map.of("accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", text))));
        String id = group.get("id").asText();
        browser.get(app.baseUrl() + "/publications/group/" + id);
        browser.executeScript("document.body.dataset.loadedOnce = 'yes'");
        String xItem = GroupApiTest.item(group, xAccount, 0).get("id").asText();
        String mastodonItem = GroupApiTest.item(group, mastodonAccount, 0).get("id").asText();
        By xLi = By.cssSelector(".item[data-publication='" + xItem + "']");
        By mastodonLi = By.cssSelector(".item[data-publication='" + mastodonItem + "']");
        wait.until(ExpectedConditions.attributeToBe(mastodonLi, "data-state", "published"));
        wait.until(ExpectedConditions.attributeToBe(xLi, "data-state", "failed"));
        assertThat(browser.executeScript("return document.body.dataset.loadedOnce")).as("live, no reload")
                .isEqualTo("yes");
        WebElement failed = browser.findElement(xLi);
        assertThat(failed.findElement(By.cssSelector(".item-problem")).getText()).isNotBlank()
                .doesNotContain("403 Forbidden {");
        assertThat(browser.findElement(mastodonLi).findElement(By.cssSelector(".post-link")).getAttribute("href"))
                .startsWith(app.mastodonSandbox().orElseThrow().baseUrl());
        assertThat(browser.findElement(mastodonLi).findElements(By.cssSelector(".retry-form:not([hidden])")))
                .isEmpty();
        wait.until(ExpectedConditions.textToBe(By.id("group-state"), "some failed"));
        assertThat(browser.findElement(By.id("edit")).isDisplayed()).isFalse();
        Chromium.fullPageScreenshot(browser, "group-one-failed");
        assertNoSeriousAccessibilityProblem("group page");

        x.faults().clear();
        failed.findElement(By.cssSelector(".retry-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Queued again"));
        wait.until(ExpectedConditions.attributeToBe(xLi, "data-state", "published"));
        wait.until(ExpectedConditions.textToBe(By.id("group-state"), "published"));
        assertThat(browser.findElement(xLi).findElement(By.cssSelector(".post-link")).getText())
                .startsWith(x.baseUrl());
        assertThat(x.posts().stream().filter(p -> p.submittedText().equals(text))).hasSize(1);
        Chromium.fullPageScreenshot(browser, "group-retried");

        // A page left open while the group started: its reschedule is refused in plain words.
        browser.executeScript("const f = document.getElementById('reschedule-form'); f.hidden = false;"
                + " document.getElementById('reschedule-at').value = arguments[0]; f.submit();",
                LocalDate.now(ZONE).plusDays(3).atTime(10, 0).toString());
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash"))).getText())
                .contains("Not rescheduled").contains("already started");

        // The publications list shows the group as one entry, linking to its page.
        browser.get(app.baseUrl() + "/publications");
        WebElement row = browser.findElement(By.cssSelector("#history-rows tr[data-group='" + id + "']"));
        assertThat(row.getText()).contains(text.substring(0, 20)).contains("X @").contains("Mastodon @")
                .contains("published");
        assertThat(browser.findElements(By.cssSelector("#history-rows tr[data-publication='" + xItem + "']")))
                .isEmpty();
        row.findElement(By.linkText("details")).click();
        wait.until(ExpectedConditions.urlToBe(app.baseUrl() + "/publications/group/" + id));

        // A single post's page links to its group.
        browser.get(app.baseUrl() + "/publications/" + xItem);
        browser.findElement(By.cssSelector("#group-link a")).click();
        wait.until(ExpectedConditions.urlToBe(app.baseUrl() + "/publications/group/" + id));
    }

    @Test
    void aThreadShowsEachTargetsChainAndCancelAllStopsWhatHasNotGoneOut() throws Exception {
        LocalDateTime tomorrow = LocalDate.now(ZONE).plusDays(1).atTime(9, 30);
        JsonNode group = create(Map.of("accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", "First of three"), Map.of("text", "Second of three"),
                        Map.of("text", "Third of three")),
                "scheduledAt", tomorrow.toString(), "timeZone", ZONE.getId()));
        String id = group.get("id").asText();
        browser.get(app.baseUrl() + "/publications/group/" + id);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Thread of 3 posts to 2 accounts");
        assertThat(browser.findElements(By.cssSelector(".target"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector(".target ol.chain.thread > li.item"))).hasSize(6);
        assertThat(browser.findElement(By.id("group-state")).getText()).isEqualTo("scheduled");
        assertThat(browser.findElement(By.id("scheduled")).getText()).contains("9:30").contains("EST");
        WebElement edit = browser.findElement(By.id("edit"));
        assertThat(edit.isDisplayed()).isTrue();
        assertThat(edit.getAttribute("href")).endsWith("/compose?edit=" + id);
        Chromium.fullPageScreenshot(browser, "group-thread-scheduled");
        assertNoSeriousAccessibilityProblem("scheduled thread");
        assertFitsAPhone("group-thread");

        browser.findElement(By.id("cancel-group")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash"))).getText())
                .isEqualTo("Cancelled 6 posts not yet sent.");
        wait.until(ExpectedConditions.textToBe(By.id("group-state"), "cancelled"));
        assertThat(browser.findElements(By.cssSelector(".item"))).allMatch(li -> "cancelled".equals(
                li.getAttribute("data-state")));
        assertThat(browser.findElement(By.id("edit")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("cancel-group-form")).isDisplayed()).isFalse();

        browser.get(app.baseUrl() + "/publications");
        WebElement row = browser.findElement(By.cssSelector("#history-rows tr[data-group='" + id + "']"));
        assertThat(row.getText()).contains("First of three").contains("thread of 3 posts").contains("cancelled")
                .contains("0 of 6 out");
        assertThat(browser.findElements(By.cssSelector("#history-rows tr"))).noneMatch(r -> r.getText()
                .contains("Second of three"));
    }

    @Test
    void aScheduledGroupIsRescheduledFromItsPageInTheBrowsersZone() throws Exception {
        LocalDateTime at = LocalDate.now(ZONE).plusDays(2).atTime(10, 0);
        JsonNode group = create(Map.of("accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", "Move me")), "scheduledAt", at.toString(), "timeZone", ZONE.getId()));
        String id = group.get("id").asText();
        browser.get(app.baseUrl() + "/publications/group/" + id);
        assertThat(browser.findElement(By.id("reschedule-zone")).getText()).isEqualTo(ZONE.getId());
        WebElement field = browser.findElement(By.id("reschedule-at"));
        assertThat(field.getAttribute("value")).isEqualTo(at.toString());
        LocalDateTime later = LocalDate.now(ZONE).plusDays(3).atTime(16, 45);
        browser.executeScript("arguments[0].value = arguments[1];", field, later.toString());
        browser.findElement(By.id("reschedule")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash"))).getText())
                .isEqualTo("Rescheduled.");
        assertThat(browser.findElement(By.id("scheduled")).getText()).contains("4:45");
        JsonNode after = Json.MAPPER.readTree(api.get("/api/groups/" + id).body());
        assertThat(Instant.parse(after.get("scheduledAt").asText())).isEqualTo(later.atZone(ZONE).toInstant());
        assertThat(after.get("targets")).hasSize(2);
        assertThat(GroupApiTest.item(after, mastodonAccount, 0).get("text").asText()).isEqualTo("Move me");
        Chromium.screenshot(browser, "group-rescheduled");
        api.send(api.request("/api/groups/" + id + "/cancel").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void theCalendarShowsWeeksAndMonthsWithTodayAndScheduledGroupsOnTheirDay() throws Exception {
        LocalDate day = LocalDate.now(ZONE).plusDays(1);
        JsonNode group = create(Map.of("accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", "On the calendar tomorrow, with more words after")),
                "scheduledAt", day.atTime(9, 30).toString(), "timeZone", ZONE.getId()));
        String id = group.get("id").asText();
        String today = LocalDate.now(ZONE).toString();

        browser.get(app.baseUrl() + "/calendar");
        assertThat(browser.findElement(By.id("nav-calendar")).getAttribute("aria-current")).isEqualTo("page");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calendar[data-loaded]")));
        assertThat(browser.findElements(By.cssSelector(".cal-grid.week > .cal-day"))).hasSize(7);
        WebElement todayCell = browser.findElement(By.cssSelector(".cal-day.today"));
        assertThat(todayCell.getAttribute("data-date")).isEqualTo(today);
        assertThat(todayCell.getAttribute("aria-current")).isEqualTo("date");
        assertThat(browser.findElement(By.id("cal-zone")).getText()).isEqualTo(ZONE.getId());
        Chromium.screenshot(browser, "calendar-week");
        assertNoSeriousAccessibilityProblem("calendar week");

        String weekTitle = browser.findElement(By.id("cal-title")).getText();
        String thisWeek = browser.findElement(By.id("calendar")).getAttribute("data-loaded");
        browser.findElement(By.id("cal-next")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.id("calendar"), "data-loaded",
                thisWeek)));
        assertThat(browser.findElement(By.id("cal-title")).getText()).isNotEqualTo(weekTitle);
        assertThat(browser.findElements(By.cssSelector(".cal-day.today"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".cal-day")).getAttribute("data-date")).as("next Monday")
                .isEqualTo(LocalDate.parse(thisWeek.substring(0, 10)).plusDays(7).toString());
        browser.findElement(By.id("cal-prev")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("calendar"), "data-loaded", thisWeek));
        assertThat(browser.findElement(By.id("cal-title")).getText()).isEqualTo(weekTitle);
        assertThat(browser.findElements(By.cssSelector(".cal-day.today"))).hasSize(1);

        browser.findElement(By.id("view-month")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".cal-grid.month")));
        assertThat(browser.findElement(By.id("view-month")).getAttribute("aria-pressed")).isEqualTo("true");
        int days = browser.findElements(By.cssSelector(".cal-grid.month > .cal-day")).size();
        assertThat(days % 7).isZero();
        assertThat(days).isBetween(28, 42);
        assertThat(browser.findElement(By.cssSelector(".cal-day.today")).getAttribute("data-date")).isEqualTo(today);
        assertThat(browser.getCurrentUrl()).contains("view=month");
        Chromium.screenshot(browser, "calendar-month");
        assertNoSeriousAccessibilityProblem("calendar month");

        // The scheduled group on its day (the week or month that holds tomorrow), at its time in this zone.
        browser.get(app.baseUrl() + "/calendar?view=week&date=" + day);
        By entry = By.cssSelector(".cal-day[data-date='" + day + "'] a.cal-entry[href='/publications/group/" + id
                + "']");
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(entry));
        assertThat(link.getText()).contains("9:30").contains("On the calendar tomorrow").contains("X")
                .contains("Mastodon");
        browser.get(app.baseUrl() + "/calendar?view=month&date=" + day);
        wait.until(ExpectedConditions.presenceOfElementLocated(entry));
        assertFitsAPhone("calendar-month");
        browser.findElement(entry).click();
        wait.until(ExpectedConditions.urlToBe(app.baseUrl() + "/publications/group/" + id));
        api.send(api.request("/api/groups/" + id + "/cancel").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static JsonNode create(Map<String, Object> body) throws Exception {
        return GroupApiTest.created(api.postJson("/api/publications", Json.text(body)));
    }

    private static void assertNoSeriousAccessibilityProblem(String page) {
        List<String> problems = new ArrayList<>();
        for (Axe.Violation violation : Axe.check(browser)) {
            if (violation.seriousOrWorse()) {
                problems.add(page + ": " + violation);
            }
        }
        assertThat(problems).as("serious or critical accessibility problems").isEmpty();
    }

    private static void assertFitsAPhone(String name) {
        browser.manage().window().setSize(Chromium.PHONE);
        try {
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
            Chromium.fullPageScreenshot(browser, "phone-" + name);
            Number width = (Number) browser.executeScript("return Math.max(document.documentElement.scrollWidth,"
                    + " document.body.scrollWidth)");
            Number viewport = (Number) browser.executeScript("return document.documentElement.clientWidth");
            assertThat(width.intValue()).as(name + " on a phone").isLessThanOrEqualTo(viewport.intValue());
        } finally {
            browser.manage().window().setSize(Chromium.DESKTOP);
        }
    }
}
