package io.slipstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.IoErrors;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.core.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The inputs of the commands that search a grid ({@code grid}, {@code walk-forward}), as a picocli mixin:
 * {@code --config} (base config), {@code --grid} (grid JSON) and {@code --data} (lake folder), and their reading
 * and parsing, so both commands check them the same way.
 */
final class GridInputs {
  @Option(names = "--config", required = true, description = "base strategy config JSON")
  Path config;

  @Option(names = "--grid", required = true,
      description = "grid JSON: config keys (dotted for nested, e.g. costs.taker_fee_bps) -> arrays of values")
  Path grid;

  @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
  Path data;

  /** The base config and grid, parsed and checked against each other. */
  record Parsed(ObjectNode base, BacktestConfig baseConfig, GridSpec spec) {
  }

  /** @return the text of {@code --config} */
  String configText() {
    return read(config, "--config");
  }

  /** @return the text of {@code --grid} */
  String gridText() {
    return read(grid, "--grid");
  }

  /**
   * @param configText the text of {@code --config}
   * @param gridText the text of {@code --grid}
   * @return the parsed base config and grid
   * @throws ConfigException naming the config key or {@code grid.<key>} of the first problem
   */
  Parsed parse(String configText, String gridText) {
    ObjectNode base = ConfigParser.readTree(configText, config.toString());
    BacktestConfig baseConfig = ConfigParser.parse(base, config.toString());
    GridSpec spec = GridSpec.parse(ConfigParser.readTree(gridText, grid.toString()), base, grid.toString());
    return new Parsed(base, baseConfig, spec);
  }

  /**
   * @param file a text file
   * @param option the option that named it, for the message
   * @return its text
   * @throws ConfigException naming the option when the file cannot be read
   */
  static String read(Path file, String option) {
    return IoErrors.readConfigText(file, option);
  }
}
