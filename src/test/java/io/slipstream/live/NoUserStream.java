package io.slipstream.live;

import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.UserStream;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A stream that delivers nothing: the code under test reads fills and orders over REST. */
final class NoUserStream implements UserStream {
  @Override
  public void subscribeUserFills(String user, Consumer<Fill> onFill) {
  }

  @Override
  public void subscribeOrderUpdates(String user, BiConsumer<OpenOrder, String> onUpdate) {
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
}
