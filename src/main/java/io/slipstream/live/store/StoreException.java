package io.slipstream.live.store;

/** A failed database operation; the message names the operation and the SQL state, never a secret. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the operation and cause @param cause the SQL exception */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
