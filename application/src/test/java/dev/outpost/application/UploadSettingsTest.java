package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadSettingsTest {
    @Test
    void defaultsWithoutSettings() {
        assertThat(UploadSettings.fromSettings(Map.of())).isEqualTo(UploadSettings.DEFAULT);
    }

    @Test
    void settingsChangeParallelismAndDeadline() {
        UploadSettings settings = UploadSettings.fromSettings(Map.of("OUTPOST_APPEND_PARALLELISM", " 2 ",
                "OUTPOST_PROCESSING_DEADLINE_MINUTES", "45"));

        assertThat(settings.appendParallelism()).isEqualTo(2);
        assertThat(settings.processingDeadline()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aBadValueNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> UploadSettings.fromSettings(Map.of("OUTPOST_APPEND_PARALLELISM", "64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OUTPOST_APPEND_PARALLELISM must be a whole number from 1 to 16, not '64'");
        assertThatThrownBy(() -> UploadSettings.fromSettings(Map.of("OUTPOST_PROCESSING_DEADLINE_MINUTES", "soon")))
                .hasMessageContaining("OUTPOST_PROCESSING_DEADLINE_MINUTES");
    }
}
