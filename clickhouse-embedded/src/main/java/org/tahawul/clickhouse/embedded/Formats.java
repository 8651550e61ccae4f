package org.tahawul.clickhouse.embedded;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the HTTP front needs to know about ClickHouse output formats: the Content-Type, and
 * whether a result can be sent block by block.
 *
 * <p>The engine formats each streamed block on its own, so formats with a header repeat it in
 * every block. Row formats whose header is a fixed number of lines, or RowBinary's names and
 * types, are streamed with the repeats cut off; document formats (JSON, Pretty, Parquet, ...) are
 * produced in one piece.
 */
final class Formats {

    private static final Set<String> PLAIN_ROWS = Set.of("TABSEPARATED", "TSV", "TABSEPARATEDRAW", "TSVRAW",
            "CSV", "JSONEACHROW", "JSONLINES", "NDJSON", "JSONCOMPACTEACHROW", "JSONSTRINGSEACHROW",
            "JSONCOMPACTSTRINGSEACHROW", "ROWBINARY", "NATIVE", "NULL", "VALUES", "RAWBLOB", "LINEASSTRING",
            "CUSTOMSEPARATED");
    private static final Map<String, Integer> HEADER_LINES = Map.ofEntries(
            Map.entry("TABSEPARATEDWITHNAMES", 1), Map.entry("TSVWITHNAMES", 1),
            Map.entry("TABSEPARATEDRAWWITHNAMES", 1), Map.entry("TSVRAWWITHNAMES", 1),
            Map.entry("TABSEPARATEDWITHNAMESANDTYPES", 2), Map.entry("TSVWITHNAMESANDTYPES", 2),
            Map.entry("TABSEPARATEDRAWWITHNAMESANDTYPES", 2), Map.entry("TSVRAWWITHNAMESANDTYPES", 2),
            Map.entry("CSVWITHNAMES", 1), Map.entry("CSVWITHNAMESANDTYPES", 2),
            Map.entry("JSONCOMPACTEACHROWWITHNAMES", 1), Map.entry("JSONCOMPACTEACHROWWITHNAMESANDTYPES", 2),
            Map.entry("JSONCOMPACTSTRINGSEACHROWWITHNAMES", 1),
            Map.entry("JSONCOMPACTSTRINGSEACHROWWITHNAMESANDTYPES", 2));

    private Formats() {
    }

    static boolean streamable(String format) {
        String f = format.toUpperCase(Locale.ROOT);
        return PLAIN_ROWS.contains(f) || HEADER_LINES.containsKey(f) || f.startsWith("ROWBINARYWITHNAMES");
    }

    static String contentType(String format) {
        String f = format.toUpperCase(Locale.ROOT);
        if (f.startsWith("TABSEPARATED") || f.startsWith("TSV")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("CSV")) {
            return "text/csv; charset=UTF-8; header=" + (f.contains("WITHNAMES") ? "present" : "absent");
        }
        if (f.startsWith("JSON") || f.equals("NDJSON")) {
            return f.contains("EACHROW") || f.equals("JSONLINES") || f.equals("NDJSON")
                    ? "application/x-ndjson; charset=UTF-8" : "application/json; charset=UTF-8";
        }
        if (f.equals("XML")) {
            return "application/xml; charset=UTF-8";
        }
        if (f.startsWith("PRETTY") || f.equals("VERTICAL") || f.equals("MARKDOWN") || f.equals("VALUES")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    /**
     * Returns how many leading bytes of every block after the first repeat the format's header,
     * measured on the first block.
     */
    static int repeatedHeaderLength(String format, ByteBuffer firstBlock) {
        String f = format.toUpperCase(Locale.ROOT);
        Integer lines = HEADER_LINES.get(f);
        ByteBuffer b = firstBlock.duplicate();
        if (lines != null) {
            int seen = 0;
            while (b.hasRemaining() && seen < lines) {
                if (b.get() == '\n') {
                    seen++;
                }
            }
            return b.position() - firstBlock.position();
        }
        if (f.startsWith("ROWBINARYWITHNAMES")) {
            long columns = readVarUInt(b);
            long strings = f.equals("ROWBINARYWITHNAMESANDTYPES") ? 2 * columns : columns;
            for (long i = 0; i < strings; i++) {
                long length = readVarUInt(b);
                b.position(b.position() + (int) length);
            }
            return b.position() - firstBlock.position();
        }
        return 0;
    }

    private static long readVarUInt(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte next = b.get();
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        return value;
    }
}
