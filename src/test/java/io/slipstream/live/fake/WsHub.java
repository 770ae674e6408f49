package io.slipstream.live.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.fake.MiniWebSocketServer.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code /ws} protocol of the fake exchange: subscribe/unsubscribe with a {@code subscriptionResponse} ack,
 * the plain-text greeting {@value #GREETING} on open, {@code ping} -&gt; {@code pong}, pushes to subscribers, the idle rule, and the WebSocket faults (pause, duplicate
 * and lost fill messages, drop). Subscription state is guarded by the engine's lock; messages go to each
 * connection's writer queue, so publishing never blocks.
 */
final class WsHub implements MiniWebSocketServer.Listener, Engine.Publisher {
  private record Pending(String key, String message, boolean fill) {
  }

  /** The plain-text frame the real server sends first on every connection. */
  static final String GREETING = "Websocket connection established.";

  private final Engine engine;
  private final Map<Connection, Set<String>> subscriptions = new HashMap<>();
  private final List<Pending> held = new ArrayList<>();
  private final List<String> clientMessages = new CopyOnWriteArrayList<>();
  private boolean paused;
  private boolean duplicateFills;
  private int loseFills;
  private int connectionsOpened;
  private int idleDrops;
  private volatile Duration idleTimeout = Duration.ofSeconds(60);

  WsHub(Engine engine) {
    this.engine = engine;
  }

  @Override
  public void onOpen(Connection c) {
    synchronized (engine) {
      subscriptions.put(c, new LinkedHashSet<>());
      connectionsOpened++;
    }
    c.send(GREETING); // the real server's first frame, plain text (not JSON)
  }

  @Override
  public void onClose(Connection c) {
    synchronized (engine) {
      subscriptions.remove(c);
    }
  }

  @Override
  public void onText(Connection c, String text) {
    clientMessages.add(text);
    JsonNode m;
    try {
      m = Engine.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      c.send(error("Invalid JSON: " + text));
      return;
    }
    String method = m.path("method").asText("");
    synchronized (engine) {
      switch (method) {
        case "ping" -> c.send("{\"channel\":\"pong\"}");
        case "subscribe", "unsubscribe" -> {
          JsonNode sub = m.get("subscription");
          String key;
          try {
            key = engine.subscriptionKey(sub);
          } catch (IllegalArgumentException e) {
            c.send(error(e.getMessage()));
            return;
          }
          Set<String> subs = subscriptions.get(c);
          if (subs == null) {
            return; // closed meanwhile
          }
          ObjectNode ack = Engine.MAPPER.createObjectNode();
          ack.put("channel", "subscriptionResponse");
          ObjectNode data = ack.putObject("data");
          data.put("method", method);
          data.set("subscription", sub);
          if (method.equals("subscribe")) {
            if (!subs.add(key)) {
              c.send(error("Already subscribed: " + sub));
              return;
            }
            c.send(ack.toString());
            engine.snapshotMessage(key).ifPresent(c::send);
          } else {
            if (!subs.remove(key)) {
              c.send(error("Already unsubscribed: " + sub));
              return;
            }
            c.send(ack.toString());
          }
        }
        default -> c.send(error("Unknown method: " + text));
      }
    }
  }

  /** Called with the engine lock held. */
  @Override
  public void publish(String key, String message, boolean fill) {
    if (paused) {
      held.add(new Pending(key, message, fill));
    } else {
      deliver(new Pending(key, message, fill));
    }
  }

  private void deliver(Pending p) {
    List<Connection> targets = new ArrayList<>();
    subscriptions.forEach((c, subs) -> {
      if (subs.contains(p.key)) {
        targets.add(c);
      }
    });
    if (targets.isEmpty()) {
      return;
    }
    if (p.fill && loseFills > 0) {
      loseFills--;
      return;
    }
    for (Connection c : targets) {
      c.send(p.message);
      if (p.fill && duplicateFills) {
        c.send(p.message);
      }
    }
  }

  void pause() {
    synchronized (engine) {
      paused = true;
    }
  }

  void resume() {
    synchronized (engine) {
      paused = false;
      List<Pending> copy = List.copyOf(held);
      held.clear();
      copy.forEach(this::deliver);
    }
  }

  void duplicateFills(boolean on) {
    synchronized (engine) {
      duplicateFills = on;
    }
  }

  void loseFills(int n) {
    synchronized (engine) {
      loseFills += n;
    }
  }

  void setIdleTimeout(Duration d) {
    idleTimeout = d;
  }

  /** Closes (close frame 1000, "idle timeout") every connection silent for longer than the idle timeout. */
  void checkIdle(List<Connection> connections, long now) {
    long limit = idleTimeout.toMillis();
    for (Connection c : connections) {
      if (c.isOpen() && now - c.lastDataMs() > limit) {
        synchronized (engine) {
          idleDrops++;
        }
        c.close(1000, "idle timeout");
      }
    }
  }

  List<String> clientMessages() {
    return List.copyOf(clientMessages);
  }

  int subscriberCount(String key) {
    synchronized (engine) {
      return (int) subscriptions.values().stream().filter(s -> s.contains(key)).count();
    }
  }

  int connectionsOpened() {
    synchronized (engine) {
      return connectionsOpened;
    }
  }

  int idleDrops() {
    synchronized (engine) {
      return idleDrops;
    }
  }

  private static String error(String text) {
    ObjectNode m = Engine.MAPPER.createObjectNode();
    m.put("channel", "error");
    m.put("data", text);
    return m.toString();
  }
}
