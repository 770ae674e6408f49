package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/live/cron-rebalance.sh} run with bash, its command replaced by a stub ({@code SLIPSTREAM_CMD}) that
 * records each run, sleeps and exits with a chosen code: two wrappers started together with the same lock run the
 * command once (the other exits 75 and logs the skip), the command's exit code is the wrapper's, and the lock is
 * free again afterwards.
 */
class CronWrapperTest {
  private static final Path SCRIPT = Path.of("tools/live/cron-rebalance.sh");

  @TempDir
  Path tmp;

  private Path stub;
  private Path runs;
  private Path logs;
  private Path lock;

  @BeforeEach
  void stub() throws Exception {
    stub = tmp.resolve("stub.sh");
    runs = tmp.resolve("runs.txt");
    logs = tmp.resolve("logs");
    lock = tmp.resolve("live.lock");
    Files.writeString(stub, "#!/usr/bin/env bash\n"
        + "echo \"$$ $*\" >> \"$STUB_RUNS\"\n"
        + "echo \"stub ran: $*\"\n"
        + "sleep \"$STUB_SLEEP\"\n"
        + "exit \"$STUB_EXIT\"\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
  }

  private Process start(int exitCode, String sleepSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), "--config",
        "config/gradient_live.json", "--mode", "live")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("wrapper-" + System.nanoTime() + ".out").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("SLIPSTREAM_CMD", stub.toString());
    env.put("SLIPSTREAM_LOCK", lock.toString());
    env.put("SLIPSTREAM_LOG_DIR", logs.toString());
    env.put("SLIPSTREAM_ENV_FILE", "/nonexistent");
    env.put("STUB_RUNS", runs.toString());
    env.put("STUB_SLEEP", sleepSeconds);
    env.put("STUB_EXIT", Integer.toString(exitCode));
    return pb.start();
  }

  private static int waitFor(Process p) throws Exception {
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("cron wrapper still running after 20 s");
    }
    return p.exitValue();
  }

  private String log() throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : files.sorted().toList()) {
        assertThat(f.getFileName().toString()).matches("rebalance-\\d{8}\\.log");
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private List<String> runs() throws Exception {
    return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
  }

  @Test
  void twoWrappersAtOnce_runTheCommandOnce_theOtherExits75AndLogsTheSkip() throws Exception {
    Process a = start(3, "2");
    Process b = start(3, "2");

    List<Integer> codes = new ArrayList<>(List.of(waitFor(a), waitFor(b)));

    assertThat(codes).containsExactlyInAnyOrder(3, 75);
    assertThat(runs()).hasSize(1);
    assertThat(runs().get(0)).endsWith(" live rebalance --config config/gradient_live.json --mode live");
    String log = log();
    assertThat(log.lines().filter(l -> l.endsWith("; this run is skipped")).count()).isEqualTo(1);
    assertThat(log).contains("another rebalance holds " + lock)
        .contains("start: live rebalance --config config/gradient_live.json --mode live")
        .contains("stub ran: live rebalance --config config/gradient_live.json --mode live")
        .contains("end: exit 3");
    assertThat(log.lines().filter(l -> l.contains(" start: ")).count()).isEqualTo(1);

    // the lock is free again, and a zero exit is passed through as well
    Process c = start(0, "0");

    assertThat(waitFor(c)).isZero();
    assertThat(runs()).hasSize(2);
    assertThat(log()).contains("end: exit 0");
  }

  @Test
  void commandExitCode_isTheWrappersExitCode() throws Exception {
    for (int code : new int[] {0, 1, 2}) {
      assertThat(waitFor(start(code, "0"))).as("exit %d", code).isEqualTo(code);
    }
    assertThat(runs()).hasSize(3);
    assertThat(log()).contains("end: exit 0").contains("end: exit 1").contains("end: exit 2")
        .doesNotContain("skipped");
  }
}
