package org.tahawul.analytics;

import org.tahawul.datasets.reference.ReferenceData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one analytics run computes, parsed once from named options and validated.
 *
 * @param from         first month to recompute; null means the first month with data
 * @param to           last month to recompute; null means the last month with data
 * @param referenceDir folder with the reference CSVs; null means the copy shipped in the datasets jar
 * @param stagesFile   the maturity stages file inside the reference folder (e.g. {@code maturity_stages_qiyas.csv})
 * @param master       Spark master given on the command line (bin/analytics passes {@code local[*]}); null lets
 *                     spark-submit decide
 */
public record AnalyticsConfig(YearMonth from, YearMonth to, Path referenceDir, String stagesFile, String master) {

    static final String USAGE = "usage: bin/analytics [--from YYYY-MM] [--to YYYY-MM] [--reference-dir DIR]"
            + " [--stages-file NAME] [--master URL]";

    private static final List<String> OPTIONS = List.of("--from", "--to", "--reference-dir", "--stages-file",
            "--master");

    public AnalyticsConfig {
        stagesFile = stagesFile == null || stagesFile.isBlank() ? ReferenceData.MATURITY_STAGES : stagesFile;
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (referenceDir != null && !Files.isDirectory(referenceDir)) {
            throw new IllegalArgumentException("--reference-dir " + referenceDir + " is not a folder");
        }
        if (stagesFile.contains("/") || stagesFile.contains("\\")) {
            throw new IllegalArgumentException("--stages-file names a file inside the reference folder, got '"
                    + stagesFile + "'");
        }
    }

    /** Everything with data, default reference data and stages. */
    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(null, null, null, null, null);
    }

    public AnalyticsConfig withMonths(YearMonth newFrom, YearMonth newTo) {
        return new AnalyticsConfig(newFrom, newTo, referenceDir, stagesFile, master);
    }

    /** Parses {@code --name value} pairs; unknown options and missing values fail with the usage line. */
    public static AnalyticsConfig parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException(name + " given twice\n" + USAGE);
            }
        }
        String dir = values.get("--reference-dir");
        return new AnalyticsConfig(month(values, "--from"), month(values, "--to"),
                dir == null ? null : Path.of(dir), values.get("--stages-file"), values.get("--master"));
    }

    private static YearMonth month(Map<String, String> values, String option) {
        String text = values.get(option);
        if (text == null) {
            return null;
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a month like 2024-03, got '" + text + "'");
        }
    }

    /** The reference data this run uses. */
    public ReferenceData reference() {
        return referenceDir == null ? ReferenceData.loadDefault(stagesFile) : ReferenceData.load(referenceDir, stagesFile);
    }

    /** The options as given, for the job_runs audit row. */
    public String describe() {
        return "from=" + (from == null ? "first" : from) + " to=" + (to == null ? "last" : to)
                + " reference-dir=" + (referenceDir == null ? "(shipped)" : referenceDir)
                + " stages-file=" + stagesFile + (master == null ? "" : " master=" + master);
    }
}
