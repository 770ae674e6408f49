/**
 * Studies of one config across sub-periods: the random-period study
 * ({@link io.slipstream.backtest.study.RandomPeriodStudy}), N seeded random windows of D days, each an
 * independent backtest, and the distribution of their return, Sharpe and drawdown next to the full period.
 */
package io.slipstream.backtest.study;
