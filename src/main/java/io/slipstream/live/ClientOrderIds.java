package io.slipstream.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic client order ids ({@code cloid}): {@code 0x} + the first 16 bytes of SHA-256 of a key in lowercase
 * hex, the 128-bit form Hyperliquid takes. The same key always gives the same id, so an order re-sent under its
 * key is refused by the exchange as a duplicate instead of trading twice.
 */
public final class ClientOrderIds {
  private ClientOrderIds() {
  }

  /**
   * @param key what identifies the order, e.g. {@code "rebalanceId|coin|stage|attempt"}
   * @return {@code 0x} + 32 lowercase hex digits
   */
  public static String of(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "0x" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
