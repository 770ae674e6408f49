package io.slipstream.data;

import io.slipstream.core.DataException;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads and writes flat Parquet files of the lake. Reads go through {@link ParquetDecoder} (column chunks decoded
 * in parallel straight into primitive arrays, no Hadoop classes); a file using a feature it does not handle is read
 * by the parquet-hadoop column reader over {@link LocalInputFile} (no Hadoop file system, no record assembly).
 * Pages may be ZSTD-compressed or uncompressed.
 *
 * <p>Writes are atomic: the file is written beside its target under a temporary name and moved into place,
 * so a failed write never leaves a half-written file.
 */
public final class ParquetIo {
  private ParquetIo() {
  }

  /**
   * Reads the named columns of a flat Parquet file.
   *
   * @param file the Parquet file
   * @param columns the columns to read and the types they must have; other columns of the file are ignored.
   *     {@code TIMESTAMP_MS} accepts INT64 timestamps in ms, µs or ns (converted to ms, floored).
   * @return the table, rows in file order; a null double is NaN
   * @throws DataException naming the path and the reason: missing file, not Parquet, truncated or corrupt,
   *     a missing column, a column of the wrong type, a null string or timestamp (with its row)
   */
  public static Table read(Path file, List<ColumnSpec> columns) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(Files.isDirectory(file) ? "data file " + file + " is a folder, not a Parquet file"
          : "data file not found: " + file + " does not exist");
    }
    try {
      return ParquetDecoder.read(file, columns);
    } catch (ParquetDecoder.Unsupported e) {
      return readGeneral(file, columns);
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataException(file + ": not a readable Parquet file (corrupt or truncated?): " + reason(e), e);
    }
  }

  /**
   * The general reader ({@link #read}'s contract) on the parquet-java column reader: for files that use a feature
   * the direct {@link ParquetDecoder} does not handle, and as the independent reference its tests compare with.
   */
  static Table readGeneral(Path file, List<ColumnSpec> columns) {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(ZstdCodecFactory.INSTANCE).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      long total = reader.getRecordCount();
      if (total > Integer.MAX_VALUE) {
        throw new DataException(file + ": " + total + " rows is more than one table can hold");
      }
      int n = (int) total;
      List<ColumnDescriptor> descriptors = new ArrayList<>();
      List<Object> outs = new ArrayList<>();
      List<Map<Binary, Integer>> dicts = new ArrayList<>();
      List<List<String>> dictLists = new ArrayList<>();
      long[] timeScale = new long[columns.size()];
      for (int k = 0; k < columns.size(); k++) {
        ColumnSpec spec = columns.get(k);
        ColumnDescriptor cd = findColumn(file, schema, spec);
        descriptors.add(cd);
        timeScale[k] = spec.type() == ColumnType.TIMESTAMP_MS ? timestampDivisor(file, cd, spec) : 1;
        outs.add(switch (spec.type()) {
          case STRING -> new int[n];
          case TIMESTAMP_MS, INT64 -> new long[n];
          case DOUBLE -> new double[n];
        });
        dicts.add(new HashMap<>());
        dictLists.add(new ArrayList<>());
      }
      GroupRecordConverter converter = new GroupRecordConverter(schema);
      int offset = 0;
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        int groupRows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter.getRootConverter(), schema, createdBy);
        for (int k = 0; k < columns.size(); k++) {
          ColumnDescriptor cd = descriptors.get(k);
          ColumnReader cr = store.getColumnReader(cd);
          int maxDef = cd.getMaxDefinitionLevel();
          ColumnSpec spec = columns.get(k);
          switch (spec.type()) {
            case DOUBLE -> {
              double[] out = (double[]) outs.get(k);
              for (int i = 0; i < groupRows; i++) {
                out[offset + i] = cr.getCurrentDefinitionLevel() == maxDef ? cr.getDouble() : Double.NaN;
                cr.consume();
              }
            }
            case TIMESTAMP_MS, INT64 -> {
              long[] out = (long[]) outs.get(k);
              long div = timeScale[k];
              for (int i = 0; i < groupRows; i++) {
                if (cr.getCurrentDefinitionLevel() != maxDef) {
                  throw new DataException(file + ": column '" + spec.name() + "' is null at row " + (offset + i));
                }
                long v = cr.getLong();
                out[offset + i] = div == 1 ? v : Math.floorDiv(v, div);
                cr.consume();
              }
            }
            case STRING -> {
              int[] out = (int[]) outs.get(k);
              Map<Binary, Integer> dict = dicts.get(k);
              List<String> list = dictLists.get(k);
              Binary prev = null;
              int prevCode = -1;
              for (int i = 0; i < groupRows; i++) {
                if (cr.getCurrentDefinitionLevel() != maxDef) {
                  throw new DataException(file + ": column '" + spec.name() + "' is null at row " + (offset + i));
                }
                Binary b = cr.getBinary();
                if (prev == null || !b.equals(prev)) {
                  Binary key = b.copy();
                  Integer code = dict.get(key);
                  if (code == null) {
                    code = list.size();
                    dict.put(key, code);
                    list.add(key.toStringUsingUTF8());
                  }
                  prev = key;
                  prevCode = code;
                }
                out[offset + i] = prevCode;
                cr.consume();
              }
            }
            default -> throw new IllegalStateException();
          }
        }
        offset += groupRows;
      }
      if (offset != n) {
        throw new DataException(file + ": row groups hold " + offset + " rows, footer says " + n);
      }
      Table.Builder tb = Table.builder();
      for (int k = 0; k < columns.size(); k++) {
        ColumnSpec spec = columns.get(k);
        Object out = outs.get(k);
        switch (spec.type()) {
          case STRING -> tb.codedStringsNoCopy(spec.name(), (int[]) out, dictLists.get(k));
          case TIMESTAMP_MS -> tb.timestampsNoCopy(spec.name(), (long[]) out);
          case INT64 -> tb.longs(spec.name(), (long[]) out);
          case DOUBLE -> tb.doublesNoCopy(spec.name(), (double[]) out);
          default -> throw new IllegalStateException();
        }
      }
      return tb.build();
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataException(file + ": not a readable Parquet file (corrupt or truncated?): " + reason(e, file), e);
    }
  }

  /**
   * @param e a failure while reading {@code file}
   * @param file the file
   * @return {@link #reason(Throwable)} with Parquet's names of its input ({@code LocalInputFile@5c86a017}) replaced
   *     by the path, and an I/O failure's bare path by words
   */
  static String reason(Throwable e, Path file) {
    if (e instanceof java.io.IOException ioe && !(e instanceof java.io.EOFException)
        && (e.getMessage() == null || e.getMessage().equals(file.toString()))) {
      return io.slipstream.core.IoErrors.reason(file, ioe);
    }
    return reason(e).replaceAll("(?:org\\.apache\\.parquet\\.io\\.)?LocalInputFile@[0-9a-f]+",
        java.util.regex.Matcher.quoteReplacement(file.toString()));
  }

  /** @return the messages of {@code e} and its causes joined with ": " (at most ~300 characters), for one-line errors */
  static String reason(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder();
    while (t != null && sb.length() < 300) {
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      t = t.getCause() == t ? null : t.getCause();
    }
    return sb.toString();
  }

  private static ColumnDescriptor findColumn(Path file, MessageType schema, ColumnSpec spec) {
    if (!schema.containsField(spec.name())) {
      throw new DataException(file + ": wrong schema: missing column '" + spec.name() + "' (has "
          + schema.getFields().stream().map(Type::getName).toList() + ")");
    }
    Type field = schema.getType(spec.name());
    if (!field.isPrimitive()) {
      throw new DataException(file + ": wrong schema: column '" + spec.name() + "' is a group, expected " + spec.type());
    }
    PrimitiveType p = field.asPrimitiveType();
    PrimitiveTypeName t = p.getPrimitiveTypeName();
    boolean ok = switch (spec.type()) {
      case STRING -> t == PrimitiveTypeName.BINARY;
      case TIMESTAMP_MS -> t == PrimitiveTypeName.INT64
          && p.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation;
      case INT64 -> t == PrimitiveTypeName.INT64;
      case DOUBLE -> t == PrimitiveTypeName.DOUBLE;
    };
    if (!ok) {
      throw new DataException(file + ": wrong schema: column '" + spec.name() + "' is " + t
          + (p.getLogicalTypeAnnotation() == null ? "" : " " + p.getLogicalTypeAnnotation())
          + ", expected " + spec.type());
    }
    return schema.getColumnDescription(new String[] {spec.name()});
  }

  private static long timestampDivisor(Path file, ColumnDescriptor cd, ColumnSpec spec) {
    TimestampLogicalTypeAnnotation ts =
        (TimestampLogicalTypeAnnotation) cd.getPrimitiveType().getLogicalTypeAnnotation();
    return switch (ts.getUnit()) {
      case MILLIS -> 1;
      case MICROS -> 1_000;
      case NANOS -> 1_000_000;
    };
  }

  /**
   * Writes a table as a flat, ZSTD-compressed Parquet file (strings as UTF-8, timestamps as
   * {@code timestamp[ms, UTC]}, all columns required except doubles, which are optional so NaN round-trips
   * as NaN). The write is atomic: a temporary file beside {@code file} is moved into place.
   *
   * @param file the target path; its parent directory is created if needed; an existing file is replaced
   * @param table the table to write
   * @throws java.io.UncheckedIOException naming the path when the file cannot be written
   */
  public static void write(Path file, Table table) {
    Path parent = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempFile(parent, "." + file.getFileName().toString(), ".tmp");
      Files.delete(tmp);
      MessageType schema = schemaOf(table);
      try (ParquetWriter<Integer> w = new RowWriterBuilder(new LocalOutputFile(tmp), schema, table)
          .withCodecFactory(ZstdCodecFactory.INSTANCE)
          .withCompressionCodec(CompressionCodecName.ZSTD)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .withConf(new PlainParquetConfiguration())
          .build()) {
        for (int i = 0; i < table.rows(); i++) {
          w.write(i);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file never replaced the target
        }
      }
    }
  }

  private static MessageType schemaOf(Table table) {
    Types.MessageTypeBuilder mb = Types.buildMessage();
    for (ColumnSpec c : table.columns()) {
      switch (c.type()) {
        case STRING -> mb.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case TIMESTAMP_MS -> mb.required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(c.name());
        case INT64 -> mb.required(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> mb.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        default -> throw new IllegalStateException();
      }
    }
    return mb.named("schema");
  }

  private static final class RowWriterBuilder extends ParquetWriter.Builder<Integer, RowWriterBuilder> {
    private final MessageType schema;
    private final Table table;

    RowWriterBuilder(LocalOutputFile out, MessageType schema, Table table) {
      super(out);
      this.schema = schema;
      this.table = table;
    }

    @Override
    protected RowWriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new RowWriteSupport(schema, table);
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return new RowWriteSupport(schema, table);
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Integer> {
    private final MessageType schema;
    private final List<ColumnSpec> specs;
    private final Object[] cols;
    private final Binary[][] dicts;
    private RecordConsumer consumer;

    RowWriteSupport(MessageType schema, Table table) {
      this.schema = schema;
      this.specs = table.columns();
      this.cols = new Object[specs.size()];
      this.dicts = new Binary[specs.size()][];
      for (int k = 0; k < specs.size(); k++) {
        ColumnSpec s = specs.get(k);
        cols[k] = table.rawColumn(s.name());
        if (s.type() == ColumnType.STRING) {
          List<String> d = ((Table.Strings) cols[k]).dictionary();
          dicts[k] = d.stream().map(Binary::fromString).toArray(Binary[]::new);
        }
      }
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return new WriteContext(schema, Map.of("writer", "slipstream"));
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of("writer", "slipstream"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
      int i = row;
      consumer.startMessage();
      for (int k = 0; k < specs.size(); k++) {
        ColumnSpec s = specs.get(k);
        switch (s.type()) {
          case STRING -> {
            consumer.startField(s.name(), k);
            consumer.addBinary(dicts[k][((Table.Strings) cols[k]).codes()[i]]);
            consumer.endField(s.name(), k);
          }
          case TIMESTAMP_MS, INT64 -> {
            consumer.startField(s.name(), k);
            consumer.addLong(((long[]) cols[k])[i]);
            consumer.endField(s.name(), k);
          }
          case DOUBLE -> {
            double v = ((double[]) cols[k])[i];
            if (!Double.isNaN(v)) {
              consumer.startField(s.name(), k);
              consumer.addDouble(v);
              consumer.endField(s.name(), k);
            }
          }
          default -> throw new IllegalStateException();
        }
      }
      consumer.endMessage();
    }
  }
}
