package io.slipstream.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final List<String> NAMES = List.of("a", "b");
  private static final double NaN = Double.NaN;

  @Test
  void constructor_nanFeature_namesRowAndFeature() {
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, 2, 3, NaN}, 2, new double[] {0, 1},
        new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN features must be dropped before training: row 1, feature 1 ('b')");
  }

  @Test
  void constructor_nanLabel_namesRow() {
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, 2, 3, 4}, 2, new double[] {NaN, 1},
        new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN labels").hasMessageContaining("row 0");
  }

  @Test
  void constructor_infiniteFeature_rejected() {
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, Double.POSITIVE_INFINITY, 3, 4}, 2,
        new double[] {0, 1}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0, feature 1 ('b') is Infinity");
  }

  @Test
  void constructor_badShapes_nameBothSizes() {
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, 2, 3}, 2, new double[] {0, 1}, new long[] {1, 2}))
        .hasMessageContaining("rows * features = 2 * 2 = 4, was 3");
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, 2, 3, 4}, 2, new double[] {0}, new long[] {1, 2}))
        .hasMessageContaining("'y' must have length 2, was 1");
    assertThatThrownBy(() -> new Dataset(List.of("a", "a"), new double[] {1, 2}, 1, new double[] {0},
        new long[] {1})).hasMessageContaining("'a' appears twice");
    assertThatThrownBy(() -> new Dataset(NAMES, new double[] {1, 2, 3, 4}, 2, new double[] {0, 1},
        new long[] {5, 4})).hasMessageContaining("row 1 has 4 < row 0 5");
  }

  @Test
  void dropIncomplete_removesNanRowsAndCountsThem() {
    double[][] x = {{NaN, 1}, {2, 3}, {4, NaN}, {5, 6}, {7, 8}};
    double[] y = {1, 0, 1, NaN, 1};
    long[] t = {10, 20, 30, 40, 50};
    Dataset.DropResult r = Dataset.dropIncomplete(NAMES, x, y, t);
    assertThat(r.droppedRows()).isEqualTo(3);
    assertThat(r.keptRows()).containsExactly(1, 4);
    assertThat(r.dataset()).isEqualTo(Dataset.of(NAMES, new double[][] {{2, 3}, {7, 8}}, new double[] {0, 1},
        new long[] {20, 50}));
  }

  @Test
  void dropIncomplete_nothingLeft_throws() {
    assertThatThrownBy(() -> Dataset.dropIncomplete(NAMES, new double[][] {{NaN, 1}}, new double[] {1},
        new long[] {1})).hasMessageContaining("Every one of the 1 rows");
  }

  @Test
  void arrays_areCopiedInAndOut() {
    double[] x = {1, 2, 3, 4};
    Dataset d = new Dataset(NAMES, x, 2, new double[] {0, 1}, new long[] {1, 2});
    x[0] = 99;
    d.xRowMajor()[1] = 99;
    assertThat(d.x(0, 0)).isEqualTo(1.0);
    assertThat(d.x(0, 1)).isEqualTo(2.0);
    assertThat(d.toRows()).isEqualTo(new double[][] {{1, 2}, {3, 4}});
  }

  @Test
  void selectAndRange_keepRowsAndOrder() {
    Dataset d = Dataset.of(NAMES, new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {0, 1, 0},
        new long[] {1, 2, 3});
    assertThat(d.select(new int[] {0, 2}).toRows()).isEqualTo(new double[][] {{1, 2}, {5, 6}});
    assertThat(d.range(1, 3).timesMs()).containsExactly(2, 3);
    assertThatThrownBy(() -> d.select(new int[] {2, 0})).hasMessageContaining("non-decreasing");
  }

  @Test
  void requireBinaryLabels_countsPositives_rejectsOthers() {
    Dataset d = Dataset.of(NAMES, new double[][] {{1, 2}, {3, 4}}, new double[] {1, 1}, new long[] {1, 2});
    assertThat(d.requireBinaryLabels("train")).isEqualTo(2);
    Dataset bad = Dataset.of(NAMES, new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2}, new long[] {1, 2});
    assertThatThrownBy(() -> bad.requireBinaryLabels("train"))
        .hasMessageContaining("Labels of 'train' must be 0 or 1: row 1 is 2.0");
  }
}
