package org.tahawul.datasets.reference;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * One reference CSV file: UTF-8 (a byte-order mark is accepted), a header row naming at least
 * the required columns, then rows whose values are read with checks that fail with the file,
 * the line and the reason.
 */
final class CsvTable {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String file;
    private final List<Row> rows;

    private CsvTable(String file, List<Row> rows) {
        this.file = file;
        this.rows = rows;
    }

    String file() {
        return file;
    }

    List<Row> rows() {
        return rows;
    }

    ReferenceDataException error(long line, String reason) {
        return new ReferenceDataException(file, line, reason);
    }

    /** Reads {@code fileName} from {@code source}; fails when it is missing, not UTF-8, not CSV or lacks a column. */
    static CsvTable read(ReferenceSource source, String fileName, List<String> requiredColumns) {
        String file = source.describe(fileName);
        byte[] bytes;
        try {
            bytes = source.read(fileName);
        } catch (IOException e) {
            throw new ReferenceDataException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
        if (bytes == null) {
            throw new ReferenceDataException(file, 0,
                    "file not found (a reference folder holds the CSV files of DESIGN §4: " + String.join(", ",
                            ReferenceData.FILES) + ")");
        }
        String text = decodeUtf8(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new ReferenceDataException(file, 1, "empty file: expected the header row " + String.join(",", requiredColumns));
        }
        LineIndex lines = new LineIndex(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : requiredColumns) {
                if (!header.containsKey(column)) {
                    throw new ReferenceDataException(file, 1, "missing column '" + column + "' (header is "
                            + String.join(",", parser.getHeaderNames()) + "; expected " + String.join(",", requiredColumns) + ")");
                }
            }
            int width = header.size();
            for (CSVRecord record : parser) {
                long line = lines.lineAt(record.getCharacterPosition());
                if (record.size() != width) {
                    throw new ReferenceDataException(file, line, "expected " + width + " values as in the header, found "
                            + record.size() + " (a comma inside a value needs double quotes)");
                }
                rows.add(new Row(file, line, record));
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new ReferenceDataException(file, 0, "not valid CSV: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new ReferenceDataException(file, 0, "not valid CSV: " + e.getMessage(), e);
        }
        return new CsvTable(file, rows);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String decodeUtf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            long line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ReferenceDataException(file, line, "not valid UTF-8 (save the file as UTF-8)");
        }
        out.flip();
        return out.toString();
    }

    /** Maps a character offset of the text to its 1-based line number. */
    private static final class LineIndex {
        private final int[] lineStarts;

        LineIndex(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    starts.add(i + 1);
                } else if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        long lineAt(long position) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= position) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1L;
        }
    }

    /** One data row with its line number; getters check the value and fail with file, line and reason. */
    static final class Row {
        private final String file;
        private final long line;
        private final CSVRecord record;

        Row(String file, long line, CSVRecord record) {
            this.file = file;
            this.line = line;
            this.record = record;
        }

        long line() {
            return line;
        }

        ReferenceDataException error(String reason) {
            return new ReferenceDataException(file, line, reason);
        }

        /** The value, or "" when empty. */
        String optional(String column) {
            String v = record.get(column);
            return v == null ? "" : v;
        }

        String required(String column) {
            String v = optional(column);
            if (v.isEmpty()) {
                throw error("empty " + column + " (the column is required)");
            }
            return v;
        }

        String code(String column) {
            String v = required(column);
            if (!CODE.matcher(v).matches()) {
                throw error(column + " '" + v + "' is not a code: use 1..64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            }
            return v;
        }

        String arabic(String column) {
            String v = required(column);
            if (!containsArabic(v)) {
                throw error(column + " '" + v + "' has no Arabic letters (Arabic missing in " + column + ")");
            }
            return v;
        }

        int integer(String column) {
            String v = required(column);
            if (!INTEGER.matcher(v).matches()) {
                throw error(column + " '" + v + "' is not a whole number");
            }
            return Integer.parseInt(v);
        }

        Integer optionalInteger(String column) {
            return optional(column).isEmpty() ? null : integer(column);
        }

        double decimal(String column) {
            String v = required(column);
            if (!DECIMAL.matcher(v).matches()) {
                throw error(column + " '" + v + "' is not a number (use a dot for decimals, e.g. 0.25)");
            }
            return Double.parseDouble(v);
        }

        Double optionalDecimal(String column) {
            return optional(column).isEmpty() ? null : decimal(column);
        }

        boolean bool(String column) {
            String v = required(column);
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw error(column + " '" + v + "' is not true or false");
        }
    }

    static boolean containsArabic(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC && Character.isLetter(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
