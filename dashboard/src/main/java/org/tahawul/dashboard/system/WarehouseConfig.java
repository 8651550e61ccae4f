package org.tahawul.dashboard.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tahawul.warehouse.ClickHouseSettings;

import javax.sql.DataSource;

/** The Hikari pool over the official ClickHouse JDBC driver (jdbc-v2); scheduling for the cache and bootstrap checks. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WarehouseConfig {

    @Bean
    ClickHouseSettings clickHouseSettings(WarehouseProperties properties) {
        return properties.settings();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(ClickHouseSettings settings, WarehouseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("clickhouse");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.addDataSourceProperty("database", settings.database());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(Math.min(2, properties.poolSize()));
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(2000, properties.connectTimeout().toMillis()));
        // start even when ClickHouse is down: pages say so and recover when it is back
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(false);
        return new HikariDataSource(config);
    }
}
