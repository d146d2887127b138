package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.Violation;
import dev.outpost.ports.storage.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a compose for every target and item at once: each file inspected once, each target's drafts validated
 * against its platform's rules, every problem named the way people know the target. Stores and sends nothing.
 */
final class ComposeCheck {

    /**
     * What a check found.
     *
     * @param problems every problem; empty when the compose may be submitted
     * @param drafts per target in the user's order, its drafts in thread order (only complete when no problem)
     */
    record Result(List<GroupProblem> problems, Map<AccountId, List<Draft>> drafts) {
    }

    private final Platforms platforms;
    private final AccountStore accounts;
    private final MediaInspector inspector;
    private final Clock clock;

    ComposeCheck(Platforms platforms, AccountStore accounts, MediaInspector inspector, Clock clock) {
        this.platforms = platforms;
        this.accounts = accounts;
        this.inspector = inspector;
        this.clock = clock;
    }

    Result check(ComposeInput input) {
        Instant now = clock.instant();
        List<GroupProblem> problems = new ArrayList<>();
        if (input.targets().isEmpty()) {
            problems.add(whole("targets", "choose at least one account to publish to"));
        }
        if (input.items().isEmpty()) {
            problems.add(whole("items", "write at least one post"));
        }
        if (input.scheduledAt() != null && input.scheduledAt().isBefore(now)) {
            problems.add(whole("scheduledAt", new Violation.ScheduleInPast(input.scheduledAt(), now).message()));
        }
        Map<AccountId, Known> targets = targets(input, problems);
        Set<String> declared = new HashSet<>();
        targets.values().forEach(t -> input.options().keySet().stream().filter(k -> t.rules.option(k).isPresent())
                .forEach(declared::add));
        input.options().keySet().stream().filter(k -> !declared.contains(k)).sorted().forEach(k -> problems.add(
                whole("options." + k, "no chosen account's platform has the option '" + k + "'")));
        List<InspectedMedia> items = inspect(input, problems);
        Map<AccountId, List<Draft>> drafts = new LinkedHashMap<>();
        boolean thread = input.items().size() > 1;
        for (ComposeInput.Target target : input.targets()) {
            Known known = targets.get(target.account());
            if (known == null) {
                continue;
            }
            Map<String, String> options = new HashMap<>();
            input.options().forEach((k, v) -> {
                if (known.rules.option(k).isPresent()) {
                    options.put(k, v);
                }
            });
            List<Draft> chain = new ArrayList<>();
            for (int i = 0; i < input.items().size(); i++) {
                InspectedMedia item = items.get(i);
                Draft draft = new Draft(target.textOf(i, input.items().get(i)), item.attachments(),
                        i == 0 ? input.replyTo() : null, input.scheduledAt(), options);
                chain.add(draft);
                for (Violation v : known.platform.validator(known.account).validate(draft, now)) {
                    // Said once for the whole compose, or once for the first post.
                    if (v instanceof Violation.ScheduleInPast || (v instanceof Violation.InvalidOption && i > 0)) {
                        continue;
                    }
                    String field = item.renumber(v.field());
                    String message = known.name(thread ? i : -1) + ": " + unprefixed(v.message(), known.rules);
                    problems.add(new GroupProblem(target.account(), known.accountName(), known.platformName(),
                            i, field, message));
                }
            }
            drafts.put(target.account(), chain);
        }
        return new Result(List.copyOf(problems), drafts);
    }

    /** The chosen accounts that exist and may publish; a problem for each other one. */
    private Map<AccountId, Known> targets(ComposeInput input, List<GroupProblem> problems) {
        Map<AccountId, Known> out = new LinkedHashMap<>();
        Set<AccountId> seen = new HashSet<>();
        for (ComposeInput.Target target : input.targets()) {
            AccountId id = target.account();
            if (!seen.add(id)) {
                problems.add(whole("targets", "the account " + id + " is chosen twice; choose each account once"));
                continue;
            }
            Account account = accounts.find(id).orElse(null);
            if (account == null) {
                problems.add(new GroupProblem(id, null, null, -1, "account", "no connected account " + id
                        + "; see the list of accounts or connect one"));
                continue;
            }
            Platforms.Platform platform = platforms.of(id);
            Known known = new Known(account, platform, platform.rules(account));
            if (account.status() == AccountStatus.NEEDS_RECONNECT) {
                problems.add(new GroupProblem(id, known.accountName(), known.platformName(), -1, "account",
                        known.name(-1) + ": the account must be connected again before it can publish"));
                continue;
            }
            target.textFor().keySet().stream().filter(i -> i < 0 || i >= input.items().size()).sorted()
                    .forEach(i -> problems.add(new GroupProblem(id, known.accountName(), known.platformName(), -1,
                            "textFor[" + i + "]", known.name(-1) + ": there is no post " + (i + 1)
                                    + " to replace the text of")));
            out.put(id, known);
        }
        return out;
    }

    /** Every item's files, inspected once for all targets. */
    private List<InspectedMedia> inspect(ComposeInput input, List<GroupProblem> problems) {
        boolean thread = input.items().size() > 1;
        List<InspectedMedia> out = new ArrayList<>();
        for (int i = 0; i < input.items().size(); i++) {
            int item = i;
            InspectedMedia media = InspectedMedia.of(input.items().get(i).media(), inspector);
            media.problems().forEach(p -> problems.add(new GroupProblem(null, null, null, item, p.field(),
                    (thread ? "post " + (item + 1) + ": " : "") + p.message())));
            out.add(media);
        }
        return out;
    }

    private static GroupProblem whole(String field, String message) {
        return new GroupProblem(null, null, null, -1, field, message);
    }


    /** The rule's message without its own "Platform: " lead, which the target's name replaces. */
    private static String unprefixed(String message, PlatformRules rules) {
        String lead = rules.platformName() + ": ";
        return message.startsWith(lead) ? message.substring(lead.length()) : message;
    }

    private record Known(Account account, Platforms.Platform platform, PlatformRules rules) {
        String accountName() {
            return "@" + account.handle();
        }

        String platformName() {
            return platform.displayName();
        }

        /** "<platform name> @handle", and ", post 2" for item 1 of a thread. */
        String name(int item) {
            return platformName() + " " + accountName() + (item < 0 ? "" : ", post " + (item + 1));
        }
    }
}
