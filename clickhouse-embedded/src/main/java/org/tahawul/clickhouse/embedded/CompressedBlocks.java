package org.tahawul.clickhouse.embedded;

import com.clickhouse.data.ClickHouseCityHash;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * ClickHouse's native compressed-block framing, used over HTTP with {@code compress=1} (responses)
 * and {@code decompress=1} (request bodies). A block is:
 * <pre>
 *   16 bytes  CityHash128 (v1.0.2) of everything that follows in the block, low half first
 *    1 byte   method: 0x82 LZ4, 0x02 none
 *    4 bytes  compressed size including these 9 header bytes (little-endian)
 *    4 bytes  uncompressed size (little-endian)
 *    n bytes  payload
 * </pre>
 */
final class CompressedBlocks {

    private static final int METHOD_NONE = 0x02;
    private static final int METHOD_LZ4 = 0x82;
    private static final int HEADER = 9;
    private static final int CHECKSUM = 16;
    private static final int BLOCK = 1 << 20;
    private static final int MAX_BLOCK = 1 << 30;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private CompressedBlocks() {
    }

    static OutputStream compressing(OutputStream out) {
        return new Compressing(out);
    }

    static InputStream decompressing(InputStream in) {
        return new Decompressing(in);
    }

    private static final class Compressing extends FilterOutputStream {
        /**
         * The first buffer is small and doubles up to {@link #BLOCK} as data comes: most answers are a
         * few bytes, and zeroing two 1 MiB arrays per request cost more than answering SELECT 1.
         */
        private static final int FIRST_BUFFER = 1 << 12;

        private final LZ4Compressor compressor = LZ4.fastCompressor();
        private byte[] buffer = new byte[FIRST_BUFFER];
        private byte[] block = new byte[0];
        private int used;

        Compressing(OutputStream out) {
            super(out);
        }

        /** Makes room for at least one byte: a bigger buffer while below a block, else the block goes out. */
        private void makeRoom() throws IOException {
            if (used < buffer.length) {
                return;
            }
            if (buffer.length < BLOCK) {
                buffer = Arrays.copyOf(buffer, Math.min(BLOCK, buffer.length * 2));
            } else {
                flushBlock();
            }
        }

        @Override
        public void write(int b) throws IOException {
            makeRoom();
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                makeRoom();
                int piece = Math.min(length, buffer.length - used);
                System.arraycopy(data, offset, buffer, used, piece);
                used += piece;
                offset += piece;
                length -= piece;
            }
        }

        private void flushBlock() throws IOException {
            if (used == 0) {
                return;
            }
            int room = CHECKSUM + HEADER + compressor.maxCompressedLength(used);
            if (block.length < room) {
                block = new byte[room];
            }
            int compressed = compressor.compress(buffer, 0, used, block, CHECKSUM + HEADER);
            block[CHECKSUM] = (byte) METHOD_LZ4;
            putInt(block, CHECKSUM + 1, compressed + HEADER);
            putInt(block, CHECKSUM + 5, used);
            long[] hash = ClickHouseCityHash.cityHash128(block, CHECKSUM, compressed + HEADER);
            putLong(block, 0, hash[0]);
            putLong(block, 8, hash[1]);
            out.write(block, 0, CHECKSUM + HEADER + compressed);
            used = 0;
        }

        @Override
        public void flush() throws IOException {
            flushBlock();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flushBlock();
            out.close();
        }
    }

    private static final class Decompressing extends InputStream {
        private final InputStream in;
        private final LZ4FastDecompressor decompressor = LZ4.fastDecompressor();
        private final byte[] header = new byte[CHECKSUM + HEADER];
        private byte[] compressed = new byte[0];
        private byte[] block = new byte[0];
        private int position;
        private int limit;

        Decompressing(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == limit) {
                if (!nextBlock()) {
                    return -1;
                }
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(block, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean nextBlock() throws IOException {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            header[0] = (byte) first;
            readFully(header, 1, header.length - 1);
            int method = header[CHECKSUM] & 0xff;
            int compressedSize = getInt(header, CHECKSUM + 1);
            int size = getInt(header, CHECKSUM + 5);
            if (compressedSize < HEADER || compressedSize > MAX_BLOCK || size < 0 || size > MAX_BLOCK) {
                throw new EngineException.Carrier(new EngineException(ErrorCodes.CANNOT_DECOMPRESS,
                        "Code: 271. DB::Exception: Cannot decompress: block sizes " + compressedSize + "/" + size
                                + " are out of range (CANNOT_DECOMPRESS)"));
            }
            int payload = compressedSize - HEADER;
            if (compressed.length < HEADER + payload) {
                compressed = new byte[HEADER + payload];
            }
            System.arraycopy(header, CHECKSUM, compressed, 0, HEADER);
            readFully(compressed, HEADER, payload);
            long[] hash = ClickHouseCityHash.cityHash128(compressed, 0, compressedSize);
            if (hash[0] != getLong(header, 0) || hash[1] != getLong(header, 8)) {
                throw new EngineException.Carrier(new EngineException(ErrorCodes.CHECKSUM_DOESNT_MATCH,
                        "Code: 40. DB::Exception: Checksum doesn't match: corrupted data (CHECKSUM_DOESNT_MATCH)"));
            }
            if (block.length < size) {
                block = new byte[size];
            }
            if (method == METHOD_LZ4) {
                decompressor.decompress(compressed, HEADER, block, 0, size);
            } else if (method == METHOD_NONE) {
                System.arraycopy(compressed, HEADER, block, 0, size);
            } else {
                throw new EngineException.Carrier(new EngineException(
                        ErrorCodes.UNKNOWN_COMPRESSION_METHOD, "Code: 89. DB::Exception: Unknown compression method "
                        + String.format("0x%02x", method) + "; this server reads LZ4 and none (UNKNOWN_COMPRESSION_METHOD)"));
            }
            position = 0;
            limit = size;
            return true;
        }

        private void readFully(byte[] target, int offset, int length) throws IOException {
            while (length > 0) {
                int n = in.read(target, offset, length);
                if (n < 0) {
                    throw new EOFException("compressed request body ends inside a block");
                }
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }
}
