package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Trigger orders (stop-loss / take-profit, STOP_MARKET) on the wire and signed, against the official python SDK's
 * own expected values: {@code tests/signing_test.py::test_l1_action_signing_tpsl_order_matches} of
 * hyperliquid-python-sdk signs {@code {"coin":"ETH" (asset 1), "is_buy":True, "sz":100, "limit_px":100,
 * "reduce_only":False, "order_type":{"trigger":{"triggerPx":103,"isMarket":True,"tpsl":"sl"}}}} at nonce 0 with the
 * key {@code 0x0123...0123} and asserts the r, s, v below for mainnet and testnet. The msgpack bytes of the trigger
 * part are worked out by hand from the msgpack spec.
 */
class TriggerOrderSigningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";

  /** The SDK test's order through our builder: a market stop-loss, not reduce-only, no cloid. */
  private static ObjectNode sdkAction() {
    OrderRequest o = new OrderRequest(1, "ETH", true, 100, 100, false, Tif.GTC, Optional.empty(),
        Optional.of(new Trigger(103, true, Trigger.Tpsl.SL)));
    return Actions.order(List.of(o));
  }

  @Test
  void order_trigger_wireKeysInTheSdksOrder() throws Exception {
    assertThat(sdkAction().toString()).isEqualTo(JSON.readTree("{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,"
        + "\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"103\","
        + "\"tpsl\":\"sl\"}}}],\"grouping\":\"na\"}").toString());
  }

  @Test
  void pack_trigger_msgpackByHand() {
    // {"trigger": {"isMarket": true, "triggerPx": "103", "tpsl": "sl"}}: fixmap(1) fixstr(7) "trigger" fixmap(3)
    // fixstr(8) "isMarket" true(c3) fixstr(9) "triggerPx" fixstr(3) "103" fixstr(4) "tpsl" fixstr(2) "sl"
    String t = "81" + "a7" + hex("trigger") + "83" + "a8" + hex("isMarket") + "c3" + "a9" + hex("triggerPx") + "a3"
        + hex("103") + "a4" + hex("tpsl") + "a2" + hex("sl");
    String packed = HEX.formatHex(ActionMsgpack.pack(sdkAction()));
    // "t" key (a1 74) followed by the trigger map, then "grouping"
    assertThat(packed).contains("a174" + t + "a8" + hex("grouping"));
  }

  @Test
  void sign_sdkTpslVector_mainnetAndTestnet() {
    PrivateKeySigner signer = PrivateKeySigner.fromHex(KEY);
    Signature main = signer.sign(sdkAction(), 0, Optional.empty(), OptionalLong.empty(), Network.MAINNET);
    assertThat(main.r()).isEqualTo(new BigInteger("98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
        16));
    assertThat(main.s()).isEqualTo(new BigInteger("6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405",
        16));
    assertThat(main.v()).isEqualTo(27);
    Signature test = signer.sign(sdkAction(), 0, Optional.empty(), OptionalLong.empty(), Network.TESTNET);
    assertThat(test.r()).isEqualTo(new BigInteger("971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
        16));
    assertThat(test.s()).isEqualTo(new BigInteger("206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac",
        16));
    assertThat(test.v()).isEqualTo(28);
  }

  @Test
  void stopMarket_isAReduceOnlyMarketStopLoss() {
    OrderRequest o = OrderRequest.stopMarket(4, "ETH", false, 1500.5, 1350.4, 0.25,
        Optional.of("0x000000000000000000000000000000a1"));
    ObjectNode w = (ObjectNode) Actions.order(List.of(o)).get("orders").get(0);
    assertThat(w.toString()).isEqualTo("{\"a\":4,\"b\":false,\"p\":\"1350.4\",\"s\":\"0.25\",\"r\":true,"
        + "\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"1500.5\",\"tpsl\":\"sl\"}},"
        + "\"c\":\"0x000000000000000000000000000000a1\"}");
  }

  @Test
  void trigger_firesAt_sidesAndKinds() {
    // a sell stop (closing a long) fires at or below; a buy stop (closing a short) at or above; take-profit opposite
    Trigger sl = new Trigger(100, true, Trigger.Tpsl.SL);
    assertThat(sl.firesAt(false, 100)).isTrue();
    assertThat(sl.firesAt(false, 100.01)).isFalse();
    assertThat(sl.firesAt(true, 100)).isTrue();
    assertThat(sl.firesAt(true, 99.99)).isFalse();
    Trigger tp = new Trigger(100, false, Trigger.Tpsl.TP);
    assertThat(tp.firesAt(false, 100.01)).isTrue();
    assertThat(tp.firesAt(false, 99.99)).isFalse();
    assertThat(tp.firesAt(true, 99.99)).isTrue();
    assertThat(tp.firesAt(true, 100.01)).isFalse();
  }

  @Test
  void orderRequest_triggerWithAnotherTif_refused() {
    assertThatThrownBy(() -> new OrderRequest(1, "ETH", true, 100, 1, true, Tif.IOC, Optional.empty(),
        Optional.of(new Trigger(103, true, Trigger.Tpsl.SL)))).hasMessageContaining("Gtc");
    assertThatThrownBy(() -> new Trigger(0, true, Trigger.Tpsl.SL)).hasMessageContaining("triggerPx");
  }

  private static String hex(String s) {
    return HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
  }
}
