package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad config and JSON input through {@link Main#execute} (issue 13, item 2): a key given twice in any JSON the project
 * reads (backtest, grid, live and ML configs) exits 2 naming the key; an unknown key's value is never echoed (backtest
 * and grid); I/O errors are said in words with the path. Every case fails before any data is read.
 */
class BadConfigInputTest {
  private static final String SECRET = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final String DATA = "../shared/data/hyperliquid";

  private static String gradient() throws IOException {
    return Files.readString(Path.of("config/gradient.json"));
  }

  /** @return the gradient config with {@code extra} (JSON members) inserted right after the opening brace */
  private static Path gradientWith(Path dir, String extra) throws IOException {
    String text = gradient();
    int brace = text.indexOf('{');
    return Files.writeString(dir.resolve("cfg.json"), text.substring(0, brace + 1) + extra + "," + text.substring(
        brace + 1));
  }

  private static CliRun.Result backtest(Path cfg, Path tmp) {
    return CliRun.run("backtest", "--config", cfg.toString(), "--data", DATA, "--out", tmp.resolve("out").toString());
  }

  @Test
  void backtest_keyGivenTwice_exits2NamingTheKey(@TempDir Path tmp) throws IOException {
    CliRun.Result r = backtest(gradientWith(tmp, "\"capital_usd\": 5"), tmp);

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'capital_usd'").contains("duplicated key");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void backtest_nestedKeyGivenTwice_exits2NamingTheDottedKey(@TempDir Path tmp) throws IOException {
    Path cfg = Files.writeString(tmp.resolve("cfg.json"), gradient().replace("\"maker_fee_bps\": 1.5,",
        "\"maker_fee_bps\": 1.5, \"maker_fee_bps\": 0,"));

    CliRun.Result r = backtest(cfg, tmp);

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'costs.maker_fee_bps'").contains("duplicated key");
  }

  @Test
  void grid_keyGivenTwiceInTheGridFile_exits2NamingTheKey(@TempDir Path tmp) throws IOException {
    Path grid = Files.writeString(tmp.resolve("grid.json"), "{\"vol_span\": [12, 24], \"vol_span\": [48]}");

    CliRun.Result r = CliRun.run("grid", "--config", "config/gradient.json", "--grid", grid.toString(), "--data",
        DATA, "--out", tmp.resolve("g").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'vol_span'").contains("duplicated key");
    assertThat(tmp.resolve("g")).doesNotExist();
  }

  @Test
  void live_keyGivenTwiceInTheLiveConfig_exits2NamingTheKey(@TempDir Path tmp) throws IOException {
    String text = Files.readString(Path.of("config/gradient_live.json"));
    int brace = text.indexOf('{');
    Path cfg = Files.writeString(tmp.resolve("live.json"), text.substring(0, brace + 1) + "\"dry_run\": true,"
        + text.substring(brace + 1));

    CliRun.Result r = CliRun.run("live", "rebalance", "--config", cfg.toString(), "--data", DATA, "--mode",
        "dry-run");

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'dry_run'").contains("duplicated key");
  }

  @Test
  void ml_keyGivenTwiceInTheMlConfig_exits2NamingTheKey(@TempDir Path tmp) throws IOException {
    String text = Files.readString(Path.of("config/sol_xgb.json"));
    Path cfg = Files.writeString(tmp.resolve("sol.json"), text.replaceFirst("\"coin\": \"SOL\",",
        "\"coin\": \"SOL\", \"coin\": \"ETH\","));

    CliRun.Result r = CliRun.run("ml", "train", "--config", cfg.toString(), "--data", DATA, "--out",
        tmp.resolve("m").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'coin'").contains("duplicated key");
  }

  @Test
  void backtest_unknownKeyHoldingASecret_namesTheKeyButNeverTheValue(@TempDir Path tmp) throws IOException {
    CliRun.Result r = backtest(gradientWith(tmp, "\"private_key\": \"" + SECRET + "\""), tmp);

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("'private_key'").contains("unknown key");
    assertThat(r.out() + r.err()).doesNotContain(SECRET.substring(2, 20));
  }

  @Test
  void grid_unknownKeyHoldingASecret_namesTheKeyButNeverTheValue(@TempDir Path tmp) throws IOException {
    Path asText = Files.writeString(tmp.resolve("g1.json"), "{\"private_key\": \"" + SECRET + "\"}");
    Path asList = Files.writeString(tmp.resolve("g2.json"), "{\"private_key\": [\"" + SECRET + "\"]}");

    for (Path grid : new Path[] {asText, asList}) {
      CliRun.Result r = CliRun.run("grid", "--config", "config/gradient.json", "--grid", grid.toString(), "--data",
          DATA, "--out", tmp.resolve("g").toString());
      assertThat(r.exit()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).as(grid.toString()).contains("grid.private_key");
      assertThat(r.out() + r.err()).as(grid.toString()).doesNotContain(SECRET.substring(2, 20));
    }
  }

  @Test
  void backtest_missingConfig_saysDoesNotExistInWords(@TempDir Path tmp) {
    CliRun.Result r = backtest(tmp.resolve("nope.json"), tmp);

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(tmp.resolve("nope.json") + " does not exist").doesNotContain("Exception");
  }

  @Test
  void backtest_configIsAFolder_saysItIsAFolder(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("cfgdir"));

    CliRun.Result r = backtest(dir, tmp);

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(dir + " is a folder").doesNotContain("Exception");
  }

  @Test
  void grid_missingGridFile_saysDoesNotExistInWords(@TempDir Path tmp) {
    CliRun.Result r = CliRun.run("grid", "--config", "config/gradient.json", "--grid", tmp.resolve("g.json")
        .toString(), "--data", DATA, "--out", tmp.resolve("g").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("does not exist").doesNotContain("Exception");
  }
}
