package dev.outpost.mastodonsandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault that fires on some calls of an endpoint: calls {@code first} to {@code first + times - 1}, counted from when
 * the rule was installed ({@code times} 0: every call from then on). Written {@code ENDPOINT[@N][xM|x*]=ACTION}:
 * {@code statuses=drop}, {@code media@1x2=503}, {@code statuses=429:60}, {@code media=reset}.
 */
public record FaultRule(Endpoint endpoint, int first, int times, Action action) {
    private static final Pattern SPEC = Pattern.compile("([a-z_]+)(?:@(\\d+))?(?:x(\\d+|\\*))?=(.+)");

    public FaultRule {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(action, "action");
        if (first < 1 || times < 0) {
            throw new IllegalArgumentException("occurrences count from 1, and times is 0 (always) or more");
        }
    }

    public static FaultRule parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a fault is ENDPOINT[@N][xM|x*]=ACTION, such as statuses=drop: " + spec);
        }
        int first = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int times = m.group(3) == null ? 1 : m.group(3).equals("*") ? 0 : Integer.parseInt(m.group(3));
        return new FaultRule(Endpoint.fromKey(m.group(1)), first, times, Action.parse(m.group(4)));
    }

    public String spec() {
        return endpoint.key() + "@" + first + "x" + (times == 0 ? "*" : times) + "=" + action.spec();
    }

    boolean firesOn(int occurrence) {
        return occurrence >= first && (times == 0 || occurrence < first + times);
    }

    /** What a fault does to the request it matches. */
    public sealed interface Action {
        String spec();

        static Action parse(String text) {
            String[] parts = text.strip().split(":", 2);
            try {
                return switch (parts[0]) {
                    case "reset" -> new ResetDuringBody(parts.length > 1 ? Long.parseLong(parts[1]) : -1);
                    case "drop" -> new DropAnswer();
                    case "delay" -> new DelayAnswer(Duration.ofMillis(Long.parseLong(parts[1])));
                    case "429" -> new Respond(429, Duration.ofSeconds(parts.length > 1 ? Long.parseLong(parts[1]) : 60));
                    default -> new Respond(Integer.parseInt(parts[0]), null);
                };
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("unknown fault action '" + text
                        + "': a status (503), 429[:SECONDS], reset[:BYTES], drop or delay:MILLIS");
            }
        }
    }

    /** Answer this status at once, without handling the request; a 429 resets after {@code resetIn}. */
    public record Respond(int status, Duration resetIn) implements Action {
        public Respond {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status is 4xx or 5xx: " + status);
            }
        }

        @Override
        public String spec() {
            return status == 429 && resetIn != null ? "429:" + resetIn.toSeconds() : Integer.toString(status);
        }
    }

    /** Read this many bytes of the body (negative: half of its length), then reset the TCP connection. */
    public record ResetDuringBody(long afterBytes) implements Action {
        @Override
        public String spec() {
            return afterBytes < 0 ? "reset" : "reset:" + afterBytes;
        }
    }

    /** Handle the request completely (the status is stored), then close the connection instead of answering. */
    public record DropAnswer() implements Action {
        @Override
        public String spec() {
            return "drop";
        }
    }

    /** Handle the request completely, then wait before answering (past a client's read timeout). */
    public record DelayAnswer(Duration delay) implements Action {
        @Override
        public String spec() {
            return "delay:" + delay.toMillis();
        }
    }
}
