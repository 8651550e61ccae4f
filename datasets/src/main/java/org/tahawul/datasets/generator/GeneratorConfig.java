package org.tahawul.datasets.generator;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a generator run (DESIGN §9):
 * {@code --out DIR [--events N] [--from YYYY-MM] [--to YYYY-MM] [--seed N] [--bad-rate R] [--reference-dir DIR]}.
 *
 * @param out          folder of the daily files (created when missing)
 * @param events       approximate number of events (the exact count is reported)
 * @param from         first month
 * @param to           last month (a complete month: events never lie in the future)
 * @param seed         the same flags and seed give byte-identical files
 * @param badRate      share (0..1) of lines that break the contract on purpose; duplicates come on top
 * @param referenceDir reference CSV folder, or null for the copy shipped in the jar
 */
public record GeneratorConfig(Path out, long events, YearMonth from, YearMonth to, long seed, double badRate,
                              Path referenceDir) {

    public static final long DEFAULT_EVENTS = 100_000;
    public static final YearMonth DEFAULT_FROM = YearMonth.of(2019, 1);
    public static final long DEFAULT_SEED = 42;
    static final YearMonth EARLIEST = YearMonth.of(2000, 1);
    static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");

    private static final List<String> OPTIONS = List.of("--out", "--events", "--from", "--to", "--seed", "--bad-rate",
            "--reference-dir");

    public static final String USAGE = String.join("\n",
            "usage: generate --out DIR [--events N] [--from YYYY-MM] [--to YYYY-MM] [--seed N] [--bad-rate R] [--reference-dir DIR]",
            "",
            "Writes synthetic government service-usage logs, one gzip JSON Lines file per day (DIR/events-YYYY-MM-DD.jsonl.gz),",
            "each line one event of the raw log contract (DESIGN §3). The same flags give byte-identical files.",
            "",
            "  --out DIR            output folder (required; created when missing; files of the same days are replaced)",
            "  --events N           approximate number of events (default " + DEFAULT_EVENTS + "; the exact count is printed)",
            "  --from YYYY-MM       first month (default " + DEFAULT_FROM + ")",
            "  --to YYYY-MM         last month (default: the last complete month)",
            "  --seed N             random seed (default " + DEFAULT_SEED + ")",
            "  --bad-rate R         share 0..1 of lines that break the contract on purpose, covering every reject reason,",
            "                       plus about R/4 duplicated lines (default 0)",
            "  --reference-dir DIR  reference CSV folder (default: the copy shipped in the datasets jar)");

    public GeneratorConfig {
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required: the folder for the daily files");
        }
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1 (got " + events + ")");
        }
        if (from.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("--from " + from + " is too early: the generator starts at " + EARLIEST);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        if (!(badRate >= 0 && badRate <= 1)) {
            throw new IllegalArgumentException("--bad-rate must be between 0 and 1 (got " + badRate + ")");
        }
    }

    /** The last month whose every day is over, in Riyadh. */
    public static YearMonth lastCompleteMonth() {
        return YearMonth.now(RIYADH).minusMonths(1);
    }

    /** Parses named options ({@code --name value} or {@code --name=value}); fails with a message naming the bad option. */
    public static GeneratorConfig parse(String... args) {
        return parse(lastCompleteMonth(), args);
    }

    static GeneratorConfig parse(YearMonth lastCompleteMonth, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (options: " + String.join(" ", OPTIONS) + ")");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        if (!values.containsKey("--out")) {
            throw new IllegalArgumentException("--out DIR is required: the folder for the daily files");
        }
        YearMonth to = values.containsKey("--to") ? month("--to", values.get("--to")) : lastCompleteMonth;
        if (to.isAfter(lastCompleteMonth)) {
            throw new IllegalArgumentException("--to " + to + " is not a complete month yet: its events would lie in the future"
                    + " (latest: " + lastCompleteMonth + ")");
        }
        return new GeneratorConfig(
                Path.of(values.get("--out")),
                longValue("--events", values.getOrDefault("--events", String.valueOf(DEFAULT_EVENTS))),
                values.containsKey("--from") ? month("--from", values.get("--from")) : DEFAULT_FROM,
                to,
                longValue("--seed", values.getOrDefault("--seed", String.valueOf(DEFAULT_SEED))),
                doubleValue("--bad-rate", values.getOrDefault("--bad-rate", "0")),
                values.containsKey("--reference-dir") ? Path.of(values.get("--reference-dir")) : null);
    }

    private static YearMonth month(String option, String v) {
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a month: use YYYY-MM, e.g. 2024-06");
        }
    }

    private static long longValue(String option, String v) {
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a whole number");
        }
    }

    private static double doubleValue(String option, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + v + "' is not a number");
        }
    }
}
