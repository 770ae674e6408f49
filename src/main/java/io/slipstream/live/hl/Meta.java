package io.slipstream.live.hl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code meta} reply: the perpetuals universe in asset-index order.
 *
 * @param universe assets, {@code universe.get(i).index() == i}
 */
public record Meta(List<AssetMeta> universe) {
  /** Copies the list and checks the indices. */
  public Meta {
    universe = List.copyOf(universe);
    for (int i = 0; i < universe.size(); i++) {
      if (universe.get(i).index() != i) {
        throw new IllegalArgumentException("meta.universe[" + i + "] has index " + universe.get(i).index());
      }
    }
  }

  /**
   * @param coin a coin name
   * @return its asset, if listed
   */
  public Optional<AssetMeta> find(String coin) {
    return universe.stream().filter(a -> a.name().equals(coin)).findFirst();
  }

  /**
   * @param coin a coin name
   * @return its asset
   * @throws IllegalArgumentException naming the coin when it is not in the universe
   */
  public AssetMeta get(String coin) {
    return find(coin).orElseThrow(() -> new IllegalArgumentException("coin \"" + coin + "\" is not in meta.universe"));
  }

  /** @return szDecimals by coin name (for {@code portfolio.SzDecimals.of}) */
  public Map<String, Integer> szDecimalsByCoin() {
    Map<String, Integer> m = new HashMap<>();
    for (AssetMeta a : universe) {
      m.put(a.name(), a.szDecimals());
    }
    return m;
  }
}
