package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.ports.storage.AccountStore;
import java.util.List;
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
     * @param length the text's length in the limit's unit
     * @param max the limit
     * @param unit what is counted ("characters")
     */
    public record TextCount(int length, int max, String unit) {
        public boolean over() {
            return length > max;
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
        return rules(account).textLimits().stream().map(limit -> count(limit, text)).toList();
    }

    private static TextCount count(TextLimit limit, String text) {
        return new TextCount(limit.count(text), limit.max(), limit.unit());
    }

    private Account known(AccountId id) {
        return accounts.find(id).orElseThrow(() -> OutpostException.invalid("account", "no connected account " + id
                + "; see the list of accounts or connect one"));
    }
}
