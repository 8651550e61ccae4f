package org.tahawul.dashboard.report;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.WarehouseBootstrap;
import org.tahawul.dashboard.system.WarehouseProperties;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fires every definition's cron in its time zone (a run of the last complete month, quarter or year
 * in that zone, trigger {@code schedule}), and once the warehouse is ready after a start, re-runs
 * the runs a previous process left queued or running (schedule and manual runs; a {@code bin/report}
 * run belongs to its command). A cron that cannot queue its run (the warehouse is away) tries again
 * with the runs' backoff. Off with {@code tahawul.reports.schedule=false} ({@code bin/report}).
 */
@Component
class ReportScheduler implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportDefinitions definitions;
    private final ReportRuns runs;
    private final ReportRunRepository repository;
    private final ReportProperties properties;
    private final WarehouseProperties warehouse;
    private final WarehouseBootstrap bootstrap;
    private final AtomicBoolean resumed = new AtomicBoolean();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "report-cron-retry");
        t.setDaemon(true);
        return t;
    });
    private final java.util.Set<String> resumedRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ReportScheduler(ReportDefinitions definitions, ReportRuns runs, ReportRunRepository repository,
                    ReportProperties properties, WarehouseProperties warehouse, WarehouseBootstrap bootstrap) {
        this.definitions = definitions;
        this.runs = runs;
        this.repository = repository;
        this.properties = properties;
        this.warehouse = warehouse;
        this.bootstrap = bootstrap;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!properties.schedule()) {
            return;
        }
        for (ReportDefinition definition : definitions.all()) {
            if (definition.scheduled()) {
                ZoneId zone = ZoneId.of(definition.zone());
                registrar.addTriggerTask(() -> fire(definition), new CronTrigger(definition.cron(), zone));
                LOG.info("report {} scheduled: cron '{}' in {} (next: {})", definition.id(), definition.cron(), zone,
                        next(definition));
            }
        }
    }

    /** The next time a definition's cron fires, in its zone (null when it has no cron). */
    static ZonedDateTime next(ReportDefinition definition) {
        if (!definition.scheduled()) {
            return null;
        }
        ZoneId zone = ZoneId.of(definition.zone());
        return CronExpression.parse(definition.cron()).next(ZonedDateTime.now(zone));
    }

    void fire(ReportDefinition definition) {
        fire(definition, ReportPeriods.lastComplete(definition.period(), ZonedDateTime.now(ZoneId.of(definition.zone()))), 1);
    }

    /** Queues the run; when that fails (the warehouse is away), tries again with the runs' backoff. */
    private void fire(ReportDefinition definition, PeriodSelection period, int attempt) {
        try {
            ReportRun run = runs.submit(definition, period, definition.lang(), ReportRuns.SCHEDULE, "scheduler");
            LOG.info("report {} fired by its cron: run {} for {}", definition.id(), run.runId(), run.period());
        } catch (RuntimeException e) {
            if (attempt < properties.attempts() && !later.isShutdown()) {
                long wait = properties.backoffBefore(attempt + 1).toMillis();
                LOG.warn("report {} could not be queued by its cron (trying again in {} s): {}", definition.id(),
                        wait / 1000.0, e.getMessage());
                later.schedule(() -> fire(definition, period, attempt + 1), wait, TimeUnit.MILLISECONDS);
            } else {
                LOG.error("report {} for {} could not be queued by its cron after {} attempts: {}", definition.id(),
                        period.label(), attempt, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (!warehouse.bootstrap() || bootstrap.done()) {
            resumeInterrupted();
        }
    }

    @EventListener(WarehouseBootstrap.Ready.class)
    void onWarehouseReady() {
        resumeInterrupted();
    }

    /** Until it has succeeded once (the warehouse may be down at start). */
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void retryResume() {
        if (!resumed.get() && (!warehouse.bootstrap() || bootstrap.done())) {
            resumeInterrupted();
        }
    }

    void resumeInterrupted() {
        if (!properties.schedule() || !resumed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (ReportRun run : repository.unfinished()) {
                if (!run.trigger().equals(ReportRuns.CLI) && !runs.active(run.runId()) && resumedRuns.add(run.runId())) {
                    runs.resume(run);
                }
            }
        } catch (RuntimeException e) {
            resumed.set(false);
            LOG.warn("cannot look for interrupted report runs yet (trying again in 30 s): {}", e.getMessage());
        }
    }
}
