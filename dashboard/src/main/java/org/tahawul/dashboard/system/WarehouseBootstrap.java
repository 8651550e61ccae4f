package org.tahawul.dashboard.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Migrator;
import org.tahawul.warehouse.ReferenceTables;
import org.tahawul.warehouse.SchemaLayout;

import java.sql.Connection;

/**
 * Makes a fresh ClickHouse usable without another tool (no Flyway): at start it applies the
 * warehouse migrations and, when {@code ref_agencies} is empty, loads the shipped reference data.
 * When ClickHouse is down it tries again every 15 s until it succeeds, so the dashboard starts
 * anyway and works once the warehouse is there. Off with {@code tahawul.clickhouse.bootstrap=false}.
 */
@Component
public class WarehouseBootstrap {

    /** Published once the schema and the reference tables are in place. */
    public record Ready(boolean referenceLoaded) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseBootstrap.class);

    private final ClickHouseSettings settings;
    private final WarehouseProperties properties;
    private final DataVersionWatcher watcher;
    private final ApplicationEventPublisher events;
    private volatile boolean done;
    private volatile String lastError;

    WarehouseBootstrap(ClickHouseSettings settings, WarehouseProperties properties, DataVersionWatcher watcher,
                       ApplicationEventPublisher events) {
        this.settings = settings;
        this.properties = properties;
        this.watcher = watcher;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        if (!properties.bootstrap()) {
            done = true;
            return;
        }
        attempt();
    }

    @Scheduled(fixedDelay = 15_000, initialDelay = 15_000)
    void retry() {
        if (!done && properties.bootstrap()) {
            attempt();
        }
    }

    synchronized void attempt() {
        if (done) {
            return;
        }
        try {
            Migrator.Result result = new Migrator(settings, SchemaLayout.fromEnvironment()).migrate();
            if (!result.applied().isEmpty()) {
                LOG.info("warehouse {} at {}: applied {} migration(s)", settings.database(), settings.displayUrl(),
                        result.applied().size());
            }
            boolean load;
            try (Connection connection = settings.connect()) {
                load = Jdbc.queryLong(connection, "SELECT count() FROM ref_agencies") == 0;
            }
            if (load) {
                long rows = ReferenceTables.load(settings, ReferenceData.loadDefault());
                LOG.info("loaded the shipped reference data into {} ({} rows)", settings.database(), rows);
            }
            done = true;
            lastError = null;
            watcher.clear();
            events.publishEvent(new Ready(load));
        } catch (Exception e) {
            String message = ErrorHandling.rootMessage(e);
            if (!message.equals(lastError)) {
                LOG.warn("warehouse bootstrap failed (retrying every 15 s): {}", message);
            }
            lastError = message;
        }
    }

    public boolean done() {
        return done;
    }
}
