package io.slipstream.live.hl;

import java.util.Optional;

/**
 * The {@code orderStatus} reply.
 *
 * @param known false for {@code {"status":"unknownOid"}}
 * @param order the order as the exchange knows it (present when known)
 * @param status the order's status text when known: {@code open, filled, canceled, triggered, rejected,
 *     marginCanceled, ...}
 * @param statusTimestampMs when the status was set, epoch ms
 */
public record OrderQuery(boolean known, Optional<OpenOrder> order, String status, long statusTimestampMs) {
  /** The reply for an order the exchange does not know. */
  public static final OrderQuery UNKNOWN = new OrderQuery(false, Optional.empty(), "unknownOid", 0);
}
