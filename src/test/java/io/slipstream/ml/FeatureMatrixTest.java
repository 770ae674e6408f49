package io.slipstream.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
  private static final double NaN = Double.NaN;

  /** 4 rows x 3 features, column-major: a = 1, 2, 3, 4; b = NaN, 20, 30, NaN; c = 100, 200, NaN, 400. */
  private static FeatureMatrix m() {
    return FeatureMatrix.of(new long[] {10, 20, 30, 40}, List.of("a", "b", "c"),
        new double[] {1, 2, 3, 4, NaN, 20, 30, NaN, 100, 200, NaN, 400});
  }

  @Test
  void accessors_readColumnMajorValues() {
    FeatureMatrix m = m();
    assertThat(m.rows()).isEqualTo(4);
    assertThat(m.columns()).isEqualTo(3);
    assertThat(m.names()).containsExactly("a", "b", "c");
    assertThat(m.get(1, 1)).isEqualTo(20.0);
    assertThat(m.get(3, 2)).isEqualTo(400.0);
    assertThat(m.column("b")).containsExactly(NaN, 20, 30, NaN);
    assertThat(m.row(1)).containsExactly(2, 20, 200);
    assertThat(m.closeTimeMs(2)).isEqualTo(30L);
    assertThat(m.columnIndex("c")).isEqualTo(2);
  }

  @Test
  void completeRows_areRowsWithoutNaN() {
    assertThat(m().completeRows()).containsExactly(1);
    assertThat(m().select(List.of("a")).completeRows()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void select_reordersAndKeepsRows() {
    FeatureMatrix s = m().select(List.of("c", "a"));
    assertThat(s.names()).containsExactly("c", "a");
    assertThat(s.column(0)).containsExactly(100, 200, NaN, 400);
    assertThat(s.closeTimesMs()).containsExactly(10, 20, 30, 40);
  }

  @Test
  void select_missingFeature_throwsNamingIt() {
    assertThatThrownBy(() -> m().select(List.of("a", "rsi_14")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rsi_14'")
        .hasMessageContaining("[a, b, c]");
    assertThatThrownBy(() -> m().column("zz")).hasMessageContaining("'zz'");
  }

  @Test
  void sliceRowsAndSelectRows() {
    FeatureMatrix s = m().sliceRows(1, 3);
    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.closeTimesMs()).containsExactly(20, 30);
    assertThat(s.column("c")).containsExactly(200, NaN);
    FeatureMatrix r = m().selectRows(new int[] {0, 3});
    assertThat(r.column("a")).containsExactly(1, 4);
    assertThat(r.closeTimesMs()).containsExactly(10, 40);
    assertThatThrownBy(() -> m().sliceRows(2, 5)).hasMessageContaining("[2, 5)");
    assertThatThrownBy(() -> m().selectRows(new int[] {2, 1})).hasMessageContaining("strictly increasing");
  }

  @Test
  void copiesInAndOut() {
    double[] v = {1, 2};
    long[] t = {1, 2};
    FeatureMatrix m = FeatureMatrix.of(t, List.of("a"), v);
    v[0] = 99;
    t[0] = 0;
    m.column("a")[1] = 99;
    m.closeTimesMs()[0] = 5;
    assertThat(m.column("a")).containsExactly(1, 2);
    assertThat(m.closeTimeMs(0)).isEqualTo(1L);
  }

  @Test
  void of_badInput_throwsNamingTheProblem() {
    assertThatThrownBy(() -> FeatureMatrix.of(new long[] {1, 2}, List.of("a", "a"), new double[4]))
        .hasMessageContaining("duplicate feature 'a'");
    assertThatThrownBy(() -> FeatureMatrix.of(new long[] {2, 2}, List.of("a"), new double[2]))
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> FeatureMatrix.of(new long[] {1, 2}, List.of("a"), new double[3]))
        .hasMessageContaining("columnMajor");
    assertThatThrownBy(() -> FeatureMatrix.of(new long[] {1, 2}, List.of("a", "b"),
        new double[] {0, 0, 0, Double.POSITIVE_INFINITY})).hasMessageContaining("'b' row 1");
  }
}
