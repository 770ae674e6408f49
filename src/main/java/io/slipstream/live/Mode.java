package io.slipstream.live;

import java.util.Locale;

/** How the runner trades: {@code dry-run} (default) sends nothing, {@code paper} simulates, {@code live} trades. */
public enum Mode {
  /** Computes and logs everything, sends no exchange request. */
  DRY_RUN("dry-run"),
  /** Simulated fills against the live book, paper positions in the database. */
  PAPER("paper"),
  /** Real orders; needs {@code --mode live}, keys in the environment, and {@code "dry_run": false}. */
  LIVE("live");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  /** @return the CLI and database label, e.g. {@code "dry-run"} */
  public String label() {
    return label;
  }

  /**
   * @param label "dry-run", "paper" or "live"
   * @return the mode
   * @throws IllegalArgumentException naming the value
   */
  public static Mode of(String label) {
    for (Mode m : values()) {
      if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("--mode must be dry-run, paper or live, was \"" + label + "\"");
  }
}
