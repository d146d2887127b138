package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Checks a draft against a platform's rules and reports every violation at once. Pure and thread-safe. */
public final class DraftValidator {
    private final PlatformRules rules;
    private final TextMeasure measure;

    public DraftValidator(PlatformRules rules, TextMeasure measure) {
        this.rules = rules;
        this.measure = measure;
    }

    /** @return the violations, empty when the draft can be published as it is */
    public List<Violation> validate(Draft draft, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (draft.text().isBlank() && draft.media().isEmpty()) {
            violations.add(new Violation.EmptyPost());
        }
        int length = measure.weightedLength(draft.text());
        if (length > rules.maxTextLength()) {
            violations.add(new Violation.TextTooLong(length, rules.maxTextLength()));
        }
        Map<MediaKind, Integer> counts = new EnumMap<>(MediaKind.class);
        for (int i = 0; i < draft.media().size(); i++) {
            MediaAttachment attachment = draft.media().get(i);
            var file = attachment.file();
            counts.merge(file.kind(), 1, Integer::sum);
            if (!rules.acceptedTypes().contains(file.type())) {
                violations.add(new Violation.UnsupportedMediaType(i, file.displayName(), file.type()));
            } else if (file.size() > rules.maxBytes(file.kind())) {
                violations.add(new Violation.MediaTooLarge(i, file.displayName(), file.kind(), file.size(),
                        rules.maxBytes(file.kind())));
            }
            if (attachment.hasAltText()) {
                int altLength = attachment.altText().codePointCount(0, attachment.altText().length());
                if (altLength > rules.maxAltTextLength()) {
                    violations.add(new Violation.AltTextTooLong(i, file.displayName(), altLength,
                            rules.maxAltTextLength()));
                }
            }
        }
        if (counts.size() > 1 && !rules.mixingKindsAllowed()) {
            violations.add(new Violation.MixedMedia());
        }
        counts.forEach((kind, count) -> {
            if (count > rules.maxMedia(kind)) {
                violations.add(new Violation.TooManyMedia(kind, count, rules.maxMedia(kind)));
            }
        });
        if (draft.scheduledAt() != null && draft.scheduledAt().isBefore(now)) {
            violations.add(new Violation.ScheduleInPast(draft.scheduledAt(), now));
        }
        return List.copyOf(violations);
    }
}
