package io.slipstream.ml.nlp;

/** Puts DJL in offline mode (no model-zoo or engine downloads); called before every first use of DJL here. */
final class DjlOffline {
  /** The system property DJL reads. */
  static final String PROPERTY = "ai.djl.offline";

  private DjlOffline() {
  }

  /** Sets {@code ai.djl.offline=true}. */
  static void ensure() {
    System.setProperty(PROPERTY, "true");
  }
}
