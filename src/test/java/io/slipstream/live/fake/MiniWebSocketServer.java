package io.slipstream.live.fake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A small RFC 6455 WebSocket server on 127.0.0.1 (JDK sockets only): the HTTP/1.1 upgrade handshake on one path,
 * masked client frames (text, continuation, close, ping, pong), unmasked server text frames, no extensions. Each
 * connection has a reader thread and a writer thread with an unbounded queue, so {@link Connection#send} never
 * blocks its caller. Written for the fake exchange because the pom declares Java-WebSocket only in
 * {@code dependencyManagement}.
 */
final class MiniWebSocketServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int MAX_MESSAGE_BYTES = 1 << 20;
  private static final long CLOSE_GRACE_MS = 1000;

  /** Callbacks, run on the connection's reader thread. */
  interface Listener {
    /** @param c a connection that completed the handshake */
    void onOpen(Connection c);

    /** @param c the connection @param text one complete text message */
    void onText(Connection c, String text);

    /** @param c a connection that is closed (called once) */
    void onClose(Connection c);
  }

  private final ServerSocket server;
  private final String path;
  private final Listener listener;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<Throwable> errors;
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds 127.0.0.1 on an ephemeral port and starts accepting.
   *
   * @param path the only path that upgrades, e.g. {@code /ws} (others get 404)
   * @param listener the callbacks
   * @param errors where unexpected I/O errors of the server are collected
   * @throws UncheckedIOException if the port cannot be bound
   */
  /** The time {@link Connection#lastDataMs()} is read on, epoch ms (tests of the idle rule replace it). */
  private volatile LongSupplier clock = System::currentTimeMillis;

  /** @param clock the time the connections' last-data times are read on, epoch ms */
  void setClock(LongSupplier clock) {
    this.clock = clock;
  }

  MiniWebSocketServer(String path, Listener listener, List<Throwable> errors) {
    this.path = path;
    this.listener = listener;
    this.errors = errors;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the fake WebSocket server on 127.0.0.1", e);
    }
    acceptor = new Thread(this::acceptLoop, "fake-ws-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** @return the bound port */
  int port() {
    return server.getLocalPort();
  }

  /** @return the open connections (a copy) */
  List<Connection> connections() {
    return List.copyOf(connections);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          errors.add(e);
        }
        return;
      }
      Thread t = new Thread(() -> serve(s), "fake-ws-read-" + s.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    Connection c = null;
    try {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String[] requestLine = new String[1];
      Map<String, String> headers = readHeaders(in, requestLine);
      String[] parts = requestLine[0].split(" ");
      String reqPath = parts.length >= 2 ? parts[1].split("\\?")[0] : "";
      if (parts.length < 3 || !"GET".equals(parts[0]) || !path.equals(reqPath)) {
        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        s.close();
        return;
      }
      String key = headers.get("sec-websocket-key");
      if (key == null || !"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))) {
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        s.close();
        return;
      }
      String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + acceptKey(key.trim()) + "\r\n\r\n";
      // registered before the 101 goes out (first in the writer's queue), so a client that sees the handshake
      // complete is already counted and reachable by pushes and faults
      c = new Connection(s, in, out, response.getBytes(StandardCharsets.ISO_8859_1));
      connections.add(c);
      listener.onOpen(c);
      c.startWriter();
      c.readLoop();
    } catch (IOException e) {
      // a peer that vanishes mid-frame or a socket closed by abort()/close(): the connection is simply over
      if (c == null && !closed) {
        errors.add(e);
      }
    } finally {
      if (c != null) {
        c.readerFinished();
      } else {
        closeQuietly(s);
      }
    }
  }

  private static Map<String, String> readHeaders(InputStream in, String[] requestLine) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    Map<String, String> headers = new HashMap<>();
    int total = 0;
    boolean first = true;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the WebSocket handshake");
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new IOException("WebSocket handshake headers exceed " + MAX_HEADER_BYTES + " bytes");
      }
      if (b == '\n') {
        String l = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
        line.reset();
        if (first) {
          requestLine[0] = l;
          first = false;
        } else if (l.isEmpty()) {
          return headers;
        } else {
          int colon = l.indexOf(':');
          if (colon > 0) {
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
          }
        }
      } else {
        line.write(b);
      }
    }
  }

  private static String acceptKey(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing a socket that failed already: nothing left to release
    }
  }

  /** Closes every connection without a close frame and stops accepting; idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      errors.add(e);
    }
    for (Connection c : connections) {
      c.abort();
    }
  }

  /** One upgraded connection. */
  final class Connection {
    private static final byte[] SHUTDOWN = new byte[0];
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private volatile long lastDataMs = clock.getAsLong();

    private Connection(Socket socket, InputStream in, OutputStream out, byte[] handshakeResponse) {
      this.socket = socket;
      this.in = in;
      this.out = out;
      outbox.add(handshakeResponse);
    }

    private void startWriter() {
      Thread writer = new Thread(this::writeLoop, "fake-ws-write-" + socket.getPort());
      writer.setDaemon(true);
      writer.start();
    }

    /** @return time of the last text or binary frame from the client, epoch ms (handshake time before any) */
    long lastDataMs() {
      return lastDataMs;
    }

    /** @return whether the connection is neither closing nor closed */
    boolean isOpen() {
      return !closeSent.get() && !terminated.get();
    }

    /** @param text a text message to queue; ignored once the connection is closing */
    void send(String text) {
      if (isOpen()) {
        outbox.add(frame(0x1, text.getBytes(StandardCharsets.UTF_8)));
      }
    }

    /**
     * Starts the closing handshake: queues a close frame, after which the server sends nothing more.
     *
     * @param code close status code
     * @param reason close reason (short ASCII)
     */
    void close(int code, String reason) {
      if (closeSent.compareAndSet(false, true)) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        outbox.add(frame(0x8, payload));
        outbox.add(SHUTDOWN);
      }
    }

    /** Drops the TCP connection at once, without a close frame (a network failure, as the client sees it). */
    void abort() {
      terminate();
    }

    private void readLoop() throws IOException {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      int messageOpcode = -1;
      while (true) {
        int b0 = readByte();
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7F;
        if (len == 126) {
          len = ((long) readByte() << 8) | readByte();
        } else if (len == 127) {
          len = 0;
          for (int i = 0; i < 8; i++) {
            len = (len << 8) | readByte();
          }
        }
        if (!masked) {
          close(1002, "client frames must be masked");
          return;
        }
        if (len > MAX_MESSAGE_BYTES || message.size() + len > MAX_MESSAGE_BYTES) {
          close(1009, "message too big");
          return;
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) len);
        if (mask.length < 4 || payload.length < len) {
          return;
        }
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
        switch (opcode) {
          case 0x0, 0x1, 0x2 -> {
            if (opcode != 0) {
              messageOpcode = opcode;
              message.reset();
            }
            message.write(payload);
            if (fin) {
              lastDataMs = clock.getAsLong();
              if (messageOpcode == 0x2) {
                close(1003, "binary messages are not supported");
                return;
              }
              String text = message.toString(StandardCharsets.UTF_8);
              listener.onText(this, text);
              message.reset();
            }
          }
          case 0x8 -> {
            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1000;
            close(code, "");
            return;
          }
          case 0x9 -> {
            if (isOpen()) {
              outbox.add(frame(0xA, payload));
            }
          }
          case 0xA -> {
            // an unsolicited pong: nothing to do
          }
          default -> {
            close(1002, "unknown opcode " + opcode);
            return;
          }
        }
      }
    }

    /** Reader side ended: let a queued close frame go out (up to 1 s), then drop the socket. */
    private void readerFinished() {
      readerDone.countDown();
      if (closeSent.get()) {
        awaitQuietly(writerDone);
      }
      terminate();
    }

    private void awaitQuietly(CountDownLatch latch) {
      try {
        latch.await(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("client closed the TCP connection");
      }
      return b;
    }

    private void writeLoop() {
      try {
        while (true) {
          byte[] f = outbox.take();
          if (f == SHUTDOWN) {
            if (!terminated.get()) {
              socket.shutdownOutput();
              writerDone.countDown();
              awaitQuietly(readerDone); // the client's close frame, or its EOF, ends the reader
              terminate();
            }
            return;
          }
          out.write(f);
          out.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (SocketException e) {
        // the socket was aborted or the client went away: the connection is over
        terminate();
      } catch (IOException e) {
        errors.add(e);
        terminate();
      } finally {
        writerDone.countDown();
      }
    }

    private void terminate() {
      if (terminated.compareAndSet(false, true)) {
        closeQuietly(socket);
        outbox.clear();
        outbox.add(SHUTDOWN);
        connections.remove(this);
        listener.onClose(this);
      }
    }

    private static byte[] frame(int opcode, byte[] payload) {
      int n = payload.length;
      int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
      byte[] f = new byte[header + n];
      f[0] = (byte) (0x80 | opcode);
      if (n < 126) {
        f[1] = (byte) n;
      } else if (n < 65536) {
        f[1] = 126;
        f[2] = (byte) (n >> 8);
        f[3] = (byte) n;
      } else {
        f[1] = 127;
        for (int i = 0; i < 8; i++) {
          f[2 + i] = (byte) ((long) n >> (56 - 8 * i));
        }
      }
      System.arraycopy(payload, 0, f, header, n);
      return f;
    }
  }
}
