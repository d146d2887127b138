package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One thing wrong with a draft, as a value: which field, and a sentence that says what is wrong and what to do,
 * naming the platform whose rule it is. Fields are named {@code text}, {@code media}, {@code media[i]},
 * {@code media[i].alt}, {@code options.<key>} and {@code scheduledAt}.
 */
public sealed interface Violation {
    String field();

    String message();

    record EmptyPost() implements Violation {
        public String field() {
            return "text";
        }

        public String message() {
            return "the post is empty: write some text or attach media";
        }
    }

    /**
     * The text is over a limit; {@code alsoCounted} names (by their labels) the options whose values counted towards
     * the same limit, empty when the text alone is over.
     */
    record TextTooLong(String platform, String unit, int length, int max, List<String> alsoCounted)
            implements Violation {
        public TextTooLong {
            alsoCounted = List.copyOf(alsoCounted);
        }

        public TextTooLong(String platform, String unit, int length, int max) {
            this(platform, unit, length, max, List.of());
        }

        public String field() {
            return "text";
        }

        public String message() {
            if (alsoCounted.isEmpty()) {
                return platform + ": the text counts " + length + " " + unit + ", over the limit of " + max + " by "
                        + (length - max) + "; shorten it";
            }
            StringBuilder what = new StringBuilder("the text");
            for (String label : alsoCounted) {
                what.append(" and the ").append(label.isEmpty() ? label
                        : Character.toLowerCase(label.charAt(0)) + label.substring(1));
            }
            return platform + ": " + what + " count " + length + " " + unit + " together, over the limit of " + max
                    + " by " + (length - max) + "; shorten them";
        }
    }

    record TooManyMedia(String platform, MediaKind kind, int count, int max) implements Violation {
        public String field() {
            return "media";
        }

        public String message() {
            String name = PlatformRules.kindName(kind);
            return max == 0
                    ? platform + " does not take " + name + "s; remove " + (count == 1 ? "it" : "them")
                    : platform + ": " + count + " " + name + (count == 1 ? "" : "s") + " attached, at most " + max
                            + " allowed; remove " + (count - max);
        }
    }

    /** The kinds attached fit no combination the platform allows. */
    record MixedMedia(String platform, String allowed) implements Violation {
        public String field() {
            return "media";
        }

        public String message() {
            return platform + " takes " + allowed + " in one post; remove what does not fit";
        }
    }

    record UnsupportedMediaType(String platform, int index, String fileName, MediaType type) implements Violation {
        public String field() {
            return "media[" + index + "]";
        }

        public String message() {
            return fileName + " is " + type.mimeType() + ", which " + platform + " does not accept";
        }
    }

    record MediaTooLarge(String platform, int index, String fileName, MediaKind kind, long size, long max)
            implements Violation {
        public String field() {
            return "media[" + index + "]";
        }

        public String message() {
            String name = PlatformRules.kindName(kind);
            return fileName + " is " + Sizes.human(size) + ", over " + platform + "'s " + Sizes.human(max)
                    + " limit for " + (name.startsWith("i") ? "an " : "a ") + name + "; compress or trim it";
        }
    }

    record AltTextTooLong(String platform, int index, String fileName, int length, int max) implements Violation {
        public String field() {
            return "media[" + index + "].alt";
        }

        public String message() {
            return "the alt text of " + fileName + " has " + length + " characters, over " + platform
                    + "'s limit of " + max;
        }
    }

    /** An option the platform does not have, or a value it does not allow. */
    record InvalidOption(String platform, PostOption option, String key, String value) implements Violation {
        public String field() {
            return "options." + key;
        }

        public String message() {
            if (option == null) {
                return platform + " has no option '" + key + "'";
            }
            return option.choices().isEmpty()
                    ? option.label() + " is longer than " + platform + "'s " + option.maxLength() + " characters"
                    : option.label() + " must be one of " + String.join(", ", option.choices()) + " on " + platform
                            + ", not '" + value + "'";
        }
    }

    record ScheduleInPast(Instant scheduledAt, Instant now) implements Violation {
        public String field() {
            return "scheduledAt";
        }

        public String message() {
            return "the schedule time " + scheduledAt.truncatedTo(ChronoUnit.SECONDS) + " is in the past (now "
                    + now.truncatedTo(ChronoUnit.SECONDS) + "); pick a later time or publish now";
        }
    }
}
