package io.slipstream.live.hl;

import java.util.Optional;

/**
 * One limit order of an {@code order} action. Price and size must already satisfy the exchange's rounding rules
 * ({@link PriceRules}); the wire form is made by {@link WireFormat} when the action is built, which refuses a value
 * that 8 decimals cannot carry.
 *
 * @param asset asset index ({@code a})
 * @param coin the coin (for logs and the audit trail; not sent)
 * @param isBuy side ({@code b})
 * @param px limit price, USD ({@code p})
 * @param sz size, base asset, positive ({@code s})
 * @param reduceOnly {@code r}
 * @param tif time in force ({@code t.limit.tif})
 * @param cloid client order id {@code 0x} + 32 lowercase hex ({@code c}), optional
 */
public record OrderRequest(int asset, String coin, boolean isBuy, double px, double sz, boolean reduceOnly, Tif tif,
    Optional<String> cloid) {
  /** Checks the fields. */
  public OrderRequest {
    if (!(px > 0) || Double.isInfinite(px)) {
      throw new IllegalArgumentException("order px must be positive and finite, was " + px + " (" + coin + ")");
    }
    if (!(sz > 0) || Double.isInfinite(sz)) {
      throw new IllegalArgumentException("order sz must be positive and finite, was " + sz + " (" + coin + ")");
    }
    if (cloid.isPresent() && !cloid.get().matches("0x[0-9a-f]{32}")) {
      throw new IllegalArgumentException("order cloid must be 0x + 32 lowercase hex, was \"" + cloid.get() + "\"");
    }
  }
}
