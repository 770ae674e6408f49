/**
 * The news pipeline of the ML research (issue 6): an RFC 4180 CSV reader ({@link io.slipstream.ml.news.CsvReader}),
 * loaders for the two headline files of {@code ../shared/data/text} with de-duplication and a load report
 * ({@link io.slipstream.ml.news.NewsLoader}, {@link io.slipstream.ml.news.LoadReport}), keyword mapping of headlines to
 * coins ({@link io.slipstream.ml.news.CoinMapper}) and the causal aggregation of scored headlines to a per-bar,
 * exponentially decayed sentiment series ({@link io.slipstream.ml.news.NewsSentiment}). Sentiment models themselves
 * live in {@code ml.nlp}; this package only sees a scorer function {@code List<String> -> double[]} in [-1, 1].
 */
package io.slipstream.ml.news;
