package io.slipstream.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet read errors name the path in words, never Parquet's {@code LocalInputFile@5c86a017} (issue 13). */
class ParquetIoErrorsTest {
  @Test
  void emptyFile_messageNamesThePathNotTheInputObject(@TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("candles_4h.parquet"), new byte[0]);

    assertThatThrownBy(() -> Lake.readCandles(f)).isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString()).hasMessageNotContaining("LocalInputFile")
        .hasMessageNotContaining("@");
  }

  @Test
  void garbageFile_messageNamesThePathNotTheInputObject(@TempDir Path tmp) throws IOException {
    Path f = Files.writeString(tmp.resolve("funding.parquet"), "this is not parquet, it is a longer text file");

    assertThatThrownBy(() -> Lake.readFunding(f)).isInstanceOf(DataException.class)
        .hasMessageStartingWith(f.toString()).hasMessageNotContaining("LocalInputFile");
  }

  @Test
  void folderInsteadOfFile_saysItIsAFolder(@TempDir Path tmp) throws IOException {
    Path f = Files.createDirectories(tmp.resolve("candles_4h.parquet"));

    assertThatThrownBy(() -> Lake.readCandles(f)).isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("is a folder");
  }
}
