package io.slipstream.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigException;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.Signature;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipstream hl}: Hyperliquid utilities. Subcommand {@code sign} signs an L1 action (API.md "Signing").
 */
@Command(name = "hl", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  HL_PRIVATE_KEY=0x... slipstream hl sign \\", "      --action '{\"type\":\"cancel\",\"cancels\":[{\"a\":4,\"o\":123}]}' --nonce 1700000000000"}, description = "Hyperliquid utilities.",
    subcommands = {HlCommand.Sign.class})
final class HlCommand implements Runnable {
  /** The environment variable that holds the private key. */
  static final String KEY_VARIABLE = "HL_PRIVATE_KEY";
  /** The environment, replaceable by tests (never holds a key of its own). */
  static Function<String, String> env = System::getenv;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (sign)");
  }

  /**
   * {@code slipstream hl sign}: prints the signature of an L1 action as {@code {"r":"0x..","s":"0x..","v":27|28}}.
   */
  @Command(name = "sign", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  HL_PRIVATE_KEY=0x... slipstream hl sign \\", "      --action '{\"type\":\"cancel\",\"cancels\":[{\"a\":4,\"o\":123}]}' --nonce 1700000000000"},
      description = "Sign an L1 action with the key in $" + KEY_VARIABLE + " and print {\"r\",\"s\",\"v\"}.")
  static final class Sign implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Option(names = "--action", required = true,
        description = "the action as a JSON object, e.g. '{\"type\":\"order\",...}' (key order is kept: it is hashed)")
    String action;

    @Option(names = "--nonce", required = true, description = "nonce, epoch milliseconds")
    long nonceMs;

    @Option(names = "--vault", description = "vault or sub-account address (0x + 40 hex)")
    String vault;

    @Option(names = "--expires-after", description = "expiry, epoch milliseconds")
    Long expiresAfterMs;

    @Option(names = "--testnet", description = "sign for testnet (phantom-agent source \"b\"; default mainnet \"a\")")
    boolean testnet;

    @Override
    public Integer call() {
      PrivateKeySigner signer;
      try {
        signer = PrivateKeySigner.fromEnvironment(KEY_VARIABLE, env);
      } catch (ConfigException e) {
        throw new Main.UsageException(e.getMessage());
      }
      ObjectNode node = parseAction(action);
      if (nonceMs < 0) {
        throw new Main.UsageException("--nonce must be >= 0, was " + nonceMs);
      }
      if (expiresAfterMs != null && expiresAfterMs < 0) {
        throw new Main.UsageException("--expires-after must be >= 0, was " + expiresAfterMs);
      }
      Optional<String> vaultAddress = Optional.ofNullable(vault);
      if (vault != null && !vault.matches("0[xX][0-9a-fA-F]{40}")) {
        throw new Main.UsageException("--vault must be 0x + 40 hex digits, was \"" + vault + "\"");
      }
      OptionalLong expires = expiresAfterMs == null ? OptionalLong.empty() : OptionalLong.of(expiresAfterMs);
      Signature sig;
      try {
        sig = signer.sign(node, nonceMs, vaultAddress, expires, testnet ? Network.TESTNET : Network.MAINNET);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--action: " + e.getMessage());
      }
      PrintStream out = System.out;
      out.println(sig.toJson());
      out.flush();
      return 0;
    }

    private static ObjectNode parseAction(String text) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new Main.UsageException("--action is not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new Main.UsageException("--action must be a JSON object, was "
            + (node == null ? "empty" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
      }
      return (ObjectNode) node;
    }
  }
}
