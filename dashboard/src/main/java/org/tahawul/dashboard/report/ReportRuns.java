package org.tahawul.dashboard.report;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tahawul.dashboard.system.AuditLog;
import org.tahawul.dashboard.system.PeriodSelection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs reports: a run is queued ({@code report_runs} row), then rendered on its definition's own
 * thread, so one definition renders one report at a time while different definitions run side by
 * side. A failed attempt is retried after a backoff (30 s, then 60 s) up to
 * {@code tahawul.reports.attempts}; a failure that another attempt cannot fix (no data for the
 * period, no browser) fails at once. Every state change is a new row, every outcome an audit entry.
 * A run interrupted by a stop is left queued or running and resumed at the next start
 * ({@link ReportScheduler}).
 */
@Component
public class ReportRuns {

    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";
    public static final String CLI = "cli";

    private static final Logger LOG = LoggerFactory.getLogger(ReportRuns.class);

    private final ReportDefinitions definitions;
    private final ReportRunRepository repository;
    private final ReportRenderer renderer;
    private final ReportArchive archive;
    private final RenderTokens tokens;
    private final ReportTexts texts;
    private final ReportProperties properties;
    private final AuditLog audit;
    private final Environment environment;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    /** definition|period|lang → run id of a run queued or running in this process. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    ReportRuns(ReportDefinitions definitions, ReportRunRepository repository, ReportRenderer renderer,
               ReportArchive archive, RenderTokens tokens, ReportTexts texts, ReportProperties properties, AuditLog audit,
               Environment environment) {
        this.definitions = definitions;
        this.repository = repository;
        this.renderer = renderer;
        this.archive = archive;
        this.tokens = tokens;
        this.texts = texts;
        this.properties = properties;
        this.audit = audit;
        this.environment = environment;
    }

    /**
     * Queues a run and returns it at once; the render happens on the definition's thread. When the same
     * report (definition, period, language) is already queued or running here, that run is returned.
     */
    ReportRun submit(ReportDefinition definition, PeriodSelection period, String lang, String trigger, String requestedBy) {
        String key = definition.id() + "|" + period.label() + "|" + lang;
        synchronized (inFlight) {
            String existing = inFlight.get(key);
            if (existing != null) {
                Optional<ReportRun> run = repository.find(existing);
                if (run.isPresent() && !run.get().finished()) {
                    return run.get();
                }
            }
            ReportRun run = new ReportRun(UUID.randomUUID().toString(), definition.id(), period.label(), lang,
                    definition.scopeCode(), trigger, ReportRun.QUEUED, 0, requestedBy, "", 0, 0, "", Instant.now(), null, null);
            repository.save(run);
            inFlight.put(key, run.runId());
            enqueue(run, definition, period, key);
            return run;
        }
    }

    /** Whether a run is queued or running in this process (else, when unfinished, a previous process left it). */
    boolean active(String runId) {
        synchronized (inFlight) {
            return inFlight.containsValue(runId);
        }
    }

    /** Queues again a run a previous process left queued or running (same id; its attempts go on counting). */
    void resume(ReportRun interrupted) {
        ReportDefinition definition = definitions.find(interrupted.definition()).orElse(null);
        if (definition == null) {
            repository.save(interrupted.failed("interrupted by a restart, and the definition '" + interrupted.definition()
                    + "' no longer exists", Instant.now()));
            return;
        }
        PeriodSelection period = ReportPeriods.parse(interrupted.period());
        String key = definition.id() + "|" + period.label() + "|" + interrupted.lang();
        ReportRun queued = interrupted.retrying("resumed after a restart interrupted it");
        synchronized (inFlight) {
            repository.save(queued);
            inFlight.put(key, queued.runId());
        }
        LOG.info("resuming report run {} ({} {} {}) left {} by a previous process", queued.runId(), definition.id(),
                period.label(), queued.lang(), interrupted.state());
        enqueue(queued, definition, period, key);
    }

    /** {@code bin/report}: renders now on this thread, writes {@code out}, returns the last state. */
    ReportRun runNow(ReportDefinition definition, PeriodSelection period, String lang, Path out, String requestedBy,
                     Consumer<String> progress) {
        ReportRun run = new ReportRun(UUID.randomUUID().toString(), definition.id(), period.label(), lang,
                definition.scopeCode(), CLI, ReportRun.QUEUED, 0, requestedBy, out.toAbsolutePath().toString(), 0, 0, "",
                Instant.now(), null, null);
        repository.save(run);
        return execute(run, definition, period, out, progress);
    }

    private void enqueue(ReportRun run, ReportDefinition definition, PeriodSelection period, String key) {
        lanes.computeIfAbsent(definition.id(), id -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "report-" + id);
            t.setDaemon(true);
            return t;
        })).execute(() -> {
            try {
                execute(run, definition, period, null, step -> LOG.debug("report {}: {}", run.runId(), step));
            } finally {
                inFlight.remove(key, run.runId());
            }
        });
    }

    /** The attempts of one run; {@code out} null: into the archive. */
    private ReportRun execute(ReportRun queued, ReportDefinition definition, PeriodSelection period, Path out,
                              Consumer<String> progress) {
        ReportRun run = queued;
        int first = queued.attempts();
        for (int i = 1; i <= properties.attempts(); i++) {
            run = run.running(first + i, Instant.now());
            repository.save(run);
            long started = System.nanoTime();
            try {
                String outFolder = out == null ? null : "the folder of --out " + out.toAbsolutePath();
                if (out == null) {
                    archive.checkWritable(run);
                } else {
                    ReportArchive.checkFolder(out.toAbsolutePath().getParent(), outFolder);
                }
                ReportRenderer.Rendered rendered = renderOnce(definition, period, run.lang(), progress);
                String file;
                if (out == null) {
                    file = archive.store(run, rendered.pdf());
                } else {
                    ReportArchive.write(out, rendered.pdf(), outFolder);
                    file = out.toAbsolutePath().toString();
                }
                run = run.succeeded(file, rendered.pdf().length, rendered.pages(), Instant.now());
                repository.save(run);
                for (String warning : rendered.warnings()) {
                    LOG.warn("report {} ({} {}): {}", run.runId(), definition.id(), period.label(), warning);
                    progress.accept("warning: " + warning);
                }
                LOG.info("report {} {} {} ({}): {} pages, {} bytes, {} charts in {} ms ({})", definition.id(),
                        period.label(), run.lang(), run.trigger(), rendered.pages(), rendered.pdf().length, rendered.charts(),
                        (System.nanoTime() - started) / 1_000_000, rendered.timings());
                progress.accept("took " + rendered.timings());
                record(run, "ok", rendered.pages() + " pages, " + rendered.pdf().length + " bytes, attempt " + run.attempts());
                return run;
            } catch (RuntimeException e) {
                RenderException failure = e instanceof RenderException r ? r
                        : new RenderException("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
                String message = "attempt " + run.attempts() + ": " + failure.getMessage();
                if (!failure.retryable() || i == properties.attempts() || Thread.currentThread().isInterrupted()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return run; // stopping: left running, resumed at the next start
                    }
                    run = run.failed(message, Instant.now());
                    repository.save(run);
                    LOG.warn("report {} {} {} failed after {} attempt(s): {}", definition.id(), period.label(),
                            run.lang(), run.attempts(), failure.getMessage());
                    record(run, "failure", message);
                    return run;
                }
                Duration wait = properties.backoffBefore(i + 1);
                run = run.retrying(message + " (next attempt in " + wait.toSeconds() + " s)");
                repository.save(run);
                LOG.warn("report {} {} {} attempt {} failed, retrying in {} s: {}", definition.id(), period.label(),
                        run.lang(), run.attempts(), wait.toMillis() / 1000.0, failure.getMessage());
                progress.accept("attempt " + run.attempts() + " failed: " + failure.getMessage() + "; next attempt in "
                        + wait.toMillis() / 1000.0 + " s");
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return run; // stopping: left queued, resumed at the next start
                }
            }
        }
        return run;
    }

    private ReportRenderer.Rendered renderOnce(ReportDefinition definition, PeriodSelection period, String lang,
                                               Consumer<String> progress) {
        Locale locale = ReportTexts.locale(lang);
        String title = definition.title(locale);
        String periodText = texts.period(period, locale);
        String generated = texts.generatedAt(ZonedDateTime.now(ZoneId.of(definition.zone())), locale);
        String token = tokens.issue(definition.agencyCode(), properties.timeout().multipliedBy(3));
        try {
            String url = baseUrl() + "/reports/" + definition.id() + "/print?period=" + period.label() + "&lang=" + lang;
            return renderer.render(new ReportRenderer.Job(url, Map.of(RenderTokens.HEADER, token), lang,
                    texts.headerTemplate(title, periodText, locale), texts.footerTemplate(generated, locale),
                    properties.timeout(), progress));
        } finally {
            tokens.revoke(token);
        }
    }

    /** Where the browser finds this app: {@code tahawul.reports.base-url}, else loopback and the server's port. */
    String baseUrl() {
        if (!properties.baseUrl().isEmpty()) {
            return properties.baseUrl().replaceAll("/+$", "");
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new RenderException("the web server has not started, so the browser has no page to print", true);
        }
        return "http://127.0.0.1:" + port + environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
    }

    private void record(ReportRun run, String outcome, String detail) {
        audit.record(run.requestedBy(), "", "report_run", "/api/reports/runs/" + run.runId(), outcome,
                run.definition() + " " + run.period() + " " + run.lang() + " (" + run.trigger() + "): " + detail);
    }

    /** Interrupts the renders on a stop; their runs stay queued or running and are resumed at the next start. */
    @PreDestroy
    void stop() {
        lanes.values().forEach(ExecutorService::shutdownNow);
        for (ExecutorService lane : lanes.values()) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
