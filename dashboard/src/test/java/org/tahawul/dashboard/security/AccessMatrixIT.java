package org.tahawul.dashboard.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access control of the running app over real HTTP, against the test ClickHouse (OWASP ASVS level 2
 * spirit): every mapped page and endpoint × anonymous, LEADERSHIP, ANALYST, AGENCY and ADMIN with the
 * status each must get (and a check that no mapping is missing from the matrix); agency staff trying
 * another agency through every parameter and path; CSRF on session-authenticated state changes; the
 * security headers and the session cookie; SQL and markup in every parameter and in reference names;
 * and the sign-in throttle.
 *
 * <p>The data: MOH (the AGENCY user's own agency) and MOI (the other one) with KPIs, maturity, events,
 * targets and archived reports. MOI's values carry markers ({@link #MOI_MARKERS}) that must never reach
 * agency-moh, and MOI's names are markup that every page must escape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.security.demo-users=true", "tahawul.security.demo-password=" + AccessMatrixIT.PASSWORD,
        "tahawul.security.login-throttle.max-failures=3", "tahawul.security.login-throttle.lockout=10m",
        "tahawul.cache.check-interval=1h",
        // a run request is queued and fails at once (no browser): the matrix checks who may ask, not the PDF
        "tahawul.reports.chromium=/nonexistent/chromium", "tahawul.reports.schedule=false",
        "tahawul.reports.definitions[0].id=executive", "tahawul.reports.definitions[0].title-ar=التقرير التنفيذي",
        "tahawul.reports.definitions[0].title-en=Executive report", "tahawul.reports.definitions[0].cron=-",
        "tahawul.reports.definitions[1].id=agency-moh", "tahawul.reports.definitions[1].title-ar=تقرير وزارة الصحة",
        "tahawul.reports.definitions[1].title-en=Ministry of Health report", "tahawul.reports.definitions[1].template=agency",
        "tahawul.reports.definitions[1].scope=MOH", "tahawul.reports.definitions[1].cron=-",
        "tahawul.reports.definitions[2].id=agency-moi", "tahawul.reports.definitions[2].title-ar=تقرير وزارة الداخلية",
        "tahawul.reports.definitions[2].title-en=Ministry of Interior report", "tahawul.reports.definitions[2].template=agency",
        "tahawul.reports.definitions[2].scope=MOI", "tahawul.reports.definitions[2].cron=-"})
class AccessMatrixIT {

    static final String PASSWORD = "matrix-secret";
    static final String MARKUP_AGENCY = "<img src=x onerror=alert(1)>";
    static final String MARKUP_SERVICE = "<script>alert(2)</script>";
    static final String RUN_MOH = "a0000000-0000-4000-8000-000000000001";
    static final String RUN_MOI = "a0000000-0000-4000-8000-000000000002";
    static final String RUN_NATIONAL = "a0000000-0000-4000-8000-000000000003";
    /** Values only MOI's rows hold: agency-moh must never receive them. */
    static final List<String> MOI_MARKERS = List.of("987654", "0.4321", "onerror", "alert(2)", RUN_MOI);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static final Path archive = tempArchive();

    static Path tempArchive() {
        try {
            return Files.createTempDirectory("tahawul-access-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("tahawul.clickhouse.url", () -> db.settings().url());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
        registry.add("tahawul.reports.archive", () -> archive.toString());
    }

    @BeforeAll
    static void data() throws Exception {
        KpiData data = KpiData.in(db.settings()).reference();
        for (String month : List.of("2024-04", "2024-05")) {
            data.monthly("national", "ALL", month, Map.of("transactions", 100_000L, "digital_adoption", 0.7,
                            "completion_rate", 0.8, "satisfaction_rate", 0.75, "eservice_coverage", 0.85, "csat", 4.1))
                    .monthly("agency", "MOH", month, Map.of("transactions", 5_000L, "digital_adoption", 0.8))
                    .monthly("agency", "MOI", month, Map.of("transactions", 987_654L, "digital_adoption", 0.4321))
                    .monthly("service", "MOH-APPOINTMENT", month, Map.of("transactions", 1_500L, "digital_adoption", 0.9))
                    .monthly("service", "MOI-NID-RENEW", month, Map.of("transactions", 987_654L, "digital_adoption", 0.4321))
                    .maturity("MOH", month, 3, 70.0, 0.8, 0.8, 0.8)
                    .maturity("MOI", month, 2, 43.21, 0.4321, 0.4321, 0.4321);
            for (int stage = 1; stage <= 4; stage++) {
                data.monthly("stage", String.valueOf(stage), month, Map.of("transactions", 1_000L * stage,
                        "digital_adoption", 0.2 * stage));
            }
        }
        data.events("MOH", "MOH-APPOINTMENT", "2024-05", "mobile", true, "completed", null, 3)
                .events("MOH", "MOH-APPOINTMENT", "2024-05", "mobile", true, "rated", 5, 2)
                .events("MOI", "MOI-NID-RENEW", "2024-05", "web", true, "completed", null, 4)
                .events("MOI", "MOI-NID-RENEW", "2024-05", "web", true, "rated", 1, 2)
                .progress("digital_adoption", "national", "ALL", 2030, 0.9, 0.7, 0.88, "at_risk", "2024-05")
                .progress("digital_adoption", "agency", "MOH", 2030, 0.95, 0.8, 0.9, "at_risk", "2024-05")
                .progress("digital_adoption", "agency", "MOI", 2030, 0.95, 0.4321, 0.4321, "off_track", "2024-05")
                .progress("digital_adoption", "service", "MOI-NID-RENEW", 2030, 0.95, 0.4321, 0.4321, "off_track", "2024-05")
                .jobRun("run-1", Instant.parse("2024-06-01T00:00:00Z"))
                .write();
        // agency and service targets (the shipped reference has national and stage ones only)
        db.execute("INSERT INTO ref_targets (kpi, scope_type, scope_code, target_year, target, baseline_year, baseline, source) "
                + "VALUES ('digital_adoption', 'agency', 'MOH', 2030, 0.95, 2019, 0.5, 'test'), "
                + "('digital_adoption', 'agency', 'MOI', 2030, 0.95, 2019, 0.4321, 'test'), "
                + "('digital_adoption', 'service', 'MOI-NID-RENEW', 2030, 0.95, 2019, 0.4321, 'test')");
        // reference names with markup: pages must show them as text
        db.execute("ALTER TABLE ref_agencies UPDATE name_ar = '" + MARKUP_AGENCY + "', name_en = '" + MARKUP_AGENCY
                + "' WHERE agency_code = 'MOI' SETTINGS mutations_sync = 2");
        db.execute("ALTER TABLE ref_services UPDATE name_ar = '" + MARKUP_SERVICE + "', name_en = '" + MARKUP_SERVICE
                + "' WHERE service_code = 'MOI-NID-RENEW' SETTINGS mutations_sync = 2");
        // archived reports of MOH, MOI and the nation, each with its PDF
        for (String[] run : List.of(new String[] {RUN_MOH, "agency-moh", "MOH"}, new String[] {RUN_MOI, "agency-moi", "MOI"},
                new String[] {RUN_NATIONAL, "executive", "ALL"})) {
            String file = run[1] + "/2024-05/" + run[1] + "_2024-05_ar.pdf";
            Files.createDirectories(archive.resolve(file).getParent());
            Files.writeString(archive.resolve(file), "%PDF-1.4 test report " + run[2]);
            db.execute("INSERT INTO report_runs (run_id, definition, period, lang, scope_code, trigger, state, attempts, "
                    + "requested_by, file, bytes, pages, created_at, started_at, finished_at, updated_at) VALUES ('" + run[0]
                    + "', '" + run[1] + "', '2024-05', 'ar', '" + run[2] + "', 'manual', 'succeeded', 1, 'analyst', '" + file
                    + "', 30, 1, now64(3) - 60, now64(3) - 50, now64(3) - 40, now64(3) - 40)");
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    // ------------------------------------------------------------------ the matrix

    /** The callers, in the order of the matrix's columns. */
    static final List<String> WHO = List.of("anonymous", "leader", "analyst", "agency-moh", "admin");

    /**
     * One request and the status each caller gets: anonymous, LEADERSHIP, ANALYST, AGENCY (MOH), ADMIN.
     * 302 for anonymous means a redirect to /login. {@link #QUEUED} means "accepted": 202 (queued), 200 or 409
     * (the same report already in flight).
     */
    record Row(String method, String pattern, String url, int... expected) {
    }

    static final int QUEUED = 202;

    static final List<Row> MATRIX = List.of(
            // pages: anonymous to the sign-in page
            new Row("GET", "/", "/", 302, 200, 200, 200, 200),
            new Row("GET", "/login", "/login", 200, 200, 200, 200, 200),
            new Row("GET", "/agencies", "/agencies", 302, 200, 200, 200, 200),
            new Row("GET", "/agencies/{code}", "/agencies/MOH", 302, 200, 200, 200, 200),
            new Row("GET", "/agencies/{code}", "/agencies/MOI", 302, 200, 200, 403, 200),
            new Row("GET", "/agencies/{code}", "/agencies/NOPE", 302, 404, 404, 404, 404),
            new Row("GET", "/services/{code}", "/services/MOH-APPOINTMENT", 302, 200, 200, 200, 200),
            new Row("GET", "/services/{code}", "/services/MOI-NID-RENEW", 302, 200, 200, 403, 200),
            new Row("GET", "/stages", "/stages", 302, 200, 200, 200, 200),
            new Row("GET", "/targets", "/targets", 302, 200, 200, 200, 200),
            new Row("GET", "/reports", "/reports", 302, 200, 200, 200, 200),
            new Row("GET", "/reports/{definition}/print", "/reports/agency-moh/print?period=2024-05", 302, 200, 200, 200, 200),
            new Row("GET", "/reports/{definition}/print", "/reports/agency-moi/print?period=2024-05", 302, 200, 200, 403, 200),
            new Row("GET", "/reports/{definition}/print", "/reports/executive/print?period=2024-05", 302, 200, 200, 403, 200),
            new Row("POST", "/reports/{definition}/runs", "/reports/agency-moh/runs?period=2024-05", 302, 403, 302, 403, 302),
            new Row("GET", "(unmapped page)", "/no-such-page", 302, 404, 404, 404, 404),
            // API: anonymous gets 401
            new Row("GET", "/api/overview", "/api/overview", 401, 200, 200, 200, 200),
            new Row("GET", "/api/kpis", "/api/kpis", 401, 200, 200, 200, 200),
            new Row("GET", "/api/kpis", "/api/kpis?scope_type=agency&scope_code=MOH", 401, 200, 200, 200, 200),
            new Row("GET", "/api/kpis", "/api/kpis?scope_type=agency&scope_code=MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/trends", "/api/trends?kpi=digital_adoption", 401, 200, 200, 200, 200),
            new Row("GET", "/api/trends", "/api/trends?kpi=digital_adoption&scope_type=agency&scope_code=MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/external-indicators", "/api/external-indicators", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies", "/api/agencies", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies/heatmap", "/api/agencies/heatmap", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies/{code}", "/api/agencies/MOH", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies/{code}", "/api/agencies/MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/agencies/{code}/channels", "/api/agencies/MOH/channels", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies/{code}/channels", "/api/agencies/MOI/channels", 401, 200, 200, 403, 200),
            new Row("GET", "/api/agencies/{code}/ratings", "/api/agencies/MOH/ratings", 401, 200, 200, 200, 200),
            new Row("GET", "/api/agencies/{code}/ratings", "/api/agencies/MOI/ratings", 401, 200, 200, 403, 200),
            new Row("GET", "/api/services", "/api/services", 401, 200, 200, 200, 200),
            new Row("GET", "/api/services", "/api/services?agency_code=MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/services/{code}", "/api/services/MOH-APPOINTMENT", 401, 200, 200, 200, 200),
            new Row("GET", "/api/services/{code}", "/api/services/MOI-NID-RENEW", 401, 200, 200, 403, 200),
            new Row("GET", "/api/services/{code}/channels", "/api/services/MOH-APPOINTMENT/channels", 401, 200, 200, 200, 200),
            new Row("GET", "/api/services/{code}/channels", "/api/services/MOI-NID-RENEW/channels", 401, 200, 200, 403, 200),
            new Row("GET", "/api/services/{code}/ratings", "/api/services/MOH-APPOINTMENT/ratings", 401, 200, 200, 200, 200),
            new Row("GET", "/api/services/{code}/ratings", "/api/services/MOI-NID-RENEW/ratings", 401, 200, 200, 403, 200),
            new Row("GET", "/api/stages", "/api/stages", 401, 200, 200, 200, 200),
            new Row("GET", "/api/stages/distribution", "/api/stages/distribution", 401, 200, 200, 200, 200),
            new Row("GET", "/api/maturity", "/api/maturity", 401, 200, 200, 200, 200),
            new Row("GET", "/api/maturity", "/api/maturity?agency_code=MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/targets", "/api/targets", 401, 200, 200, 200, 200),
            new Row("GET", "/api/targets", "/api/targets?scope_type=agency&scope_code=MOI", 401, 200, 200, 403, 200),
            new Row("GET", "/api/months", "/api/months?from=2024-01&to=2024-05", 401, 200, 200, 200, 200),
            new Row("GET", "/api/reports/definitions", "/api/reports/definitions", 401, 200, 200, 200, 200),
            new Row("GET", "/api/reports/runs", "/api/reports/runs", 401, 200, 200, 200, 200),
            new Row("GET", "/api/reports/runs/{id}", "/api/reports/runs/" + RUN_MOH, 401, 200, 200, 200, 200),
            new Row("GET", "/api/reports/runs/{id}", "/api/reports/runs/" + RUN_MOI, 401, 200, 200, 403, 200),
            new Row("GET", "/api/reports/runs/{id}", "/api/reports/runs/" + RUN_NATIONAL, 401, 200, 200, 403, 200),
            new Row("GET", "/api/reports/runs/{id}/pdf", "/api/reports/runs/" + RUN_MOH + "/pdf", 401, 200, 200, 200, 200),
            new Row("GET", "/api/reports/runs/{id}/pdf", "/api/reports/runs/" + RUN_MOI + "/pdf", 401, 200, 200, 403, 200),
            new Row("GET", "/api/reports/runs/{id}/pdf", "/api/reports/runs/" + RUN_NATIONAL + "/pdf", 401, 200, 200, 403, 200),
            new Row("POST", "/api/reports/{definition}/runs", "/api/reports/agency-moh/runs?period=2024-05", 401, 403, QUEUED, 403, QUEUED),
            new Row("GET", "(unmapped API)", "/api/no-such-endpoint", 401, 404, 404, 404, 404),
            // outside the MVC mappings: actuator and static files
            new Row("GET", "(actuator)", "/actuator/health", 200, 200, 200, 200, 200),
            new Row("GET", "(actuator)", "/actuator/info", 302, 403, 403, 403, 200),
            new Row("GET", "(static)", "/js/dashboard.js", 200, 200, 200, 200, 200));

    @Test
    void everyMappedPageAndEndpointIsInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getName().startsWith("org.tahawul.")) {
                continue; // Spring Boot's own /error
            }
            Set<String> methods = e.getKey().getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (String pattern : e.getKey().getPatternValues()) {
                // a mapping without a method answers every method: the matrix must list it as "*"
                mapped.add((methods.isEmpty() ? "*" : String.join(",", methods)) + " " + pattern);
            }
        }
        Set<String> inMatrix = MATRIX.stream().filter(r -> r.pattern().startsWith("/"))
                .map(r -> r.method() + " " + r.pattern()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(mapped).as("mappings of the controllers").hasSizeGreaterThanOrEqualTo(30);
        assertThat(inMatrix).as("the access matrix lists exactly the mapped pages and endpoints").isEqualTo(mapped);
    }

    @Test
    void everyCallerGetsTheExpectedStatusOnEveryPageAndEndpoint() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int who = 0; who < WHO.size(); who++) {
            Client client = who == 0 ? anonymous() : signedIn(WHO.get(who));
            for (Row row : MATRIX) {
                HttpResponse<String> response = client.send(row.method(), row.url(), row.method().equals("POST") ? client.csrf() : null);
                int expected = row.expected()[who];
                if (!matches(expected, response.statusCode())) {
                    wrong.add(WHO.get(who) + " " + row.method() + " " + row.url() + ": expected " + expected + ", got "
                            + response.statusCode() + " " + abbreviate(response.body()));
                } else if (expected == 302 && who == 0) {
                    String location = response.headers().firstValue("Location").orElse("");
                    if (!URI.create(location).getPath().equals("/login")) {
                        wrong.add("anonymous " + row.url() + " redirected to " + location + ", not /login");
                    }
                } else if (expected == 401 && !response.body().contains("\"status\":401")) {
                    wrong.add("anonymous " + row.url() + ": 401 without the JSON message: " + abbreviate(response.body()));
                }
            }
        }
        assertThat(wrong).as("callers × pages and endpoints with another status than the matrix's").isEmpty();
    }

    @Test
    void httpBasicCallersGetTheSameStatusesOnTheApi() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int who = 1; who < WHO.size(); who++) {
            Client client = new Client(WHO.get(who));
            for (Row row : MATRIX) {
                if (!row.url().startsWith("/api/")) {
                    continue;
                }
                // no CSRF token: a Basic-authenticated request carries no session to abuse
                HttpResponse<String> response = client.send(row.method(), row.url(), null);
                if (!matches(row.expected()[who], response.statusCode())) {
                    wrong.add(WHO.get(who) + " (Basic) " + row.method() + " " + row.url() + ": expected " + row.expected()[who]
                            + ", got " + response.statusCode() + " " + abbreviate(response.body()));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    // ------------------------------------------------------------------ agency staff and other agencies

    @Test
    void agencyStaffNeverReceiveAnotherAgencysDataThroughAnyParameterOrPath() throws Exception {
        Client moh = signedIn("agency-moh");
        List<String> refused = List.of(
                "/agencies/MOI", "/agencies/MOI?period=year&at=2024", "/services/MOI-NID-RENEW", "/services/MOI-NID-ISSUE",
                "/api/agencies/MOI", "/api/agencies/MOI/channels?format=csv", "/api/agencies/MOI/ratings?format=csv",
                "/api/services/MOI-NID-RENEW", "/api/services/MOI-NID-RENEW/channels?format=csv",
                "/api/services/MOI-NID-RENEW/ratings?format=csv", "/api/services?agency_code=MOI",
                "/api/services?agency_code=MOI&format=csv", "/api/maturity?agency_code=MOI",
                "/api/maturity?agency_code=MOI&format=csv",
                "/api/kpis?scope_type=agency&scope_code=MOI", "/api/kpis?scope_type=agency&scope_code=MOI&format=csv",
                "/api/kpis?scope_type=agency&scope_code=%20MOI%20", "/api/kpis?scope_type=service&scope_code=MOI-NID-RENEW",
                "/api/kpis?scope_type=service&scope_code=MOI-NID-RENEW&format=csv&period=quarter",
                "/api/kpis?scope_type=agency&scope_code=MOH&scope_code=MOI", "/api/kpis?scope_type=agency&scope_code=moi",
                "/api/trends?kpi=digital_adoption&scope_type=agency&scope_code=MOI",
                "/api/trends?kpi=transactions&scope_type=service&scope_code=MOI-NID-RENEW",
                "/api/targets?scope_type=agency&scope_code=MOI", "/api/targets?scope_type=service&scope_code=MOI-NID-RENEW",
                "/api/targets?scope_type=agency&scope_code=MOI&format=csv",
                "/reports/agency-moi/print?period=2024-05", "/reports/executive/print?period=2024-05&lang=en",
                "/api/reports/runs/" + RUN_MOI, "/api/reports/runs/" + RUN_MOI + "/pdf",
                "/api/reports/runs/" + RUN_NATIONAL + "/pdf", "/agencies/MOI/", "/api/agencies/MOI/",
                "/api/agencies/MOI%2Fchannels", "/agencies/..%2FMOI");
        List<String> leaks = new ArrayList<>();
        for (String url : refused) {
            HttpResponse<String> r = moh.get(url);
            if (r.statusCode() != 403 && r.statusCode() != 404 && r.statusCode() != 400) {
                leaks.add(url + ": " + r.statusCode() + " " + abbreviate(r.body()));
            }
            // (a refusal may repeat the run id the caller sent, never anything else of MOI's)
            leaks.addAll(markers(url, r.body().replace(RUN_MOI, "")));
        }
        // a state change on another agency's report is refused too
        HttpResponse<String> run = moh.send("POST", "/api/reports/agency-moi/runs?period=2024-05", moh.csrf());
        assertThat(run.statusCode()).isEqualTo(403);

        // what agency staff may read is filtered to their agency, in JSON and in CSV
        List<String> filtered = List.of("/", "/agencies", "/stages", "/targets", "/reports", "/agencies/MOH", "/services/MOH-APPOINTMENT",
                "/api/agencies", "/api/agencies?format=csv", "/api/agencies/heatmap", "/api/agencies/heatmap?kpi=maturity_index&format=csv",
                "/api/services", "/api/services?format=csv", "/api/maturity", "/api/maturity?format=csv",
                "/api/kpis?scope_type=agency", "/api/kpis?scope_type=agency&format=csv", "/api/kpis?scope_type=service",
                "/api/kpis?scope_type=service&period=year&format=csv", "/api/targets", "/api/targets?scope_type=agency",
                "/api/targets?format=csv", "/api/reports/runs", "/api/reports/runs?format=csv", "/api/reports/definitions",
                "/reports/agency-moh/print?period=2024-05", "/api/overview", "/api/stages", "/api/stages/distribution");
        for (String url : filtered) {
            HttpResponse<String> r = moh.get(url);
            if (r.statusCode() != 200) {
                leaks.add(url + ": expected 200 for the own agency, got " + r.statusCode() + " " + abbreviate(r.body()));
            }
            leaks.addAll(markers(url, r.body()));
        }
        assertThat(leaks).as("another agency's data or a wrong status for agency staff").isEmpty();
        // the filters are not vacuous: the own agency's rows are there, and a reader of every agency sees MOI's
        assertThat(moh.get("/api/agencies").body()).contains("\"agency_code\":\"MOH\"").doesNotContain("\"MOI\"");
        assertThat(moh.get("/api/kpis?scope_type=agency").body()).contains("\"scope_code\":\"MOH\"", "5000");
        assertThat(moh.get("/api/reports/runs").body()).contains(RUN_MOH);
        assertThat(moh.get("/api/targets").body()).contains("\"scope_code\":\"MOH\"");
        Client leader = signedIn("leader");
        for (String url : List.of("/api/agencies", "/api/kpis?scope_type=agency", "/api/maturity", "/api/targets",
                "/api/reports/runs", "/api/services?format=csv")) {
            assertThat(leader.get(url).body()).as(url + " for leadership").containsAnyOf("987654", "0.4321", RUN_MOI,
                    MARKUP_SERVICE);
        }
    }

    private static List<String> markers(String url, String body) {
        return MOI_MARKERS.stream().filter(body::contains).map(m -> url + ": contains MOI's " + m).toList();
    }

    // ------------------------------------------------------------------ CSRF

    @Test
    void sessionStateChangesNeedTheCsrfTokenAndBasicOnesDoNot() throws Exception {
        Client analyst = signedIn("analyst");
        String token = analyst.csrf();
        assertThat(analyst.send("POST", "/api/reports/agency-moh/runs?period=2024-04", null).statusCode())
                .as("session POST without a token").isEqualTo(403);
        assertThat(analyst.send("POST", "/api/reports/agency-moh/runs?period=2024-04", "not-the-token").statusCode())
                .as("session POST with a wrong token").isEqualTo(403);
        assertThat(analyst.form("/reports/agency-moh/runs", "period=2024-04").statusCode())
                .as("the generate-now form without a token").isEqualTo(403);
        assertThat(analyst.send("POST", "/logout", null).statusCode()).as("sign-out without a token").isEqualTo(403);
        assertThat(analyst.get("/reports").statusCode()).as("still signed in").isEqualTo(200);

        assertThat(analyst.send("POST", "/api/reports/agency-moh/runs?period=2024-04", token).statusCode()).isIn(200, 202, 409);
        HttpResponse<String> form = analyst.form("/reports/agency-moh/runs", "period=2024-04&_csrf=" + enc(token));
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(URI.create(form.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/reports");

        assertThat(new Client("analyst").send("POST", "/api/reports/agency-moh/runs?period=2024-04", null).statusCode())
                .as("HTTP Basic POST without a token").isIn(200, 202, 409);
        // the sign-in form is protected too (login CSRF)
        assertThat(anonymous().form("/login", "username=analyst&password=" + PASSWORD).statusCode()).isEqualTo(403);
        HttpResponse<String> out = analyst.form("/logout", "_csrf=" + enc(analyst.csrf()));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(analyst.get("/reports").statusCode()).as("signed out").isEqualTo(302);
    }

    // ------------------------------------------------------------------ headers and cookies

    @Test
    void pagesAndApiCarryTheSecurityHeadersAndTheSessionCookieIsHttpOnlyAndSameSite() throws Exception {
        Client anonymous = anonymous();
        HttpResponse<String> login = anonymous.get("/login");
        List<String> cookies = new ArrayList<>(login.headers().allValues("Set-Cookie"));
        Client leader = new Client(null);
        cookies.addAll(leader.signIn("leader").headers().allValues("Set-Cookie"));
        List<String> sessionCookies = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).isNotEmpty().allSatisfy(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(leader.get("/?lang=en").headers().allValues("Set-Cookie")).allSatisfy(c ->
                assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));

        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("login page", login);
        responses.put("page", leader.get("/"));
        responses.put("error page", leader.get("/agencies/NOPE"));
        responses.put("API", leader.get("/api/overview"));
        responses.put("CSV", leader.get("/api/agencies?format=csv"));
        responses.put("API error", leader.get("/api/kpis?from=bad"));
        responses.put("API 401", anonymous.get("/api/overview"));
        responses.put("PDF", leader.get("/api/reports/runs/" + RUN_MOH + "/pdf"));
        for (Map.Entry<String, HttpResponse<String>> e : responses.entrySet()) {
            var headers = e.getValue().headers();
            String what = e.getKey();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            String scripts = directive(csp, "script-src");
            assertThat(scripts).as(what + " script-src").isEqualTo("'self'");
            assertThat(directive(csp, "default-src")).as(what).isEqualTo("'self'");
            assertThat(directive(csp, "frame-ancestors")).as(what).isEqualTo("'none'");
            assertThat(directive(csp, "object-src")).as(what).isEqualTo("'none'");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("strict-origin-when-cross-origin");
            assertThat(headers.firstValue("Cache-Control").orElse("")).as(what + " Cache-Control").contains("no-store");
        }
        assertThat(responses.get("API").headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(responses.get("PDF").headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + " ")) {
                return p.substring(name.length()).strip();
            }
        }
        return "(missing " + name + " in '" + csp + "')";
    }

    // ------------------------------------------------------------------ injection and markup

    static final List<String> PAYLOADS = List.of("' OR 1=1 --", "2024-01'; DROP TABLE kpi_monthly; --",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "MOH' UNION SELECT name FROM system.tables --",
            "${7*7}", "../../etc/passwd");
    static final List<String> PARAMETERS = List.of("scope_type", "scope_code", "from", "to", "period", "at", "kpi", "format",
            "agency_code", "limit", "lang");

    @Test
    void sqlAndMarkupInEveryParameterAreHarmless() throws Exception {
        long kpiRows = db.queryLong("SELECT count() FROM kpi_monthly");
        long tables = db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase()");
        Client leader = signedIn("leader");
        List<String> problems = new ArrayList<>();
        // one URL of each GET mapping, every parameter any endpoint reads, the first payloads
        Map<String, String> urls = new LinkedHashMap<>();
        MATRIX.stream().filter(r -> r.method().equals("GET") && r.pattern().startsWith("/"))
                .forEach(r -> urls.putIfAbsent(r.pattern(), r.url()));
        int requests = 0;
        for (String url : urls.values()) {
            for (String parameter : PARAMETERS) {
                for (String payload : PAYLOADS.subList(0, 4)) {
                    String attack = url + (url.contains("?") ? "&" : "?") + parameter + "=" + enc(payload);
                    problems.addAll(harmless(attack, leader.get(attack), payload));
                    requests++;
                }
            }
        }
        // and in path variables
        for (String pattern : List.of("/agencies/%s", "/services/%s", "/api/agencies/%s", "/api/agencies/%s/channels",
                "/api/services/%s/ratings", "/api/reports/runs/%s", "/api/reports/runs/%s/pdf", "/reports/%s/print?period=2024-05")) {
            for (String payload : PAYLOADS) {
                String attack = String.format(pattern, enc(payload).replace("+", "%20"));
                HttpResponse<String> r = leader.get(attack);
                problems.addAll(harmless(attack, r, payload));
                if (r.statusCode() == 200) {
                    problems.add(attack + ": 200 for a code that does not exist");
                }
                requests++;
            }
        }
        assertThat(problems).as(requests + " requests with SQL or markup").isEmpty();

        // the validated parameters answer 400 or 404 with a message naming the parameter or the code
        Map<String, Integer> exact = new LinkedHashMap<>();
        exact.put("/api/kpis?scope_type=agency&scope_code=" + enc("' OR 1=1 --"), 404);
        exact.put("/api/kpis?from=" + enc("2024-01'; DROP TABLE kpi_monthly; --"), 400);
        exact.put("/api/kpis?scope_type=" + enc("agency' OR '1'='1"), 400);
        exact.put("/api/agencies/heatmap?kpi=" + enc("digital_adoption); DROP TABLE kpi_monthly; --"), 400);
        exact.put("/api/reports/runs?limit=" + enc("1; DROP TABLE report_runs"), 400);
        exact.put("/api/reports/runs/" + enc("' OR '1'='1").replace("+", "%20"), 400);
        exact.put("/api/months?from=" + enc("<script>") + "&to=2024-05", 400);
        exact.put("/api/trends?kpi=" + enc("name FROM system.users --"), 400);
        exact.put("/?period=" + enc("<script>alert(1)</script>"), 400);
        exact.put("/agencies?at=" + enc("2024-05' OR 1=1") + "&period=month", 400);
        exact.put("/agencies/" + enc("<b>MOH"), 404);
        exact.put("/?lang=" + enc("<script>alert(1)</script>"), 200);
        for (Map.Entry<String, Integer> e : exact.entrySet()) {
            HttpResponse<String> r = leader.get(e.getKey());
            assertThat(harmless(e.getKey(), r, "<script>alert(1)</script>")).isEmpty();
            assertThat(r.statusCode()).as(e.getKey() + " " + abbreviate(r.body())).isEqualTo(e.getValue());
            if (r.statusCode() != 200) {
                assertThat(r.body()).as(e.getKey()).containsAnyOf("parameter '", "unknown", "run id", "must be");
            }
        }
        assertThat(db.queryLong("SELECT count() FROM kpi_monthly")).as("kpi_monthly untouched").isEqualTo(kpiRows);
        assertThat(db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase()")).isEqualTo(tables);
        assertThat(db.queryLong("SELECT count() FROM report_runs")).isGreaterThanOrEqualTo(3);
    }

    /** No 5xx; a message with a 4xx; markup never reflected unescaped into HTML; JSON stays JSON. */
    private static List<String> harmless(String url, HttpResponse<String> r, String payload) {
        List<String> problems = new ArrayList<>();
        int status = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        // Tomcat and Spring Security's firewall refuse encoded slashes and semicolons with a bare 400 before the app
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        boolean beforeTheApp = status == 400 && (path.contains("%2F") || path.contains("%3B"));
        if (status >= 500 || !Set.of(200, 400, 403, 404).contains(status)) {
            problems.add(url + ": " + status + " " + abbreviate(r.body()));
        }
        if (type.startsWith("text/html") && (payload.contains("<") || payload.contains("\"")) && r.body().contains(payload)) {
            problems.add(url + ": the markup is in the page unescaped");
        }
        if (type.startsWith("application/json")) {
            try {
                JsonNode json = JSON.readTree(r.body());
                if (status >= 400 && !beforeTheApp && !json.path("message").isString()) {
                    problems.add(url + ": " + status + " without a message");
                }
            } catch (RuntimeException e) {
                problems.add(url + ": not JSON: " + abbreviate(r.body()));
            }
        } else if (status >= 400 && !beforeTheApp && !r.body().contains("<main")) {
            problems.add(url + ": " + status + " is neither JSON nor an error page: " + abbreviate(r.body()));
        }
        return problems;
    }

    @Test
    void markupInReferenceNamesIsShownAsText() throws Exception {
        Client leader = signedIn("leader");
        for (String url : List.of("/agencies", "/agencies?lang=en", "/agencies/MOI", "/agencies/MOI?lang=en", "/services/MOI-NID-RENEW",
                "/stages", "/stages?lang=en", "/reports/agency-moi/print?period=2024-05",
                "/reports/executive/print?period=2024-05&lang=en")) {
            HttpResponse<String> r = leader.get(url);
            assertThat(r.statusCode()).as(url + " " + abbreviate(r.body())).isEqualTo(200);
            assertThat(r.body()).as(url).doesNotContain(MARKUP_AGENCY).doesNotContain(MARKUP_SERVICE);
        }
        assertThat(leader.get("/agencies/MOI").body()).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(leader.get("/services/MOI-NID-RENEW").body()).contains("&lt;script&gt;alert(2)&lt;/script&gt;");
        // the API gives the names as data, as JSON (the charts set them as text)
        HttpResponse<String> api = leader.get("/api/agencies");
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(api.body()).findValuesAsString("name_en")).contains(MARKUP_AGENCY);
    }

    // ------------------------------------------------------------------ sign-in throttle

    @Test
    void repeatedFailedSignInsPauseTheUsernameEvenWithTheRightPassword() throws Exception {
        // failures below the limit, then a success: the count starts again
        Client form = new Client(null);
        for (int i = 0; i < 2; i++) {
            assertThat(form.signIn("agency-jawazat", "wrong").headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        assertThat(form.signIn("agency-jawazat", PASSWORD).headers().firstValue("Location").orElse("")).doesNotContain("/login");
        Client basic = new Client("agency-jawazat");
        for (int i = 0; i < 2; i++) {
            assertThat(new Client("agency-jawazat", "wrong").get("/api/overview").statusCode()).isEqualTo(401);
        }
        assertThat(basic.get("/api/overview").statusCode()).as("2 + 2 failures with a success between").isEqualTo(200);

        // three failures in a row (max-failures=3): paused, for Basic and for the form, right password or not
        for (int i = 0; i < 3; i++) {
            assertThat(new Client("agency-mc", "wrong").get("/api/overview").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = new Client("agency-mc").get("/api/overview");
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(500L, 600L);
        assertThat(refused.body()).contains("too many failed sign-ins");
        assertThat(new Client("agency-mc").get("/agencies").statusCode()).as("a page with Basic credentials").isEqualTo(429);
        Client browser = new Client(null);
        HttpResponse<String> paused = browser.signIn("agency-mc", PASSWORD);
        assertThat(paused.headers().firstValue("Location").orElse("")).endsWith("/login?paused");
        HttpResponse<String> page = browser.get("/login?paused&lang=en");
        assertThat(page.body()).contains("Too many failed sign-ins", "try again in 10 minutes");
        assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);
        assertThat(new Client("agency-mc").get("/api/overview").statusCode()).isEqualTo(429);
        // other users are not affected
        assertThat(new Client("agency-moh").get("/api/overview").statusCode()).isEqualTo(200);

        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE username = 'agency-mc' AND action = 'login' "
                + "AND outcome = 'failure'")).isEqualTo(3);
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE username = 'agency-mc' AND action = 'login_throttle' "
                + "AND outcome = 'paused' AND detail LIKE 'username agency-mc: 3 failed sign-ins within PT15M; paused for PT10M'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE username = 'agency-mc' AND action = 'login' "
                + "AND outcome = 'throttled'")).isEqualTo(4);
    }

    // ------------------------------------------------------------------ HTTP

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private Client anonymous() {
        return new Client(null);
    }

    private Client signedIn(String user) throws Exception {
        Client client = new Client(null);
        HttpResponse<String> r = client.signIn(user);
        assertThat(r.headers().firstValue("Location").orElse("")).as("sign-in of " + user).doesNotContain("/login");
        return client;
    }

    /** A caller: with a session (cookies) or, when constructed with a username, HTTP Basic credentials. */
    final class Client {
        private final String basic;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Client(String basicUser) {
            this(basicUser, PASSWORD);
        }

        Client(String basicUser, String password) {
            this.basic = basicUser == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send("GET", path, null);
        }

        /** A request; {@code csrf} goes into the X-CSRF-TOKEN header when given. */
        HttpResponse<String> send(String method, String path, String csrf) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(""));
            if (basic != null) {
                request.header("Authorization", basic);
            }
            if (csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A form POST, as a browser sends it (a sign-out answers a redirect to a browser, 204 to a script). */
        HttpResponse<String> form(String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html,application/xhtml+xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (basic != null) {
                request.header("Authorization", basic);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token of this client's session (a session is made when there is none). */
        String csrf() throws Exception {
            Matcher m = CSRF.matcher(get("/login").body());
            assertThat(m.find()).as("a CSRF token on the sign-in page").isTrue();
            return m.group(1);
        }

        HttpResponse<String> signIn(String user) throws Exception {
            return signIn(user, PASSWORD);
        }

        /** The sign-in form; the answer is the redirect (to the page asked for, or back to /login). */
        HttpResponse<String> signIn(String user, String password) throws Exception {
            HttpResponse<String> r = form("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf()));
            assertThat(r.statusCode()).as("sign-in answer for " + user).isEqualTo(302);
            return r;
        }
    }

    private static boolean matches(int expected, int actual) {
        return expected == QUEUED ? Set.of(200, 202, 409).contains(actual) : expected == actual;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
