/**
 * The Apache Spark engine of the grid search ({@link io.slipstream.backtest.search.spark.SparkGridEngine}): the
 * same rows as the multi-core engine, computed by Spark tasks on {@code local[*]} or a cluster. The only package
 * that imports Spark; its classes load only when the Spark engine is chosen.
 */
package io.slipstream.backtest.search.spark;
