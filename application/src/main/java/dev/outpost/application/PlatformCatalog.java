package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.Violation;
import dev.outpost.ports.storage.AccountStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The platforms Outpost can publish to, and what posts of an account may carry there: for forms and counters. */
public final class PlatformCatalog {
    private final Platforms platforms;
    private final AccountStore accounts;

    PlatformCatalog(Platforms platforms, AccountStore accounts) {
        this.platforms = platforms;
        this.accounts = accounts;
    }

    /** A platform as people know it. */
    public record PlatformInfo(String id, String displayName) {
        public PlatformInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /**
     * A text measured against one limit of an account's platform.
     *
     * @param length the text's length in the limit's unit, with the options that count towards the same limit
     * @param max the limit
     * @param unit what is counted ("characters")
     * @param alsoCounted the labels of the options whose values were counted with the text, empty for none
     */
    public record TextCount(int length, int max, String unit, List<String> alsoCounted) {
        public TextCount {
            alsoCounted = List.copyOf(alsoCounted);
        }

        public TextCount(int length, int max, String unit) {
            this(length, max, unit, List.of());
        }

        public boolean over() {
            return length > max;
        }

        /** What the core says on submit when this count is over: the same words for a live counter. */
        public Violation.TextTooLong violation(String platformName) {
            return new Violation.TextTooLong(platformName, unit, length, max, alsoCounted);
        }
    }

    /** Every platform, in the order the plugins were found. */
    public List<PlatformInfo> platforms() {
        return platforms.all().stream().map(p -> new PlatformInfo(p.id(), p.displayName())).toList();
    }

    /** @throws OutpostException INVALID_INPUT for an unknown platform */
    public PlatformInfo platform(String id) {
        var platform = platforms.get(id);
        return new PlatformInfo(platform.id(), platform.displayName());
    }

    /** What a post of this account may carry (a server's own limits where the platform has many). */
    public PlatformRules rules(AccountId account) {
        return platforms.of(account).rules(known(account));
    }

    /** The platform's stock rules, before an account is chosen. */
    public PlatformRules defaults(String platformId) {
        return platforms.get(platformId).rulebook().defaults();
    }

    /** The text measured against each of the account's text limits, the one a counter shows first. */
    public List<TextCount> measure(AccountId account, String text) {
        return measure(account, text, Map.of());
    }

    /**
     * The text measured against each of the account's text limits, with the values of the options a limit counts
     * together with the text; the one a counter shows first.
     */
    public List<TextCount> measure(AccountId account, String text, Map<String, String> options) {
        return measure(rules(account), text, options);
    }

    /** The text and options measured against each of these rules' text limits. */
    public static List<TextCount> measure(PlatformRules rules, String text, Map<String, String> options) {
        return rules.textLimits().stream().map(limit -> new TextCount(limit.count(text, options), limit.max(),
                limit.unit(), limit.countedIn(options).stream().map(key -> rules.option(key).map(PostOption::label)
                        .orElse(key)).toList())).toList();
    }

    private Account known(AccountId id) {
        return accounts.find(id).orElseThrow(() -> OutpostException.invalid("account", "no connected account " + id
                + "; see the list of accounts or connect one"));
    }
}
