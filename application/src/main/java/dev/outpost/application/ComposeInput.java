package dev.outpost.application;

import dev.outpost.domain.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one compose action asks for, before its files are inspected: one or more posts (a thread when more than one)
 * to one or more accounts (a cross-post when more than one).
 *
 * @param targets the accounts, in the order the user chose them
 * @param items the posts, in thread order; one for a single post
 * @param replyTo what item 0 answers (a post's id or link), or null; later items answer the previous item
 * @param scheduledAt when to publish, or null for now
 * @param options per-platform options by key; each goes to the targets whose platform declares it
 */
public record ComposeInput(List<Target> targets, List<Item> items, String replyTo, Instant scheduledAt,
        Map<String, String> options) {
    public ComposeInput {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        options = options == null ? Map.of() : options.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null && !e.getValue().isBlank())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().strip()));
    }

    /** One post to several accounts. */
    public static ComposeInput crossPost(List<AccountId> accounts, Item item, Instant scheduledAt) {
        return new ComposeInput(accounts.stream().map(Target::of).toList(), List.of(item), null, scheduledAt,
                Map.of());
    }

    /** A thread to several accounts. */
    public static ComposeInput thread(List<AccountId> accounts, List<Item> items, Instant scheduledAt) {
        return new ComposeInput(accounts.stream().map(Target::of).toList(), items, null, scheduledAt, Map.of());
    }

    /**
     * One account chosen.
     *
     * @param textFor per item index, the text that replaces the item's text for this account; empty for none
     */
    public record Target(AccountId account, Map<Integer, String> textFor) {
        public Target {
            Objects.requireNonNull(account, "account");
            textFor = textFor == null ? Map.of() : Map.copyOf(textFor);
        }

        public static Target of(AccountId account) {
            return new Target(account, Map.of());
        }

        /** The text this account publishes for item {@code index}. */
        public String textOf(int index, Item item) {
            return textFor.getOrDefault(index, item.text());
        }
    }

    /** One post: its text and its files with their alt text. */
    public record Item(String text, List<DraftInput.Attachment> media) {
        public Item {
            text = text == null ? "" : text;
            media = media == null ? List.of() : List.copyOf(media);
        }

        public static Item of(String text) {
            return new Item(text, List.of());
        }
    }
}
