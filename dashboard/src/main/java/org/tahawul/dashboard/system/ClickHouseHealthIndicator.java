package org.tahawul.dashboard.system;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tahawul.warehouse.ClickHouseSettings;

/** {@code /actuator/health} component {@code clickhouse}: server version, database, latest KPI month. */
@Component("clickhouse")
class ClickHouseHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;
    private final ClickHouseSettings settings;

    ClickHouseHealthIndicator(JdbcTemplate jdbc, ClickHouseSettings settings) {
        super("ClickHouse health check failed");
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("url", settings.displayUrl()).withDetail("database", settings.database());
        String version = jdbc.queryForObject("SELECT version()", String.class);
        String latest = jdbc.queryForObject("SELECT toString(max(month)) FROM kpi_monthly WHERE scope_type = 'national'",
                String.class);
        builder.up().withDetail("version", version).withDetail("latestMonth", latest);
    }
}
