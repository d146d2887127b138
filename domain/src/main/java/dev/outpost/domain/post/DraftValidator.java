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

    public DraftValidator(PlatformRules rules) {
        this.rules = rules;
    }

    /** @return the violations, empty when the draft can be published as it is */
    public List<Violation> validate(Draft draft, Instant now) {
        List<Violation> violations = new ArrayList<>();
        String platform = rules.platformName();
        if (draft.text().isBlank() && draft.media().isEmpty()) {
            violations.add(new Violation.EmptyPost());
        }
        for (TextLimit limit : rules.textLimits()) {
            int length = limit.count(draft.text(), draft.options());
            if (length > limit.max()) {
                violations.add(new Violation.TextTooLong(platform, limit.unit(), length, limit.max(),
                        limit.countedIn(draft.options()).stream().map(key -> rules.option(key)
                                .map(PostOption::label).orElse(key)).toList()));
            }
        }
        Map<MediaKind, Integer> counts = new EnumMap<>(MediaKind.class);
        for (int i = 0; i < draft.media().size(); i++) {
            MediaAttachment attachment = draft.media().get(i);
            var file = attachment.file();
            counts.merge(file.kind(), 1, Integer::sum);
            if (!rules.acceptedTypes().contains(file.type())) {
                violations.add(new Violation.UnsupportedMediaType(platform, i, file.displayName(), file.type()));
            } else if (file.size() > rules.maxBytes(file.kind())) {
                violations.add(new Violation.MediaTooLarge(platform, i, file.displayName(), file.kind(), file.size(),
                        rules.maxBytes(file.kind())));
            }
            if (attachment.hasAltText()) {
                int altLength = attachment.altText().codePointCount(0, attachment.altText().length());
                if (altLength > rules.maxAltTextLength()) {
                    violations.add(new Violation.AltTextTooLong(platform, i, file.displayName(), altLength,
                            rules.maxAltTextLength()));
                }
            }
        }
        if (!rules.admits(counts)) {
            List<Violation> tooMany = new ArrayList<>();
            counts.forEach((kind, count) -> {
                if (count > rules.maxMedia(kind)) {
                    tooMany.add(new Violation.TooManyMedia(platform, kind, count, rules.maxMedia(kind)));
                }
            });
            // Each kind alone fits some combination: it is the mix that does not.
            violations.addAll(tooMany.isEmpty()
                    ? List.of(new Violation.MixedMedia(platform, rules.describeCombinations())) : tooMany);
        }
        draft.options().forEach((key, value) -> {
            PostOption option = rules.option(key).orElse(null);
            if (option == null || !option.accepts(value)) {
                violations.add(new Violation.InvalidOption(platform, option, key, value));
            }
        });
        if (draft.scheduledAt() != null && draft.scheduledAt().isBefore(now)) {
            violations.add(new Violation.ScheduleInPast(draft.scheduledAt(), now));
        }
        return List.copyOf(violations);
    }
}
