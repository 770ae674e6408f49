package io.slipstream.core;

/**
 * Input data that cannot be trusted: a missing or corrupt file, a wrong schema, duplicated timestamps,
 * non-finite prices. The message names the file, and where it applies the coin and the row.
 * The CLI maps it to exit code 1.
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file, coin and row where they apply */
  public DataException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file
   * @param cause the underlying I/O or parse failure
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
