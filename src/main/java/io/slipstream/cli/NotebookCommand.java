package io.slipstream.cli;

import io.slipstream.core.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code slipstream notebook}: Jupyter (the classic notebook server on 127.0.0.1, {@code notebooks/} as its root)
 * with the project's Java kernel. {@code tools/notebooks/setup.sh} first installs and builds what is missing
 * (Debian Jupyter packages, the Rapaio kernel, the project jar, the kernel spec). Options it does not know are
 * passed to {@code jupyter notebook}. {@code bin/slipstream notebook} does the same from the launcher.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "Start Jupyter on 127.0.0.1 with notebooks/ as its root and the project's Java kernel "
        + "(slipstream-java) ready; other options go to jupyter notebook. The notebooks read the lake at "
        + "$SLIPSTREAM_DATA, else ../shared/data/hyperliquid.",
    footerHeading = "%nExample:%n", footer = "  SLIPSTREAM_DATA=../shared/data/hyperliquid slipstream notebook --port 8890")
final class NotebookCommand implements Callable<Integer> {
  @Unmatched
  List<String> jupyterArgs = new ArrayList<>();

  @Override
  public Integer call() {
    Path root = repositoryRoot();
    Path setup = root.resolve("tools/notebooks/setup.sh");
    try {
      int rc = new ProcessBuilder(setup.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
      if (rc != 0) {
        throw new DataException("notebook setup failed (" + setup + " exited " + rc + ")");
      }
      List<String> cmd = new ArrayList<>(List.of("jupyter", "notebook", "--ip=127.0.0.1", "--no-browser",
          "--notebook-dir=" + root.resolve("notebooks"), "--MappingKernelManager.default_kernel_name=slipstream-java"));
      if ("root".equals(System.getProperty("user.name"))) {
        cmd.add("--allow-root");
      }
      cmd.addAll(jupyterArgs);
      ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
      String jp = System.getenv("JUPYTER_PATH");
      pb.environment().put("JUPYTER_PATH", root.resolve("target/jupyter") + (jp == null ? "" : ":" + jp));
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Jupyter: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /** $SLIPSTREAM_HOME, else the nearest parent of the working folder holding tools/notebooks/setup.sh. */
  private static Path repositoryRoot() {
    String env = System.getenv("SLIPSTREAM_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tools/notebooks/setup.sh"))) {
        return p;
      }
    }
    throw new DataException("cannot find the repository (tools/notebooks/setup.sh) from "
        + Path.of("").toAbsolutePath() + ": run from inside it or set SLIPSTREAM_HOME");
  }
}
