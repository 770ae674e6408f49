package io.slipstream.live.hl;

import java.net.URI;

/**
 * A Hyperliquid network: its REST base URL, WebSocket URL and the phantom-agent {@code source} of L1 signatures
 * ({@code "a"} mainnet, {@code "b"} testnet; API.md, signing step 3).
 *
 * @param name "mainnet", "testnet" or "custom"
 * @param restBase REST base, e.g. {@code https://api.hyperliquid.xyz} ({@code /info} and {@code /exchange} are
 *     appended)
 * @param wsUrl WebSocket URL, e.g. {@code wss://api.hyperliquid.xyz/ws}
 * @param mainnet whether L1 actions are signed with source {@code "a"} (mainnet) or {@code "b"} (testnet)
 */
public record Network(String name, URI restBase, URI wsUrl, boolean mainnet) {
  /** Mainnet. */
  public static final Network MAINNET = new Network("mainnet", URI.create("https://api.hyperliquid.xyz"),
      URI.create("wss://api.hyperliquid.xyz/ws"), true);
  /** Testnet. */
  public static final Network TESTNET = new Network("testnet", URI.create("https://api.hyperliquid-testnet.xyz"),
      URI.create("wss://api.hyperliquid-testnet.xyz/ws"), false);

  /**
   * The network of a REST endpoint: mainnet and testnet by their URLs, anything else (a fake exchange on
   * 127.0.0.1 in tests) as "custom" with the WebSocket URL derived ({@code http -> ws}, {@code https -> wss},
   * {@code /ws} appended) and signed as {@code mainnet} says.
   *
   * @param endpoint REST base URL
   * @param mainnet the signature source for a custom endpoint
   * @return the network
   * @throws IllegalArgumentException if the URL is not http(s)
   */
  public static Network of(String endpoint, boolean mainnet) {
    String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    if (e.equals(MAINNET.restBase.toString())) {
      return MAINNET;
    }
    if (e.equals(TESTNET.restBase.toString())) {
      return TESTNET;
    }
    URI uri = URI.create(e);
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("api.endpoint must be an http(s) URL, was \"" + endpoint + "\"");
    }
    String ws = ("https".equals(scheme) ? "wss" : "ws") + e.substring(scheme.length()) + "/ws";
    return new Network("custom", uri, URI.create(ws), mainnet);
  }

  /** @return {@code restBase + "/info"} */
  public URI infoUri() {
    return URI.create(restBase + "/info");
  }

  /** @return {@code restBase + "/exchange"} */
  public URI exchangeUri() {
    return URI.create(restBase + "/exchange");
  }
}
