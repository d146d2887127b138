package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TextCodecTest {
    @Property
    void stringListsRoundTripWhateverTheyContain(@ForAll @Size(max = 8) List<String> values) {
        assertThat(TextCodec.strings(TextCodec.stringList(values))).isEqualTo(values);
    }

    @Test
    void anEmptyStringIsNotAnEmptyList() {
        assertThat(TextCodec.strings(TextCodec.stringList(List.of("")))).containsExactly("");
        assertThat(TextCodec.strings(TextCodec.stringList(List.of()))).isEmpty();
    }

    @Property
    void mapsRoundTripWhateverTheyContain(@ForAll @Size(max = 6) Map<String, String> values) {
        Map<String, String> sorted = new TreeMap<>(values);
        assertThat(TextCodec.map(TextCodec.stringMap(sorted))).containsExactlyEntriesOf(sorted);
    }

    @Test
    void aMapIsItsKeysAndValuesAlternating() {
        assertThat(TextCodec.stringMap(new TreeMap<>(Map.of("visibility", "unlisted", "cw", "a,b"))))
                .isEqualTo("cw,a\\,b,visibility,unlisted,");
        assertThat(TextCodec.stringMap(Map.of())).isEmpty();
        assertThat(TextCodec.map("")).isEmpty();
        assertThatThrownBy(() -> TextCodec.map("lonely,")).isInstanceOf(IllegalArgumentException.class);
    }
}
