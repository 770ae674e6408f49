package io.slipstream.live.hl;

/**
 * A Hyperliquid request that failed: transport error or timeout after the retries, an HTTP status that is not
 * retried, a reply that cannot be decoded, or a whole-request {@code "status":"err"}. The message names the request
 * type and the cause, never a key or a signature.
 *
 * <p>{@link #outcomeUnknown()} marks a signed {@code /exchange} request that may or may not have been executed (a
 * timeout, an HTTP 5xx or a connection lost after the body was sent): the caller must find out from the exchange's
 * state whether it landed before sending anything again (see {@link HyperliquidClient}).
 */
public final class ExchangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final boolean outcomeUnknown;

  /**
   * @param message what failed (request type and cause)
   * @param httpStatus the HTTP status, or -1 when none was received
   * @param cause the underlying exception, or null
   */
  public ExchangeException(String message, int httpStatus, Throwable cause) {
    this(message, httpStatus, cause, false);
  }

  /**
   * @param message what failed (request type and cause)
   * @param httpStatus the HTTP status, or -1 when none was received
   * @param cause the underlying exception, or null
   * @param outcomeUnknown whether the request may have been executed although no reply says so
   */
  public ExchangeException(String message, int httpStatus, Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.outcomeUnknown = outcomeUnknown;
  }

  /** @param message what failed */
  public ExchangeException(String message) {
    this(message, -1, null);
  }

  /** @return the HTTP status, -1 when none was received */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * @return true when the request may have been executed by the exchange although no reply said so (timeout, HTTP
   *     5xx, connection lost after sending); false when it surely was not, or its reply was read
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
