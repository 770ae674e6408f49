package io.slipstream.data;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page codecs for UNCOMPRESSED and ZSTD on zstd-jni, passed to parquet-hadoop with
 * {@code withCodecFactory}, so that reading and writing the lake needs none of Hadoop's codec machinery
 * (DESIGN.md, chosen dependencies). Any other codec is refused with the codec's name.
 */
final class ZstdCodecFactory implements CompressionCodecFactory {
  static final ZstdCodecFactory INSTANCE = new ZstdCodecFactory();
  private static final int LEVEL = 3;

  private ZstdCodecFactory() {
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
          return BytesInput.from(Zstd.compress(bytes.toByteArray(), LEVEL));
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
        }
      };
      case UNCOMPRESSED -> new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) {
          return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {
        }
      };
      default -> throw new UnsupportedCodecException(codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
          byte[] out = Zstd.decompress(bytes.toByteArray(), uncompressedSize);
          if (out.length != uncompressedSize) {
            throw new IOException("ZSTD page decompressed to " + out.length + " bytes, expected " + uncompressedSize);
          }
          return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
            throws IOException {
          byte[] in = new byte[compressedSize];
          input.get(in);
          byte[] out = Zstd.decompress(in, uncompressedSize);
          if (out.length != uncompressedSize) {
            throw new IOException("ZSTD page decompressed to " + out.length + " bytes, expected " + uncompressedSize);
          }
          output.put(out);
        }

        @Override
        public void release() {
        }
      };
      case UNCOMPRESSED -> new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
          return bytes;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
          ByteBuffer slice = input.slice();
          slice.limit(compressedSize);
          output.put(slice);
        }

        @Override
        public void release() {
        }
      };
      default -> throw new UnsupportedCodecException(codec);
    };
  }

  @Override
  public void release() {
  }

  /** A Parquet file compressed with a codec this build does not carry. */
  static final class UnsupportedCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedCodecException(CompressionCodecName codec) {
      super("unsupported Parquet compression codec " + codec + " (supported: ZSTD, UNCOMPRESSED)");
    }
  }
}
