package io.slipstream.live.hl;

import java.util.List;
import java.util.Optional;

/**
 * The {@code clearinghouseState} reply, as far as the runner needs it.
 *
 * @param positions open positions (coins with {@code szi != 0})
 * @param accountValue {@code marginSummary.accountValue}, USD
 * @param totalNtlPos {@code marginSummary.totalNtlPos}, USD (gross notional)
 * @param withdrawable withdrawable USD
 * @param timeMs server time, epoch ms
 */
public record AccountState(List<Position> positions, double accountValue, double totalNtlPos, double withdrawable,
    long timeMs) {
  /** Copies the list. */
  public AccountState {
    positions = List.copyOf(positions);
  }

  /**
   * @param coin a coin
   * @return its signed size, 0 when there is no position
   */
  public double size(String coin) {
    return find(coin).map(Position::szi).orElse(0.0);
  }

  /**
   * @param coin a coin
   * @return its position, if open
   */
  public Optional<Position> find(String coin) {
    return positions.stream().filter(p -> p.coin().equals(coin)).findFirst();
  }
}
