package dev.outpost.domain.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FocalPointTest {
    @Test
    void readsXCommaYFromMinusOneToOneAndWritesItBackPlainly() {
        assertThat(FocalPoint.parse("0.5,-0.25")).isEqualTo(new FocalPoint(0.5, -0.25));
        assertThat(FocalPoint.parse(" -1 , 1 ")).isEqualTo(new FocalPoint(-1, 1));
        assertThat(new FocalPoint(0.5, -0.25).text()).isEqualTo("0.5,-0.25");
        assertThat(new FocalPoint(-0.0, 1).text()).isEqualTo("0,1");
        assertThat(new FocalPoint(0.000001, 0).text()).as("never 1E-6").isEqualTo("0.000001,0");
        assertThat(FocalPoint.parse(new FocalPoint(0.125, -0.875).text())).isEqualTo(new FocalPoint(0.125, -0.875));
    }

    @Test
    void refusesWhatIsNotTwoNumbersWithinRange() {
        assertThatThrownBy(() -> FocalPoint.parse("1.5,0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from -1 to 1").hasMessageContaining("'1.5,0'");
        assertThatThrownBy(() -> FocalPoint.parse("0.5")).hasMessageContaining("x,y");
        assertThatThrownBy(() -> FocalPoint.parse("a,b")).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> FocalPoint.parse("0,0,0")).hasMessageContaining("x,y");
        assertThatThrownBy(() -> FocalPoint.parse("NaN,0")).hasMessageContaining("from -1 to 1");
        assertThatThrownBy(() -> FocalPoint.parse(null)).hasMessageContaining("x,y");
        assertThatThrownBy(() -> new FocalPoint(0, -1.01)).isInstanceOf(IllegalArgumentException.class);
    }
}
