package org.tahawul.ingest;

import org.tahawul.warehouse.ClickHouseSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of an ingest run (DESIGN §9): {@code --input PATH... [--reference-dir DIR] [--format jsonl|csv|parquet]},
 * plus the warehouse and the pseudonymisation key from the environment. Validated once, here.
 *
 * @param inputs       files, folders and globs, in the order given
 * @param format       forces the format of every file; null to take it from each file's name
 * @param referenceDir the reference CSV folder; null for the copy shipped in the datasets jar
 * @param settings     where the warehouse is
 * @param key          the pseudonymisation key
 * @param curatedDir   where to write the run's months as Parquet (a Hadoop path or URI); null for none
 */
public record IngestConfig(List<String> inputs, InputFormat format, Path referenceDir, ClickHouseSettings settings,
                           PseudonymKey key, String curatedDir) {

    public static final String USAGE = String.join("\n",
            "usage: ingest --input PATH... [--reference-dir DIR] [--format jsonl|csv|parquet] [--curated-dir DIR]",
            "",
            "Loads raw service-usage logs (DESIGN §3) into ClickHouse: validated against the reference data,",
            "pseudonymised, each event_id counted once however often it is loaded. Rejected lines go to",
            "rejected_records with their reason; every run is recorded in ingest_runs.",
            "",
            "  --input PATH...        files, folders (walked recursively) or globs; .jsonl/.json/.ndjson, .csv, .parquet,",
            "                         text ones optionally .gz; several paths after one --input or --input repeated",
            "  --reference-dir DIR    reference CSV folder (default: the copy shipped in the datasets jar)",
            "  --format FORMAT        jsonl, csv or parquet for every file (default: from each file's name)",
            "  --curated-dir DIR      also write each month the run touched, as the warehouse holds it afterwards, to",
            "                         DIR/month=YYYY-MM-01/ as Parquet (a local path or a Hadoop URI; a month's folder is replaced)",
            "",
            "Environment: TAHAWUL_CLICKHOUSE_URL (jdbc:clickhouse://127.0.0.1:8123), TAHAWUL_CLICKHOUSE_USER,",
            "TAHAWUL_CLICKHOUSE_PASSWORD, TAHAWUL_DATABASE (tahawul), TAHAWUL_PSEUDONYM_KEY (required unless the",
            "server is local; then a key generated once is kept in $TAHAWUL_DATA_DIR/pseudonym.key, default .data/).",
            "Spark decides the master (spark-submit --master, or -Dspark.master=...; bin/ingest --master URL).");

    public IngestConfig {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(key, "key");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input PATH is required: the log files, folders or globs to load");
        }
        if (referenceDir != null && !Files.isDirectory(referenceDir)) {
            throw new IllegalArgumentException("--reference-dir " + referenceDir + " is not a folder");
        }
    }

    /** A run without curated Parquet. */
    public IngestConfig(List<String> inputs, InputFormat format, Path referenceDir, ClickHouseSettings settings,
                        PseudonymKey key) {
        this(inputs, format, referenceDir, settings, key, null);
    }

    /** Parses the command line; the environment gives the warehouse, the key and the data folder. */
    public static IngestConfig parse(String[] args, Map<String, String> env) {
        List<String> inputs = new ArrayList<>();
        String format = null;
        String referenceDir = null;
        String curatedDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--input" -> {
                    int before = inputs.size();
                    if (inline != null && !inline.isEmpty()) {
                        inputs.add(inline);
                    }
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        inputs.add(args[++i]);
                    }
                    if (inputs.size() == before) {
                        throw new IllegalArgumentException("--input needs at least one PATH");
                    }
                }
                case "--format" -> {
                    if (format != null) {
                        throw new IllegalArgumentException("--format is given twice");
                    }
                    format = inline != null ? inline : value(args, ++i, name);
                }
                case "--reference-dir" -> {
                    if (referenceDir != null) {
                        throw new IllegalArgumentException("--reference-dir is given twice");
                    }
                    referenceDir = inline != null ? inline : value(args, ++i, name);
                }
                case "--curated-dir" -> {
                    if (curatedDir != null) {
                        throw new IllegalArgumentException("--curated-dir is given twice");
                    }
                    curatedDir = inline != null ? inline : value(args, ++i, name);
                    if (curatedDir.isBlank()) {
                        throw new IllegalArgumentException("--curated-dir needs a folder");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg
                        + "' (options: --input PATH... --reference-dir DIR --format jsonl|csv|parquet --curated-dir DIR)");
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input PATH is required: the log files, folders or globs to load");
        }
        ClickHouseSettings settings = ClickHouseSettings.fromEnvironment(env);
        PseudonymKey key = PseudonymKey.resolve(env, settings, dataDir(env));
        return new IngestConfig(inputs, format == null ? null : InputFormat.parse(format),
                referenceDir == null ? null : Path.of(referenceDir), settings, key, curatedDir);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    /** {@code TAHAWUL_DATA_DIR}, else {@code .data} of the repository the job runs in, else {@code ./.data}. */
    static Path dataDir(Map<String, String> env) {
        String configured = env.get("TAHAWUL_DATA_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/clickhouse"))) {
                return dir.resolve(".data");
            }
        }
        return Path.of(".data").toAbsolutePath();
    }

    @Override
    public String toString() {
        return "IngestConfig[inputs=" + inputs + ", format=" + (format == null ? "from file names" : format.option())
                + ", referenceDir=" + (referenceDir == null ? "shipped" : referenceDir) + ", warehouse="
                + settings.displayUrl() + " database " + settings.database() + ", key from " + key.origin()
                + (curatedDir == null ? "" : ", curated Parquet to " + curatedDir) + "]";
    }
}
