package io.slipstream.live.hl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WsSession} against a minimal RFC 6455 server written on the JDK's sockets (the Java-WebSocket test
 * dependency is not resolvable offline here): handshake, masked client frames, fragmented text, close and ping
 * frames.
 */
class WsSessionTest {
  private static final String USER = "0x14791697260e4c9a71f18484c9f997b308e59325";
  private static final String CLOID = "0x0123456789abcdef0123456789abcdef";
  private static final String PING = "{\"method\":\"ping\"}";
  private static final String SUB_FILLS =
      "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userFills\",\"user\":\"" + USER + "\"}}";
  private static final String SUB_ORDERS =
      "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"orderUpdates\",\"user\":\"" + USER + "\"}}";
  private static final String SUB_BOOK =
      "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}";

  /** A text message the server received on connection {@code conn} (0-based). */
  record Msg(int conn, String text) {
  }

  /** A tiny WebSocket server on 127.0.0.1:0: records text messages, answers pings with pongs when asked. */
  static final class MiniWs implements AutoCloseable {
    final ServerSocket server;
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    final List<Msg> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    /** Per connection: opened when the server has read it to its end (close frame or EOF). */
    final List<java.util.concurrent.CountDownLatch> ended = new CopyOnWriteArrayList<>();
    volatile boolean autoPong = true;
    private final Thread acceptor;

    MiniWs() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      acceptor = new Thread(this::acceptLoop, "mini-ws-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri() {
      return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          ended.add(new java.util.concurrent.CountDownLatch(1));
          int conn = connections.getAndIncrement();
          Thread t = new Thread(() -> serve(s, conn), "mini-ws-" + conn);
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void serve(Socket s, int conn) {
      try (s) {
        InputStream in = s.getInputStream();
        String key = null;
        for (String line : readHead(in).split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
            key = line.substring(line.indexOf(':') + 1).trim();
          }
        }
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Peer peer = new Peer(s, out);
        peers.add(peer);
        DataInputStream din = new DataInputStream(in);
        StringBuilder text = new StringBuilder();
        while (true) {
          int b0 = din.read();
          if (b0 < 0) {
            return;
          }
          int b1 = din.readUnsignedByte();
          boolean fin = (b0 & 0x80) != 0;
          int op = b0 & 0x0f;
          long len = b1 & 0x7f;
          if (len == 126) {
            len = din.readUnsignedShort();
          } else if (len == 127) {
            len = din.readLong();
          }
          byte[] mask = new byte[4];
          if ((b1 & 0x80) != 0) {
            din.readFully(mask);
          }
          byte[] payload = new byte[(int) len];
          din.readFully(payload);
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
          if (op == 1 || op == 0) {
            text.append(new String(payload, StandardCharsets.UTF_8));
            if (fin) {
              String msg = text.toString();
              text.setLength(0);
              received.add(new Msg(conn, msg));
              if (autoPong && msg.equals(PING)) {
                peer.send("{\"channel\":\"pong\"}");
              }
            }
          } else if (op == 8) {
            if (!peer.closeSent) {
              peer.frame(0x8, true, payload);
            }
            return;
          } else if (op == 9) {
            peer.frame(0xA, true, payload);
          }
        }
      } catch (SocketException | java.io.EOFException e) {
        // the peer went away or the test dropped it
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        ended.get(conn).countDown();
      }
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      while (!sb.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          throw new java.io.EOFException("handshake cut");
        }
        sb.append((char) c);
      }
      return sb.toString();
    }

    Peer peer(int conn) {
      return peers.get(conn);
    }

    List<String> texts(int conn) {
      return received.stream().filter(m -> m.conn() == conn).map(Msg::text).filter(t -> !t.equals(PING))
          .collect(Collectors.toList());
    }

    long pings() {
      return received.stream().filter(m -> m.text().equals(PING)).count();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Peer p : peers) {
        p.socket.close();
      }
    }
  }

  /** The server's side of one connection. */
  static final class Peer {
    final Socket socket;
    final OutputStream out;
    volatile boolean closeSent;

    Peer(Socket socket, OutputStream out) {
      this.socket = socket;
      this.out = out;
    }

    synchronized void frame(int opcode, boolean fin, byte[] payload) throws IOException {
      out.write((fin ? 0x80 : 0) | opcode);
      if (payload.length < 126) {
        out.write(payload.length);
      } else if (payload.length < 65536) {
        out.write(126);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xff);
      } else {
        out.write(127);
        for (int i = 7; i >= 0; i--) {
          out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
        }
      }
      out.write(payload);
      out.flush();
    }

    void send(String text) throws IOException {
      frame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one message as a text frame and a continuation frame. */
    synchronized void sendInTwoParts(String text, int split) throws IOException {
      frame(0x1, false, text.substring(0, split).getBytes(StandardCharsets.UTF_8));
      frame(0x0, true, text.substring(split).getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with status 1001 "going away". */
    void closeFromServer() throws IOException {
      closeSent = true;
      frame(0x8, true, new byte[] {0x03, (byte) 0xE9});
    }

    void drop() throws IOException {
      socket.close();
    }
  }

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private MiniWs server() throws IOException {
    MiniWs s = new MiniWs();
    toClose.add(s);
    return s;
  }

  private WsSession session(MiniWs s, Duration ping, Duration stale) {
    WsSession w = WsSession.connect(s.uri(),
        new WsSession.Settings(ping, stale, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2)));
    toClose.add(w);
    return w;
  }

  private WsSession session(MiniWs s) {
    return session(s, Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private static String fillJson(long tid, String side, String px) {
    return "{\"coin\":\"BTC\",\"px\":\"" + px + "\",\"sz\":\"0.01\",\"side\":\"" + side + "\",\"time\":1700000000"
        + String.format(Locale.ROOT, "%03d", tid) + ",\"startPosition\":\"0\",\"dir\":\"Open Long\","
        + "\"closedPnl\":\"0\",\"hash\":\"0x1\",\"oid\":55,\"crossed\":false,\"fee\":\"-0.001\",\"tid\":" + tid
        + ",\"feeToken\":\"USDC\",\"cloid\":\"" + CLOID + "\"}";
  }

  @Test
  void subscribe_sendsOneMessagePerFeed() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    w.subscribeUserFills(USER, f -> { });
    w.subscribeOrderUpdates(USER.toUpperCase(Locale.ROOT).replace("0X", "0x"), (o, st) -> { });
    w.subscribeL2Book("BTC", b -> { });
    w.subscribeL2Book("BTC", b -> { }); // a second handler shares the feed: no second subscribe

    // a marker after them: messages on one connection arrive in order, so anything sent before it is in by then
    w.subscribeL2Book("ETH", b -> { });
    String marker = SUB_BOOK.replace("BTC", "ETH");
    await(() -> s.texts(0).contains(marker), "the marker subscription");
    assertThat(s.texts(0)).containsExactly(SUB_FILLS, SUB_ORDERS, SUB_BOOK, marker);
    assertThat(w.isConnected()).isTrue();
    assertThat(w.errors()).isZero();
  }

  @Test
  void messages_areDecodedByChannel_fragmentsAssembled_andBadOnesCounted() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    List<Fill> fills = new CopyOnWriteArrayList<>();
    List<String> updates = new CopyOnWriteArrayList<>();
    List<L2Book> books = new CopyOnWriteArrayList<>();
    w.subscribeUserFills(USER, fills::add);
    w.subscribeOrderUpdates(USER, (o, st) -> updates.add(o.coin() + " " + o.isBuy() + " " + o.limitPx() + " "
        + o.sz() + " " + o.oid() + " " + o.cloid().orElse("-") + " " + st));
    w.subscribeL2Book("BTC", books::add);
    await(() -> s.texts(0).size() >= 3, "subscriptions");
    Peer p = s.peer(0);

    p.send("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\"}}");
    p.send("{\"channel\":\"userFills\",\"data\":{\"isSnapshot\":true,\"user\":\"" + USER + "\",\"fills\":["
        + fillJson(1, "B", "65000") + "," + fillJson(2, "A", "65010.5") + "]}}");
    p.send("not json at all");
    p.send("{\"channel\":\"userFills\",\"data\":{\"user\":\"" + USER + "\",\"fills\":[" + fillJson(3, "B", "x")
        + "]}}");
    String third = "{\"channel\":\"userFills\",\"data\":{\"user\":\"" + USER + "\",\"fills\":["
        + fillJson(4, "B", "64990") + "]}}";
    p.sendInTwoParts(third, 40);
    p.send("{\"channel\":\"orderUpdates\",\"data\":[{\"order\":{\"coin\":\"BTC\",\"side\":\"A\",\"limitPx\":\"65100\","
        + "\"sz\":\"0.02\",\"oid\":56,\"timestamp\":1700000000000,\"origSz\":\"0.02\",\"cloid\":\"" + CLOID + "\"},"
        + "\"status\":\"open\",\"statusTimestamp\":1700000000001}]}");
    p.send("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":1700000000002,\"levels\":["
        + "[{\"px\":\"65000\",\"sz\":\"1\",\"n\":2}],[{\"px\":\"65001\",\"sz\":\"3\",\"n\":1}]]}}");
    p.send("{\"channel\":\"pong\"}");

    await(() -> books.size() == 1, "the book");
    assertThat(fills).containsExactly(
        new Fill("BTC", true, 65000, 0.01, 1_700_000_000_001L, 55, 1, -0.001, false, Optional.of(CLOID)),
        new Fill("BTC", false, 65010.5, 0.01, 1_700_000_000_002L, 55, 2, -0.001, false, Optional.of(CLOID)),
        new Fill("BTC", true, 64990, 0.01, 1_700_000_000_004L, 55, 4, -0.001, false, Optional.of(CLOID)));
    assertThat(updates).containsExactly("BTC false 65100.0 0.02 56 " + CLOID + " open");
    assertThat(books.get(0).bestBid()).isEqualTo(65000);
    assertThat(books.get(0).bestAsk()).isEqualTo(65001);
    // "not json at all" and the fill with px "x"
    assertThat(w.errors()).isEqualTo(2);
    assertThat(w.lastError()).hasValueSatisfying(e -> assertThat(e).contains("'px' is garbled"));
    assertThat(w.isConnected()).isTrue();
  }

  @Test
  void handlerThatThrows_isCountedAndTheSessionGoesOn() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    List<L2Book> books = new CopyOnWriteArrayList<>();
    w.subscribeL2Book("BTC", b -> {
      if (books.isEmpty()) {
        books.add(b);
        throw new IllegalStateException("boom");
      }
      books.add(b);
    });
    await(() -> s.texts(0).size() >= 1, "subscription");
    String book = "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"levels\":[[],[]]}}";
    s.peer(0).send(book);
    s.peer(0).send(book);

    await(() -> books.size() == 2, "two books");
    assertThat(w.errors()).isEqualTo(1);
    assertThat(w.lastError()).hasValueSatisfying(e -> assertThat(e).contains("l2Book handler threw").contains("boom"));
  }

  @Test
  void ping_isSentEveryInterval() throws Exception {
    MiniWs s = server();
    WsSession w = session(s, Duration.ofMillis(100), Duration.ofSeconds(5));

    await(() -> s.pings() >= 3, "3 pings received");
    await(() -> w.pingsSent() >= 3, "3 pings counted"); // counted once the send completes
    assertThat(w.errors()).isZero(); // the pongs are acknowledgements
  }

  @Test
  void greeting_isNoError_andTheSnapshotAfterAReconnect_deliversOnlyFillsNotDeliveredBefore() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    List<Long> tids = new CopyOnWriteArrayList<>();
    w.subscribeUserFills(USER, f -> tids.add(f.tid()));
    await(() -> s.texts(0).contains(SUB_FILLS), "subscription");
    Peer p = s.peer(0);
    p.send("Websocket connection established."); // the server's plain-text greeting
    p.send(fills(true, 1, 2));
    p.send(fills(false, 3));
    await(() -> tids.contains(3L), "the live fill");

    p.closeFromServer(); // an orderly close: reconnect, resubscribe, and the server sends a snapshot again
    await(() -> s.texts(1).contains(SUB_FILLS), "resubscription");
    Peer q = s.peer(1);
    q.send("Websocket connection established.");
    q.send(fills(true, 1, 2, 3, 4)); // 4: filled while disconnected
    q.send(fills(false, 5));
    await(() -> tids.contains(5L), "the next live fill");

    assertThat(tids).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(w.errors()).as(String.valueOf(w.lastError())).isZero();
  }

  @Test
  void againstTheFakeExchange_greetingAndReconnectSnapshots_leaveNoErrorAndNoRepeatedFill() throws Exception {
    try (io.slipstream.live.fake.FakeExchange fake = io.slipstream.live.fake.FakeExchange.start()) {
      fake.addCoin("ETH", 4, 2_000, 2.0, 50);
      fake.setAccountValue(10_000);
      String user = fake.account();
      HyperliquidClient client = new HyperliquidClient(fake.network(true), Optional.of(new FixedSigner(user)),
          RateLimiter.of(100_000, Duration.ofMinutes(1)), HttpTransport.Settings.DEFAULT, Optional.empty(),
          HyperliquidClient.Nonces.system());
      WsSession w = WsSession.connect(fake.wsUrl(),
          new WsSession.Settings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(20),
              Duration.ofMillis(200), Duration.ofSeconds(2)));
      toClose.add(w);
      List<Long> tids = new CopyOnWriteArrayList<>();
      w.subscribeUserFills(user, f -> tids.add(f.tid()));
      await(() -> fake.subscriberCount("userFills:" + user) == 1, "the subscription");
      client.placeOrders(List.of(new OrderRequest(0, "ETH", true, 2_010, 0.1, false, Tif.IOC, Optional.empty())));
      await(() -> tids.size() == 1, "the first fill");

      fake.dropWebSockets();
      await(() -> w.reconnects() == 1 && fake.subscriberCount("userFills:" + user) == 1, "the resubscription");
      client.placeOrders(List.of(new OrderRequest(0, "ETH", false, 1_990, 0.1, false, Tif.IOC, Optional.empty())));
      await(() -> tids.size() >= 2, "the second fill");

      assertThat(tids).doesNotHaveDuplicates().hasSize(2);
      assertThat(fake.fills()).extracting(io.slipstream.live.fake.FakeFill::tid).containsExactlyElementsOf(tids);
      // the greetings are not errors; the dropped connection may be one, depending on how the JDK sees the cut
      boolean dropSeenAsError = w.lastError().map(e -> e.contains("connection error")).orElse(false);
      assertThat(w.errors()).as(String.valueOf(w.lastError())).isEqualTo(dropSeenAsError ? 1 : 0);
    }
  }

  /** Signs nothing: a fixed shape the fake's default check attributes to its account. */
  private record FixedSigner(String address) implements ActionSigner {
    @Override
    public Signature sign(com.fasterxml.jackson.databind.node.ObjectNode action, long nonceMs,
        Optional<String> vaultAddress, java.util.OptionalLong expiresAfterMs, Network network) {
      return new Signature(java.math.BigInteger.ONE, java.math.BigInteger.TWO, 27);
    }
  }

  private static String fills(boolean snapshot, long... tids) {
    List<String> f = new ArrayList<>();
    for (long t : tids) {
      f.add(fillJson(t, "B", "65000"));
    }
    return "{\"channel\":\"userFills\",\"data\":{" + (snapshot ? "\"isSnapshot\":true," : "") + "\"user\":\""
        + USER + "\",\"fills\":[" + String.join(",", f) + "]}}";
  }

  @Test
  void serverClose_reconnectsAndResubscribes() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    w.subscribeUserFills(USER, f -> { });
    w.subscribeL2Book("BTC", b -> { });
    await(() -> s.texts(0).size() >= 2, "subscriptions");

    s.peer(0).closeFromServer();

    await(() -> s.texts(1).size() >= 2, "resubscription on the second connection");
    assertThat(s.texts(1)).containsExactly(SUB_FILLS, SUB_BOOK);
    assertThat(w.reconnects()).isEqualTo(1);
    assertThat(s.connections.get()).isEqualTo(2);

    s.peer(1).drop(); // no close frame: a dead socket

    await(() -> s.texts(2).size() >= 2, "resubscription on the third connection");
    assertThat(s.texts(2)).containsExactly(SUB_FILLS, SUB_BOOK);
    assertThat(w.reconnects()).isEqualTo(2);
    await(w::isConnected, "connected");
  }

  @Test
  void silentConnection_isDroppedAndReplaced() throws Exception {
    MiniWs s = server();
    s.autoPong = false; // the server never answers
    WsSession w = session(s, Duration.ofMillis(50), Duration.ofMillis(200));
    w.subscribeL2Book("ETH", b -> { });

    await(() -> w.reconnects() >= 1, "a reconnect after silence");
    assertThat(w.lastError()).hasValueSatisfying(e -> assertThat(e).contains("no message for"));
    await(() -> s.texts(1).contains(SUB_BOOK.replace("BTC", "ETH")), "resubscription");
  }

  @Test
  void close_stopsEverything_andIsIdempotent() throws Exception {
    MiniWs s = server();
    WsSession w = session(s, Duration.ofMillis(50), Duration.ofSeconds(5));
    w.subscribeUserFills(USER, f -> { });
    await(() -> s.pings() >= 1, "a ping");

    int connections = s.connections.get();
    w.close();
    w.close();
    // the session's timer thread has ended (nothing left to ping or reconnect) and the server has read the
    // connection to its end (every ping sent before the close frame is counted)
    assertThat(w.awaitStopped(Duration.ofSeconds(10))).isTrue();
    assertThat(s.ended.get(0).await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    long pings = s.pings();

    assertThat(pings).isGreaterThanOrEqualTo(1);
    assertThat(s.connections.get()).isEqualTo(connections);
    assertThat(w.isConnected()).isFalse();
    assertThatThrownBy(() -> w.subscribeL2Book("BTC", b -> { })).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_whileReconnecting_stopsTheAttempts() throws Exception {
    MiniWs s = server();
    WsSession w = session(s);
    w.subscribeUserFills(USER, f -> { });
    await(() -> s.texts(0).size() >= 1, "subscription");
    s.close(); // the server is gone: reconnects fail every 50..400 ms
    await(() -> w.lastError().map(e -> e.contains("reconnect failed")).orElse(false), "a failed reconnect");

    w.close();
    // no thread is left to try again: the attempts have stopped for good
    assertThat(w.awaitStopped(Duration.ofSeconds(10))).isTrue();
    assertThat(w.reconnects()).isZero();
    assertThat(w.isConnected()).isFalse();
  }

  @Test
  void connect_noServer_isAnExchangeException() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = ss.getLocalPort();
    }
    assertThatThrownBy(() -> WsSession.connect(URI.create("ws://127.0.0.1:" + port + "/ws"),
        WsSession.Settings.DEFAULT)).isInstanceOf(ExchangeException.class).hasMessageContaining("cannot connect");
    assertThatThrownBy(() -> WsSession.connect(URI.create("http://127.0.0.1:1/ws"), WsSession.Settings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settings_areChecked() {
    assertThatThrownBy(() -> new WsSession.Settings(Duration.ofSeconds(50), Duration.ofSeconds(50),
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10))).hasMessageContaining("'staleTimeout'");
    assertThatThrownBy(() -> new WsSession.Settings(Duration.ZERO, Duration.ofSeconds(50),
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10))).hasMessageContaining("'pingInterval'");
  }
}
