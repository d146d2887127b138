package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.storage.StorageException;
import java.util.List;

/**
 * Why a command did not succeed, as the user sees it: a kind, the exit code that goes with it, one sentence, and for
 * bad input every problem tied to its field. The one place where exceptions become exit codes.
 *
 * @param kind {@code USAGE} for a malformed command line, else an {@link OutpostException.Kind} name
 */
public record Failure(String kind, int exitCode, String message, List<Problem> problems) {
    public static final String USAGE = "USAGE";

    public Failure {
        problems = List.copyOf(problems);
    }

    public static Failure usage(String message) {
        return new Failure(USAGE, OutpostException.Kind.INVALID_INPUT.exitCode(), message, List.of());
    }

    public static Failure of(OutpostException.Kind kind, String message) {
        return new Failure(kind.name(), kind.exitCode(), message, List.of());
    }

    public static Failure of(Throwable error) {
        if (error instanceof OutpostException outpost) {
            return new Failure(outpost.kind().name(), outpost.kind().exitCode(), outpost.getMessage(),
                    outpost.problems());
        }
        if (error instanceof PlatformException platform) {
            return of(kindOf(platform), platform.getMessage());
        }
        if (error instanceof StorageException storage) {
            return of(OutpostException.Kind.FAILED, storage.getMessage());
        }
        String detail = error.getMessage() == null ? "" : ": " + error.getMessage();
        return of(OutpostException.Kind.FAILED, "unexpected " + error.getClass().getSimpleName() + detail
                + " (run again with --verbose for details)");
    }

    /** The same classes the use cases apply: a refused token needs a reconnect, refusals are the platform's. */
    static OutpostException.Kind kindOf(PlatformException e) {
        if (e instanceof PlatformException.Unauthorized) {
            return OutpostException.Kind.RECONNECT_NEEDED;
        }
        if (e instanceof PlatformException.Forbidden || e instanceof PlatformException.InvalidRequest
                || e instanceof PlatformException.PayloadTooLarge || e instanceof PlatformException.RateLimited) {
            return OutpostException.Kind.REFUSED;
        }
        if (e instanceof PlatformException.Ambiguous) {
            return OutpostException.Kind.UNCONFIRMED;
        }
        return OutpostException.Kind.FAILED;
    }
}
