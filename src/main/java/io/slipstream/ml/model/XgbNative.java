package io.slipstream.ml.model;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Loading of XGBoost4J's native library ({@code libxgboost4j.so}, bundled in the {@code xgboost4j} jar and
 * extracted to a temporary file on first use) with a diagnosis when it fails.
 *
 * <p>On Linux the library needs {@code libgomp.so.1} (Debian/Ubuntu apt package {@code libgomp1}),
 * {@code libstdc++.so.6} ({@code libstdc++6}) and {@code libgcc_s.so.1} ({@code libgcc-s1}) besides glibc; a missing
 * one is named in the error with its apt package.
 *
 * <p><b>OpenMP wait policy.</b> XGBoost parallelises with OpenMP, whose threads busy-wait at every barrier by
 * default. On a machine whose cores are shared with other work (a CI runner, 2 cores), a spinning thread burns the
 * time slice its partner needs: measured here, 300 rounds on 10,000 x 30 took 0.6 s with {@code nthread = 1} but
 * 15 to 25 s with {@code nthread = 2}, and 0.6 s with {@code nthread = 2} once {@code OMP_WAIT_POLICY=passive}.
 * libgomp reads that variable once, when it is loaded; so before loading XGBoost, if the process environment has no
 * {@code OMP_WAIT_POLICY}, this class sets it to {@code passive} in the native environment (libc {@code setenv}
 * through JNA). An explicit {@code OMP_WAIT_POLICY} (e.g. {@code active}) is left as it is. The outcome is reported
 * by {@link #openMpWaitPolicy()}. It has no effect on results, only on speed.
 */
public final class XgbNative {
  /** The environment variable libgomp reads at load time. */
  public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

  private static final Map<String, String> APT_PACKAGES = Map.of(
      "libgomp.so.1", "libgomp1",
      "libstdc++.so.6", "libstdc++6",
      "libgcc_s.so.1", "libgcc-s1");

  private static final String WAIT_POLICY;
  private static final Throwable FAILURE;
  private static final String VERSION;

  static {
    WAIT_POLICY = preferPassiveWait();
    Throwable failure = null;
    try {
      // XGBoostJNI's static initialiser extracts libxgboost4j from the jar and System.load()s it
      Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI", true, XgbNative.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      failure = e;
    }
    FAILURE = failure;
    VERSION = readVersion();
  }

  private XgbNative() {
  }

  /**
   * Loads the native library on first call.
   *
   * @throws IllegalStateException if it cannot be loaded, saying why (a missing shared library is named with its
   *     apt package); every later call throws the same diagnosis
   */
  public static void ensureLoaded() {
    if (FAILURE != null) {
      throw new IllegalStateException(diagnose(FAILURE), FAILURE);
    }
  }

  /**
   * @return how {@code OMP_WAIT_POLICY} was settled: {@code "passive (set by Slipstream)"}, {@code "<value> (from
   *     the environment)"}, or why it could not be set
   */
  public static String openMpWaitPolicy() {
    return WAIT_POLICY;
  }

  /** @return the XGBoost4J version of the jar on the class path (e.g. {@code "2.1.4"}) */
  public static String version() {
    return VERSION;
  }

  /**
   * Explains a load failure: the original message, and for a missing shared object its name and apt package.
   *
   * @param failure what loading threw
   * @return a one-line diagnosis
   */
  static String diagnose(Throwable failure) {
    StringBuilder causes = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (causes.length() > 0) {
        causes.append(" <- ");
      }
      causes.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    String text = causes.toString();
    StringBuilder msg = new StringBuilder("Cannot load the XGBoost native library (libxgboost4j, bundled in the "
        + "xgboost4j jar) on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + text);
    for (Map.Entry<String, String> e : APT_PACKAGES.entrySet()) {
      if (text.contains(e.getKey())) {
        msg.append(". Missing shared library ").append(e.getKey()).append(": install the apt package ")
            .append(e.getValue()).append(" (apt-get install -y ").append(e.getValue()).append(')');
      }
    }
    return msg.toString();
  }

  private static String preferPassiveWait() {
    String env = System.getenv(OMP_WAIT_POLICY);
    if (env != null) {
      return env + " (from the environment)";
    }
    if (!Platform.isLinux() && !Platform.isMac()) {
      return "unset (OpenMP default; setenv is not available on " + System.getProperty("os.name") + ")";
    }
    try {
      int rc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv")
          .invokeInt(new Object[] {OMP_WAIT_POLICY, "passive", 0});
      return rc == 0 ? "passive (set by Slipstream)" : "unset (OpenMP default; libc setenv returned " + rc + ")";
    } catch (LinkageError | RuntimeException e) {
      return "unset (OpenMP default; setting it through JNA failed: " + e + ")";
    }
  }

  private static String readVersion() {
    try (InputStream in = XgbNative.class.getClassLoader().getResourceAsStream("xgboost4j-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read xgboost4j-version.properties from the class path", e);
    }
  }
}
