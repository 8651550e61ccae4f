package org.tahawul.dashboard.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tahawul.warehouse.ClickHouseSettings;

import java.time.Duration;

/**
 * Where the warehouse is and how the dashboard reads it ({@code tahawul.clickhouse.*}); the defaults
 * come from the shared environment of DESIGN §9 (see application.yml).
 *
 * @param poolSize          maximum JDBC connections to ClickHouse (64: a crowd waits in ClickHouse's own queue, not for
 *                          a pooled connection, which gives up after connectTimeout and shows "unavailable")
 * @param connectTimeout    how long a page waits for a connection before it shows "warehouse unavailable"
 * @param bootstrap         create the schema and load the reference tables when they are missing
 */
@ConfigurationProperties("tahawul.clickhouse")
public record WarehouseProperties(String url, String user, String password, String database, int poolSize,
                                  Duration connectTimeout, boolean bootstrap) {

    public WarehouseProperties {
        url = url == null || url.isBlank() ? ClickHouseSettings.DEFAULT_URL : url;
        poolSize = poolSize <= 0 ? 64 : poolSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    public ClickHouseSettings settings() {
        return new ClickHouseSettings(url, user, password, database);
    }
}
