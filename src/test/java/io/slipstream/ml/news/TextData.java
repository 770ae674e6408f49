package io.slipstream.ml.news;

import java.nio.file.Path;

/** Locates the real text data: {@code -Dslipstream.text}, else the {@code text} sibling of {@code slipstream.data}. */
final class TextData {
  private TextData() {
  }

  static Path dir() {
    String explicit = System.getProperty("slipstream.text");
    if (explicit != null) {
      return Path.of(explicit);
    }
    return Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid")).resolveSibling("text");
  }

  static Path cryptoPanic() {
    return dir().resolve("cryptopanic_news.csv");
  }

  static Path cryptoNews() {
    return dir().resolve("cryptonews.csv");
  }
}
