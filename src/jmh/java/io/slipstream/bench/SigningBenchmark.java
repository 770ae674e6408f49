package io.slipstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.hl.ActionMsgpack;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.Signature;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of L1-action signing (API.md "Signing") for a one-order action
 * ({@code {"type":"order","orders":[{a,b,p,s,r,t:{limit:{tif}},c}],"grouping":"na"}}) with a vault-less nonce:
 * <ul>
 *   <li>{@link #sign}: msgpack, keccak connection id, EIP-712 digest, RFC 6979 ECDSA and recovery id
 *   ({@link PrivateKeySigner#sign}); target under 1 ms;</li>
 *   <li>{@link #connectionId}: the msgpack + keccak part alone;</li>
 *   <li>{@link #recoverAddress}: what the fake exchange does to authenticate a request.</li>
 * </ul>
 * Run: {@code mvn -Pbench -DskipTests package && java -jar target/benchmarks.jar SigningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SigningBenchmark {
  private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  private static final long NONCE_MS = 1_700_000_000_000L;

  private PrivateKeySigner signer;
  private ObjectNode action;
  private Signature signature;

  /** Builds the signer, the action and one signature to recover. */
  @Setup
  public void setup() {
    signer = PrivateKeySigner.fromHex(KEY);
    ObjectMapper json = new ObjectMapper();
    action = json.createObjectNode().put("type", "order");
    ObjectNode order = action.putArray("orders").addObject();
    order.put("a", 4).put("b", true).put("p", "1670.1").put("s", "0.0147").put("r", false);
    order.putObject("t").putObject("limit").put("tif", "Alo");
    order.put("c", "0x00000000000000000000000000000001");
    action.put("grouping", "na");
    signature = sign();
  }

  /** The full signature of the one-order action. */
  @Benchmark
  public Signature sign() {
    return signer.sign(action, NONCE_MS, Optional.empty(), OptionalLong.empty(), Network.MAINNET);
  }

  /** msgpack + keccak256 only. */
  @Benchmark
  public byte[] connectionId() {
    return ActionMsgpack.connectionId(action, NONCE_MS, Optional.empty(), OptionalLong.empty());
  }

  /** Public-key recovery from the signature (the exchange side). */
  @Benchmark
  public String recoverAddress() {
    return PrivateKeySigner.recoverAddress(action, NONCE_MS, Optional.empty(), OptionalLong.empty(),
        Network.MAINNET, signature);
  }
}
