package org.tahawul.warehouse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse's RowBinary encoding for the column types the warehouse uses. Java values accepted:
 * <ul>
 *   <li>String, LowCardinality(String), FixedString(N): {@link CharSequence} (UTF-8)</li>
 *   <li>(U)Int8..64, Float32/64: {@link Number}; Bool and UInt8 also {@link Boolean}</li>
 *   <li>Date, Date32: {@link LocalDate}, {@link java.sql.Date}, ISO text</li>
 *   <li>DateTime, DateTime64(p[, tz]): {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime},
 *       {@link Timestamp}, {@link LocalDateTime} (taken as UTC), epoch milliseconds as {@link Long}</li>
 *   <li>Nullable(T): null or a value of T; Array(T): a {@link Collection} or an Object[]</li>
 * </ul>
 */
public final class RowBinary {

    private static final Pattern DATETIME64 = Pattern.compile("DateTime64\\((\\d+).*\\)");

    private RowBinary() {
    }

    /** Writes one value of a column. */
    public interface Encoder {
        void write(Output out, Object value);
    }

    /**
     * The encoded rows, little-endian, in a byte array that grows as needed and is kept for the next batch after
     * {@link #reset}. Not thread-safe, and without the lock a {@link java.io.ByteArrayOutputStream} takes for every
     * write (a row is some thirty writes).
     */
    public static final class Output {
        private byte[] buffer;
        private int size;

        public Output(int initialCapacity) {
            this.buffer = new byte[Math.max(16, initialCapacity)];
        }

        /** The bytes written since the last {@link #reset}. */
        public int size() {
            return size;
        }

        /** A stream of the bytes written so far (each call a new one, e.g. for a retried insert). */
        public InputStream stream() {
            return new ByteArrayInputStream(buffer, 0, size);
        }

        /** Forgets the bytes written, keeping the array. */
        public void reset() {
            size = 0;
        }

        void byte1(int v) {
            room(1);
            buffer[size++] = (byte) v;
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void littleEndian(long v, int count) {
            room(count);
            for (int i = 0; i < count; i++) {
                buffer[size++] = (byte) (v >>> (8 * i));
            }
        }

        void varUInt(long v) {
            while ((v & ~0x7FL) != 0) {
                byte1((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            byte1((int) v);
        }

        void string(CharSequence s) {
            byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
            varUInt(b.length);
            bytes(b);
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, Math.addExact(size, more)));
            }
        }
    }

    /** The encoder of a ClickHouse type as {@code system.columns} spells it. */
    public static Encoder encoder(String type) {
        String t = type.strip();
        if (t.startsWith("LowCardinality(")) {
            return encoder(inner(t));
        }
        if (t.startsWith("Nullable(")) {
            Encoder inner = encoder(inner(t));
            return (out, value) -> {
                if (value == null) {
                    out.byte1(1);
                } else {
                    out.byte1(0);
                    inner.write(out, value);
                }
            };
        }
        if (t.startsWith("Array(")) {
            Encoder element = encoder(inner(t));
            return (out, value) -> {
                Collection<?> items = value instanceof Collection<?> c ? c
                        : value instanceof Object[] a ? java.util.Arrays.asList(a) : null;
                if (items == null) {
                    throw new IllegalArgumentException("Array needs a Collection or Object[], got " + describe(value));
                }
                out.varUInt(items.size());
                for (Object item : items) {
                    element.write(out, item);
                }
            };
        }
        if (t.startsWith("FixedString(")) {
            int size = Integer.parseInt(inner(t));
            return (out, value) -> {
                byte[] b = requireNonNull(value, t).toString().getBytes(StandardCharsets.UTF_8);
                if (b.length > size) {
                    throw new IllegalArgumentException("value longer than " + t);
                }
                out.bytes(b);
                out.bytes(new byte[size - b.length]);
            };
        }
        Matcher dt64 = DATETIME64.matcher(t);
        if (dt64.matches()) {
            int precision = Integer.parseInt(dt64.group(1));
            long perSecond = (long) Math.pow(10, precision);
            return (out, value) -> {
                Instant instant = instant(requireNonNull(value, t));
                long ticks = Math.multiplyExact(instant.getEpochSecond(), perSecond)
                        + instant.getNano() / (1_000_000_000L / perSecond);
                out.littleEndian(ticks, 8);
            };
        }
        if (t.startsWith("DateTime")) {
            return (out, value) -> out.littleEndian(instant(requireNonNull(value, t)).getEpochSecond(), 4);
        }
        switch (t) {
            case "String":
                return (out, value) -> out.string(requireNonNull(value, t).toString());
            case "Bool":
            case "UInt8":
            case "Int8":
                return (out, value) -> out.byte1((int) integral(requireNonNull(value, t)));
            case "UInt16":
            case "Int16":
                return (out, value) -> out.littleEndian(integral(requireNonNull(value, t)), 2);
            case "UInt32":
            case "Int32":
                return (out, value) -> out.littleEndian(integral(requireNonNull(value, t)), 4);
            case "UInt64":
            case "Int64":
                return (out, value) -> out.littleEndian(integral(requireNonNull(value, t)), 8);
            case "Float32":
                return (out, value) -> out.littleEndian(Float.floatToIntBits(
                        ((Number) requireNonNull(value, t)).floatValue()), 4);
            case "Float64":
                return (out, value) -> out.littleEndian(Double.doubleToLongBits(
                        ((Number) requireNonNull(value, t)).doubleValue()), 8);
            case "Date":
                return (out, value) -> out.littleEndian(localDate(requireNonNull(value, t)).toEpochDay(), 2);
            case "Date32":
                return (out, value) -> out.littleEndian(localDate(requireNonNull(value, t)).toEpochDay(), 4);
            default:
                throw new IllegalArgumentException("RowBinary encoding of " + type + " is not implemented");
        }
    }

    private static String inner(String type) {
        return type.substring(type.indexOf('(') + 1, type.lastIndexOf(')')).strip();
    }

    private static Object requireNonNull(Object value, String type) {
        if (value == null) {
            throw new IllegalArgumentException("null is not allowed in a " + type + " column");
        }
        return value;
    }

    private static long integral(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("expected a number, got " + describe(value));
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof CharSequence s) {
            return LocalDate.parse(s);
        }
        throw new IllegalArgumentException("expected a date, got " + describe(value));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        }
        throw new IllegalArgumentException("expected an instant, got " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
