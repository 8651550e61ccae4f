package org.tahawul.warehouse;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the warehouse lives: the ClickHouse JDBC URL, credentials and database of DESIGN §9
 * ({@code TAHAWUL_CLICKHOUSE_URL}, {@code TAHAWUL_CLICKHOUSE_USER},
 * {@code TAHAWUL_CLICKHOUSE_PASSWORD}, {@code TAHAWUL_DATABASE}).
 */
public record ClickHouseSettings(String url, String user, String password, String database)
        implements java.io.Serializable {

    public static final String DEFAULT_URL = "jdbc:clickhouse://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "tahawul";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database;
        if (!url.startsWith("jdbc:clickhouse:") && !url.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("TAHAWUL_CLICKHOUSE_URL must be a ClickHouse JDBC URL such as "
                    + DEFAULT_URL + ", got '" + url + "'");
        }
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("TAHAWUL_DATABASE must be a plain identifier "
                    + "(letters, digits, underscore), got '" + database + "'");
        }
    }

    /** From the environment, with the local defaults of DESIGN §9. */
    public static ClickHouseSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static ClickHouseSettings fromEnvironment(Map<String, String> env) {
        return new ClickHouseSettings(env.getOrDefault("TAHAWUL_CLICKHOUSE_URL", DEFAULT_URL),
                env.get("TAHAWUL_CLICKHOUSE_USER"), env.get("TAHAWUL_CLICKHOUSE_PASSWORD"),
                env.get("TAHAWUL_DATABASE"));
    }

    public ClickHouseSettings withDatabase(String other) {
        return new ClickHouseSettings(url, user, password, other);
    }

    public ClickHouseSettings withUrl(String other) {
        return new ClickHouseSettings(other, user, password, database);
    }

    /** True when the URL points at this machine (the local clickhouse-embedded server). */
    public boolean isLocal() {
        String host = host();
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    /** host of the URL, for messages. */
    public String host() {
        URI uri = URI.create(url.replaceFirst("^jdbc:(clickhouse|ch):", ""));
        return uri.getHost() == null ? "" : uri.getHost();
    }

    /** Never prints the password (records print every component by default). */
    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + displayUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", database=" + database + "]";
    }

    /** The URL without credentials, safe to print. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** A connection with the warehouse database as its current database. */
    public Connection connect() throws SQLException {
        return connect(database, new Properties());
    }

    /** A connection to another database (e.g. {@code default} before the warehouse exists). */
    public Connection connect(String currentDatabase, Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("database", currentDatabase);
        properties.putAll(extra);
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to ClickHouse at " + displayUrl() + " as " + user + ": "
                    + e.getMessage() + (isLocal() ? " (is the local server running? bin/clickhouse start)" : ""),
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
