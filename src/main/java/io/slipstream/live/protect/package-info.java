/**
 * Exchange-side protection of the live book: reduce-only stop-loss and take-profit trigger orders placed with every
 * position and kept in step with it ({@link io.slipstream.live.protect.Protector}), configured by the optional
 * {@code protection} section of the live config ({@link io.slipstream.live.protect.ProtectionConfig}).
 */
package io.slipstream.live.protect;
