package io.slipstream.live;

/** Time for the runner: wall-clock milliseconds and sleeping, replaceable in tests. */
public interface Clock {
  /** The system clock. */
  Clock SYSTEM = new Clock() {
    @Override
    public long nowMs() {
      return System.currentTimeMillis();
    }

    @Override
    public void sleepMs(long ms) throws InterruptedException {
      Thread.sleep(ms);
    }
  };

  /** @return epoch milliseconds */
  long nowMs();

  /**
   * @param ms how long
   * @throws InterruptedException when interrupted
   */
  void sleepMs(long ms) throws InterruptedException;
}
