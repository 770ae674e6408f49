package io.slipstream.live;

import java.util.List;

/**
 * What two-stage execution did, per coin and in total.
 *
 * @param coins per-coin results, in plan order
 * @param ordersSent orders sent (both stages, requotes included)
 * @param requotes post-only quotes cancelled and re-placed
 * @param aloRejections post-only orders rejected for crossing
 * @param duplicateFills fill messages ignored because their trade id was already booked
 * @param stillResting orders left resting at the end (only when {@code cancel_before_market_sweep} is false)
 * @param firstOrderAtMs when the first order request was handed to the venue, epoch ms (-1 when none was sent)
 */
public record ExecutionReport(List<CoinExecution> coins, int ordersSent, int requotes, int aloRejections,
    int duplicateFills, int stillResting, long firstOrderAtMs) {
  /** Copies the list. */
  public ExecutionReport {
    coins = List.copyOf(coins);
  }

  /** @return stage-1 (passive) filled notional, USD */
  public double passiveNotional() {
    return coins.stream().mapToDouble(CoinExecution::passiveNotional).sum();
  }

  /** @return stage-2 (IOC) filled notional, USD */
  public double sweepNotional() {
    return coins.stream().mapToDouble(CoinExecution::sweepNotional).sum();
  }

  /** @return passive notional / all filled notional; NaN when nothing filled */
  public double passiveFillRatio() {
    double all = passiveNotional() + sweepNotional();
    return all > 0 ? passiveNotional() / all : Double.NaN;
  }

  /** @return fees paid, USD (negative = rebates) */
  public double fees() {
    return coins.stream().mapToDouble(CoinExecution::fees).sum();
  }

  /**
   * @return implementation shortfall against the decision mids, USD: {@code sum over fills of side x (px -
   *     decisionPx) x sz} (positive = cost)
   */
  public double shortfallUsd() {
    return coins.stream().mapToDouble(CoinExecution::shortfallUsd).sum();
  }

  /** @return shortfall in bps of filled notional; NaN when nothing filled */
  public double shortfallBps() {
    double all = passiveNotional() + sweepNotional();
    return all > 0 ? shortfallUsd() / all * 1e4 : Double.NaN;
  }

  /** @return fills booked in stage 1 */
  public int passiveFills() {
    return coins.stream().mapToInt(CoinExecution::passiveFills).sum();
  }

  /** @return fills booked in stage 2 */
  public int sweepFills() {
    return coins.stream().mapToInt(CoinExecution::sweepFills).sum();
  }

  /**
   * One coin.
   *
   * @param coin the coin
   * @param delta the signed size planned, base asset
   * @param decisionPx decision mid, USD
   * @param passiveFilled signed size filled in stage 1
   * @param sweepFilled signed size filled in stage 2
   * @param passiveNotional stage-1 filled notional, USD
   * @param sweepNotional stage-2 filled notional, USD
   * @param passiveFills stage-1 fill count
   * @param sweepFills stage-2 fill count
   * @param fees fees, USD
   * @param shortfallUsd implementation shortfall, USD (positive = cost)
   * @param note what happened beyond fills (skipped remainder, rejections), empty when nothing
   */
  public record CoinExecution(String coin, double delta, double decisionPx, double passiveFilled, double sweepFilled,
      double passiveNotional, double sweepNotional, int passiveFills, int sweepFills, double fees,
      double shortfallUsd, String note) {
    /** @return signed size filled in both stages */
    public double filled() {
      return passiveFilled + sweepFilled;
    }

    /** @return volume-weighted average fill price, NaN when nothing filled */
    public double avgPx() {
      double sz = Math.abs(passiveFilled) + Math.abs(sweepFilled);
      return sz > 0 ? (passiveNotional + sweepNotional) / sz : Double.NaN;
    }
  }
}
