package io.slipstream.live.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.web3j.crypto.Hash;

/**
 * The hashed form of an L1 action (API.md "Signing", steps 1 and 2; the python SDK's {@code action_hash}).
 *
 * <p>The action is serialised with msgpack exactly as the SDKs' {@code msgpack.packb(action)} does: map keys in
 * insertion order, integers in their smallest encoding (positive fixint, uint8..uint64, negative fixint,
 * int8..int64), strings as fixstr / str8 (32..255 bytes) / str16 / str32, booleans, nil, nested maps and arrays.
 * Floating-point numbers are refused: the protocol sends every price and size as a decimal string
 * ({@link WireFormat}), so a double in an action is a bug that would silently change the hash.
 *
 * <p>The preimage appends the nonce and the optional vault and expiry:
 * {@code msgpack(action) || nonce (8 bytes, big-endian) || (0x00 | 0x01 || vault (20 bytes))
 * [|| 0x00 || expiresAfter (8 bytes, big-endian)]}, and the connection id is its keccak-256.
 */
public final class ActionMsgpack {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private ActionMsgpack() {
  }

  /**
   * Serialises an action with msgpack (keys in insertion order, smallest integer encodings, str8 strings).
   *
   * @param action the action object, e.g. {@code {"type":"order","orders":[...],"grouping":"na"}}. Not modified.
   * @return the msgpack bytes
   * @throws IllegalArgumentException naming the JSON path (e.g. {@code $.orders[0].p}) of a floating-point number,
   *     an integer outside {@code [-2^63, 2^64 - 1]}, or a node kind msgpack cannot carry
   * @throws NullPointerException if {@code action} is null
   */
  public static byte[] pack(ObjectNode action) {
    Objects.requireNonNull(action, "action");
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      packNode(packer, action, "$");
      packer.flush();
      return packer.toByteArray();
    } catch (IOException e) {
      // a buffer packer does no I/O; keep the cause rather than hide it
      throw new UncheckedIOException("msgpack of an in-memory action failed", e);
    }
  }

  /**
   * The bytes that are hashed into the connection id (API.md "Signing", step 1).
   *
   * @param action the action; keys are hashed in their insertion order. Not modified.
   * @param nonceMs the nonce, epoch ms, {@code >= 0} (8 bytes big-endian)
   * @param vaultAddress the vault or sub-account address, {@code 0x} + 40 hex digits (any case), if any
   * @param expiresAfterMs the action's expiry, epoch ms, {@code >= 0}, if any
   * @return {@code msgpack(action) || nonce || (0x00 | 0x01 || vault) [|| 0x00 || expiresAfter]}
   * @throws IllegalArgumentException naming the field and value for a negative nonce or expiry, a malformed vault
   *     address, or an action {@link #pack} refuses
   */
  public static byte[] preimage(ObjectNode action, long nonceMs, Optional<String> vaultAddress,
      OptionalLong expiresAfterMs) {
    Objects.requireNonNull(vaultAddress, "vaultAddress");
    Objects.requireNonNull(expiresAfterMs, "expiresAfterMs");
    if (nonceMs < 0) {
      throw new IllegalArgumentException("Argument 'nonceMs' must be >= 0, was " + nonceMs);
    }
    if (expiresAfterMs.isPresent() && expiresAfterMs.getAsLong() < 0) {
      throw new IllegalArgumentException("Argument 'expiresAfterMs' must be >= 0, was "
          + expiresAfterMs.getAsLong());
    }
    byte[] vault = vaultAddress.map(a -> addressBytes(a, "vaultAddress")).orElse(null);
    byte[] packed = pack(action);
    int size = packed.length + 8 + 1 + (vault == null ? 0 : 20) + (expiresAfterMs.isPresent() ? 9 : 0);
    ByteBuffer buf = ByteBuffer.allocate(size); // big-endian by default
    buf.put(packed).putLong(nonceMs);
    if (vault == null) {
      buf.put((byte) 0);
    } else {
      buf.put((byte) 1).put(vault);
    }
    if (expiresAfterMs.isPresent()) {
      buf.put((byte) 0).putLong(expiresAfterMs.getAsLong());
    }
    return buf.array();
  }

  /**
   * The phantom agent's connection id (API.md "Signing", step 2): {@code keccak256(preimage(...))}.
   *
   * @param action the action. Not modified.
   * @param nonceMs the nonce, epoch ms
   * @param vaultAddress the vault address, if any
   * @param expiresAfterMs the expiry, epoch ms, if any
   * @return 32 bytes
   * @throws IllegalArgumentException as {@link #preimage} does
   */
  public static byte[] connectionId(ObjectNode action, long nonceMs, Optional<String> vaultAddress,
      OptionalLong expiresAfterMs) {
    return Hash.sha3(preimage(action, nonceMs, vaultAddress, expiresAfterMs));
  }

  /**
   * Decodes an address, {@code 0x} + 40 hex digits (any case), into its 20 bytes.
   *
   * @param address the address
   * @param field the field name for the error message
   * @return 20 bytes
   * @throws IllegalArgumentException naming the field and value when malformed
   */
  static byte[] addressBytes(String address, String field) {
    if (address == null || address.length() != 42 || !(address.startsWith("0x") || address.startsWith("0X"))) {
      throw new IllegalArgumentException("Argument '" + field + "' must be 0x + 40 hex digits, was \""
          + address + "\"");
    }
    byte[] out = new byte[20];
    for (int i = 0; i < 20; i++) {
      int hi = Character.digit(address.charAt(2 + 2 * i), 16);
      int lo = Character.digit(address.charAt(3 + 2 * i), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("Argument '" + field + "' must be 0x + 40 hex digits, was \""
            + address + "\"");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static void packNode(MessageBufferPacker p, JsonNode node, String path) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        p.packMapHeader(node.size());
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          p.packString(e.getKey());
          packNode(p, e.getValue(), path + "." + e.getKey());
        }
      }
      case ARRAY -> {
        p.packArrayHeader(node.size());
        for (int i = 0; i < node.size(); i++) {
          packNode(p, node.get(i), path + "[" + i + "]");
        }
      }
      case STRING -> p.packString(node.textValue());
      case BOOLEAN -> p.packBoolean(node.booleanValue());
      case NULL -> p.packNil();
      case NUMBER -> packNumber(p, node, path);
      case BINARY -> {
        byte[] b = node.binaryValue();
        p.packBinaryHeader(b.length);
        p.writePayload(b);
      }
      default -> throw new IllegalArgumentException("action " + path + ": cannot msgpack a " + node.getNodeType()
          + " node");
    }
  }

  private static void packNumber(MessageBufferPacker p, JsonNode node, String path) throws IOException {
    if (!node.isIntegralNumber()) {
      throw new IllegalArgumentException("action " + path + ": floating-point number " + node.asText()
          + " is not allowed; send prices and sizes as strings (WireFormat.toWire)");
    }
    if (node.canConvertToLong()) {
      p.packLong(node.longValue()); // msgpack-core picks the smallest encoding
      return;
    }
    BigInteger v = node.bigIntegerValue();
    if (v.compareTo(UINT64_MAX) > 0 || v.compareTo(INT64_MIN) < 0) {
      throw new IllegalArgumentException("action " + path + ": integer " + v + " does not fit msgpack's uint64 or"
          + " int64");
    }
    p.packBigInteger(v); // uint64 range above Long.MAX_VALUE
  }
}
