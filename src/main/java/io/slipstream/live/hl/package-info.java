/**
 * The Hyperliquid perpetuals protocol (../shared/hyperliquid/API.md): wire formats and rounding rules, the msgpack
 * preimage and phantom-agent EIP-712 signature of L1 actions, REST info and exchange clients with a weight-based
 * rate limiter and retries, and a WebSocket session with the ping rule and reconnect. The records here are the
 * exchange's own vocabulary, decoded from its string numbers into doubles (USD prices, base-asset sizes).
 */
package io.slipstream.live.hl;
