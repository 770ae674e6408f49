package io.slipstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#execute} with standard output and error captured (never printed); for the CLI tests. */
final class CliRun {
  /** Exit code and captured streams. */
  record Result(int exit, String out, String err) {
  }

  private CliRun() {
  }

  static Result run(String... args) {
    return run(System.getenv(), args);
  }

  /** As {@link #run(String...)}, with {@code env} as the environment the defaults read ({@code SLIPSTREAM_DATA}). */
  static synchronized Result run(java.util.Map<String, String> env, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = Main.execute(env, args);
      o.flush();
      e.flush();
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
