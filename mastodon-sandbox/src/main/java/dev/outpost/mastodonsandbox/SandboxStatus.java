package dev.outpost.mastodonsandbox;

import java.time.Instant;
import java.util.List;

/** A status as the sandbox stores it: the text as sent (its HTML is made when answering). */
public record SandboxStatus(String id, String accountId, String text, List<String> mediaIds, String inReplyToId,
        boolean sensitive, String spoilerText, String visibility, String language, Instant createdAt,
        String idempotencyKey, String applicationName) {
    public SandboxStatus {
        mediaIds = List.copyOf(mediaIds);
    }
}
