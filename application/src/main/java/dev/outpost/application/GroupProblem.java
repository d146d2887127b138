package dev.outpost.application;

import dev.outpost.domain.account.AccountId;
import java.util.Objects;

/**
 * One thing wrong with a compose, for one target and one item.
 *
 * @param account the target's account; null for a problem of the whole compose, or of a file (the same for every
 *     target)
 * @param accountName the account as people know it ({@code @alice}); null with account
 * @param platformName the platform's name as its plugin gives it; null with account
 * @param item the post's index in the thread; -1 for a problem of the whole compose (no target, duplicate target,
 *     schedule, options)
 * @param field the item-level field ({@code text}, {@code media[1]}, {@code media[0].alt}), or the compose's field
 *     ({@code targets}, {@code scheduledAt}, {@code options.KEY}) when item is -1
 * @param message names the target as people know it: "<platform name> @handle: 312 of 300 characters", and in a
 *     thread "<platform name> @handle, post 2: …"
 */
public record GroupProblem(AccountId account, String accountName, String platformName, int item, String field,
        String message) {
    public GroupProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (item < -1) {
            throw new IllegalArgumentException("item must be -1 or an index");
        }
    }

    /**
     * The field as an API names it: {@code targets[<account id>].items[<i>].<field>}; {@code items[<i>].<field>} for
     * a file's problem (files are inspected once for every target); the compose's field otherwise.
     */
    public String path() {
        if (account == null) {
            return item < 0 ? field : "items[" + item + "]." + field;
        }
        return "targets[" + account.value() + "]" + (item < 0 ? "" : ".items[" + item + "]") + "." + field;
    }

    public Problem toProblem() {
        return new Problem(path(), message);
    }
}
