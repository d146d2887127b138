package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DraftProblemsTest {
    private static final Path STORED = Path.of("/data/uploads/0b7c1a52-5f0e-4c8e-9d5e-1f2a3b4c5d6e.png");

    @Test
    void ownProblemsStayAsTheyAreAndTheCoresAreRenumberedToTheUsersFiles() {
        // The user attached three files; the second was refused on arrival, so the core saw the first and the third.
        List<DraftReceiver.Upload> accepted = List.of(new DraftReceiver.Upload(0, Path.of("/data/uploads/a.png"),
                "img1.png"), new DraftReceiver.Upload(2, STORED, "img2.png"));
        DraftProblems problems = new DraftProblems(accepted, Set.of());
        problems.add(new Problem("media[1]", "notimage.png is not a supported image or video"));
        problems.addFromCore(List.of(new Problem("media[1].alt", "alt text of " + STORED.getFileName()
                + " is too long"), new Problem("text", "too long")));

        assertThat(problems.list()).containsExactly(
                new Problem("media[1]", "notimage.png is not a supported image or video"),
                new Problem("media[2].alt", "alt text of img2.png is too long"),
                new Problem("text", "too long"));
    }

    @Test
    void eachProblemOnceAndFieldsJudgedByTheWebAppKeepItsWords() {
        DraftProblems problems = new DraftProblems(List.of(), Set.of("scheduledAt"));
        problems.add(new Problem("scheduledAt", "that time has passed"));
        problems.addFromCore(List.of(new Problem("scheduledAt", "2026-12-03T22:48:00Z is in the past"),
                new Problem("text", "empty"), new Problem("text", "empty")));
        assertThat(problems.list()).containsExactly(new Problem("scheduledAt", "that time has passed"),
                new Problem("text", "empty"));
        assertThat(problems.error().status()).isEqualTo(422);
        assertThat(problems.error().getMessage()).isEqualTo("2 problems; see each field");
    }
}
