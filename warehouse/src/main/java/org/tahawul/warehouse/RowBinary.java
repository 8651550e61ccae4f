package org.tahawul.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

    /** Little-endian writer over a stream; IO failures surface as {@link UncheckedIOException}. */
    public static final class Output {
        private final OutputStream out;
        private final byte[] scratch = new byte[8];

        public Output(OutputStream out) {
            this.out = out;
        }

        void byte1(int v) {
            try {
                out.write(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void bytes(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void littleEndian(long v, int size) {
            for (int i = 0; i < size; i++) {
                scratch[i] = (byte) (v >>> (8 * i));
            }
            try {
                out.write(scratch, 0, size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
