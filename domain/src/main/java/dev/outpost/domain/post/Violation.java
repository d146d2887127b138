package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.time.Instant;

/**
 * One thing wrong with a draft, as a value: which field, and a sentence that says what is wrong and what to do.
 * Fields are named {@code text}, {@code media}, {@code media[i]}, {@code media[i].alt} and {@code scheduledAt}.
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

    record TextTooLong(int weightedLength, int max) implements Violation {
        public String field() {
            return "text";
        }

        public String message() {
            return "the text counts " + weightedLength + " characters, over the limit of " + max + " by "
                    + (weightedLength - max) + "; shorten it";
        }
    }

    record TooManyMedia(MediaKind kind, int count, int max) implements Violation {
        public String field() {
            return "media";
        }

        public String message() {
            String what = kind.name().toLowerCase(java.util.Locale.ROOT) + (max == 1 ? "" : "s");
            return max == 0
                    ? "this platform does not take " + what + "; remove " + count + " of them"
                    : count + " " + what + " attached, at most " + max + " allowed; remove " + (count - max);
        }
    }

    record MixedMedia() implements Violation {
        public String field() {
            return "media";
        }

        public String message() {
            return "images cannot be combined with a video or GIF in one post; attach up to 4 images, or one video"
                    + " or GIF alone";
        }
    }

    record UnsupportedMediaType(int index, String fileName, MediaType type) implements Violation {
        public String field() {
            return "media[" + index + "]";
        }

        public String message() {
            return fileName + " is " + type.mimeType() + ", which this platform does not accept";
        }
    }

    record MediaTooLarge(int index, String fileName, MediaKind kind, long size, long max) implements Violation {
        public String field() {
            return "media[" + index + "]";
        }

        public String message() {
            return fileName + " is " + Sizes.human(size) + ", over the " + Sizes.human(max) + " limit for a "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + "; compress or trim it";
        }
    }

    record AltTextTooLong(int index, String fileName, int length, int max) implements Violation {
        public String field() {
            return "media[" + index + "].alt";
        }

        public String message() {
            return "the alt text of " + fileName + " has " + length + " characters, over the limit of " + max;
        }
    }

    record ScheduleInPast(Instant scheduledAt, Instant now) implements Violation {
        public String field() {
            return "scheduledAt";
        }

        public String message() {
            return "the schedule time " + scheduledAt + " is in the past (now " + now + "); pick a later time or"
                    + " publish now";
        }
    }
}
