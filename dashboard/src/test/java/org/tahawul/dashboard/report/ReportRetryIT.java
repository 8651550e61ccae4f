package org.tahawul.dashboard.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.warehouse.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduling and retries without a real browser: the configured "Chromium" is a script that fails at
 * start, so every attempt fails the way a crashed browser does. A cron firing every second queues
 * runs of the last complete month in Riyadh; each is tried three times with backoff and recorded as
 * failed with the last attempt's error; two runs of one definition never render at the same time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.cache.check-interval=1h", "tahawul.reports.backoff=100ms", "tahawul.reports.attempts=3",
        "tahawul.reports.definitions[0].id=every-second", "tahawul.reports.definitions[0].title-ar=كل ثانية",
        "tahawul.reports.definitions[0].title-en=Every second", "tahawul.reports.definitions[0].cron=* * * * * *",
        "tahawul.reports.definitions[1].id=on-demand", "tahawul.reports.definitions[1].title-ar=عند الطلب",
        "tahawul.reports.definitions[1].title-en=On demand", "tahawul.reports.definitions[1].cron=-"})
@DirtiesContext
class ReportRetryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        Path browser = Files.createTempFile("broken-chromium", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(browser, "#!/bin/sh\necho 'broken browser: cannot start' >&2\nexit 3\n");
        registry.add("tahawul.clickhouse.url", () -> db.settings().url());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
        registry.add("tahawul.reports.chromium", browser::toString);
        registry.add("tahawul.reports.archive", () -> browser.getParent().resolve("reports-retry-it").toString());
    }

    @Autowired
    ReportRunRepository repository;
    @Autowired
    ReportRuns runs;
    @Autowired
    ReportDefinitions definitions;

    private ReportRun awaitFinished(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<ReportRun> run;
        do {
            Thread.sleep(100);
            run = repository.find(runId);
        } while ((run.isEmpty() || !run.get().finished()) && System.nanoTime() < deadline);
        return run.orElseThrow();
    }

    @Test
    void theCronFiresARunThatIsRetriedWithBackoffAndRecordedAsFailedAfterTheLastAttempt() throws Exception {
        ReportRun fired = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fired == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            fired = repository.unfinished().stream().filter(r -> r.definition().equals("every-second")).findFirst()
                    .orElse(null);
        }
        assertThat(fired).as("a run queued by the cron").isNotNull();
        assertThat(fired.trigger()).isEqualTo(ReportRuns.SCHEDULE);
        assertThat(fired.requestedBy()).isEqualTo("scheduler");
        assertThat(fired.period()).isEqualTo(YearMonth.now(DataCalendar.RIYADH).minusMonths(1).toString());

        ReportRun failed = awaitFinished(fired.runId());
        assertThat(failed.state()).isEqualTo(ReportRun.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).startsWith("attempt 3: Chromium exited with code 3 at start")
                .contains("broken browser: cannot start");
        assertThat(failed.finishedAt()).isAfterOrEqualTo(failed.startedAt());
        assertThat(Duration.between(failed.createdAt(), failed.finishedAt())).as("backoff 100 ms, then 200 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE action = 'report_run' AND outcome = 'failure' "
                + "AND username = 'scheduler' AND target = '/api/reports/runs/" + fired.runId() + "'")).isEqualTo(1);
    }

    @Test
    void oneDefinitionRendersOneReportAtATime() throws Exception {
        ReportDefinition onDemand = definitions.require("on-demand");
        ReportRun first = runs.submit(onDemand, ReportPeriods.parse("2024-04"), "ar", ReportRuns.MANUAL, "analyst");
        ReportRun second = runs.submit(onDemand, ReportPeriods.parse("2024-05"), "ar", ReportRuns.MANUAL, "analyst");
        assertThat(runs.submit(onDemand, ReportPeriods.parse("2024-05"), "ar", ReportRuns.MANUAL, "admin").runId())
                .as("the same report asked again while queued is the same run").isEqualTo(second.runId());
        ReportRun a = awaitFinished(first.runId());
        ReportRun b = awaitFinished(second.runId());
        assertThat(List.of(a.state(), b.state())).containsOnly(ReportRun.FAILED);
        assertThat(b.startedAt()).as("the second run's first attempt starts after the first run has finished")
                .isAfterOrEqualTo(a.finishedAt());
    }
}
