package io.slipstream.data;

import com.github.luben.zstd.Zstd;
import io.slipstream.core.DataException;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * A direct decoder of flat Parquet files into primitive arrays: the footer and page headers are read with the
 * Thrift structures of {@code parquet-format-structures}, pages are decompressed with {@code zstd-jni} and decoded
 * here (PLAIN values with bulk little-endian copies, dictionary indices from the RLE/bit-packed hybrid, definition
 * levels for nullable columns), one task per column chunk (row group x column) on the common fork-join pool. No
 * per-value boxing, no record assembly, no Hadoop classes.
 *
 * <p>Supported: top-level required or optional columns; codecs UNCOMPRESSED and ZSTD; data pages v1 and v2;
 * encodings PLAIN, PLAIN_DICTIONARY and RLE_DICTIONARY (what pyarrow, parquet-java and this project write). Any
 * other feature (nested schema, another codec or encoding, encryption) throws {@link Unsupported}, and
 * {@link ParquetIo#read} falls back to the general parquet-java reader, so the result never depends on which path
 * ran. Spec: the Apache Parquet format (parquet-format, {@code Encodings.md}, {@code README.md}).
 */
final class ParquetDecoder {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetDecoder() {
  }

  /** A feature this decoder does not handle: the caller uses the general reader instead. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the named columns (see {@link ParquetIo#read} for the contract).
   *
   * @throws Unsupported when the file uses a feature outside the supported set
   * @throws DataException for a missing column, a wrong type, a null string or timestamp, or a corrupt file
   * @throws IOException when the file cannot be read
   */
  static Table read(Path file, List<ColumnSpec> columns) throws Unsupported, IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      FileMetaData meta = footer(file, ch);
      List<SchemaElement> schema = meta.getSchema();
      if (schema == null || schema.isEmpty()) {
        throw new DataException(file + ": not a readable Parquet file (corrupt or truncated?): empty schema");
      }
      int nFields = schema.get(0).getNum_children();
      if (nFields != schema.size() - 1) {
        throw new Unsupported("nested schema");
      }
      long total = meta.getNum_rows();
      if (total > Integer.MAX_VALUE) {
        throw new DataException(file + ": " + total + " rows is more than one table can hold");
      }
      int n = (int) total;
      int k = columns.size();
      int[] fieldIndex = new int[k];
      long[] divisor = new long[k];
      boolean[] optional = new boolean[k];
      Object[] outs = new Object[k];
      for (int c = 0; c < k; c++) {
        ColumnSpec spec = columns.get(c);
        fieldIndex[c] = findColumn(file, schema, spec);
        SchemaElement el = schema.get(fieldIndex[c] + 1);
        if (el.getRepetition_type() == FieldRepetitionType.REPEATED) {
          throw new Unsupported("repeated column");
        }
        optional[c] = el.getRepetition_type() == FieldRepetitionType.OPTIONAL;
        divisor[c] = spec.type() == ColumnType.TIMESTAMP_MS ? timestampDivisor(el) : 1;
        outs[c] = switch (spec.type()) {
          case STRING -> new int[n];
          case TIMESTAMP_MS, INT64 -> new long[n];
          case DOUBLE -> new double[n];
        };
      }
      List<RowGroup> groups = meta.getRow_groups() == null ? List.of() : meta.getRow_groups();
      List<Chunk> chunks = new ArrayList<>();
      long offset = 0;
      for (RowGroup g : groups) {
        if (g.getColumns().size() != nFields) {
          throw new DataException(file + ": not a readable Parquet file (corrupt or truncated?): row group has "
              + g.getColumns().size() + " columns, schema " + nFields);
        }
        for (int c = 0; c < k; c++) {
          ColumnChunk cc = g.getColumns().get(fieldIndex[c]);
          if (cc.isSetCrypto_metadata() || cc.getMeta_data() == null) {
            throw new Unsupported("encrypted or external column chunk");
          }
          chunks.add(new Chunk(file, ch, columns.get(c), cc.getMeta_data(), optional[c], divisor[c], outs[c],
              (int) offset, Math.toIntExact(g.getNum_rows())));
        }
        offset += g.getNum_rows();
      }
      if (offset != n) {
        throw new DataException(file + ": row groups hold " + offset + " rows, footer says " + n);
      }
      runAll(chunks);
      Table.Builder tb = Table.builder();
      for (int c = 0; c < k; c++) {
        ColumnSpec spec = columns.get(c);
        switch (spec.type()) {
          case STRING -> {
            List<String> dict = mergeDictionaries(chunks, c, k, (int[]) outs[c]);
            tb.codedStringsNoCopy(spec.name(), (int[]) outs[c], dict);
          }
          case TIMESTAMP_MS -> tb.timestampsNoCopy(spec.name(), (long[]) outs[c]);
          case INT64 -> tb.longs(spec.name(), (long[]) outs[c]);
          case DOUBLE -> tb.doublesNoCopy(spec.name(), (double[]) outs[c]);
          default -> throw new IllegalStateException();
        }
      }
      return tb.build();
    }
  }

  private static void runAll(List<Chunk> chunks) throws Unsupported, IOException {
    List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks.size());
    if (chunks.size() == 1) {
      chunks.get(0).call();
      return;
    }
    ForkJoinPool pool = ForkJoinPool.commonPool();
    for (Chunk c : chunks) {
      tasks.add(pool.submit(c::run));
    }
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
    for (Chunk c : chunks) {
      c.rethrow();
    }
  }

  /**
   * Renumbers the chunk-local string codes of column {@code c} into one dictionary in order of first appearance
   * in the rows (the order {@link Table} promises), in place.
   */
  private static List<String> mergeDictionaries(List<Chunk> chunks, int c, int k, int[] codes) {
    List<String> dict = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int g = c; g < chunks.size(); g += k) {
      Chunk ck = chunks.get(g);
      int[] map = new int[ck.localDict.size()];
      Arrays.fill(map, -1);
      for (int i = ck.rowOffset, end = ck.rowOffset + ck.rows; i < end; i++) {
        int local = codes[i];
        int global = map[local];
        if (global < 0) {
          String s = ck.localDict.get(local);
          Integer known = index.get(s);
          if (known == null) {
            known = dict.size();
            dict.add(s);
            index.put(s, known);
          }
          global = known;
          map[local] = global;
        }
        codes[i] = global;
      }
    }
    return dict;
  }

  private static FileMetaData footer(Path file, FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 12) {
      throw corrupt(file, "file of " + size + " bytes is too short");
    }
    ByteBuffer head = ByteBuffer.allocate(4);
    readFully(ch, head, 0);
    ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, tail, size - 8);
    if (!Arrays.equals(head.array(), MAGIC) || !Arrays.equals(Arrays.copyOfRange(tail.array(), 4, 8), MAGIC)) {
      throw corrupt(file, "no PAR1 magic at its start and end");
    }
    int len = tail.getInt(0);
    if (len <= 0 || len > size - 12) {
      throw corrupt(file, "footer length " + len + " does not fit a file of " + size + " bytes");
    }
    ByteBuffer f = ByteBuffer.allocate(len);
    readFully(ch, f, size - 8 - len);
    try {
      return Util.readFileMetaData(new ByteArrayInputStream(f.array()));
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, "unreadable footer: " + ParquetIo.reason(e));
    }
  }

  private static DataException corrupt(Path file, String why) {
    return new DataException(file + ": not a readable Parquet file (corrupt or truncated?): " + why);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos + buf.position());
      if (r < 0) {
        throw new java.io.EOFException("end of file at byte " + (pos + buf.position()));
      }
    }
  }

  private static int findColumn(Path file, List<SchemaElement> schema, ColumnSpec spec) {
    int found = -1;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < schema.size(); i++) {
      names.add(schema.get(i).getName());
      if (schema.get(i).getName().equals(spec.name())) {
        found = i - 1;
      }
    }
    if (found < 0) {
      throw new DataException(file + ": wrong schema: missing column '" + spec.name() + "' (has " + names + ")");
    }
    SchemaElement el = schema.get(found + 1);
    Type t = el.getType();
    boolean ok = switch (spec.type()) {
      case STRING -> t == Type.BYTE_ARRAY;
      case TIMESTAMP_MS -> t == Type.INT64 && isTimestamp(el);
      case INT64 -> t == Type.INT64;
      case DOUBLE -> t == Type.DOUBLE;
    };
    if (!ok) {
      throw new DataException(file + ": wrong schema: column '" + spec.name() + "' is " + t
          + (el.isSetLogicalType() ? " " + el.getLogicalType() : "") + ", expected " + spec.type());
    }
    return found;
  }

  private static boolean isTimestamp(SchemaElement el) {
    if (el.isSetLogicalType()) {
      return el.getLogicalType().isSetTIMESTAMP();
    }
    return el.getConverted_type() == ConvertedType.TIMESTAMP_MILLIS
        || el.getConverted_type() == ConvertedType.TIMESTAMP_MICROS;
  }

  private static long timestampDivisor(SchemaElement el) {
    if (el.isSetLogicalType()) {
      var unit = el.getLogicalType().getTIMESTAMP().getUnit();
      return unit.isSetMILLIS() ? 1 : unit.isSetMICROS() ? 1_000 : 1_000_000;
    }
    return el.getConverted_type() == ConvertedType.TIMESTAMP_MILLIS ? 1 : 1_000;
  }

  /** One column chunk: reads its bytes, decodes every page into the output arrays at its row offset. */
  private static final class Chunk {
    private final Path file;
    private final FileChannel ch;
    private final ColumnSpec spec;
    private final ColumnMetaData md;
    private final boolean optional;
    private final long divisor;
    private final Object out;
    final int rowOffset;
    final int rows;
    /** Strings of the chunk-local codes written into the int[] output (STRING columns). */
    final List<String> localDict = new ArrayList<>();
    private Map<String, Integer> localIndex;
    private Object dictValues;
    private Throwable failure;

    Chunk(Path file, FileChannel ch, ColumnSpec spec, ColumnMetaData md, boolean optional, long divisor, Object out,
        int rowOffset, int rows) {
      this.file = file;
      this.ch = ch;
      this.spec = spec;
      this.md = md;
      this.optional = optional;
      this.divisor = divisor;
      this.out = out;
      this.rowOffset = rowOffset;
      this.rows = rows;
    }

    void run() {
      try {
        call();
      } catch (Throwable t) {
        failure = t;
      }
    }

    void rethrow() throws Unsupported, IOException {
      if (failure instanceof Unsupported u) {
        throw u;
      } else if (failure instanceof IOException e) {
        throw e;
      } else if (failure instanceof RuntimeException e) {
        throw e;
      } else if (failure instanceof Error e) {
        throw e;
      }
    }

    void call() throws Unsupported, IOException {
      if (md.getCodec() != CompressionCodec.ZSTD && md.getCodec() != CompressionCodec.UNCOMPRESSED) {
        throw new Unsupported("codec " + md.getCodec());
      }
      if (md.getNum_values() != rows) {
        throw new Unsupported("column chunk of " + md.getNum_values() + " values in a row group of " + rows + " rows");
      }
      long start = md.isSetDictionary_page_offset() && md.getDictionary_page_offset() > 0
          ? Math.min(md.getDictionary_page_offset(), md.getData_page_offset()) : md.getData_page_offset();
      long len = md.getTotal_compressed_size();
      if (start < 4 || len < 0 || start + len > ch.size() - 8 || len > Integer.MAX_VALUE - 64) {
        throw corrupt(file, "column '" + spec.name() + "' chunk at byte " + start + " (+" + len
            + ") lies outside the file of " + ch.size() + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) len);
      readFully(ch, buf, start);
      byte[] bytes = buf.array();
      PositionStream in = new PositionStream(bytes);
      byte[] page = new byte[0];
      int done = 0;
      while (done < rows) {
        PageHeader ph;
        try {
          ph = Util.readPageHeader(in);
        } catch (IOException | RuntimeException e) {
          throw corrupt(file, "column '" + spec.name() + "': unreadable page header: " + ParquetIo.reason(e));
        }
        int dataStart = in.position();
        int csize = ph.getCompressed_page_size();
        int usize = ph.getUncompressed_page_size();
        if (csize < 0 || usize < 0 || dataStart + csize > bytes.length) {
          throw corrupt(file, "column '" + spec.name() + "': page of " + csize + " bytes runs past its chunk");
        }
        in.skipTo(dataStart + csize);
        PageType type = ph.getType();
        if (type == PageType.DICTIONARY_PAGE) {
          DictionaryPageHeader dh = ph.getDictionary_page_header();
          if (dh.getEncoding() != Encoding.PLAIN && dh.getEncoding() != Encoding.PLAIN_DICTIONARY) {
            throw new Unsupported("dictionary encoding " + dh.getEncoding());
          }
          page = decompress(bytes, dataStart, csize, usize, page);
          readDictionary(page, usize, dh.getNum_values());
        } else if (type == PageType.DATA_PAGE) {
          DataPageHeader dh = ph.getData_page_header();
          page = decompress(bytes, dataStart, csize, usize, page);
          int count = dh.getNum_values();
          checkCount(done, count);
          int pos = 0;
          boolean[] present = null;
          if (optional) {
            int levelLen = ByteBuffer.wrap(page, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            present = readLevels(page, 4, 4 + levelLen, count, new boolean[count]);
            pos = 4 + levelLen;
          }
          decodeValues(dh.getEncoding(), page, pos, usize, done, count, present);
          done += count;
        } else if (type == PageType.DATA_PAGE_V2) {
          DataPageHeaderV2 dh = ph.getData_page_header_v2();
          int count = dh.getNum_values();
          checkCount(done, count);
          int rl = dh.getRepetition_levels_byte_length();
          int dl = dh.getDefinition_levels_byte_length();
          if (rl != 0) {
            throw new Unsupported("repetition levels");
          }
          boolean[] present = null;
          if (optional) {
            present = readLevels(bytes, dataStart, dataStart + dl, count, new boolean[count]);
          }
          int valuesLen = usize - rl - dl;
          byte[] values;
          int vpos;
          if (dh.isSetIs_compressed() && !dh.isIs_compressed() || md.getCodec() == CompressionCodec.UNCOMPRESSED) {
            values = bytes;
            vpos = dataStart + rl + dl;
          } else {
            page = decompress(bytes, dataStart + rl + dl, csize - rl - dl, valuesLen, page);
            values = page;
            vpos = 0;
          }
          decodeValues(dh.getEncoding(), values, vpos, vpos + valuesLen, done, count, present);
          done += count;
        } else if (type != PageType.INDEX_PAGE) {
          throw new Unsupported("page type " + type);
        }
      }
    }

    private void checkCount(int done, int count) {
      if (count < 0 || done + count > rows) {
        throw corrupt(file, "column '" + spec.name() + "': pages hold more than the row group's " + rows + " rows");
      }
    }

    private byte[] decompress(byte[] src, int off, int csize, int usize, byte[] scratch) {
      if (md.getCodec() == CompressionCodec.UNCOMPRESSED) {
        if (csize != usize) {
          throw corrupt(file, "column '" + spec.name() + "': uncompressed page of " + csize + " bytes, header says "
              + usize);
        }
        return Arrays.copyOfRange(src, off, off + csize);
      }
      byte[] dst = scratch.length >= usize ? scratch : new byte[Math.max(usize, scratch.length * 2)];
      long r = Zstd.decompressByteArray(dst, 0, usize, src, off, csize);
      if (Zstd.isError(r) || r != usize) {
        throw corrupt(file, "column '" + spec.name() + "': ZSTD page does not decompress to " + usize + " bytes"
            + (Zstd.isError(r) ? " (" + Zstd.getErrorName(r) + ")" : " (" + r + ")"));
      }
      return dst;
    }

    private void readDictionary(byte[] page, int len, int count) {
      ByteBuffer bb = ByteBuffer.wrap(page, 0, len).order(ByteOrder.LITTLE_ENDIAN);
      switch (spec.type()) {
        case DOUBLE -> {
          double[] d = new double[count];
          bb.asDoubleBuffer().get(d);
          dictValues = d;
        }
        case TIMESTAMP_MS, INT64 -> {
          long[] d = new long[count];
          bb.asLongBuffer().get(d);
          dictValues = d;
        }
        case STRING -> {
          if (!localDict.isEmpty()) {
            throw corrupt(file, "column '" + spec.name() + "': a second dictionary page");
          }
          int p = 0;
          for (int i = 0; i < count; i++) {
            int l = bb.getInt(p);
            localDict.add(new String(page, p + 4, l, StandardCharsets.UTF_8));
            p += 4 + l;
          }
          dictValues = localDict;
        }
        default -> throw new IllegalStateException();
      }
    }

    /** Decodes {@code count} values (nulls where {@code present[i]} is false) into rows from {@code done}. */
    private void decodeValues(Encoding enc, byte[] page, int pos, int end, int done, int count, boolean[] present)
        throws Unsupported {
      int nonNull = count;
      if (present != null) {
        nonNull = 0;
        for (boolean b : present) {
          nonNull += b ? 1 : 0;
        }
        if (nonNull < count && spec.type() != ColumnType.DOUBLE) {
          int row = 0;
          while (present[row]) {
            row++;
          }
          throw new DataException(file + ": column '" + spec.name() + "' is null at row " + (rowOffset + done + row));
        }
      }
      int at = rowOffset + done;
      if (enc == Encoding.PLAIN) {
        plain(page, pos, end, at, nonNull);
      } else if (enc == Encoding.PLAIN_DICTIONARY || enc == Encoding.RLE_DICTIONARY) {
        if (dictValues == null) {
          throw corrupt(file, "column '" + spec.name() + "': dictionary-encoded page without a dictionary");
        }
        int[] idx = new int[nonNull];
        int width = page[pos] & 0xff;
        if (width > 32) {
          throw corrupt(file, "column '" + spec.name() + "': dictionary index width " + width);
        }
        hybrid(page, pos + 1, end, width, idx, nonNull);
        gather(idx, at, nonNull);
      } else {
        throw new Unsupported("encoding " + enc);
      }
      if (nonNull < count) {
        spreadNulls((double[]) out, at, count, nonNull, present);
      }
    }

    private void plain(byte[] page, int pos, int end, int at, int n) {
      ByteBuffer bb = ByteBuffer.wrap(page, pos, end - pos).slice().order(ByteOrder.LITTLE_ENDIAN);
      switch (spec.type()) {
        case DOUBLE -> bb.asDoubleBuffer().get((double[]) out, at, n);
        case TIMESTAMP_MS, INT64 -> {
          long[] o = (long[]) out;
          bb.asLongBuffer().get(o, at, n);
          scale(o, at, n);
        }
        case STRING -> {
          if (localIndex == null) {
            localIndex = new HashMap<>();
            for (int i = 0; i < localDict.size(); i++) {
              localIndex.putIfAbsent(localDict.get(i), i);
            }
          }
          int[] o = (int[]) out;
          int p = 0;
          for (int i = 0; i < n; i++) {
            int l = bb.getInt(p);
            String s = new String(page, pos + p + 4, l, StandardCharsets.UTF_8);
            p += 4 + l;
            Integer code = localIndex.get(s);
            if (code == null) {
              code = localDict.size();
              localDict.add(s);
              localIndex.put(s, code);
            }
            o[at + i] = code;
          }
        }
        default -> throw new IllegalStateException();
      }
    }

    private void gather(int[] idx, int at, int n) {
      switch (spec.type()) {
        case DOUBLE -> {
          double[] d = (double[]) dictValues;
          double[] o = (double[]) out;
          for (int i = 0; i < n; i++) {
            o[at + i] = d[checkIndex(idx[i], d.length)];
          }
        }
        case TIMESTAMP_MS, INT64 -> {
          long[] d = (long[]) dictValues;
          long[] o = (long[]) out;
          for (int i = 0; i < n; i++) {
            o[at + i] = d[checkIndex(idx[i], d.length)];
          }
          scale(o, at, n);
        }
        case STRING -> {
          int[] o = (int[]) out;
          int size = localDict.size();
          for (int i = 0; i < n; i++) {
            o[at + i] = checkIndex(idx[i], size);
          }
        }
        default -> throw new IllegalStateException();
      }
    }

    private int checkIndex(int i, int size) {
      if (i < 0 || i >= size) {
        throw corrupt(file, "column '" + spec.name() + "': dictionary index " + i + " outside a dictionary of "
            + size);
      }
      return i;
    }

    private void scale(long[] o, int at, int n) {
      if (divisor != 1) {
        for (int i = at; i < at + n; i++) {
          o[i] = Math.floorDiv(o[i], divisor);
        }
      }
    }

    /** Moves the {@code nonNull} packed values at {@code at} to their rows and puts NaN in the null rows. */
    private static void spreadNulls(double[] o, int at, int count, int nonNull, boolean[] present) {
      int src = at + nonNull - 1;
      for (int i = count - 1; i >= 0; i--) {
        o[at + i] = present[i] ? o[src--] : Double.NaN;
      }
    }

    /**
     * Definition levels (max level 1, bit width 1) from the RLE/bit-packed hybrid into present flags.
     *
     * @return {@code present}, or null when every value is present
     */
    private boolean[] readLevels(byte[] page, int pos, int end, int count, boolean[] present) {
      int[] levels = new int[count];
      hybrid(page, pos, end, 1, levels, count);
      boolean all = true;
      for (int i = 0; i < count; i++) {
        present[i] = levels[i] == 1;
        all &= present[i];
      }
      return all ? null : present;
    }

    /**
     * The RLE/bit-packed hybrid (parquet-format Encodings.md): runs of {@code header = varint}; an even header is
     * an RLE run of {@code header >>> 1} copies of one value in {@code ceil(width / 8)} bytes; an odd one is
     * {@code header >>> 1} groups of 8 values bit-packed LSB first.
     */
    private void hybrid(byte[] b, int pos, int end, int width, int[] dst, int n) {
      int i = 0;
      int valueBytes = (width + 7) / 8;
      long mask = width == 32 ? 0xffffffffL : (1L << width) - 1;
      while (i < n) {
        if (pos >= end) {
          throw corrupt(file, "column '" + spec.name() + "': RLE/bit-packed data ends after " + i + " of " + n
              + " values");
        }
        int header = 0;
        int shift = 0;
        int by;
        do {
          by = b[pos++] & 0xff;
          header |= (by & 0x7f) << shift;
          shift += 7;
        } while ((by & 0x80) != 0 && shift < 35);
        if ((header & 1) == 0) {
          int run = header >>> 1;
          int v = 0;
          for (int j = 0; j < valueBytes; j++) {
            v |= (b[pos++] & 0xff) << (8 * j);
          }
          int m = Math.min(run, n - i);
          Arrays.fill(dst, i, i + m, v);
          i += m;
        } else {
          int values = (header >>> 1) * 8;
          int bytes = (header >>> 1) * width;
          if (pos + bytes > end) {
            throw corrupt(file, "column '" + spec.name() + "': bit-packed run runs past its page");
          }
          int m = Math.min(values, n - i);
          int j = 0;
          if (width <= 32 && width > 0) {
            // per value: the 5 little-endian bytes holding its <= 32 + 7 bits, while 5 bytes remain in the array
            long limit = ((long) (b.length - pos - 5) * 8) / width;
            int fast = (int) Math.max(0, Math.min(m, limit));
            long bit = 0;
            for (; j < fast; j++, bit += width) {
              int q = pos + (int) (bit >>> 3);
              long word = (b[q] & 0xffL) | (b[q + 1] & 0xffL) << 8 | (b[q + 2] & 0xffL) << 16
                  | (b[q + 3] & 0xffL) << 24 | (b[q + 4] & 0xffL) << 32;
              dst[i + j] = (int) ((word >>> (bit & 7)) & mask);
            }
          }
          long acc = 0;
          int bits = 0;
          long startBit = (long) j * width;
          int p = pos + (int) (startBit >>> 3);
          int skip = (int) (startBit & 7);
          if (j < m && skip > 0) {
            acc = (b[p++] & 0xff) >>> skip;
            bits = 8 - skip;
          }
          for (; j < m; j++) {
            while (bits < width) {
              acc |= (long) (b[p++] & 0xff) << bits;
              bits += 8;
            }
            dst[i + j] = (int) (acc & mask);
            acc >>>= width;
            bits -= width;
          }
          i += m;
          pos += bytes;
        }
      }
    }
  }

  /** An input stream over a byte array that tells its position (page headers are read from it). */
  private static final class PositionStream extends ByteArrayInputStream {
    PositionStream(byte[] b) {
      super(b);
    }

    int position() {
      return pos;
    }

    void skipTo(int p) {
      pos = p;
    }
  }
}
