package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code slipstream hl sign} through {@link Main#execute}: prints each signing vector's r, s, v
 * (../shared/hyperliquid/signing-vectors.json) with the key given by an injected environment; exit 2 naming
 * {@code HL_PRIVATE_KEY} / {@code --action} for a missing key or bad JSON; the key never appears in the output.
 */
class HlCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path VECTORS = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"))
      .toAbsolutePath().normalize().getParent().getParent().resolve("hyperliquid/signing-vectors.json");
  private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  private static final String KEY_BODY = KEY.substring(2, 40);
  private static final String ORDER = "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\","
      + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}";

  @AfterEach
  void restoreEnvironment() {
    HlCommand.env = System::getenv;
  }

  static Stream<JsonNode> vectors() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(VECTORS.toFile()).get("vectors").forEach(out::add);
    assertThat(out).isNotEmpty();
    return out.stream();
  }

  private static CliRun.Result run(Map<String, String> environment, String... args) {
    Function<String, String> env = environment::get;
    HlCommand.env = env;
    return CliRun.run(args);
  }

  private static void assertNoKey(CliRun.Result r) {
    assertThat(r.out()).doesNotContain(KEY_BODY);
    assertThat(r.err()).doesNotContain(KEY_BODY);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("vectors")
  void sign_vector_printsItsSignature(JsonNode v) throws IOException {
    List<String> args = new ArrayList<>(List.of("hl", "sign", "--action", JSON.writeValueAsString(v.get("action")),
        "--nonce", v.get("nonce").asText()));
    if (v.get("network").asText().equals("testnet")) {
      args.add("--testnet");
    }
    if (v.hasNonNull("vault_address")) {
      args.addAll(List.of("--vault", v.get("vault_address").asText()));
    }
    if (v.hasNonNull("expires_after")) {
      args.addAll(List.of("--expires-after", v.get("expires_after").asText()));
    }
    CliRun.Result r = run(Map.of("HL_PRIVATE_KEY", v.get("private_key").asText()), args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).matches("\\{\"r\":\"0x[0-9a-f]{64}\",\"s\":\"0x[0-9a-f]{64}\",\"v\":2[78]}\\R");
    JsonNode sig = JSON.readTree(r.out());
    assertThat(new BigInteger(sig.get("r").asText().substring(2), 16))
        .isEqualTo(new BigInteger(v.get("r").asText().substring(2), 16));
    assertThat(new BigInteger(sig.get("s").asText().substring(2), 16))
        .isEqualTo(new BigInteger(v.get("s").asText().substring(2), 16));
    assertThat(sig.get("v").asInt()).isEqualTo(v.get("v").asInt());
    assertThat(r.err()).isEmpty();
    assertNoKey(r);
  }

  @Test
  void sign_keyOrderOfAction_isKept() {
    // the same fields in another order hash differently
    String reordered = "{\"grouping\":\"na\",\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\","
        + "\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}]}";
    CliRun.Result a = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "0");
    CliRun.Result b = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", reordered, "--nonce", "0");
    assertThat(a.exit()).isZero();
    assertThat(b.exit()).isZero();
    assertThat(a.out()).isNotEqualTo(b.out());
  }

  @Test
  void sign_missingKey_exit2NamingTheVariable() {
    CliRun.Result r = run(Map.of(), "hl", "sign", "--action", ORDER, "--nonce", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("HL_PRIVATE_KEY");
    assertThat(r.out()).isEmpty();
    CliRun.Result empty = run(Map.of("HL_PRIVATE_KEY", ""), "hl", "sign", "--action", ORDER, "--nonce", "0");
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("HL_PRIVATE_KEY");
  }

  @Test
  void sign_malformedKey_exit2WithoutEchoingIt() {
    String bad = KEY.substring(0, 60) + "zz";
    CliRun.Result r = run(Map.of("HL_PRIVATE_KEY", bad), "hl", "sign", "--action", ORDER, "--nonce", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("HL_PRIVATE_KEY");
    assertNoKey(r);
  }

  @Test
  void sign_badJson_exit2NamingAction() {
    for (String bad : List.of("{\"type\":", "[1,2]", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}")) {
      CliRun.Result r = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", bad, "--nonce", "0");
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.err()).as(bad).contains("--action");
      assertThat(r.out()).isEmpty();
      assertNoKey(r);
    }
  }

  @Test
  void sign_floatInAction_exit2NamingThePath() {
    String withFloat = "{\"type\":\"order\",\"orders\":[{\"a\":1,\"p\":1670.1}]}";
    CliRun.Result r = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", withFloat, "--nonce", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--action").contains("$.orders[0].p");
  }

  @Test
  void sign_badVaultOrNonce_exit2() {
    CliRun.Result vault = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "0",
        "--vault", "0x1234");
    assertThat(vault.exit()).isEqualTo(2);
    assertThat(vault.err()).contains("--vault").contains("0x1234");
    CliRun.Result nonce = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "-1");
    assertThat(nonce.exit()).isEqualTo(2);
    assertThat(nonce.err()).contains("--nonce");
    CliRun.Result missing = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--nonce");
  }

  @Test
  void sign_vaultAndExpiry_changeTheSignature() {
    String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    CliRun.Result plain = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "5");
    CliRun.Result withVault = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "5",
        "--vault", vault);
    CliRun.Result withBoth = run(Map.of("HL_PRIVATE_KEY", KEY), "hl", "sign", "--action", ORDER, "--nonce", "5",
        "--vault", vault, "--expires-after", "1000");
    assertThat(List.of(plain.exit(), withVault.exit(), withBoth.exit())).containsOnly(0);
    assertThat(List.of(plain.out(), withVault.out(), withBoth.out())).doesNotHaveDuplicates();
  }

  @Test
  void hl_withoutSubcommand_exit2() {
    CliRun.Result r = run(Map.of(), "hl");
    assertThat(r.exit()).isEqualTo(2);
  }
}
