package io.slipstream.backtest.search.spark;

import io.slipstream.backtest.search.GridEngine;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridRow;
import io.slipstream.backtest.search.ResultWriter;
import io.slipstream.data.MarketData;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongUnaryOperator;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.concurrent.ExecutionContext$;
import scala.concurrent.ExecutionContextExecutor;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs a grid search as Apache Spark jobs; for the same grid its rows are identical to {@link
 * io.slipstream.backtest.search.MultiCoreEngine}'s (both call {@link GridEvaluator#evaluate(long)} on the same
 * data and job; tested bit for bit).
 *
 * <p>How: the market data is broadcast once; the ids, in the given order, are cut into batches of at most
 * {@code b = clamp(ceil(n / (4 p)), 1, maxBatch)} configurations ({@code n} ids, {@code p} = Spark's default
 * parallelism), a batch never mixing a signal group with others unless it holds whole groups (see
 * {@link #plan(long[], LongUnaryOperator, int)}), so that an executor computes a group's signals once; each batch
 * is one partition, hence one task. Each executor JVM builds one {@link GridEvaluator} per run from the broadcast.
 * Batches are submitted in waves of {@code 2 p} tasks, at most two waves at a time, and every task's rows come back
 * to the driver as soon as it ends; the driver hands them to the {@link ResultWriter} (the driver writes the Parquet
 * parts, so resume, Ctrl-C and the summary work as with the multi-core engine) and the listener, on the calling
 * thread. At most {@code 4 p b} rows are thus in flight, whatever the grid size (memory stays flat: a 10,000
 * configuration grid ran in a 1 GB heap with about 60 MB used).
 *
 * <p>Session: an active or default {@link SparkSession} is reused (and left running); otherwise one is created
 * with the engine's master, or with {@code spark.master} when that system property is set (as
 * {@code spark-submit} does, whose {@code --master} then wins), and stopped at the end of {@link #run}. A created
 * session runs with log level WARN and no console progress bar; with a {@code local} master also without the web
 * UI and bound to 127.0.0.1. Created without {@code spark-submit} for executors in other JVMs (a cluster master,
 * {@code local-cluster}), it ships the jar holding this class and the EJML jars ({@code spark.jars}) when the
 * driver runs from jars (as {@code bin/slipstream} does); the cluster's Spark provides the rest.
 *
 * <p>Failures: a task failure fails the run with the task's exception when Spark hands it back (e.g. a
 * {@link io.slipstream.core.ConfigException}), else an {@link IllegalStateException} with Spark's message; the
 * other jobs of the run are cancelled. Rows already handed to the writer stay written.
 */
public final class SparkGridEngine implements GridEngine {
  /** Default upper bound of the configurations per task. */
  public static final int DEFAULT_MAX_BATCH = 64;
  private static final int WAVES_IN_FLIGHT = 2;
  /** The thread-local job-group properties {@code setJobGroup} sets; restored after a run. */
  private static final String[] GROUP_PROPERTIES = {"spark.jobGroup.id", "spark.job.description",
      "spark.job.interruptOnCancel"};
  /** Runs job-completion callbacks on the thread that completes the job (they only enqueue an event). */
  private static final ExecutionContextExecutor DIRECT = ExecutionContext$.MODULE$.fromExecutor(Runnable::run);
  private final String master;
  private final int maxBatch;

  /**
   * @param master the Spark master URL, e.g. {@code local[*]}, {@code local[2]}, {@code spark://host:7077}
   * @throws IllegalArgumentException when it is blank
   */
  public SparkGridEngine(String master) {
    this(master, DEFAULT_MAX_BATCH);
  }

  /**
   * @param master the Spark master URL, e.g. {@code local[*]}, {@code local[2]}, {@code spark://host:7077}
   * @param maxBatch upper bound of the configurations per task, {@code >= 1}
   * @throws IllegalArgumentException when the master is blank or {@code maxBatch < 1}
   */
  public SparkGridEngine(String master, int maxBatch) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("Argument 'master' must be a Spark master URL, was \"" + master + "\"");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("Argument 'maxBatch' must be >= 1, was " + maxBatch);
    }
    this.master = master;
    this.maxBatch = maxBatch;
  }

  /** @return the master URL given (a running session or {@code spark-submit}'s master takes precedence) */
  public String master() {
    return master;
  }

  @Override
  public void run(GridEvaluator evaluator, long[] ids, ResultWriter writer, Listener listener) {
    if (ids.length == 0) {
      return;
    }
    SparkSession spark;
    boolean created = false;
    Option<SparkSession> running = SparkSession.getActiveSession();
    if (running.isEmpty() || running.get().sparkContext().isStopped()) {
      running = SparkSession.getDefaultSession();
    }
    if (running.isDefined() && !running.get().sparkContext().isStopped()) {
      spark = running.get();
    } else {
      spark = create();
      created = true;
    }
    try {
      run(spark.sparkContext(), evaluator, ids, writer, listener, !created);
    } finally {
      if (created) {
        spark.stop();
      }
    }
  }

  private SparkSession create() {
    String submitted = System.getProperty("spark.master");
    String effective = submitted != null ? submitted : master;
    SparkSession.Builder b = SparkSession.builder().appName("slipstream grid")
        .config("spark.ui.showConsoleProgress", false);
    if (submitted == null) {
      b.master(master);
      boolean inProcess = master.equals("local") || master.startsWith("local[");
      List<String> jars = executorJars();
      if (!inProcess && !jars.isEmpty()) {
        // started without spark-submit (e.g. bin/slipstream grid --master spark://...): executors in other JVMs
        // need our classes and EJML; Spark ships the rest
        b.config("spark.jars", String.join(",", jars));
      }
    }
    if (effective.startsWith("local")) {
      b.config("spark.ui.enabled", false).config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  /**
   * The jars executors in other JVMs need besides Spark: the one holding this class and those holding EJML, as
   * found on the driver; empty when this class is not in a jar (a build folder), so nothing is shipped.
   */
  private static List<String> executorJars() {
    String own = jarOf(SparkGridEngine.class.getName().replace('.', '/') + ".class");
    if (own == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(own));
    for (String resource : new String[] {"org/ejml/data/DMatrixRMaj.class",
        "org/ejml/dense/row/CommonOps_DDRM.class"}) {
      String jar = jarOf(resource);
      if (jar != null && !out.contains(jar)) {
        out.add(jar);
      }
    }
    return out;
  }

  /** @return the local jar file a class-path resource is read from, or null */
  private static String jarOf(String resource) {
    URL url = SparkGridEngine.class.getClassLoader().getResource(resource);
    if (url == null || !url.getProtocol().equals("jar")) {
      return null;
    }
    String file = url.getPath();
    int bang = file.indexOf("!/");
    try {
      return bang < 0 ? null : Path.of(new URI(file.substring(0, bang))).toString();
    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }

  /** A finished task's rows ({@code jobDone} false), or the end of a wave's job (with its failure, if any). */
  private record Event(GridRow[] rows, boolean jobDone, Throwable failure) {
  }

  /** @param release whether to destroy the broadcast at the end (not needed when the session is stopped next) */
  private void run(SparkContext sc, GridEvaluator evaluator, long[] ids, ResultWriter writer, Listener listener,
      boolean release) {
    int p = Math.max(1, sc.defaultParallelism());
    List<long[]> batches = plan(ids, evaluator::signalGroup, batchSize(ids.length, p, maxBatch));
    int waveTasks = 2 * p;
    int waves = (batches.size() + waveTasks - 1) / waveTasks;
    String runId = "slipstream-grid-" + UUID.randomUUID();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    Broadcast<MarketData> data = jsc.broadcast(evaluator.data());
    JavaRDD<long[]> rdd = jsc.parallelize(batches, batches.size());
    BatchTask task = new BatchTask(runId, data, evaluator.job());
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    String[] saved = new String[GROUP_PROPERTIES.length];
    for (int i = 0; i < saved.length; i++) {
      saved[i] = sc.getLocalProperty(GROUP_PROPERTIES[i]);
    }
    sc.setJobGroup(runId, "slipstream grid search", true);
    boolean finished = false;
    try {
      int submitted = 0;
      int done = 0;
      while (submitted < Math.min(waves, WAVES_IN_FLIGHT)) {
        submit(sc, rdd, task, submitted++, waveTasks, batches.size(), events);
      }
      while (done < waves) {
        Event e = events.take();
        if (!e.jobDone()) {
          for (GridRow row : e.rows()) {
            writer.accept(row);
            listener.done(row);
          }
        } else if (e.failure() != null) {
          throw failure(e.failure());
        } else {
          done++;
          if (submitted < waves) {
            submit(sc, rdd, task, submitted++, waveTasks, batches.size(), events);
          }
        }
      }
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("grid search interrupted", e);
    } finally {
      if (!finished) {
        sc.cancelJobGroup(runId);
      }
      for (int i = 0; i < saved.length; i++) {
        sc.setLocalProperty(GROUP_PROPERTIES[i], saved[i]);
      }
      BatchTask.forget(runId);
      if (release) {
        data.destroy();
      }
    }
  }

  private static void submit(SparkContext sc, JavaRDD<long[]> rdd, BatchTask task, int wave, int waveTasks, int tasks,
      BlockingQueue<Event> events) {
    List<Object> partitions = new ArrayList<>();
    for (int i = wave * waveTasks; i < Math.min(tasks, (wave + 1) * waveTasks); i++) {
      partitions.add(i);
    }
    SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), task,
        CollectionConverters.asScala(partitions).toSeq(),
        (partition, rows) -> {
          events.add(new Event(rows, false, null));
          return BoxedUnit.UNIT;
        },
        () -> BoxedUnit.UNIT);
    // rows of a job reach the queue before its completion (Spark calls the handler first)
    job.onComplete(t -> events.add(new Event(null, true, t.isFailure() ? t.failed().get() : null)), DIRECT);
  }

  /** The task's own exception when Spark hands it back, else Spark's, as an unchecked exception. */
  private static RuntimeException failure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (!(c instanceof SparkException) && c instanceof RuntimeException re) {
        return re;
      }
    }
    return new IllegalStateException("grid search on Spark failed: " + t.getMessage(), t);
  }

  /**
   * Configurations per task: {@code clamp(ceil(n / (4 p)), 1, maxBatch)}, i.e. about four tasks per core, fewer
   * configurations per task when the grid is large.
   *
   * @param n number of configurations to run
   * @param parallelism Spark's default parallelism (total cores), {@code >= 1}
   * @param maxBatch upper bound, {@code >= 1}
   * @return the target batch size
   */
  static int batchSize(int n, int parallelism, int maxBatch) {
    long per = ((long) n + 4L * parallelism - 1) / (4L * parallelism);
    return (int) Math.max(1, Math.min(maxBatch, per));
  }

  /**
   * Cuts ids, in their order, into batches of at most {@code target} ids that respect signal groups: a run of
   * consecutive ids of one group that fits in {@code target} lies whole in one batch (packed with the runs before
   * it while they fit); a longer run is cut into {@code ceil(len / target)} batches of near-equal size holding
   * only that group.
   *
   * @param ids configuration ids in run order. Not modified.
   * @param group the signal group of an id
   * @param target maximum batch size, {@code >= 1}
   * @return the batches; their concatenation is {@code ids}
   * @throws IllegalArgumentException when {@code target < 1}
   */
  static List<long[]> plan(long[] ids, LongUnaryOperator group, int target) {
    if (target < 1) {
      throw new IllegalArgumentException("Argument 'target' must be >= 1, was " + target);
    }
    List<long[]> out = new ArrayList<>();
    int from = 0;
    int to = 0;
    int i = 0;
    while (i < ids.length) {
      long g = group.applyAsLong(ids[i]);
      int j = i + 1;
      while (j < ids.length && group.applyAsLong(ids[j]) == g) {
        j++;
      }
      int len = j - i;
      if (len <= target) {
        if (to - from + len > target) {
          out.add(Arrays.copyOfRange(ids, from, to));
          from = i;
        }
        to = j;
      } else {
        if (to > from) {
          out.add(Arrays.copyOfRange(ids, from, to));
        }
        int k = (len + target - 1) / target;
        for (int c = 0; c < k; c++) {
          out.add(Arrays.copyOfRange(ids, i + (int) ((long) len * c / k), i + (int) ((long) len * (c + 1) / k)));
        }
        from = j;
        to = j;
      }
      i = j;
    }
    if (to > from) {
      out.add(Arrays.copyOfRange(ids, from, to));
    }
    return out;
  }
}
