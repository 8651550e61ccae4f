package org.tahawul.datasets.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array with ASCII/UTF-8 appenders: lines are written here without Strings. */
final class ByteBuf {

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    byte[] data;
    int size;

    ByteBuf(int capacity) {
        data = new byte[capacity];
    }

    void clear() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + extra));
        }
    }

    ByteBuf put(byte b) {
        ensure(1);
        data[size++] = b;
        return this;
    }

    ByteBuf put(char ascii) {
        return put((byte) ascii);
    }

    ByteBuf put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, data, size, bytes.length);
        size += bytes.length;
        return this;
    }

    ByteBuf put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, data, size, length);
        size += length;
        return this;
    }

    /** ASCII text only (codes, keys); use {@link #put(byte[])} with pre-encoded UTF-8 otherwise. */
    ByteBuf ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            data[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteBuf number(long v) {
        if (v < 0) {
            put('-');
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        }
        ensure(20);
        int start = size;
        do {
            data[size++] = DIGITS[(int) (v % 10)];
            v /= 10;
        } while (v != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = data[i];
            data[i] = data[j];
            data[j] = t;
        }
        return this;
    }

    /** {@code v} with exactly {@code width} digits, zero-padded (v >= 0). */
    ByteBuf padded(int v, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            data[size + i] = DIGITS[v % 10];
            v /= 10;
        }
        size += width;
        return this;
    }

    /** 16 lowercase hex digits. */
    ByteBuf hex16(long v) {
        ensure(16);
        for (int i = 15; i >= 0; i--) {
            data[size + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        size += 16;
        return this;
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }
}
