package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a group's JSON: its shape's problems named by field, per-account texts in their three forms. */
class GroupRequestTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-10T12:00:00Z"), ZoneOffset.UTC);
    private final UploadStore uploads = new UploadStore(TestApp.freshHome("group-request").resolve("uploads"));

    @Test
    void textForTakesAStringAListOrAnObjectByIndex() {
        GroupRequest request = GroupRequest.read(Map.of(
                "accounts", List.of("x:1", "mastodon:m:2", "demo:d:3"),
                "items", List.of(Map.of("text", "one"), Map.of("text", "two"), Map.of("text", "three")),
                "textFor", Map.of("x:1", "short one", "mastodon:m:2", Arrays.asList(null, "deux"),
                        "demo:d:3", Map.of("2", "drei")),
                "scheduledAt", "2030-01-11T09:30", "timeZone", "Europe/Paris"), uploads, CLOCK);
        assertThat(request.problems()).isEmpty();
        ComposeInput input = request.input();
        assertThat(input.items()).extracting(ComposeInput.Item::text).containsExactly("one", "two", "three");
        assertThat(input.targets()).extracting(ComposeInput.Target::account).containsExactly(new AccountId("x:1"),
                new AccountId("mastodon:m:2"), new AccountId("demo:d:3"));
        assertThat(input.targets().get(0).textFor()).isEqualTo(Map.of(0, "short one"));
        assertThat(input.targets().get(1).textFor()).isEqualTo(Map.of(1, "deux"));
        assertThat(input.targets().get(2).textFor()).isEqualTo(Map.of(2, "drei"));
        assertThat(input.scheduledAt()).isEqualTo(Instant.parse("2030-01-11T08:30:00Z"));
    }

    @Test
    void everyProblemOfTheShapeIsNamedByItsField() {
        GroupRequest request = GroupRequest.read(Map.of(
                "accounts", List.of("x:1", 7),
                "items", List.of(Map.of("text", "fine", "media", List.of(Map.of("upload", "../etc/passwd"),
                        "not a file")), "not a post"),
                "textFor", Map.of("mastodon:m:2", "who?"),
                "scheduledAt", "2020-01-01T00:00:00Z",
                "options", "loud"), uploads, CLOCK);
        assertThat(request.problems()).extracting(Problem::field).containsExactlyInAnyOrder("accounts[1]",
                "items[0].media[0].upload", "items[0].media[1]", "items[1]", "textFor.mastodon:m:2",
                "scheduledAt", "options");
        assertThat(request.problems()).filteredOn(p -> p.field().equals("scheduledAt"))
                .allMatch(p -> p.message().contains("has passed"));
    }

    @Test
    void theComposePagesTargetsShapeIsReadToo() {
        GroupRequest request = GroupRequest.read(Map.of(
                "targets", List.of("x:1", Map.of("account", "mastodon:m:2", "textFor", Map.of("1", "deux"))),
                "items", List.of(Map.of("text", "one"), Map.of("text", "two")), "edit", "g-1"), uploads, CLOCK);
        assertThat(request.problems()).isEmpty();
        assertThat(request.input().targets()).extracting(ComposeInput.Target::account)
                .containsExactly(new AccountId("x:1"), new AccountId("mastodon:m:2"));
        assertThat(request.input().targets().get(1).textFor()).isEqualTo(Map.of(1, "deux"));
        assertThat(GroupRequest.edit(Map.of("edit", " g-1 "))).isEqualTo("g-1");
    }

    @Test
    void noAccountsOrNoItemsLeaveNothingToSubmit() {
        GroupRequest request = GroupRequest.read(Map.of("accounts", List.of(), "items", List.of()), uploads, CLOCK);
        assertThat(request.input()).isNull();
        assertThat(request.problems()).extracting(Problem::field).containsExactly("accounts", "items");
        assertThat(GroupRequest.isGroup(Map.of("account", "x:1", "text", "one account"))).isFalse();
        assertThat(GroupRequest.isGroup(Map.of("accounts", List.of("x:1")))).isTrue();
    }
}
