package dev.outpost.xsandbox;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault that fires on some calls to an endpoint: calls {@code firstOccurrence} to
 * {@code firstOccurrence + times - 1}, counted from when the rule was installed ({@code times}
 * 0 means every call from then on). Written as {@code ENDPOINT[@N][xM|x*]=ACTION}, e.g.
 * {@code append@3=reset}, {@code finalize@1x2=503}, {@code token@1x*=503}, {@code tweets=drop}.
 */
public record FaultRule(Endpoint endpoint, int firstOccurrence, int times, FaultAction action) {
    private static final Pattern SPEC = Pattern.compile("([A-Za-z_]+)(?:@(\\d+))?(?:x(\\d+|\\*))?=(.+)");

    public FaultRule {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(action, "action");
        if (firstOccurrence < 1 || times < 0) {
            throw new IllegalArgumentException("occurrences count from 1, and times is >= 0 (0 = unlimited)");
        }
    }

    public static FaultRule once(Endpoint endpoint, int occurrence, FaultAction action) {
        return new FaultRule(endpoint, occurrence, 1, action);
    }

    public static FaultRule parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("a fault is ENDPOINT[@N][xM|x*]=ACTION, e.g. append@3=reset: " + spec);
        }
        int first = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int times = m.group(3) == null ? 1 : m.group(3).equals("*") ? 0 : Integer.parseInt(m.group(3));
        return new FaultRule(Endpoint.fromKey(m.group(1)), first, times, FaultAction.parse(m.group(4)));
    }

    public String spec() {
        return endpoint.key() + "@" + firstOccurrence + "x" + (times == 0 ? "*" : times) + "=" + action.spec();
    }

    boolean firesOn(int occurrence) {
        return occurrence >= firstOccurrence && (times == 0 || occurrence < firstOccurrence + times);
    }
}
