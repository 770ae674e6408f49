package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drop-in replacement for {@code LoopThread} of rapaio-jupyter-kernel 3.0.1 (MIT licence), put before the kernel
 * jar on the kernel's class path by {@code tools/notebooks/setup.sh}. Same public API and behaviour (run
 * {@code loopBody}, sleep {@code sleep} ms, repeat until {@link #shutdown()} or an interrupt) with two fixes:
 * <ol>
 *   <li>The kernel's start-up hang (DESIGN.md: "it sometimes hangs at start"; 6 of about 40 starts on the loaded
 *       2-core machine, "Kernel didn't respond in N seconds"). The kernel binds its channels and starts their loops
 *       before it registers its message handlers (building the JShell engine takes seconds). A
 *       {@code kernel_info_request} that arrives in between makes the shell loop body throw a
 *       {@link NullPointerException} ({@code Channels.handlers} is null; in the log of every hang kept), which
 *       ended the shell thread for good, so no request was ever answered. Here an exception from the body is
 *       logged and the loop goes on; Jupyter repeats {@code kernel_info_request} every second until it is
 *       answered. With this class 0 of 20 starts hung, 3 of them after recovering from the exception.</li>
 *   <li>A latent race seen in the code, not observed: the original set {@code running = true} only after
 *       {@link Thread#start()}, so a loop thread scheduled before its starter could read {@code false} and end at
 *       once. Here {@code running} is set before the start.</li>
 * </ol>
 */
public final class LoopThread extends Thread {
  private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
  private volatile boolean running;
  private final long sleep;
  private final Runnable loopBody;

  /**
   * @param name thread name
   * @param sleep pause between two runs of the body, milliseconds
   * @param loopBody one poll of the channel
   */
  public LoopThread(String name, long sleep, Runnable loopBody) {
    super(name);
    this.sleep = sleep;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    while (running) {
      try {
        loopBody.run();
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, getName() + ": message loop failed, continuing", e);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        running = false;
        return;
      }
    }
  }

  /** Marks the loop running, then starts the thread (the original did it the other way round). */
  @Override
  public synchronized void start() {
    running = true;
    super.start();
  }

  /** Ends the loop after the current run of the body. */
  public void shutdown() {
    running = false;
  }
}
