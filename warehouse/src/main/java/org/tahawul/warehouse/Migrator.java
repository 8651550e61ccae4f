package org.tahawul.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates or migrates the warehouse schema: versioned SQL files under
 * {@code tahawul/migrations/} (listed in its {@code index.txt}), applied in order, each recorded
 * in {@code schema_migrations} with a SHA-256 of its statements (comments excluded). An applied
 * migration whose statements were edited afterwards stops the migration with a message naming
 * it; fix by restoring the file and adding a new migration.
 *
 * <p>Why not Flyway: its ClickHouse support is a community module that stops at Flyway 10.24
 * (pinning an old flyway-core) and its DDL templating does not cover the cluster layout; the
 * whole need here is "apply these files once, in order, and notice edits".
 */
public final class Migrator {

    public static final String HISTORY_TABLE = "schema_migrations";
    private static final String FOLDER = "tahawul/migrations/";
    private static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /** One migration file. */
    public record Migration(int version, String description, String file, String text, String checksum) {
    }

    /** What a migrate call did. */
    public record Result(List<Migration> applied, int alreadyApplied) {
    }

    private final ClickHouseSettings settings;
    private final SchemaLayout layout;
    private final List<Migration> migrations;

    public Migrator(ClickHouseSettings settings, SchemaLayout layout) {
        this(settings, layout, loadMigrations());
    }

    Migrator(ClickHouseSettings settings, SchemaLayout layout, List<Migration> migrations) {
        this.settings = settings;
        this.layout = layout;
        this.migrations = migrations;
    }

    /** Creates the database and applies every migration not yet applied. */
    public Result migrate() throws SQLException {
        try (Connection connection = settings.connect("default", new java.util.Properties())) {
            for (String sql : render("CREATE DATABASE IF NOT EXISTS ${db}")) {
                Jdbc.execute(connection, sql);
            }
            for (String sql : render("CREATE TABLE IF NOT EXISTS ${db}." + HISTORY_TABLE + " (\n"
                    + "    version UInt32,\n    description String,\n    file String,\n    checksum String,\n"
                    + "    layout String,\n    applied_at DateTime64(3, 'UTC')\n"
                    + ") ENGINE = ReplacingMergeTree(applied_at) ORDER BY version")) {
                Jdbc.execute(connection, sql);
            }
            Map<Integer, String> done = appliedChecksums(connection);
            List<Migration> applied = new ArrayList<>();
            int already = 0;
            for (Migration migration : migrations) {
                String checksum = done.get(migration.version());
                if (checksum != null) {
                    // databases migrated before checksums ignored comments recorded the whole text's
                    boolean legacy = checksum.equals(sha256(migration.text()));
                    if (!checksum.equals(migration.checksum()) && !legacy) {
                        throw new MigrationException("migration " + migration.file() + " was applied to "
                                + settings.database() + " with checksum " + checksum + " but the file now has "
                                + migration.checksum() + ": an applied migration must never be edited. Restore "
                                + "the file and put the change in a new migration (V"
                                + String.format("%03d", migrations.get(migrations.size() - 1).version() + 1)
                                + "__...sql).");
                    }
                    already++;
                    continue;
                }
                for (String sql : statements(migration)) {
                    try {
                        Jdbc.execute(connection, sql);
                    } catch (SQLException e) {
                        throw new MigrationException("migration " + migration.file() + " failed on statement:\n"
                                + sql + "\n" + e.getMessage(), e);
                    }
                }
                record(connection, migration);
                applied.add(migration);
            }
            return new Result(applied, already);
        }
    }

    /** The statements a migration runs in this layout (what the cluster DDL test checks). */
    public List<String> statements(Migration migration) {
        List<String> out = new ArrayList<>();
        for (String statement : split(migration.text())) {
            out.addAll(render(statement));
        }
        return out;
    }

    public List<Migration> migrations() {
        return migrations;
    }

    private List<String> render(String statement) {
        String sql = statement.replace("${db}", settings.database());
        return layout.isCluster() ? ClusterDdl.render(sql, layout.cluster()) : List.of(sql);
    }

    private Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> done = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT toUInt32(version) AS v, argMax(checksum, applied_at) AS c FROM "
                     + settings.database() + "." + HISTORY_TABLE + " GROUP BY version")) {
            while (rs.next()) {
                done.put(rs.getInt(1), rs.getString(2));
            }
        }
        return done;
    }

    private void record(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + settings.database() + "."
                + HISTORY_TABLE + " (version, description, file, checksum, layout, applied_at) VALUES (?,?,?,?,?,?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.file());
            insert.setString(4, migration.checksum());
            insert.setString(5, layout.toString());
            insert.setObject(6, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Statements are separated by a semicolon at the end of a line; comment lines are dropped. */
    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    static List<Migration> loadMigrations() {
        ClassLoader loader = Migrator.class.getClassLoader();
        List<Migration> list = new ArrayList<>();
        int previous = 0;
        for (String file : readResource(loader, FOLDER + "index.txt").split("\n")) {
            file = file.strip();
            if (file.isEmpty()) {
                continue;
            }
            Matcher name = FILE.matcher(file);
            if (!name.matches()) {
                throw new MigrationException("migration file name " + file + " does not match V<number>__<words>.sql");
            }
            int version = Integer.parseInt(name.group(1));
            if (version <= previous) {
                throw new MigrationException("migration " + file + " is out of order in index.txt");
            }
            previous = version;
            String text = readResource(loader, FOLDER + file).replace("\r\n", "\n");
            // the checksum covers the statements only: comments may be corrected after the fact
            list.add(new Migration(version, name.group(2).replace('_', ' '), file, text,
                    sha256(String.join(";\n", split(text)))));
        }
        return List.copyOf(list);
    }

    private static String readResource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new MigrationException("resource " + path + " is missing from the classpath");
            }
            StringBuilder text = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                char[] buffer = new char[8192];
                int n;
                while ((n = reader.read(buffer)) > 0) {
                    text.append(buffer, 0, n);
                }
            }
            return text.toString();
        } catch (IOException e) {
            throw new MigrationException("cannot read " + path, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
