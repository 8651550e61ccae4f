package org.tahawul.ingest;

import java.util.Locale;
import java.util.Optional;

/** The raw log formats of DESIGN §3; gzip (.gz) on top of any of the text ones. */
public enum InputFormat {
    JSONL, CSV, PARQUET;

    /** The option value, e.g. {@code jsonl}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code --format}: {@code jsonl} (also {@code json}, {@code ndjson}), {@code csv}, {@code parquet}. */
    public static InputFormat parse(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "jsonl", "json", "ndjson":
                return JSONL;
            case "csv":
                return CSV;
            case "parquet":
                return PARQUET;
            default:
                throw new IllegalArgumentException("--format '" + value + "' is not one of jsonl, csv, parquet");
        }
    }

    /** The format a file name announces ({@code x.jsonl.gz}, {@code x.csv}, {@code x.parquet}...), if any. */
    public static Optional<InputFormat> fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
            return Optional.of(JSONL);
        }
        if (n.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (n.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
