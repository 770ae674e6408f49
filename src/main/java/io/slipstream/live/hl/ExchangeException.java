package io.slipstream.live.hl;

/**
 * A Hyperliquid request that failed: transport error or timeout after the retries, an HTTP status that is not
 * retried, a reply that cannot be decoded, or a whole-request {@code "status":"err"}. The message names the request
 * type and the cause, never a key or a signature.
 */
public final class ExchangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  /**
   * @param message what failed (request type and cause)
   * @param httpStatus the HTTP status, or -1 when none was received
   * @param cause the underlying exception, or null
   */
  public ExchangeException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** @param message what failed */
  public ExchangeException(String message) {
    this(message, -1, null);
  }

  /** @return the HTTP status, -1 when none was received */
  public int httpStatus() {
    return httpStatus;
  }
}
