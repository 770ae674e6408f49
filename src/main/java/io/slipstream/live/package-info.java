/**
 * The live adapter: runs the very strategy object the backtester runs ({@code strategy.Strategy}) on bars fetched
 * from Hyperliquid, turns its target weights into orders, executes them in two stages (post-only quotes, then an
 * IOC sweep) in dry-run, paper or live mode under risk limits, and keeps every order, acknowledgement and fill in
 * the PostgreSQL audit trail ({@link io.slipstream.live.store}). Sub-packages: {@link io.slipstream.live.hl}
 * (protocol, signing, clients), {@link io.slipstream.live.store} (database), {@code live.ingest} (lake ingest).
 */
package io.slipstream.live;
