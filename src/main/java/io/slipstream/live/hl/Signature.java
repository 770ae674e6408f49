package io.slipstream.live.hl;

import java.math.BigInteger;

/**
 * A secp256k1 signature as the exchange takes it: {@code {"r":"0x..","s":"0x..","v":27|28}}.
 *
 * @param r r, 0 &lt; r &lt; n
 * @param s s, low-s form (s &lt;= n/2)
 * @param v recovery id + 27
 */
public record Signature(BigInteger r, BigInteger s, int v) {
  /** @return {@code r} as {@code 0x} + 64 lowercase hex digits */
  public String rHex() {
    return "0x" + String.format("%064x", r);
  }

  /** @return {@code s} as {@code 0x} + 64 lowercase hex digits */
  public String sHex() {
    return "0x" + String.format("%064x", s);
  }

  /** @return {@code {"r":"0x..","s":"0x..","v":27|28}} (no spaces) */
  public String toJson() {
    return "{\"r\":\"" + rHex() + "\",\"s\":\"" + sHex() + "\",\"v\":" + v + "}";
  }
}
