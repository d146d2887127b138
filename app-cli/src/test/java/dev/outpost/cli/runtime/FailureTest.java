package dev.outpost.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.storage.StorageException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureTest {
    @Test
    void eachKindHasItsExitCode() {
        assertThat(Failure.of(OutpostException.invalid("text", "too long")).exitCode()).isEqualTo(2);
        assertThat(Failure.of(new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "x")).exitCode()).isEqualTo(3);
        assertThat(Failure.of(new OutpostException(OutpostException.Kind.REFUSED, "x")).exitCode()).isEqualTo(4);
        assertThat(Failure.of(new OutpostException(OutpostException.Kind.UNCONFIRMED, "x")).exitCode()).isEqualTo(5);
        assertThat(Failure.of(new OutpostException(OutpostException.Kind.FAILED, "x")).exitCode()).isEqualTo(1);
        assertThat(Failure.usage("Unknown option").exitCode()).isEqualTo(2);
    }

    @Test
    void platformFailuresThatEscapeAUseCaseAreClassedTheSameWay() {
        assertThat(Failure.of(new PlatformException.Unauthorized("no")).exitCode()).isEqualTo(3);
        assertThat(Failure.of(new PlatformException.RateLimited("slow down", Instant.EPOCH)).exitCode()).isEqualTo(4);
        assertThat(Failure.of(new PlatformException.InvalidRequest("x", "bad")).exitCode()).isEqualTo(4);
        assertThat(Failure.of(new PlatformException.Ambiguous("lost", null)).exitCode()).isEqualTo(5);
        assertThat(Failure.of(new PlatformException.Transient("503", null)).exitCode()).isEqualTo(1);
    }

    @Test
    void badInputKeepsEveryProblem() {
        Failure failure = Failure.of(OutpostException.invalid(List.of(new Problem("text", "too long"),
                new Problem("media[1]", "b.jpg is empty"))));
        assertThat(failure.kind()).isEqualTo("INVALID_INPUT");
        assertThat(failure.problems()).extracting(Problem::field).containsExactly("text", "media[1]");
    }

    @Test
    void storageFaultsKeepTheirMessageAndUnexpectedOnesSayHowToLearnMore() {
        assertThat(Failure.of(new StorageException("the database is locked by another process")))
                .satisfies(f -> assertThat(f.exitCode()).isEqualTo(1))
                .satisfies(f -> assertThat(f.message()).isEqualTo("the database is locked by another process"));
        assertThat(Failure.of(new NullPointerException("boom")).message())
                .isEqualTo("unexpected NullPointerException: boom (run again with --verbose for details)");
    }
}
