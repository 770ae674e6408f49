package io.slipstream.live.hl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * An {@link ActionSigner} over a secp256k1 private key held in memory (API.md "Signing"; the python SDK's
 * {@code sign_l1_action}).
 *
 * <p>The signed message is the EIP-712 digest of the phantom agent
 * {@code Agent{string source, bytes32 connectionId}} with {@code source = "a"} (mainnet) or {@code "b"} (testnet)
 * and {@code connectionId = }{@link ActionMsgpack#connectionId}, in the domain
 * {@code {name "Exchange", version "1", chainId 1337, verifyingContract 0x00..00}}:
 * {@code digest = keccak256(0x19 0x01 || domainSeparator || hashStruct(agent))} (EIP-712), where
 * {@code domainSeparator = keccak256(typeHash(EIP712Domain) || keccak256("Exchange") || keccak256("1") ||
 * uint256(1337) || uint256(0))} and {@code hashStruct(agent) = keccak256(typeHash(Agent) || keccak256(source) ||
 * connectionId)}. The digest is signed with RFC 6979 deterministic nonces (web3j / BouncyCastle) in low-s form,
 * {@code v = 27 + recovery id}.
 *
 * <p>The key never leaves this object: {@link #toString()} shows the address only, and no error message carries
 * the key or any part of it.
 */
public final class PrivateKeySigner implements ActionSigner {
  private static final byte[] DOMAIN_TYPE_HASH = keccak(
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
  private static final byte[] AGENT_TYPE_HASH = keccak("Agent(string source,bytes32 connectionId)");
  /** Chain id of the L1-action signing domain (not the chain the exchange runs on). */
  private static final long CHAIN_ID = 1337;
  private static final byte[] DOMAIN_SEPARATOR = domainSeparator();
  private static final byte[] SOURCE_MAINNET_HASH = keccak("a");
  private static final byte[] SOURCE_TESTNET_HASH = keccak("b");
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

  private final ECKeyPair keyPair;
  private final String address;

  private PrivateKeySigner(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.address = "0x" + Keys.getAddress(keyPair.getPublicKey());
  }

  /**
   * A signer for a hex private key.
   *
   * @param hexKey 64 hex digits (32 bytes, any case), with or without a {@code 0x} prefix; surrounding whitespace
   *     is ignored
   * @return the signer
   * @throws IllegalArgumentException if the key is null, not 64 hex digits, zero, or not below the secp256k1 group
   *     order; the message never contains the key
   */
  public static PrivateKeySigner fromHex(String hexKey) {
    if (hexKey == null) {
      throw new IllegalArgumentException("private key must be 64 hex digits (optionally 0x-prefixed), was null");
    }
    String h = hexKey.strip();
    if (h.startsWith("0x") || h.startsWith("0X")) {
      h = h.substring(2);
    }
    if (h.length() != 64) {
      throw new IllegalArgumentException("private key must be 64 hex digits (optionally 0x-prefixed), got "
          + h.length() + " characters");
    }
    for (int i = 0; i < h.length(); i++) {
      if (Character.digit(h.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("private key must be 64 hex digits (optionally 0x-prefixed), found a"
            + " non-hex character at position " + i);
      }
    }
    BigInteger d = new BigInteger(h, 16);
    if (d.signum() == 0 || d.compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("private key must lie in [1, n-1] (n = secp256k1 group order)");
    }
    return new PrivateKeySigner(ECKeyPair.create(d));
  }

  /**
   * A signer for the hex private key in an environment variable (see {@link #fromHex}).
   *
   * @param variable the variable's name, e.g. {@code HL_PRIVATE_KEY}
   * @return the signer
   * @throws ConfigException naming the variable (never its value) when it is unset, empty or malformed
   */
  public static PrivateKeySigner fromEnvironment(String variable) {
    return fromEnvironment(variable, System::getenv);
  }

  /**
   * {@link #fromEnvironment(String)} with an explicit environment (for tests and for the CLI).
   *
   * @param variable the variable's name
   * @param environment maps a variable name to its value, or to null when unset
   * @return the signer
   * @throws ConfigException naming the variable (never its value) when it is unset, empty or malformed
   */
  public static PrivateKeySigner fromEnvironment(String variable, Function<String, String> environment) {
    Objects.requireNonNull(variable, "variable");
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw new ConfigException(variable, "environment variable " + variable
          + " is not set or empty; set it to the 0x-prefixed hex private key");
    }
    try {
      return fromHex(value);
    } catch (IllegalArgumentException e) {
      // fromHex's messages never contain the key
      throw new ConfigException(variable, "environment variable " + variable + " is malformed: "
          + e.getMessage());
    }
  }

  @Override
  public String address() {
    return address;
  }

  /**
   * Signs an L1 action (API.md "Signing", steps 1-3).
   *
   * @throws IllegalArgumentException as {@link ActionMsgpack#preimage} does for a bad action, nonce, vault or
   *     expiry
   * @throws IllegalStateException if the signature is not in low-s form or v is not 27/28 (a library defect)
   */
  @Override
  public Signature sign(ObjectNode action, long nonceMs, Optional<String> vaultAddress,
      OptionalLong expiresAfterMs, Network network) {
    Objects.requireNonNull(network, "network");
    byte[] digest = digest(ActionMsgpack.connectionId(action, nonceMs, vaultAddress, expiresAfterMs),
        network.mainnet());
    Sign.SignatureData sd = Sign.signMessage(digest, keyPair, false);
    BigInteger r = new BigInteger(1, sd.getR());
    BigInteger s = new BigInteger(1, sd.getS());
    int v = sd.getV()[0] & 0xff;
    if (s.compareTo(HALF_CURVE_ORDER) > 0 || s.signum() == 0) {
      throw new IllegalStateException("signature s is not in low-s form");
    }
    if (v != 27 && v != 28) {
      throw new IllegalStateException("signature v must be 27 or 28, was " + v);
    }
    return new Signature(r, s, v);
  }

  /**
   * The address that signed an L1 action (what the exchange does to authenticate it; used by the fake exchange).
   *
   * @param action the action as sent. Not modified.
   * @param nonceMs the nonce, epoch ms
   * @param vault the vault address, if any
   * @param expiresAfter the expiry, epoch ms, if any
   * @param network the network whose phantom-agent source was signed
   * @param sig the signature
   * @return the signer's address, {@code 0x} + 40 lowercase hex digits
   * @throws IllegalArgumentException if the action, nonce, vault or expiry is malformed, if {@code r} or
   *     {@code s} is not in {@code [1, n-1]}, if {@code v} is not 27 or 28, or if no key can be recovered
   */
  public static String recoverAddress(ObjectNode action, long nonceMs, Optional<String> vault,
      OptionalLong expiresAfter, Network network, Signature sig) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(sig, "sig");
    if (sig.r().signum() <= 0 || sig.r().compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("signature r must lie in [1, n-1], was " + sig.rHex());
    }
    if (sig.s().signum() <= 0 || sig.s().compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("signature s must lie in [1, n-1], was " + sig.sHex());
    }
    if (sig.v() != 27 && sig.v() != 28) {
      throw new IllegalArgumentException("signature v must be 27 or 28, was " + sig.v());
    }
    byte[] digest = digest(ActionMsgpack.connectionId(action, nonceMs, vault, expiresAfter), network.mainnet());
    Sign.SignatureData sd = new Sign.SignatureData((byte) sig.v(), uint256(sig.r()), uint256(sig.s()));
    try {
      return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, sd));
    } catch (SignatureException | RuntimeException e) {
      throw new IllegalArgumentException("cannot recover a public key from signature " + sig.toJson() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The EIP-712 digest of the phantom agent for a connection id.
   *
   * @param connectionId 32 bytes
   * @param mainnet source {@code "a"} when true, {@code "b"} otherwise
   * @return {@code keccak256(0x1901 || domainSeparator || hashStruct(Agent{source, connectionId}))}, 32 bytes
   */
  static byte[] digest(byte[] connectionId, boolean mainnet) {
    if (connectionId.length != 32) {
      throw new IllegalArgumentException("connectionId must be 32 bytes, was " + connectionId.length);
    }
    byte[] struct = ByteBuffer.allocate(96).put(AGENT_TYPE_HASH)
        .put(mainnet ? SOURCE_MAINNET_HASH : SOURCE_TESTNET_HASH).put(connectionId).array();
    byte[] structHash = Hash.sha3(struct);
    byte[] msg = ByteBuffer.allocate(66).put((byte) 0x19).put((byte) 0x01).put(DOMAIN_SEPARATOR).put(structHash)
        .array();
    return Hash.sha3(msg);
  }

  /** @return {@code "PrivateKeySigner[address=0x..]"}; never the key */
  @Override
  public String toString() {
    return "PrivateKeySigner[address=" + address + "]";
  }

  private static byte[] domainSeparator() {
    ByteBuffer b = ByteBuffer.allocate(5 * 32);
    b.put(DOMAIN_TYPE_HASH).put(keccak("Exchange")).put(keccak("1"));
    b.put(uint256(BigInteger.valueOf(CHAIN_ID)));
    b.put(new byte[32]); // verifyingContract 0x0000000000000000000000000000000000000000, left-padded
    return Hash.sha3(b.array());
  }

  private static byte[] keccak(String s) {
    return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Big-endian, left-padded to 32 bytes; {@code 0 <= v < 2^256}. */
  private static byte[] uint256(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
