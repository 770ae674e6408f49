package io.slipstream.live.hl;

import java.util.Optional;

/**
 * The exchange's role of an address ({@code userRole} info request).
 *
 * @param role {@code "missing"} (never seen), {@code "user"}, {@code "agent"} (an API wallet), {@code "vault"} or
 *     {@code "subAccount"}
 * @param master for an agent the account it trades for, for a sub-account its master; empty otherwise
 */
public record UserRole(String role, Optional<String> master) {
  /** Checks the fields. */
  public UserRole {
    if (role == null || role.isBlank() || master == null) {
      throw new IllegalArgumentException("UserRole needs a role and a master (possibly empty), was " + role);
    }
  }
}
