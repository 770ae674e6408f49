package io.slipstream.ml.model;

import java.util.List;

/** The check that a dataset carries exactly the features a model was fitted on. */
final class FeatureLists {
  private FeatureLists() {
  }

  /**
   * @param model the model's feature names, in order
   * @param data the data's feature names, in order
   * @param what what is being compared, for the message (e.g. {@code "data"})
   * @throws IllegalArgumentException naming the first position where the lists differ and both names there
   */
  static void requireSame(List<String> model, List<String> data, String what) {
    if (model.equals(data)) {
      return;
    }
    int n = Math.max(model.size(), data.size());
    for (int i = 0; i < n; i++) {
      String m = i < model.size() ? "'" + model.get(i) + "'" : "<none>";
      String d = i < data.size() ? "'" + data.get(i) + "'" : "<none>";
      if (!m.equals(d)) {
        throw new IllegalArgumentException("Feature list of the " + what + " differs from the model's: the model has "
            + model.size() + " features, the " + what + " " + data.size() + "; first difference at position " + i
            + ": model " + m + ", " + what + " " + d);
      }
    }
    throw new IllegalStateException("unreachable: lists differ but no position differs");
  }
}
