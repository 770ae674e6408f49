package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;

/**
 * {@link ActionMsgpack} and {@link PrivateKeySigner} against the python SDK's signing vectors
 * (../shared/hyperliquid/signing-vectors.json): msgpack bytes, connection id, r, s (as integers), v, and the
 * recovered address; plus the msgpack encodings and preimage layout of API.md "Signing" worked out by hand.
 */
class SigningVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  static final Path VECTORS = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"))
      .toAbsolutePath().normalize().getParent().getParent().resolve("hyperliquid/signing-vectors.json");

  static JsonNode file() {
    try {
      return JSON.readTree(VECTORS.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + VECTORS, e);
    }
  }

  static Stream<JsonNode> vectors() {
    List<JsonNode> out = new ArrayList<>();
    file().get("vectors").forEach(out::add);
    assertThat(out).hasSizeGreaterThanOrEqualTo(5);
    return out.stream();
  }

  private static Optional<String> vault(JsonNode v) {
    JsonNode n = v.get("vault_address");
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  private static OptionalLong expires(JsonNode v) {
    JsonNode n = v.get("expires_after");
    return n == null || n.isNull() ? OptionalLong.empty() : OptionalLong.of(n.asLong());
  }

  private static Network network(JsonNode v) {
    return switch (v.get("network").asText()) {
      case "mainnet" -> Network.MAINNET;
      case "testnet" -> Network.TESTNET;
      default -> throw new IllegalArgumentException("vector network " + v.get("network"));
    };
  }

  private static BigInteger hexInt(String h) {
    return new BigInteger(h.startsWith("0x") ? h.substring(2) : h, 16);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("vectors")
  void pack_vector_matchesSdkMsgpack(JsonNode v) {
    byte[] packed = ActionMsgpack.pack((ObjectNode) v.get("action"));
    assertThat(HEX.formatHex(packed)).isEqualTo(v.get("msgpack_hex").asText());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("vectors")
  void connectionId_vector_matchesSdk(JsonNode v) {
    byte[] id = ActionMsgpack.connectionId((ObjectNode) v.get("action"), v.get("nonce").asLong(), vault(v),
        expires(v));
    assertThat("0x" + HEX.formatHex(id)).isEqualTo(v.get("connection_id").asText());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("vectors")
  void sign_vector_matchesSdkSignature(JsonNode v) {
    PrivateKeySigner signer = PrivateKeySigner.fromHex(v.get("private_key").asText());
    Signature sig = signer.sign((ObjectNode) v.get("action"), v.get("nonce").asLong(), vault(v), expires(v),
        network(v));
    assertThat(sig.r()).isEqualTo(hexInt(v.get("r").asText()));
    assertThat(sig.s()).isEqualTo(hexInt(v.get("s").asText()));
    assertThat(sig.v()).isEqualTo(v.get("v").asInt());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("vectors")
  void recoverAddress_vectorSignature_givesKeysAddress(JsonNode v) {
    String expected = file().get("address_of_key").asText();
    Signature sig = new Signature(hexInt(v.get("r").asText()), hexInt(v.get("s").asText()), v.get("v").asInt());
    String got = PrivateKeySigner.recoverAddress((ObjectNode) v.get("action"), v.get("nonce").asLong(), vault(v),
        expires(v), network(v), sig);
    assertThat(got).isEqualTo(expected);
    assertThat(PrivateKeySigner.fromHex(v.get("private_key").asText()).address()).isEqualTo(expected);
  }

  @Test
  void recoverAddress_otherNetwork_givesAnotherAddress() {
    JsonNode v = vectors().filter(x -> x.get("network").asText().equals("mainnet")).findFirst().orElseThrow();
    Signature sig = new Signature(hexInt(v.get("r").asText()), hexInt(v.get("s").asText()), v.get("v").asInt());
    String got = PrivateKeySigner.recoverAddress((ObjectNode) v.get("action"), v.get("nonce").asLong(),
        Optional.empty(), OptionalLong.empty(), Network.TESTNET, sig);
    assertThat(got).isNotEqualTo(file().get("address_of_key").asText());
  }

  @Test
  void preimage_vaultAndExpiry_layoutOfApiMd() {
    JsonNode v = vectors().filter(x -> x.get("nonce").asLong() == 1677777606040L).findFirst().orElseThrow();
    ObjectNode action = (ObjectNode) v.get("action");
    String msgpack = v.get("msgpack_hex").asText();
    // nonce 1677777606040 = 0x00000186A3569598
    assertThat(HEX.formatHex(ActionMsgpack.preimage(action, 1677777606040L, Optional.empty(),
        OptionalLong.empty()))).isEqualTo(msgpack + "00000186a3569598" + "00");
    String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    assertThat(HEX.formatHex(ActionMsgpack.preimage(action, 1677777606040L, Optional.of(vault.toUpperCase()
        .replace("0X", "0x")), OptionalLong.empty())))
        .isEqualTo(msgpack + "00000186a3569598" + "01" + vault.substring(2));
    // expiresAfter = nonce + 60 s = 1677777666040 = 0x00000186A3577FF8
    long expiry = 1677777606040L + 60_000L;
    assertThat(Long.toHexString(expiry)).isEqualTo("186a3577ff8");
    assertThat(HEX.formatHex(ActionMsgpack.preimage(action, 1677777606040L, Optional.of(vault),
        OptionalLong.of(expiry))))
        .isEqualTo(msgpack + "00000186a3569598" + "01" + vault.substring(2) + "00" + "00000186a3577ff8");
    assertThat(HEX.formatHex(ActionMsgpack.preimage(action, 1677777606040L, Optional.empty(),
        OptionalLong.of(expiry)))).isEqualTo(msgpack + "00000186a3569598" + "00" + "00" + "00000186a3577ff8");
    assertThat(ActionMsgpack.connectionId(action, 1677777606040L, Optional.of(vault), OptionalLong.of(expiry)))
        .isEqualTo(Hash.sha3(ActionMsgpack.preimage(action, 1677777606040L, Optional.of(vault),
            OptionalLong.of(expiry))));
  }

  @Test
  void sign_vaultAndExpiry_recoversSignerAndDiffersFromPlain() {
    JsonNode v = vectors().findFirst().orElseThrow();
    ObjectNode action = (ObjectNode) v.get("action");
    PrivateKeySigner signer = PrivateKeySigner.fromHex(v.get("private_key").asText());
    Optional<String> vault = Optional.of("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
    OptionalLong expiry = OptionalLong.of(1677777666040L);
    for (Network net : List.of(Network.MAINNET, Network.TESTNET)) {
      Signature withBoth = signer.sign(action, 1677777606040L, vault, expiry, net);
      Signature vaultOnly = signer.sign(action, 1677777606040L, vault, OptionalLong.empty(), net);
      Signature plain = signer.sign(action, 1677777606040L, Optional.empty(), OptionalLong.empty(), net);
      assertThat(List.of(withBoth.r(), vaultOnly.r(), plain.r())).doesNotHaveDuplicates();
      assertThat(PrivateKeySigner.recoverAddress(action, 1677777606040L, vault, expiry, net, withBoth))
          .isEqualTo(signer.address());
      assertThat(PrivateKeySigner.recoverAddress(action, 1677777606040L, vault, OptionalLong.empty(), net,
          vaultOnly)).isEqualTo(signer.address());
      // the same signature over another expiry recovers someone else
      assertThat(PrivateKeySigner.recoverAddress(action, 1677777606040L, vault, OptionalLong.of(1L), net,
          withBoth)).isNotEqualTo(signer.address());
    }
  }

  @Test
  void sign_isDeterministicAndLowS() {
    PrivateKeySigner signer = PrivateKeySigner.fromHex(
        "0123456789012345678901234567890123456789012345678901234567890123");
    BigInteger halfN = new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);
    for (long nonce = 1; nonce <= 40; nonce++) {
      ObjectNode a = JSON.createObjectNode().put("type", "dummy").put("num", nonce);
      Signature s1 = signer.sign(a, nonce, Optional.empty(), OptionalLong.empty(), Network.MAINNET);
      Signature s2 = signer.sign(a, nonce, Optional.empty(), OptionalLong.empty(), Network.MAINNET);
      assertThat(s1).isEqualTo(s2);
      assertThat(s1.s()).isLessThanOrEqualTo(halfN);
      assertThat(s1.v()).isIn(27, 28);
      assertThat(PrivateKeySigner.recoverAddress(a, nonce, Optional.empty(), OptionalLong.empty(),
          Network.MAINNET, s1)).isEqualTo("0x14791697260e4c9a71f18484c9f997b308e59325");
    }
  }

  @Test
  void pack_encodings_smallestFormsAndStr8() throws IOException {
    assertThat(packHex("{\"a\":127}")).isEqualTo("81a161" + "7f");
    assertThat(packHex("{\"a\":128}")).isEqualTo("81a161" + "cc80");
    assertThat(packHex("{\"a\":256}")).isEqualTo("81a161" + "cd0100");
    assertThat(packHex("{\"a\":65536}")).isEqualTo("81a161" + "ce00010000");
    assertThat(packHex("{\"a\":4294967296}")).isEqualTo("81a161" + "cf0000000100000000");
    assertThat(packHex("{\"a\":18446744073709551615}")).isEqualTo("81a161" + "cfffffffffffffffff");
    assertThat(packHex("{\"a\":-1}")).isEqualTo("81a161" + "ff");
    assertThat(packHex("{\"a\":-32}")).isEqualTo("81a161" + "e0");
    assertThat(packHex("{\"a\":-33}")).isEqualTo("81a161" + "d0df");
    assertThat(packHex("{\"a\":-129}")).isEqualTo("81a161" + "d1ff7f");
    assertThat(packHex("{\"a\":null,\"b\":true,\"c\":[],\"d\":{}}"))
        .isEqualTo("84" + "a161c0" + "a162c3" + "a16390" + "a16480");
    String s31 = "x".repeat(31);
    String s32 = "x".repeat(32);
    String s256 = "x".repeat(256);
    assertThat(packHex("{\"a\":\"" + s31 + "\"}")).isEqualTo("81a161" + "bf" + "78".repeat(31));
    assertThat(packHex("{\"a\":\"" + s32 + "\"}")).isEqualTo("81a161" + "d920" + "78".repeat(32));
    assertThat(packHex("{\"a\":\"" + s256 + "\"}")).isEqualTo("81a161" + "da0100" + "78".repeat(256));
    // a cloid: 34 characters, str8
    assertThat(packHex("{\"c\":\"0x00000000000000000000000000000001\"}"))
        .startsWith("81a163" + "d922" + "3078");
    // insertion order, not sorted: "b" before "a"
    assertThat(packHex("{\"b\":1,\"a\":2}")).isEqualTo("82" + "a16201" + "a16102");
  }

  @Test
  void pack_floatOrHugeInteger_refusedNamingThePath() throws IOException {
    ObjectNode a = (ObjectNode) JSON.readTree("{\"type\":\"order\",\"orders\":[{\"a\":1,\"p\":1670.1}]}");
    assertThatThrownBy(() -> ActionMsgpack.pack(a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.orders[0].p").hasMessageContaining("1670.1");
    ObjectNode b = (ObjectNode) JSON.readTree("{\"n\":18446744073709551616}");
    assertThatThrownBy(() -> ActionMsgpack.pack(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.n");
    ObjectNode c = JSON.createObjectNode().put("x", 1.0f);
    assertThatThrownBy(() -> ActionMsgpack.pack(c)).hasMessageContaining("$.x");
  }

  @Test
  void preimage_badArguments_refusedNamingTheField() {
    ObjectNode a = JSON.createObjectNode().put("type", "dummy");
    assertThatThrownBy(() -> ActionMsgpack.preimage(a, -1, Optional.empty(), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonceMs");
    assertThatThrownBy(() -> ActionMsgpack.preimage(a, 1, Optional.of("0x1234"), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vaultAddress")
        .hasMessageContaining("0x1234");
    assertThatThrownBy(() -> ActionMsgpack.preimage(a, 1,
        Optional.of("0xg719884eb866cb12b2287399b15f7db5e7d775ea"), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vaultAddress");
    assertThatThrownBy(() -> ActionMsgpack.preimage(a, 1, Optional.empty(), OptionalLong.of(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAfterMs");
  }

  @Test
  void fromHex_malformedKeys_refusedWithoutEchoingTheKey() {
    String key = "0123456789012345678901234567890123456789012345678901234567890123";
    assertThat(PrivateKeySigner.fromHex("0x" + key).address()).isEqualTo(PrivateKeySigner.fromHex(key).address());
    assertThat(PrivateKeySigner.fromHex(key.toUpperCase()).address())
        .isEqualTo("0x14791697260e4c9a71f18484c9f997b308e59325");
    for (String bad : List.of(key.substring(1), key + "0", "0x" + key.substring(0, 63) + "z",
        "0".repeat(64), "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")) {
      assertThatThrownBy(() -> PrivateKeySigner.fromHex(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("private key")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.substring(2, 20)));
    }
  }

  @Test
  void fromEnvironment_unsetEmptyOrMalformed_namesVariableNotValue() {
    assertThatThrownBy(() -> PrivateKeySigner.fromEnvironment("HL_TEST_KEY", name -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HL_TEST_KEY");
    assertThatThrownBy(() -> PrivateKeySigner.fromEnvironment("HL_TEST_KEY", name -> ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HL_TEST_KEY");
    String bad = "0xdeadbeefcafe0123456789";
    assertThatThrownBy(() -> PrivateKeySigner.fromEnvironment("HL_TEST_KEY", name -> bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HL_TEST_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("deadbeef"));
    String key = "0x0123456789012345678901234567890123456789012345678901234567890123";
    PrivateKeySigner s = PrivateKeySigner.fromEnvironment("HL_TEST_KEY",
        name -> name.equals("HL_TEST_KEY") ? key : null);
    assertThat(s.toString()).contains("0x14791697260e4c9a71f18484c9f997b308e59325")
        .doesNotContain("0123456789012345678901234567890123456789");
  }

  private static String packHex(String json) throws IOException {
    return HEX.formatHex(ActionMsgpack.pack((ObjectNode) JSON.readTree(json)));
  }
}
