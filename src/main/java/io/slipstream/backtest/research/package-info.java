/**
 * Research studies over the factor and portfolio components: the joint alpha + funding predictability study
 * ({@link io.slipstream.backtest.research.JointStudy}) that picks the holding period H*.
 */
package io.slipstream.backtest.research;
