package io.slipstream.live;

import io.slipstream.core.ConfigException;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.UserRole;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which account a signing key trades, checked against the exchange before anything is sent.
 *
 * <p>On Hyperliquid the key that signs need not own the account it trades: an API (agent) wallet signs for the
 * account that approved it, and a vault (or sub-account) is traded by its leader (master) with
 * {@code vaultAddress}. Positions, open orders, fills and order status must then be read for that account, not for
 * the signer: read for the signer, every rebalance would see a flat book and trade the full targets again, and
 * {@code live stop} would find nothing to cancel.
 *
 * <p>The pairing is verified with the exchange's {@code userRole} query (and {@code vaultDetails} for a vault's
 * leader):
 * <ul>
 *   <li>signer {@code agent} of master M: {@code api.account_address} is required and must be M;</li>
 *   <li>signer {@code user}: {@code api.account_address}, when given, must be the signer itself;</li>
 *   <li>signer {@code missing} (an unfunded address, or an API wallet not approved yet), {@code vault} or
 *       {@code subAccount} (they have no key): refused;</li>
 *   <li>with {@code api.vault_address}: its role must be {@code vault} led by the signer's account, or
 *       {@code subAccount} of it; the account traded is then the vault.</li>
 * </ul>
 * Any mismatch is an {@link AccountMismatchException}: the runner refuses to trade.
 */
public final class AccountCheck {
  private AccountCheck() {
  }

  /** The signer and the account cannot trade together as configured (a config error: the CLI exits 2). */
  public static final class AccountMismatchException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * @param key the config key to fix ({@code api.account_address} or {@code api.vault_address})
     * @param message what does not match and what to set
     */
    public AccountMismatchException(String key, String message) {
      super(key, message);
    }
  }

  /**
   * Verifies the pairing and returns the account traded.
   *
   * @param client a signing client (its signer's address is checked)
   * @param accountAddress {@code api.account_address} (or {@code HL_ACCOUNT_ADDRESS}), if given
   * @param vaultAddress {@code api.vault_address}, if given
   * @param log one line naming the signer's role and the account traded
   * @return the account whose positions, orders and fills are read: the vault when given, else the signer's account
   *     (the master of an API wallet), lowercase
   * @throws AccountMismatchException when the signer cannot trade that account (see the class documentation)
   * @throws IllegalStateException when the client has no signer
   * @throws ExchangeException when the exchange cannot be asked
   */
  public static String verify(HyperliquidClient client, Optional<String> accountAddress, Optional<String> vaultAddress,
      Consumer<String> log) {
    String signer = client.signerAddress().orElseThrow(() -> new IllegalStateException("no signer: read-only client"))
        .toLowerCase(Locale.ROOT);
    Optional<String> account = accountAddress.map(a -> a.toLowerCase(Locale.ROOT));
    UserRole role = client.userRole(signer);
    String acct = "api.account_address";
    String principal;
    switch (role.role()) {
      case "agent" -> {
        String master = role.master().orElseThrow();
        if (account.isEmpty()) {
          throw new AccountMismatchException(acct, "is required: the key (" + signer + ") is an API wallet of "
              + "account " + master + "; set it (or HL_ACCOUNT_ADDRESS) to " + master);
        }
        if (!account.get().equals(master)) {
          throw new AccountMismatchException(acct, account.get() + " is not the account of the API wallet " + signer
              + " (the exchange says it trades for " + master + ")");
        }
        principal = master;
      }
      case "user" -> {
        if (account.isPresent() && !account.get().equals(signer)) {
          throw new AccountMismatchException(acct, account.get() + " is not the key's account (" + signer
              + " is an account of its own, not an API wallet of " + account.get() + ")");
        }
        principal = signer;
      }
      case "missing" -> throw new AccountMismatchException(acct, "the exchange does not know the key's address "
          + signer + (account.isPresent() && !account.get().equals(signer) ? ": it is not an approved API wallet of "
              + account.get() : ": an unfunded account, or an API wallet not approved yet"));
      default -> throw new AccountMismatchException(acct, "the key's address " + signer + " has the role \""
          + role.role() + "\", which cannot sign orders");
    }
    String traded = principal;
    if (vaultAddress.isPresent()) {
      String key = "api.vault_address";
      String vault = vaultAddress.get().toLowerCase(Locale.ROOT);
      UserRole vr = client.userRole(vault);
      if (vr.role().equals("vault")) {
        String leader = client.vaultLeader(vault);
        if (!leader.equals(principal)) {
          throw new AccountMismatchException(key, vault + " is led by " + leader + ", not by the key's account "
              + principal);
        }
      } else if (vr.role().equals("subAccount")) {
        if (!vr.master().orElseThrow().equals(principal)) {
          throw new AccountMismatchException(key, vault + " is a sub-account of " + vr.master().get()
              + ", not of the key's account " + principal);
        }
      } else {
        throw new AccountMismatchException(key, vault + " is not a vault or a sub-account (the exchange says \""
            + vr.role() + "\")");
      }
      traded = vault;
    }
    log.accept("account: key " + signer + " (" + role.role() + ") trades " + traded
        + (vaultAddress.isPresent() ? " (vault of " + principal + ")" : ""));
    return traded;
  }
}
