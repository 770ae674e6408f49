package io.slipstream.live.mm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map between Hyperliquid coins and Binance USD-M symbols, with the unit conversion.
 *
 * <p>{@code sizeMultiplier} is the number of CEX contract units in one HL unit, so
 * {@code hlPx = cexPx * sizeMultiplier} and {@code hlSz = cexSz / sizeMultiplier}. Both venues quote the thousand-unit
 * memecoins in thousands ({@code kPEPE} = 1000 PEPE = one {@code 1000PEPEUSDT} unit), so the multiplier is 1 there;
 * mapping {@code kPEPE} to a per-PEPE symbol would take 1000.
 *
 * <p>The default rule ({@link #defaultMapping}): {@code kX -> 1000XUSDT}, else {@code X -> XUSDT}, multiplier 1.
 */
public final class SymbolMap {
  /**
   * One coin's mapping.
   *
   * @param hlCoin the Hyperliquid coin
   * @param cexSymbol the Binance USD-M symbol, upper case (the stream name is its lower case)
   * @param sizeMultiplier CEX units per HL unit, finite and {@code > 0}
   */
  public record Mapping(String hlCoin, String cexSymbol, double sizeMultiplier) {
    /** Checks the fields. */
    public Mapping {
      if (hlCoin == null || hlCoin.isEmpty() || cexSymbol == null || cexSymbol.isEmpty()) {
        throw new IllegalArgumentException("Mapping needs a coin and a CEX symbol, was " + hlCoin + " -> "
            + cexSymbol);
      }
      if (!(sizeMultiplier > 0) || Double.isInfinite(sizeMultiplier)) {
        throw new IllegalArgumentException("Argument 'sizeMultiplier' of " + hlCoin + " must be finite and > 0, was "
            + sizeMultiplier);
      }
    }

    /** @param cexPx a CEX price, USD per CEX unit @return USD per HL unit */
    public double toHlPx(double cexPx) {
      return cexPx * sizeMultiplier;
    }

    /** @param cexSz a CEX size, CEX units @return HL units */
    public double toHlSz(double cexSz) {
      return cexSz / sizeMultiplier;
    }

    /** @return the {@code bookTicker} stream name, e.g. {@code btcusdt@bookTicker} */
    public String streamName() {
      return cexSymbol.toLowerCase(java.util.Locale.ROOT) + "@bookTicker";
    }
  }

  private final Map<String, Mapping> byCoin = new LinkedHashMap<>();
  private final Map<String, Mapping> byCex = new LinkedHashMap<>();

  /**
   * @param mappings one mapping per coin
   * @throws IllegalArgumentException when a coin or a CEX symbol appears twice
   */
  public SymbolMap(List<Mapping> mappings) {
    for (Mapping m : mappings) {
      if (byCoin.put(m.hlCoin(), m) != null) {
        throw new IllegalArgumentException("coin " + m.hlCoin() + " is mapped twice");
      }
      if (byCex.put(m.cexSymbol(), m) != null) {
        throw new IllegalArgumentException("CEX symbol " + m.cexSymbol() + " is mapped twice");
      }
    }
  }

  /**
   * The default rule: {@code kX -> 1000XUSDT}, else {@code X -> XUSDT}; multiplier 1.
   *
   * @param hlCoin the Hyperliquid coin
   * @return its mapping
   */
  public static Mapping defaultMapping(String hlCoin) {
    if (hlCoin.length() > 1 && hlCoin.charAt(0) == 'k' && Character.isUpperCase(hlCoin.charAt(1))) {
      return new Mapping(hlCoin, "1000" + hlCoin.substring(1) + "USDT", 1.0);
    }
    return new Mapping(hlCoin, hlCoin.toUpperCase(java.util.Locale.ROOT) + "USDT", 1.0);
  }

  /** @param coins HL coins @return the map by {@link #defaultMapping} */
  public static SymbolMap defaults(List<String> coins) {
    return new SymbolMap(coins.stream().map(SymbolMap::defaultMapping).toList());
  }

  /** @param hlCoin a coin @return its mapping, if any */
  public Optional<Mapping> byCoin(String hlCoin) {
    return Optional.ofNullable(byCoin.get(hlCoin));
  }

  /** @param cexSymbol a CEX symbol (any case) @return its mapping, if any */
  public Optional<Mapping> byCex(String cexSymbol) {
    return Optional.ofNullable(byCex.get(cexSymbol.toUpperCase(java.util.Locale.ROOT)));
  }

  /** @return the mappings in insertion order */
  public List<Mapping> mappings() {
    return List.copyOf(byCoin.values());
  }
}
