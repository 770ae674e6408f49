package io.slipstream.cli;

import io.slipstream.core.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The one place that decides whether a command may write (and replace) its {@code --out} folder, and an output
 * folder written all-or-nothing.
 *
 * <p>The rules, checked by {@link #check} before any work starts:
 * <ol>
 *   <li>{@code --out} equal to or inside {@code --data} is refused (exit 2), {@code --force} or not: results never
 *       mix into the lake.</li>
 *   <li>An existing file (not a folder) is refused (exit 2), {@code --force} or not.</li>
 *   <li>A folder that holds (is, or is an ancestor of) the data folder, an input of the run (config, grid, model),
 *       the working folder, the home folder, or that holds a data lake ({@code candles_*.parquet},
 *       {@code funding.parquet}) or a project ({@code pom.xml}, {@code .git}) within three levels is never
 *       replaced, not even with {@code --force} (exit 2).</li>
 *   <li>A missing or empty folder is written.</li>
 *   <li>A folder holding a previous run of the same command (its {@value #MARKER} file names the command) is
 *       replaced when the new run succeeds.</li>
 *   <li>Anything else (a folder of other files, a run of another command) is refused (exit 2) unless
 *       {@code --force} is given; with {@code --force} it is replaced when the new run succeeds.</li>
 * </ol>
 * Every successful run leaves the marker file in its folder. Files go to a temporary sibling folder, which replaces
 * the target only when {@link #commit()} is called after the run succeeded; {@link #close()} without commit deletes
 * the temporary folder, so a failed run leaves {@code --out} as it was.
 */
final class OutputDir implements AutoCloseable {
  /** The marker file a successful run leaves in its folder: one line {@code command=<name>}. */
  static final String MARKER = ".slipstream-run";

  private final Path target;
  private final Path tmp;
  private boolean committed;

  /** The picocli option every folder-writing command mixes in. */
  static final class ForceOption {
    @Option(names = "--force", description = "replace an existing --out that is not a previous run of this command "
        + "(never a folder holding the data, a config or the project)")
    boolean force;
  }

  /** What {@link #check} found at {@code --out}. */
  enum State {
    /** Nothing there (or an empty folder): written fresh. */
    NEW,
    /** A previous run of the same command: replaced. */
    SAME_COMMAND,
    /** Something else, replaced because {@code --force} was given. */
    FORCED
  }

  /**
   * Checks the rules of the class comment and opens a temporary folder beside {@code target}, holding the marker.
   *
   * @param target the {@code --out} folder
   * @param command the command's name for the marker (e.g. {@code backtest}, {@code ml train})
   * @param force whether {@code --force} was given
   * @param data the {@code --data} folder of the run, or null
   * @param inputs the files and folders the run reads (config, grid, model); nulls are skipped
   * @return the uncommitted output folder
   * @throws Main.UsageException (exit 2) when a rule refuses {@code target}
   */
  static OutputDir open(Path target, String command, boolean force, Path data, Path... inputs) {
    check(target, command, force, data, inputs);
    return new OutputDir(target, command);
  }

  private OutputDir(Path target, String command) {
    this.target = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.target.getParent());
      this.tmp = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".tmp");
      writeMarker(tmp, command);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder beside " + target + ": "
          + IoErrors.describe(this.target.getParent(), e), e);
    }
  }

  /**
   * Applies the rules of the class comment to {@code target} without writing anything.
   *
   * @param target the {@code --out} folder
   * @param command the command's name in the marker
   * @param force whether {@code --force} was given
   * @param data the {@code --data} folder, or null
   * @param inputs the files and folders the run reads; nulls are skipped
   * @return what is at {@code target}
   * @throws Main.UsageException (exit 2) when a rule refuses {@code target}
   */
  static State check(Path target, String command, boolean force, Path data, Path... inputs) {
    Path abs = target.toAbsolutePath().normalize();
    Path real = real(abs);
    if (data != null) {
      Path d = real(data.toAbsolutePath().normalize());
      if (real.startsWith(d) || abs.startsWith(data.toAbsolutePath().normalize())) {
        throw new Main.UsageException("--out " + target + (real.equals(d) ? " is the data folder" : " is inside the "
            + "data folder " + data) + " (--data): run outputs never go into the lake; choose a folder outside it");
      }
    }
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new Main.UsageException("--out " + target + " is an existing file, not a folder: give a folder path "
          + "(an existing file is never replaced)");
    }
    List<Path> held = new ArrayList<>();
    if (data != null) {
      held.add(data);
    }
    for (Path p : inputs) {
      if (p != null) {
        held.add(p);
      }
    }
    held.add(Path.of(""));
    held.add(Path.of(System.getProperty("user.home")));
    for (Path p : held) {
      Path pr = real(p.toAbsolutePath().normalize());
      if (pr.startsWith(real)) {
        throw new Main.UsageException("--out " + target + " holds " + describeHeld(p, data) + " (" + p
            + "); such a folder is never replaced, not even with --force: choose another --out");
      }
    }
    if (!Files.isDirectory(abs)) {
      return State.NEW;
    }
    Optional<String> precious = precious(abs);
    if (precious.isPresent()) {
      throw new Main.UsageException("--out " + target + " holds " + precious.get() + "; such a folder is never "
          + "replaced, not even with --force: choose another --out");
    }
    if (isEmpty(abs)) {
      return State.NEW;
    }
    Optional<String> previous = markerCommand(abs);
    if (previous.isPresent() && previous.get().equals(command)) {
      return State.SAME_COMMAND;
    }
    if (force) {
      return State.FORCED;
    }
    throw new Main.UsageException("--out " + target + " already exists and "
        + previous.map(c -> "holds a run of another command (" + c + ")")
            .orElse("is not a previous " + command + " run (it has files but no " + MARKER + " marker)")
        + "; choose another --out, or give --force to replace it");
  }

  /**
   * The rule for commands whose {@code --out} is a lake they merge files into ({@code import}): nothing is ever
   * deleted there, but Parquet files are not added to a folder that is neither new, empty nor a lake.
   *
   * @param lake the lake folder to write into
   * @param option the option that named it
   * @param force whether {@code --force} was given
   * @throws Main.UsageException (exit 2) for an existing file, or a folder of other files without {@code --force}
   */
  static void checkLake(Path lake, String option, boolean force) {
    if (Files.exists(lake) && !Files.isDirectory(lake)) {
      throw new Main.UsageException(option + " " + lake + " is an existing file, not a folder");
    }
    if (!Files.isDirectory(lake) || isEmpty(lake) || force) {
      return;
    }
    try (Stream<Path> s = Files.list(lake)) {
      if (s.map(p -> p.getFileName().toString()).noneMatch(n -> n.equals("funding.parquet")
          || (n.startsWith("candles_") && n.endsWith(".parquet")))) {
        throw new Main.UsageException(option + " " + lake + " already exists and is not a data lake (no "
            + "candles_*.parquet or funding.parquet); choose a new or empty folder, or give --force to add the "
            + "lake files to it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + IoErrors.describe(lake, e), e);
    }
  }

  private static String describeHeld(Path p, Path data) {
    if (p.equals(data)) {
      return "the data folder";
    }
    if (p.toString().isEmpty()) {
      return "the working folder (the project)";
    }
    if (p.toString().equals(System.getProperty("user.home"))) {
      return "the home folder";
    }
    return "an input of this run";
  }

  /** @return what makes a folder precious (a lake or a project within three levels), if anything */
  private static Optional<String> precious(Path dir) {
    try (Stream<Path> s = Files.walk(dir, 3)) {
      return s.filter(p -> !p.equals(dir)).map(p -> {
        String n = p.getFileName().toString();
        if (n.equals("pom.xml") || n.equals(".git")) {
          return Optional.of("a project (" + p + ")");
        }
        if (n.equals("funding.parquet") || (n.startsWith("candles_") && n.endsWith(".parquet"))) {
          return Optional.of("a data lake (" + p + ")");
        }
        return Optional.<String>empty();
      }).flatMap(Optional::stream).findFirst();
    } catch (IOException | UncheckedIOException e) {
      throw new Main.UsageException("--out " + dir + " cannot be inspected: " + e.getMessage());
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + IoErrors.describe(dir, e), e);
    }
  }

  /** @return the command named by the marker of {@code dir}, if it has one */
  static Optional<String> markerCommand(Path dir) {
    Path m = dir.resolve(MARKER);
    if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(m, StandardCharsets.UTF_8).strip();
      return line.startsWith("command=") ? Optional.of(line.substring("command=".length())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the marker of {@code command} into {@code dir} (for commands that write their folder in place).
   *
   * @param dir the run folder (exists)
   * @param command the command's name
   * @throws IOException when it cannot be written
   */
  static void writeMarker(Path dir, String command) throws IOException {
    Files.writeString(dir.resolve(MARKER), "command=" + command + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  /** @return the real path of the longest existing prefix of {@code abs}, followed by the rest */
  private static Path real(Path abs) {
    Path p = abs;
    Path rest = null;
    while (p != null) {
      try {
        Path r = p.toRealPath();
        return rest == null ? r : r.resolve(rest);
      } catch (IOException e) {
        Path name = p.getFileName();
        if (name == null) {
          return abs;
        }
        rest = rest == null ? name : name.resolve(rest);
        p = p.getParent();
      }
    }
    return abs;
  }

  /** @return the path of {@code name} inside the temporary folder */
  Path file(String name) {
    return tmp.resolve(name);
  }

  /** @return the final folder */
  Path target() {
    return target;
  }

  /** Moves the temporary folder into place, replacing an existing target folder (checked by {@link #check}). */
  void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old" + System.nanoTime());
        move(target, old);
      }
      move(tmp, target);
      committed = true;
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move results into " + target + ": " + IoErrors.describe(target, e), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove temporary folder " + IoErrors.describe(tmp, e), e);
      }
    }
  }

  /**
   * Deletes a folder tree (for a folder {@link #check} allowed to be replaced).
   *
   * @param p the folder; nothing happens when it does not exist
   * @throws IOException when a file cannot be deleted
   */
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
