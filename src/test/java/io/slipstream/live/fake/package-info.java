/**
 * A fake Hyperliquid exchange for the live adapter's integration tests: {@link io.slipstream.live.fake.FakeExchange}
 * serves {@code POST /info}, {@code POST /exchange} (JDK {@code HttpServer}) and the {@code /ws} WebSocket (a small
 * RFC 6455 server on JDK sockets) on 127.0.0.1, with a matching engine over scripted synthetic books, accounts,
 * candle and funding history, request recording and fault injection. Test code only.
 */
package io.slipstream.live.fake;
