package io.slipstream.live.hl;

/** Time in force of a limit order ({@code t.limit.tif} on the wire). */
public enum Tif {
  /** Add liquidity only (post-only): rejected if it would cross. */
  ALO("Alo"),
  /** Immediate or cancel: takes what it can, the rest is cancelled. */
  IOC("Ioc"),
  /** Good till cancelled. */
  GTC("Gtc");

  private final String wire;

  Tif(String wire) {
    this.wire = wire;
  }

  /** @return the wire name, e.g. {@code "Alo"} */
  public String wire() {
    return wire;
  }

  /**
   * @param wire a wire name
   * @return the constant
   * @throws IllegalArgumentException naming the value when unknown
   */
  public static Tif ofWire(String wire) {
    for (Tif t : values()) {
      if (t.wire.equals(wire)) {
        return t;
      }
    }
    throw new IllegalArgumentException("tif must be Alo, Ioc or Gtc, was \"" + wire + "\"");
  }
}
