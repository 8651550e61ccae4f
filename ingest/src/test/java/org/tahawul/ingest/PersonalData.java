package org.tahawul.ingest;

import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Looks for raw beneficiary ids where none may be: any String column of any table of a database, and log text. */
final class PersonalData {

    /** Runs of id-like characters (national IDs, iqamas, CR numbers, passport-like codes): a raw id inside one leaks. */
    private static final String TOKEN = "[0-9A-Za-z_-]{6,}";

    private PersonalData() {
    }

    /** The tables of the database that have a String column (every table the job writes has some). */
    static Set<String> scannedTables(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new TreeSet<>(Jdbc.queryStrings(c, "SELECT DISTINCT table FROM system.columns "
                    + "WHERE database = currentDatabase() AND type LIKE '%String%'"));
        }
    }

    /** Every {@code table.column: id...} where a value of a String column holds one of {@code rawIds}. */
    static List<String> leaksInDatabase(TestDatabase db, Set<String> rawIds) throws SQLException {
        Set<Integer> lengths = lengths(rawIds);
        List<String> leaks = new ArrayList<>();
        try (Connection c = db.connect()) {
            List<String> columns = Jdbc.queryStrings(c, "SELECT concat(table, '.', name) FROM system.columns "
                    + "WHERE database = currentDatabase() AND type LIKE '%String%'");
            for (String column : columns) {
                String[] tc = column.split("\\.", 2);
                for (String token : Jdbc.queryStrings(c, "SELECT DISTINCT arrayJoin(extractAll(toString(`" + tc[1]
                        + "`), '" + TOKEN + "')) FROM `" + tc[0] + "`")) {
                    leaks.addAll(found(column, token, rawIds, lengths));
                }
            }
        }
        return leaks;
    }

    /** The raw ids that appear in {@code text} (e.g. the job's log output). */
    static List<String> leaksInText(String where, String text, Set<String> rawIds) {
        Set<Integer> lengths = lengths(rawIds);
        List<String> leaks = new ArrayList<>();
        Matcher m = Pattern.compile(TOKEN).matcher(text);
        while (m.find()) {
            leaks.addAll(found(where, m.group(), rawIds, lengths));
        }
        return leaks;
    }

    private static Set<Integer> lengths(Set<String> ids) {
        Set<Integer> lengths = new TreeSet<>();
        ids.forEach(id -> lengths.add(id.length()));
        return lengths;
    }

    /** The ids inside {@code token}: each substring of an id's length looked up (thousands of ids stay fast). */
    private static List<String> found(String where, String token, Set<String> ids, Set<Integer> lengths) {
        List<String> out = new ArrayList<>();
        for (int length : lengths) {
            for (int i = 0; i + length <= token.length(); i++) {
                String id = token.substring(i, i + length);
                if (ids.contains(id)) {
                    out.add(where + ": " + id.substring(0, 2) + "..."); // the report itself shows no raw id
                }
            }
        }
        return out;
    }

    /** A stream that goes to System.err and is kept, so a test can read what the job printed. */
    static final class Captured {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                kept.write(b);
                System.err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                kept.write(b, off, len);
                System.err.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);

        String text() {
            stream.flush();
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
