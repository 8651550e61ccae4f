package org.tahawul.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tahawul.dashboard.system.DataVersionWatcher;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.dashboard.testing.TcpProxy;
import org.tahawul.warehouse.testing.LocalClickHouse;
import org.tahawul.warehouse.testing.TestDatabase;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application over HTTP against the local ClickHouse (through a proxy the test can
 * cut): bootstrap of the reference data, Basic and form login with CSRF, values equal to the rows
 * written, CSV export and logins in the audit log, cache dropped on a new job run, health, and a
 * warehouse outage shown as a clear page that recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.security.demo-users=true", "tahawul.security.demo-password=" + DashboardJourneyIT.PASSWORD,
        "tahawul.cache.check-interval=1h", "tahawul.clickhouse.connect-timeout=2s"})
class DashboardJourneyIT {

    static final String PASSWORD = "journey";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static TcpProxy proxy;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        int target = URI.create(LocalClickHouse.httpUrl()).getPort();
        proxy = new TcpProxy(target);
        registry.add("tahawul.clickhouse.url", () -> "jdbc:clickhouse://127.0.0.1:" + proxy.port());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
    }

    @BeforeAll
    static void data() throws Exception {
        KpiData.in(db.settings())
                .monthly("national", "ALL", "2024-04", Map.of("transactions", 1000L, "digital_adoption", 0.7))
                .monthly("national", "ALL", "2024-05", Map.of("transactions", 1100L, "digital_adoption", 0.734))
                .jobRun("run-1", Instant.parse("2024-06-01T00:00:00Z"))
                .write();
    }

    @AfterAll
    static void closeProxy() throws Exception {
        proxy.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DataVersionWatcher watcher;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiAnswersTheWrittenValuesAndTheCacheDropsOnANewJobRun() throws Exception {
        // the bootstrap loaded the shipped reference data into the empty ref tables
        assertThat(db.queryLong("SELECT count() FROM ref_agencies")).isEqualTo(27);
        HttpResponse<String> overview = get("/api/overview", "leader");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("\"period\":\"2024-05\"", "\"value\":0.734", "\"previous\":0.7");
        KpiData.in(db.settings()).write();
        db.execute("ALTER TABLE kpi_monthly UPDATE digital_adoption = 0.75 WHERE month = '2024-05-01' SETTINGS mutations_sync = 2");
        assertThat(get("/api/overview", "leader").body()).as("cached until a new job run").contains("\"value\":0.734");
        watcher.check();
        KpiData.in(db.settings()).jobRun("run-2", Instant.parse("2024-06-02T00:00:00Z")).write();
        watcher.check();
        assertThat(get("/api/overview", "leader").body()).contains("\"value\":0.75");
    }

    @Test
    void formLoginWithCsrfAndCsvExportsAreAudited() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(302);
        assertThat(get("/api/kpis", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/kpis", "nobody").statusCode()).isEqualTo(401);
        String login = get("/login", null).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=analyst&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=analyst&password=" + PASSWORD + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        // back to the page that asked for the sign-in (the first GET /), never to the API call
        assertThat(URI.create(signedIn.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
        HttpResponse<String> page = get("/?lang=en", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Digital adoption", "73.4%", "analyst");
        HttpResponse<String> csv = get("/api/kpis?from=2024-04&to=2024-05&format=csv", "leader");
        assertThat(csv.body()).startsWith("\uFEFFmonth,scope_type,scope_code,transactions");
        assertThat(csv.body()).contains("2024-05-01,national,ALL,1100,0,0.734");
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE action = 'export_csv' AND username = 'leader' "
                + "AND target LIKE '/api/kpis?%format=csv%' AND roles = 'LEADERSHIP'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE action = 'login' AND username = 'analyst' AND outcome = 'ok'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count() FROM audit_log WHERE action = 'login' AND username = 'nobody' AND outcome = 'failure'"))
                .isEqualTo(1);
    }

    @Test
    void healthIncludesClickHouseAndAnOutageIsAClearPageThatRecoversByItself() throws Exception {
        HttpResponse<String> health = get("/actuator/health", "admin");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"clickhouse\"", "\"status\":\"UP\"", "26.7");
        assertThat(get("/reports", "leader").statusCode()).isEqualTo(200);
        proxy.stop();
        try {
            HttpResponse<String> down = get("/reports?lang=en", "leader");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("The data warehouse is unavailable", "works again by itself").doesNotContain("at org.");
            HttpResponse<String> api = get("/api/reports/runs", "leader");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("ClickHouse");
            assertThat(get("/actuator/health", "admin").body()).contains("\"status\":\"DOWN\"");
        } finally {
            proxy.start();
        }
        HttpResponse<String> back = null;
        for (int i = 0; i < 20; i++) {
            back = get("/reports?lang=en", "leader");
            if (back.statusCode() == 200) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("No report has run yet");
    }
}
