package io.slipstream.live.hl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * Builders of the L1 actions of API.md "Exchange actions", with their keys in the exact order the exchange hashes
 * (the msgpack preimage keeps insertion order, so a key out of place gives a different signer address and the
 * exchange rejects the action). Prices and sizes go on the wire through {@link WireFormat#toWire(double)}.
 */
public final class Actions {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Actions() {
  }

  /**
   * {@code {"type":"order","orders":[{"a","b","p","s","r","t":{"limit":{"tif"}},"c"?}],"grouping":"na"}};
   * {@code c} only for an order with a cloid. A trigger order's {@code t} is
   * {@code {"trigger":{"isMarket","triggerPx","tpsl"}}}, keys in that order (the python SDK's
   * {@code order_type_to_wire}).
   *
   * @param orders the orders, in order (at least one)
   * @return the action
   * @throws IllegalArgumentException when the list is empty, or a price or size needs more than 8 decimals
   */
  public static ObjectNode order(List<OrderRequest> orders) {
    nonEmpty(orders, "orders");
    ObjectNode action = F.objectNode();
    action.put("type", "order");
    ArrayNode arr = action.putArray("orders");
    for (OrderRequest o : orders) {
      ObjectNode w = arr.addObject();
      w.put("a", o.asset());
      w.put("b", o.isBuy());
      w.put("p", WireFormat.toWire(o.px()));
      w.put("s", WireFormat.toWire(o.sz()));
      w.put("r", o.reduceOnly());
      if (o.trigger().isPresent()) {
        Trigger t = o.trigger().get();
        w.putObject("t").putObject("trigger").put("isMarket", t.isMarket())
            .put("triggerPx", WireFormat.toWire(t.triggerPx())).put("tpsl", t.tpsl().wire());
      } else {
        w.putObject("t").putObject("limit").put("tif", o.tif().wire());
      }
      o.cloid().ifPresent(c -> w.put("c", c));
    }
    action.put("grouping", "na");
    return action;
  }

  /**
   * {@code {"type":"cancel","cancels":[{"a":asset,"o":oid}]}}.
   *
   * @param cancels (asset, oid) pairs (at least one)
   * @return the action
   * @throws IllegalArgumentException when the list is empty
   */
  public static ObjectNode cancel(List<ExchangeApi.OidCancel> cancels) {
    nonEmpty(cancels, "cancels");
    ObjectNode action = F.objectNode();
    action.put("type", "cancel");
    ArrayNode arr = action.putArray("cancels");
    for (ExchangeApi.OidCancel c : cancels) {
      arr.addObject().put("a", c.asset()).put("o", c.oid());
    }
    return action;
  }

  /**
   * {@code {"type":"cancelByCloid","cancels":[{"asset":asset,"cloid":"0x.."}]}}.
   *
   * @param cancels (asset, cloid) pairs (at least one)
   * @return the action
   * @throws IllegalArgumentException when the list is empty or a cloid is not {@code 0x} + 32 lowercase hex
   */
  public static ObjectNode cancelByCloid(List<ExchangeApi.CloidCancel> cancels) {
    nonEmpty(cancels, "cancels");
    ObjectNode action = F.objectNode();
    action.put("type", "cancelByCloid");
    ArrayNode arr = action.putArray("cancels");
    for (ExchangeApi.CloidCancel c : cancels) {
      if (c.cloid() == null || !c.cloid().matches("0x[0-9a-f]{32}")) {
        throw new IllegalArgumentException("cancel cloid must be 0x + 32 lowercase hex, was \"" + c.cloid() + "\"");
      }
      arr.addObject().put("asset", c.asset()).put("cloid", c.cloid());
    }
    return action;
  }

  /**
   * {@code {"type":"scheduleCancel","time":ms}}, or {@code {"type":"scheduleCancel"}} to unset the dead man's
   * switch.
   *
   * @param timeMs when every open order is to be cancelled, epoch ms ({@code > 0}), or empty to unset
   * @return the action
   * @throws IllegalArgumentException when the time is not positive
   */
  public static ObjectNode scheduleCancel(OptionalLong timeMs) {
    ObjectNode action = F.objectNode();
    action.put("type", "scheduleCancel");
    if (timeMs.isPresent()) {
      if (timeMs.getAsLong() <= 0) {
        throw new IllegalArgumentException("scheduleCancel time must be > 0 epoch ms, was " + timeMs.getAsLong());
      }
      action.put("time", timeMs.getAsLong());
    }
    return action;
  }

  /**
   * @param action an action built here
   * @return the length of its batch array ({@code orders} or {@code cancels}), 0 when it has none; the input of
   *     {@link RateLimiter#exchangeWeight(int)}
   */
  public static int batchLength(ObjectNode action) {
    if (action.has("orders")) {
      return action.get("orders").size();
    }
    if (action.has("cancels")) {
      return action.get("cancels").size();
    }
    return 0;
  }

  private static void nonEmpty(List<?> list, String name) {
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException("Argument '" + name + "' must hold at least one entry, was " + list);
    }
  }
}
