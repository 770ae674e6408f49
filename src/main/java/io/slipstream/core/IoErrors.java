package io.slipstream.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * I/O failures in words a person reads: {@code "does not exist"}, {@code "is a folder"}, {@code "permission
 * denied"}, instead of an exception's class name ({@code NoSuchFileException}) or a bare path. Every message
 * names the path; the callers put it into their {@link ConfigException}, {@link DataException} or
 * {@link java.io.UncheckedIOException}.
 */
public final class IoErrors {
  /** The failures that have words of their own, checked in this order. */
  private static final Map<Class<? extends IOException>, String> WORDS = words();

  private IoErrors() {
  }

  private static Map<Class<? extends IOException>, String> words() {
    Map<Class<? extends IOException>, String> m = new LinkedHashMap<>();
    m.put(NoSuchFileException.class, "does not exist");
    m.put(CharacterCodingException.class, "is not UTF-8 text");
    m.put(AccessDeniedException.class, "cannot be accessed: permission denied");
    m.put(FileAlreadyExistsException.class, "already exists");
    m.put(NotDirectoryException.class, "is not a folder");
    m.put(DirectoryNotEmptyException.class, "is a folder that is not empty");
    return Collections.unmodifiableMap(m);
  }

  /**
   * @param path the path the caller was working on
   * @param e the failure
   * @return {@code "<path> <reason in words>"}, e.g. {@code "config/x.json does not exist"}; when the failure is
   *     about another path (a missing parent folder), that path is named too
   */
  public static String describe(Path path, IOException e) {
    String other = e instanceof FileSystemException f && f.getFile() != null && path != null
        && !Path.of(f.getFile()).equals(path) ? " (" + f.getFile() + ")" : "";
    return path + " " + reason(path, e) + other;
  }

  /**
   * @param path the path the caller was working on (looked at to tell a folder from a file)
   * @param e the failure
   * @return the reason in words, without the path
   */
  public static String reason(Path path, IOException e) {
    for (Map.Entry<Class<? extends IOException>, String> w : WORDS.entrySet()) {
      if (w.getKey().isInstance(e)) {
        return w.getValue();
      }
    }
    if (path != null && Files.isDirectory(path)) {
      return "is a folder, not a file";
    }
    String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (why == null || why.isBlank()) {
      why = "unknown I/O error (" + e.getClass().getSimpleName() + ")";
    }
    return "cannot be read or written: " + why;
  }

  /**
   * Reads a whole text file (UTF-8) that is data rather than a config (a model description, a manifest).
   *
   * @param file the file
   * @return its text
   * @throws UncheckedIOException saying in words why the file cannot be read, naming the path
   */
  public static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(describe(file, e), e);
    }
  }

  /**
   * Reads a whole text file (UTF-8).
   *
   * @param file the file
   * @param option the option or key that named it, for the message (e.g. {@code --config})
   * @return its text
   * @throws ConfigException naming {@code option} and saying in words why the file cannot be read
   */
  public static String readConfigText(Path file, String option) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(option, describe(file, e));
    }
  }
}
