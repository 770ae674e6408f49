package io.slipstream.live.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST request the fake exchange received, recorded before any fault injection or processing.
 *
 * @param endpoint {@code "info"} or {@code "exchange"} (the path without the slash; other paths are not recorded)
 * @param type the info {@code type} or the exchange {@code action.type}; {@code "?"} when the body has none
 * @param body the raw request body (UTF-8)
 * @param json the parsed body; a {@code MissingNode} when the body is not JSON
 * @param receivedMs arrival time, epoch ms
 * @param injectedStatus the HTTP status forced by {@link FakeExchange#failNext}, or 0 when the request was served
 */
public record RecordedRequest(String endpoint, String type, String body, JsonNode json, long receivedMs,
    int injectedStatus) {
  /** @return whether this request reached the engine (no injected failure) */
  public boolean served() {
    return injectedStatus == 0;
  }
}
