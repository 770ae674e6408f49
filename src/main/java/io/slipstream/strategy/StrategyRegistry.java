package io.slipstream.strategy;

import io.slipstream.core.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registered strategies: every {@link StrategySpec} listed in a {@code META-INF/services/io.slipstream.strategy.
 * StrategySpec} file on the class path (Java's {@link ServiceLoader}; Strata's {@code ExtendedEnum} providers), so a
 * package above this one (e.g. {@code ml}) contributes its strategy without anything below importing it. Loaded
 * once, sorted by name.
 */
public final class StrategyRegistry {
  private static final Map<String, StrategySpec> SPECS = load();

  private StrategyRegistry() {
  }

  private static Map<String, StrategySpec> load() {
    Map<String, StrategySpec> found = new java.util.TreeMap<>();
    for (StrategySpec s : ServiceLoader.load(StrategySpec.class, StrategyRegistry.class.getClassLoader())) {
      StrategySpec prev = found.putIfAbsent(s.name(), s);
      if (prev != null && prev.getClass() != s.getClass()) {
        throw new IllegalStateException("strategy name \"" + s.name() + "\" is registered twice: "
            + prev.getClass().getName() + " and " + s.getClass().getName());
      }
      if (!s.name().matches("[a-z][a-z0-9_]*")) {
        throw new IllegalStateException("strategy name \"" + s.name() + "\" of " + s.getClass().getName()
            + " is not snake_case");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(found));
  }

  /** @return the registered names, sorted */
  public static List<String> names() {
    return List.copyOf(SPECS.keySet());
  }

  /** @return every registered spec, sorted by name */
  public static List<StrategySpec> all() {
    return List.copyOf(SPECS.values());
  }

  /**
   * @param name a strategy name
   * @return whether it is registered
   */
  public static boolean isRegistered(String name) {
    return SPECS.containsKey(name);
  }

  /**
   * @param name a strategy name (the config's {@code strategy})
   * @return its spec
   * @throws ConfigException ({@code strategy}) naming the value and the registered names when it is not registered
   */
  public static StrategySpec spec(String name) {
    StrategySpec s = SPECS.get(name);
    if (s == null) {
      throw new ConfigException("strategy", "unknown strategy \"" + name + "\" (registered: "
          + String.join(", ", SPECS.keySet()) + ")");
    }
    return s;
  }
}
