package io.slipstream.live.hl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs L1 actions (order, cancel, cancelByCloid, scheduleCancel) with the phantom-agent EIP-712 scheme of
 * API.md "Signing". The private key stays inside the implementation; {@link #toString()} never shows it.
 */
public interface ActionSigner {
  /** @return the signer's address, {@code 0x} + 40 lowercase hex */
  String address();

  /**
   * @param action the action object; keys are hashed in their insertion order
   * @param nonceMs the nonce, epoch ms
   * @param vaultAddress a vault or sub-account address the action is for, if any
   * @param expiresAfterMs the action's expiry, epoch ms, if any
   * @param network selects the phantom agent's source ("a" mainnet, "b" testnet)
   * @return the signature
   */
  Signature sign(ObjectNode action, long nonceMs, Optional<String> vaultAddress, OptionalLong expiresAfterMs,
      Network network);
}
