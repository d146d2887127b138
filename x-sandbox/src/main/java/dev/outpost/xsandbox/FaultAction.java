package dev.outpost.xsandbox;

import java.time.Duration;

/** What a fault rule does to a request it matches. */
public sealed interface FaultAction {

    /** Answer at once with this status (500, 503, 429 …) and X's problem body, without handling the request. */
    record Respond(int status) implements FaultAction {
        public Respond {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status is 4xx or 5xx: " + status);
            }
        }

        @Override
        public String spec() {
            return Integer.toString(status);
        }
    }

    /**
     * Read this many bytes of the request body, then reset the TCP connection (RST), so the
     * client sees the connection die in the middle of its upload. A negative count means half of
     * the declared Content-Length.
     */
    record ResetDuringBody(long afterBytes) implements FaultAction {
        @Override
        public String spec() {
            return afterBytes < 0 ? "reset" : "reset:" + afterBytes;
        }
    }

    /** Handle the request completely (a post is created), then close the connection instead of answering. */
    record DropResponse() implements FaultAction {
        @Override
        public String spec() {
            return "drop";
        }
    }

    /** Handle the request completely, then wait this long before answering (past a client's read timeout). */
    record DelayResponse(Duration delay) implements FaultAction {
        @Override
        public String spec() {
            return "delay:" + delay.toMillis();
        }
    }

    /** The action in the command-line grammar: {@code 503}, {@code reset}, {@code reset:4096}, {@code drop}, {@code delay:5000}. */
    String spec();

    static FaultAction parse(String text) {
        String[] parts = text.trim().split(":", 2);
        return switch (parts[0]) {
            case "reset" -> new ResetDuringBody(parts.length > 1 ? Long.parseLong(parts[1]) : -1);
            case "drop" -> new DropResponse();
            case "delay" -> new DelayResponse(Duration.ofMillis(Long.parseLong(parts[1])));
            default -> {
                try {
                    yield new Respond(Integer.parseInt(parts[0]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown fault action '" + text
                            + "': a status (503), reset[:BYTES], drop or delay:MILLIS");
                }
            }
        };
    }
}
