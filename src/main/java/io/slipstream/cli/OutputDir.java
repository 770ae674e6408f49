package io.slipstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output folder written all-or-nothing: files go to a temporary sibling folder, which replaces the target only
 * when {@link #commit()} is called after the run succeeded. {@link #close()} without commit deletes the
 * temporary folder, so a failed run leaves {@code --out} as it was.
 */
final class OutputDir implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private boolean committed;

  OutputDir(Path target) {
    this.target = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.target.getParent());
      this.tmp = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder beside " + target + ": " + e.getMessage(), e);
    }
  }

  /** @return the path of {@code name} inside the temporary folder */
  Path file(String name) {
    return tmp.resolve(name);
  }

  /** @return the final folder */
  Path target() {
    return target;
  }

  /** Moves the temporary folder into place, replacing an existing target folder. */
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
      throw new UncheckedIOException("cannot move results into " + target + ": " + e.getMessage(), e);
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
        throw new UncheckedIOException("cannot remove temporary folder " + tmp + ": " + e.getMessage(), e);
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
