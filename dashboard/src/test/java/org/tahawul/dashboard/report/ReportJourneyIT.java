package org.tahawul.dashboard.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tahawul.warehouse.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.awt.geom.Point2D;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports end to end, with Debian's headless Chromium: the app renders its own report pages to PDF,
 * archives them and serves them; the PDFs are read back with PDFBox (pages, extracted Arabic and
 * English text, the national digital adoption of kpi_monthly as the page formats it, vector charts).
 * Also: a run left running by a "previous process" is resumed at start, a period without data fails
 * at once with the reason, and agency staff read only their agency's reports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.security.demo-users=true", "tahawul.security.demo-password=" + ReportJourneyIT.PASSWORD,
        "tahawul.cache.check-interval=1h", "tahawul.reports.backoff=200ms",
        "tahawul.reports.definitions[0].id=executive", "tahawul.reports.definitions[0].title-ar=التقرير التنفيذي للتحول الرقمي",
        "tahawul.reports.definitions[0].title-en=Executive report", "tahawul.reports.definitions[0].cron=-",
        "tahawul.reports.definitions[1].id=agency-moh", "tahawul.reports.definitions[1].title-ar=تقرير وزارة الصحة",
        "tahawul.reports.definitions[1].title-en=Ministry of Health digital report",
        "tahawul.reports.definitions[1].template=agency", "tahawul.reports.definitions[1].scope=MOH",
        "tahawul.reports.definitions[1].lang=en", "tahawul.reports.definitions[1].cron=-"})
@DirtiesContext
class ReportJourneyIT {

    static final String PASSWORD = "report-journey";
    static final String INTERRUPTED = "0badc0de-0000-4000-8000-000000000001";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static Path archive;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        archive = Files.createTempDirectory("tahawul-reports-it");
        registry.add("tahawul.clickhouse.url", () -> db.settings().url());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
        registry.add("tahawul.reports.archive", () -> archive.toString());
    }

    @BeforeAll
    static void data() throws Exception {
        ReportData.write(db.settings());
        // a run the "previous process" had started when it stopped
        db.execute("INSERT INTO report_runs (run_id, definition, period, lang, scope_code, trigger, state, attempts, "
                + "requested_by, created_at, started_at, updated_at) VALUES ('" + INTERRUPTED + "', 'executive', "
                + "'2024-04', 'en', 'ALL', 'manual', 'running', 1, 'analyst', now64(3) - 60, now64(3) - 50, now64(3) - 50)");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode start(String definition, String query, String user) throws Exception {
        HttpResponse<String> answer = http.send(request("/api/reports/" + definition + "/runs?" + query, user)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body());
    }

    private JsonNode awaitFinished(String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode run;
        do {
            Thread.sleep(250);
            run = json.readTree(http.send(request("/api/reports/runs/" + runId, "leader").build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!run.path("state").asString().matches("succeeded|failed") && System.nanoTime() < deadline);
        return run;
    }

    private byte[] download(String runId, String user, int status) throws Exception {
        HttpResponse<byte[]> pdf = http.send(request("/api/reports/runs/" + runId + "/pdf", user).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).as(runId + " for " + user).isEqualTo(status);
        return pdf.body();
    }

    @Test
    void theExecutiveReportPrintsTheNationalPictureInArabicWithItsChartsAsRealTextAndVectors() throws Exception {
        JsonNode queued = start("executive", "period=2024-05", "analyst");
        assertThat(queued.path("state").asString()).isEqualTo("queued");
        JsonNode run = awaitFinished(queued.path("run_id").asString());
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("attempts").asInt()).isEqualTo(1);
        assertThat(run.path("trigger").asString()).isEqualTo("manual");
        Path file = archive.resolve(run.path("file").asString());
        assertThat(file).exists().hasSize(run.path("bytes").asLong());

        byte[] bytes = download(run.path("run_id").asString(), "leader", 200);
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2).isEqualTo(run.path("pages").asInt());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("التقرير التنفيذي للتحول الرقمي", "التبنّي الرقمي الوطني", "مايو ٢٠٢٤");
            // the national digital adoption of kpi_monthly for 2024-05, formatted as the page formats it
            double adoption = Double.parseDouble(query("SELECT digital_adoption FROM kpi_monthly WHERE scope_type = 'national' "
                    + "AND month = '2024-05-01'"));
            assertThat(adoption).isEqualTo(ReportData.ADOPTION_2024_05);
            NumberFormat percent = NumberFormat.getPercentInstance(Locale.forLanguageTag("ar-SA"));
            percent.setMinimumFractionDigits(1);
            percent.setMaximumFractionDigits(1);
            assertThat(text).contains(percent.format(adoption)).contains("٧٣٫٤");
            // page header and footer on every page
            assertThat(text).contains("صفحة 1 من " + pdf.getNumberOfPages(), "صفحة 2 من " + pdf.getNumberOfPages(), "أُنشئ في");
            // the charts: their labels are text (legend, target lines), their lines and bars vector paths
            assertThat(text).contains("الفعلي", "المستهدف", "المرحلة ٤");
            assertThat(vectorPaths(pdf)).isGreaterThan(500);
        }
        assertThat(count("action = 'report_request' AND username = 'analyst'")).isEqualTo(1);
        assertThat(count("action = 'report_download' AND username = 'leader' AND outcome = 'ok'")).isEqualTo(1);
        assertThat(count("action = 'report_run' AND outcome = 'ok' AND target LIKE '%" + run.path("run_id").asString() + "'"))
                .isEqualTo(1);
    }

    @Test
    void theAgencyReportInEnglishIsReadByItsAgencyOnly() throws Exception {
        JsonNode run = awaitFinished(start("agency-moh", "period=2024-05", "admin").path("run_id").asString());
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("lang").asString()).isEqualTo("en");
        assertThat(run.path("scope_code").asString()).isEqualTo("MOH");
        String id = run.path("run_id").asString();
        try (PDDocument pdf = Loader.loadPDF(download(id, "agency-moh", 200))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Ministry of Health digital report", "May 2024", "Ministry of Health (MOH)",
                    "Primary care appointment booking (Sehhaty)", "Mobile app", "Page 1 of " + pdf.getNumberOfPages());
            assertThat(text).doesNotContain("Ministry of Interior");
        }
        download(id, "agency-moi", 403);
        HttpResponse<String> moiList = http.send(request("/api/reports/runs", "agency-moi").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moiList.body()).doesNotContain(id);
        HttpResponse<String> mohList = http.send(request("/api/reports/runs", "agency-moh").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mohList.body()).contains(id).doesNotContain("\"scope_code\":\"ALL\"");
        HttpResponse<String> refused = http.send(request("/api/reports/agency-moh/runs", "agency-moh")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aRunInterruptedByARestartIsResumedUnderItsOwnId() throws Exception {
        JsonNode run = awaitFinished(INTERRUPTED);
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("attempts").asInt()).as("the interrupted attempt counts").isEqualTo(2);
        assertThat(run.path("lang").asString()).isEqualTo("en");
        assertThat(run.path("error").asString()).isEmpty();
        try (PDDocument pdf = Loader.loadPDF(download(INTERRUPTED, "analyst", 200))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Executive report", "April 2024");
        }
    }

    @Test
    void aPeriodWithoutDataFailsAtOnceSayingWhy() throws Exception {
        JsonNode run = awaitFinished(start("executive", "period=2019-Q1&lang=en", "analyst").path("run_id").asString());
        assertThat(run.path("state").asString()).isEqualTo("failed");
        assertThat(run.path("attempts").asInt()).as("not worth retrying").isEqualTo(1);
        assertThat(run.path("error").asString()).contains("answered 404", "no KPIs of national for 2019-Q1",
                "from 2023-01 to 2024-05");
        download(run.path("run_id").asString(), "analyst", 409);
        assertThat(count("action = 'report_run' AND outcome = 'failure'")).isEqualTo(1);
    }

    private String query(String sql) throws Exception {
        try (var connection = db.connect(); var statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String where) throws Exception {
        return db.queryLong("SELECT count() FROM audit_log WHERE " + where);
    }

    /** Stroked and filled paths of every page: the charts are vector drawings, not pictures. */
    private static int vectorPaths(PDDocument pdf) throws Exception {
        int[] paths = {0};
        for (PDPage page : pdf.getPages()) {
            new PDFGraphicsStreamEngine(page) {
                @Override public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) { }
                @Override public void drawImage(PDImage pdImage) { }
                @Override public void clip(int windingRule) { }
                @Override public void moveTo(float x, float y) { }
                @Override public void lineTo(float x, float y) { }
                @Override public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) { }
                @Override public Point2D getCurrentPoint() { return new Point2D.Float(); }
                @Override public void closePath() { }
                @Override public void endPath() { }
                @Override public void strokePath() { paths[0]++; }
                @Override public void fillPath(int windingRule) { paths[0]++; }
                @Override public void fillAndStrokePath(int windingRule) { paths[0]++; }
                @Override public void shadingFill(COSName shadingName) { }

                void run() throws java.io.IOException {
                    processPage(getPage());
                }
            }.run();
        }
        return paths[0];
    }
}
