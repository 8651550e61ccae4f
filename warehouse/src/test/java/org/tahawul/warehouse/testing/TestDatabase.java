package org.tahawul.warehouse.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Migrator;
import org.tahawul.warehouse.SchemaLayout;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh database on the local test server for one test class, dropped afterwards:
 * <pre>
 *   {@literal @}RegisterExtension
 *   static final TestDatabase db = TestDatabase.migrated();   // with the warehouse schema
 * </pre>
 * Set {@code -Dtahawul.test.keep=true} to keep the databases for a look after a failure.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private final boolean migrate;
    private ClickHouseSettings settings;

    private TestDatabase(boolean migrate) {
        this.migrate = migrate;
    }

    /** An empty database. */
    public static TestDatabase empty() {
        return new TestDatabase(false);
    }

    /** A database with every warehouse migration applied. */
    public static TestDatabase migrated() {
        return new TestDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String name = "it_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        settings = new ClickHouseSettings(LocalClickHouse.jdbcUrl(), LocalClickHouse.user(),
                LocalClickHouse.password(), name);
        if (migrate) {
            new Migrator(settings, SchemaLayout.SINGLE_NODE).migrate();
        } else {
            try (Connection connection = settings.connect("default", new Properties())) {
                Jdbc.execute(connection, "CREATE DATABASE " + name);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (settings != null && !Boolean.getBoolean("tahawul.test.keep")) {
            try (Connection connection = settings.connect("default", new Properties())) {
                Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + settings.database() + " SYNC");
            }
        }
    }

    /** Settings pointing at this class's database (what the jobs and the dashboard take). */
    public ClickHouseSettings settings() {
        return settings;
    }

    public String name() {
        return settings.database();
    }

    public Connection connect() throws SQLException {
        return settings.connect();
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return Jdbc.queryLong(connection, sql);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = connect()) {
            Jdbc.execute(connection, sql);
        }
    }
}
