package io.slipstream.live.hl;

import java.util.function.Consumer;

/**
 * The WebSocket feeds the runner watches ({@code userFills}, {@code orderUpdates}, {@code l2Book}, {@code allMids}).
 * Handlers run on the session's reader thread and must return quickly. After a reconnect every subscription is
 * sent again; messages lost while disconnected are not replayed except through the server's snapshot (the runner
 * also reconciles over REST). A snapshot never repeats a fill already delivered, but a duplicated live frame may
 * deliver a fill twice: consumers de-duplicate by {@link Fill#tid()}.
 */
public interface UserStream extends AutoCloseable {
  /** @param user account address @param onFill called for every fill of a live message, and for every fill of a snapshot not delivered before */
  void subscribeUserFills(String user, Consumer<Fill> onFill);

  /**
   * @param user account address
   * @param onUpdate called with (order, status) for every {@code orderUpdates} entry; status as in
   *     {@link OrderQuery#status()}
   */
  void subscribeOrderUpdates(String user, java.util.function.BiConsumer<OpenOrder, String> onUpdate);

  /** @param coin the coin @param onBook called with every book snapshot */
  void subscribeL2Book(String coin, Consumer<L2Book> onBook);

  /** @return how many times the session has reconnected since it opened */
  int reconnects();

  /** Closes the connection and stops the ping and reconnect threads; idempotent. */
  @Override
  void close();

  /**
   * @return a stream that delivers nothing (for commands that read fills and positions over REST, such as the
   *     emergency stop): subscriptions are ignored, no reconnects, closing does nothing
   */
  static UserStream none() {
    return new UserStream() {
      @Override
      public void subscribeUserFills(String user, Consumer<Fill> onFill) {
      }

      @Override
      public void subscribeOrderUpdates(String user, java.util.function.BiConsumer<OpenOrder, String> onUpdate) {
      }

      @Override
      public void subscribeL2Book(String coin, Consumer<L2Book> onBook) {
      }

      @Override
      public int reconnects() {
        return 0;
      }

      @Override
      public void close() {
      }
    };
  }
}
