package org.tahawul.dashboard.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import org.tahawul.warehouse.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports when things break, with Debian's headless Chromium and a real warehouse:
 * <ul>
 *   <li>the archive folder cannot be written: the run fails at once (before the browser starts), its
 *       report_runs row keeps the error, which names the folder and what is in the way, and the API and
 *       the /reports page show it;</li>
 *   <li>the report page fails on the server (a table it reads is missing, so it answers 503): every
 *       attempt is made with the backoff, the browser is gone after each, and the run is recorded as
 *       failed with the last attempt's error;</li>
 *   <li>the same failure once, then the table is back: the next attempt prints the report.</li>
 * </ul>
 * ReportRetryIT covers the schedule and a browser that cannot start at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.security.demo-users=true", "tahawul.security.demo-password=" + ReportFaultIT.PASSWORD,
        "tahawul.cache.check-interval=1h", "tahawul.reports.backoff=2s", "tahawul.reports.attempts=3",
        "tahawul.reports.definitions[0].id=executive", "tahawul.reports.definitions[0].title-ar=التقرير التنفيذي",
        "tahawul.reports.definitions[0].title-en=Executive report", "tahawul.reports.definitions[0].cron=-"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportFaultIT {

    static final String PASSWORD = "report-fault";
    static final Duration BACKOFF = Duration.ofSeconds(2);
    /** A table the executive report page reads (the targets): renamed away, the page answers 503. */
    static final String TARGETS = "kpi_target_progress";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static Path work;
    /** The archive is {@code <blocked>/reports}: {@code blocked} is what a test puts in the way. */
    static Path blocked;
    static Path archive;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        work = Files.createTempDirectory("tahawul-report-fault-it");
        blocked = work.resolve("blocked");
        archive = blocked.resolve("reports");
        registry.add("tahawul.clickhouse.url", () -> db.settings().url());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
        registry.add("tahawul.reports.archive", () -> archive.toString());
    }

    @BeforeAll
    static void data() throws Exception {
        ReportData.write(db.settings());
    }

    @AfterAll
    static void removeWork() throws IOException {
        unblock();
        delete(work);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void warehouseAndArchiveBack() throws Exception {
        unblock();
        if (db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '"
                + TARGETS + "_away'") > 0) {
            db.execute("RENAME TABLE " + TARGETS + "_away TO " + TARGETS);
        }
    }

    @Test
    @Order(1)
    void anArchiveFolderThatCannotBeWrittenFailsTheRunAtOnceAndTheRunKeepsTheErrorNamingTheFolder() throws Exception {
        String inTheWay = block();
        String runId = start();
        JsonNode run = awaitState(runId, r -> r.path("state").asString().equals("failed"));

        assertThat(run.path("attempts").asInt()).as("not retried: another attempt would not help").isEqualTo(1);
        String error = run.path("error").asString();
        assertThat(error).startsWith("attempt 1: cannot write the PDF into the report archive " + archive
                + " (tahawul.reports.archive, TAHAWUL_REPORTS_DIR): " + blocked + inTheWay);
        assertThat(run.path("file").asString()).isEmpty();
        assertThat(chromiumChildren()).as("the browser never started").isEmpty();
        // the row is kept, with its error, in the list of runs and on the archive page
        JsonNode listed = null;
        for (JsonNode r : json.readTree(get("/api/reports/runs", "leader").body())) {
            listed = r.path("run_id").asString().equals(runId) ? r : listed;
        }
        assertThat(listed).as("run " + runId + " in /api/reports/runs").isNotNull();
        assertThat(listed.path("state").asString()).isEqualTo("failed");
        assertThat(listed.path("error").asString()).isEqualTo(error);
        assertThat(db.queryLong("SELECT count() FROM report_runs FINAL WHERE run_id = '" + runId
                + "' AND state = 'failed' AND error = '" + error.replace("'", "\\'") + "'")).isEqualTo(1);
        assertReportsPageShows(runId, error);
        assertFailureAudited(runId);
    }

    @Test
    @Order(2)
    void aPageThatFailsEveryAttemptIsRetriedWithBackoffThenRecordedAsFailed() throws Exception {
        hideTargets();
        String runId = start();
        JsonNode retrying = awaitState(runId, r -> r.path("state").asString().equals("queued")
                && r.path("attempts").asInt() == 1);
        assertThat(retrying.path("error").asString()).startsWith("attempt 1: the report page answered 503")
                .endsWith("(next attempt in " + BACKOFF.toSeconds() + " s)");

        JsonNode run = awaitState(runId, r -> r.path("state").asString().equals("failed"));
        assertThat(run.path("attempts").asInt()).isEqualTo(3);
        String error = run.path("error").asString();
        assertThat(error).startsWith("attempt 3: the report page answered 503");
        assertThat(Duration.between(time(run, "started_at"), time(run, "finished_at"))).as("backoff 2 s, then 4 s")
                .isGreaterThanOrEqualTo(BACKOFF.multipliedBy(3));
        assertThat(chromiumChildren()).as("each attempt's browser is gone").isEmpty();
        assertReportsPageShows(runId, "attempt 3: the report page answered 503");
        assertFailureAudited(runId);
    }

    @Test
    @Order(3)
    void aPageThatFailsOnceIsPrintedByTheNextAttempt() throws Exception {
        hideTargets();
        String runId = start();
        awaitState(runId, r -> r.path("state").asString().equals("queued") && r.path("attempts").asInt() == 1);
        db.execute("RENAME TABLE " + TARGETS + "_away TO " + TARGETS); // back during the backoff

        JsonNode run = awaitState(runId, r -> r.path("state").asString().matches("succeeded|failed"));
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("attempts").asInt()).isEqualTo(2);
        assertThat(run.path("error").asString()).isEmpty();
        assertThat(archive.resolve(run.path("file").asString())).exists().hasSize(run.path("bytes").asLong());
        assertThat(get("/api/reports/runs/" + runId + "/pdf", "leader").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Puts something in the way of the archive; returns how the error describes it. A folder without
     * write permission stops anyone but root (tests may run as root); a regular file where a folder
     * should be stops root too.
     */
    static String block() throws IOException {
        unblock();
        delete(blocked);
        Files.createDirectory(blocked);
        Files.setPosixFilePermissions(blocked, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(blocked)) {
            return " is not writable by user " + System.getProperty("user.name");
        }
        unblock();
        Files.delete(blocked);
        Files.createFile(blocked);
        return " is a file, not a folder";
    }

    /** The archive's parent a folder again (a writable one: later tests keep their PDFs in it). */
    static void unblock() throws IOException {
        if (Files.isDirectory(blocked)) {
            Files.setPosixFilePermissions(blocked, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.deleteIfExists(blocked);
        }
    }

    static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Chromium processes started by the app (this JVM) that are still there. */
    static List<String> chromiumChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("chromium") || c.contains("chrome")).toList();
    }

    private String start() throws Exception {
        HttpResponse<String> answer = http.send(request("/api/reports/executive/runs?period=2024-05&lang=en", "analyst")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body()).path("run_id").asString();
    }

    private JsonNode awaitState(String runId, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode run;
        do {
            Thread.sleep(100);
            run = json.readTree(get("/api/reports/runs/" + runId, "leader").body());
        } while (!done.test(run) && System.nanoTime() < deadline);
        assertThat(done.test(run)).as("run %s reached the awaited state: %s", runId, run).isTrue();
        return run;
    }

    /** The report page reads the targets: without the table it answers 503 (the warehouse failed). */
    static void hideTargets() throws Exception {
        db.execute("RENAME TABLE " + TARGETS + " TO " + TARGETS + "_away");
    }

    static void assertFailureAudited(String runId) throws Exception {
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE action = 'report_run' AND outcome = 'failure'"
                + " AND target = '/api/reports/runs/" + runId + "'")).isEqualTo(1);
    }

    /** A time of the API's run (as ClickHouse prints it, UTC). */
    private static LocalDateTime time(JsonNode run, String field) {
        return LocalDateTime.parse(run.path(field).asString().replace(' ', 'T'));
    }

    private void assertReportsPageShows(String runId, String error) throws Exception {
        HttpResponse<String> page = get("/reports", "analyst");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-run=\"" + runId + "\" data-state=\"failed\"")
                .contains(HtmlUtils.htmlEscape(error));
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return http.send(request(path, user).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
