package dev.outpost.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.cli.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    @TempDir
    Path home;

    @Test
    void resultsGoToStandardOutputAndNotesToStandardError() {
        Console console = new Console(home);
        Output output = new Output(console.environment, new GlobalOptions());
        output.note("uploading");
        output.result(Map.of("id", "1"), "done");
        assertThat(console.out()).isEqualTo("done" + System.lineSeparator());
        assertThat(console.err()).isEqualTo("uploading" + System.lineSeparator());
    }

    @Test
    void jsonReplacesTheTextOfAResult() {
        Console console = new Console(home);
        GlobalOptions options = new GlobalOptions();
        options.enableJson();
        new Output(console.environment, options).result(Map.of("mediaId", "42"), "42");
        assertThat(console.out()).isEqualTo("{\"mediaId\":\"42\"}" + System.lineSeparator());
    }

    @Test
    void quietKeepsBackNotesButNeverResultsOrWarnings() {
        Console console = new Console(home);
        GlobalOptions options = new GlobalOptions();
        options.enableQuiet();
        Output output = new Output(console.environment, options);
        output.note("uploading");
        output.warn("outpost: not confirmed yet");
        output.result(null, "https://x.com/i/web/status/1");
        assertThat(console.err()).isEqualTo("outpost: not confirmed yet" + System.lineSeparator());
        assertThat(console.out()).isEqualTo("https://x.com/i/web/status/1" + System.lineSeparator());
    }

    @Test
    void severalProblemsAreListedOnePerLineAndAsJson() {
        Console console = new Console(home);
        GlobalOptions options = new GlobalOptions();
        options.enableJson();
        new Output(console.environment, options).failure(Failure.of(OutpostException.invalid(List.of(
                new Problem("text", "too long"), new Problem("media[0]", "a.jpg is empty")))));
        assertThat(console.err().lines()).containsExactly("outpost: 2 problems, nothing was uploaded:",
                "  text: too long", "  media[0]: a.jpg is empty");
        assertThat(console.out()).contains("\"kind\":\"INVALID_INPUT\"", "\"exitCode\":2",
                "{\"field\":\"media[0]\",\"message\":\"a.jpg is empty\"}");
    }
}
