package io.slipstream.live.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.hl.Signature;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides who signed an exchange action. The fake exchange first checks the signature's shape ({@code r} and
 * {@code s} are {@code 0x} + 1..64 hex digits, {@code v} is 27 or 28), then asks this check for the signer; an
 * empty answer rejects the whole request with {@code {"status":"err","response":"Signature does not verify."}}.
 * The signer (or {@code vaultAddress} when set) is the account the action trades for.
 *
 * <p>Tests that have a real key can plug in address recovery (e.g. {@code PrivateKeySigner.recoverAddress}) and
 * compare with the expected address; the default, {@link #shapeOnly(String)}, trusts every well-formed signature.
 */
@FunctionalInterface
public interface SignatureCheck {
  /**
   * @param action the signed request, as received
   * @return the signer's address ({@code 0x} + 40 hex, any case), or empty when the signature does not verify
   */
  Optional<String> signer(SignedAction action);

  /**
   * @param account the address every well-formed signature is attributed to
   * @return a check that accepts any well-formed signature as {@code account}'s
   */
  static SignatureCheck shapeOnly(String account) {
    Optional<String> signer = Optional.of(account);
    return a -> signer;
  }

  /**
   * One signed exchange request as received.
   *
   * @param action the {@code action} object, keys in the order received (they are hashed in that order)
   * @param nonceMs {@code nonce}, epoch ms
   * @param vaultAddress {@code vaultAddress} when not null
   * @param expiresAfterMs {@code expiresAfter} when not null, epoch ms
   * @param signature the parsed {@code signature}
   */
  record SignedAction(ObjectNode action, long nonceMs, Optional<String> vaultAddress, OptionalLong expiresAfterMs,
      Signature signature) {
  }
}
