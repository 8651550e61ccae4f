package org.tahawul.dashboard.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tahawul.warehouse.ClickHouseSettings;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SYNTHETIC demo data for local browsing before the Spark jobs have run: when
 * {@code tahawul.demo.seed-when-empty} is on (profile {@code local}) and {@code kpi_monthly} has no
 * national row, fills the KPI tables with plausible monthly values for every catalogued service,
 * agency, stage and the nation from January 2019 to last month, plus a small sample of events for
 * the channel mix and rating charts. Every row carries {@code run_id = 'demo-synthetic'} and the
 * pages show a "synthetic data" banner while such rows exist. Real job output replaces them
 * month by month; remove the rest with {@code ALTER TABLE <t> DELETE WHERE run_id = 'demo-synthetic'}.
 */
@Component
class DemoSeeder {

    static final String RUN_ID = "demo-synthetic";
    static final YearMonth FIRST = YearMonth.of(2019, 1);
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    private final ClickHouseSettings settings;
    private final JdbcTemplate jdbc;
    private final Catalogue catalogue;
    private final DataVersionWatcher watcher;
    private final boolean enabled;

    DemoSeeder(ClickHouseSettings settings, JdbcTemplate jdbc, Catalogue catalogue, DataVersionWatcher watcher,
               @Value("${tahawul.demo.seed-when-empty:false}") boolean enabled) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.watcher = watcher;
        this.enabled = enabled;
    }

    @EventListener(WarehouseBootstrap.Ready.class)
    void onReady() {
        if (!enabled) {
            return;
        }
        Long national = jdbc.queryForObject("SELECT count() FROM kpi_monthly WHERE scope_type = 'national'", Long.class);
        if (national != null && national > 0) {
            return;
        }
        try {
            long started = System.nanoTime();
            YearMonth last = YearMonth.now(DataCalendar.RIYADH).minusMonths(1);
            int rows = seed(FIRST, last);
            LOG.warn("the warehouse had no KPIs: wrote {} rows of SYNTHETIC demo data ({}..{}, run_id {}) in {} ms; "
                    + "run bin/generate, bin/ingest and bin/analytics for real job output", rows, FIRST, last, RUN_ID,
                    (System.nanoTime() - started) / 1_000_000);
            watcher.clear();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not write the synthetic demo data: {}", e.getMessage());
        }
    }

    /** Numerators and denominators of one scope and month; rates are computed from them, so they add up. */
    static final class Sums {
        long transactions;
        long digital;
        long started;
        long completed;
        long beneficiaries;
        long ratings;
        long satisfied;
        double ratingTotal;
        long withDuration;
        long withinSla;
        long catalogued;
        long online;
        long agencies;

        void add(Sums o) {
            transactions += o.transactions;
            digital += o.digital;
            started += o.started;
            completed += o.completed;
            beneficiaries += o.beneficiaries;
            ratings += o.ratings;
            satisfied += o.satisfied;
            ratingTotal += o.ratingTotal;
            withDuration += o.withDuration;
            withinSla += o.withinSla;
            catalogued += o.catalogued;
            online += o.online;
            agencies += o.agencies;
        }

        Double adoption() {
            return ratio(digital, transactions);
        }

        Double satisfaction() {
            return ratio(satisfied, ratings);
        }

        Double coverage() {
            return ratio(online, catalogued);
        }

        static Double ratio(double a, double b) {
            return b == 0 ? null : a / b;
        }

        Map<String, Object> columns(Map<String, Object> row) {
            row.put("transactions", transactions);
            row.put("digital_transactions", digital);
            row.put("digital_adoption", adoption());
            row.put("completion_rate", ratio(completed, started));
            row.put("active_beneficiaries", beneficiaries);
            row.put("ratings", ratings);
            row.put("csat", ratings == 0 ? null : ratingTotal / ratings);
            row.put("satisfaction_rate", satisfaction());
            row.put("sla_compliance", ratio(withinSla, withDuration));
            row.put("eservice_coverage", coverage());
            row.put("digital_sessions_started", started);
            row.put("digital_sessions_completed", completed);
            row.put("ratings_satisfied", satisfied);
            row.put("completions_with_duration", withDuration);
            row.put("completions_within_sla", withinSla);
            row.put("services_catalogued", catalogued);
            row.put("services_online", online);
            row.put("agencies", agencies);
            row.put("run_id", RUN_ID);
            row.put("computed_at", Instant.now());
            return row;
        }
    }

    /** Writes every table for the months {@code from..to}; returns the number of rows written. */
    int seed(YearMonth from, YearMonth to) throws SQLException {
        Random random = new Random(2030);
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        int n = months.size();
        // per month: scope key -> sums
        List<Map<String, Sums>> byMonth = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            byMonth.add(new LinkedHashMap<>());
        }
        List<Map<String, Object>> events = new ArrayList<>();
        long line = 0;
        for (Catalogue.Agency agency : catalogue.agencies()) {
            double maturity = random.nextDouble();
            for (Catalogue.Service service : catalogue.servicesOf(agency.agencyCode())) {
                int onlineFrom = (int) Math.round((1 - maturity) * random.nextDouble() * 200) - 30;
                double midpoint = onlineFrom + 12 + random.nextDouble() * 50 * (1 - maturity);
                double volume = Math.exp(8.3 + random.nextGaussian() * 1.1);
                double completionBase = 0.58 + 0.2 * maturity + random.nextDouble() * 0.05;
                double satisfactionBase = 0.52 + 0.2 * maturity + random.nextDouble() * 0.05;
                double slaBase = 0.7 + 0.2 * maturity;
                for (int t = 0; t < n; t++) {
                    boolean online = t >= onlineFrom;
                    double adoption = online ? 0.93 / (1 + Math.exp(-0.05 * (t - midpoint))) : 0.0;
                    adoption = clamp(adoption + random.nextGaussian() * 0.01, 0, 0.98);
                    double seasonal = 1 + 0.12 * Math.sin(2 * Math.PI * months.get(t).getMonthValue() / 12.0);
                    Sums s = new Sums();
                    s.transactions = Math.max(1, Math.round(volume * (1 + 0.012 * t) * seasonal));
                    s.digital = online ? Math.round(s.transactions * adoption) : 0;
                    double completion = clamp(completionBase + 0.0016 * t + random.nextGaussian() * 0.01, 0.3, 0.98);
                    s.completed = s.digital;
                    s.started = s.digital == 0 ? 0 : Math.max(s.digital, Math.round(s.digital / completion));
                    s.beneficiaries = Math.round(s.digital * 0.8);
                    double satisfaction = clamp(satisfactionBase + 0.0011 * t + random.nextGaussian() * 0.015, 0.2, 0.97);
                    s.ratings = Math.round(s.digital * 0.12 + (s.transactions - s.digital) * 0.04);
                    s.satisfied = Math.round(s.ratings * satisfaction);
                    s.ratingTotal = s.ratings * (1.6 + 3.3 * satisfaction);
                    s.withDuration = Math.round(s.transactions * 0.9);
                    s.withinSla = Math.round(s.withDuration * clamp(slaBase + 0.002 * t + random.nextGaussian() * 0.01, 0, 0.995));
                    s.catalogued = 1;
                    s.online = online && s.digital > 0 ? 1 : 0;
                    byMonth.get(t).put("service/" + service.serviceCode(), s);
                    byMonth.get(t).computeIfAbsent("agency/" + agency.agencyCode(), k -> new Sums()).add(s);
                    if (t >= n - 24) {
                        line = sampleEvents(events, random, service, months.get(t), s, adoption, satisfaction, line);
                    }
                }
            }
        }
        List<Map<String, Object>> monthly = new ArrayList<>();
        List<Map<String, Object>> maturityRows = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Map<String, Sums> scopes = byMonth.get(t);
            Sums national = new Sums();
            Map<String, Sums> stages = new LinkedHashMap<>();
            for (Catalogue.Agency agency : catalogue.agencies()) {
                Sums a = scopes.get("agency/" + agency.agencyCode());
                if (a == null) {
                    continue;
                }
                a.agencies = 1;
                int stage = stageOf(a);
                Double cov = a.coverage();
                Double adopt = a.adoption();
                Double sat = a.satisfaction();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("month", months.get(t).atDay(1));
                m.put("agency_code", agency.agencyCode());
                m.put("stage", stage);
                m.put("maturity_index", 100 * (0.4 * nz(cov) + 0.4 * nz(adopt) + 0.2 * nz(sat)));
                m.put("eservice_coverage", cov);
                m.put("digital_adoption", adopt);
                m.put("satisfaction_rate", sat);
                m.put("run_id", RUN_ID);
                m.put("computed_at", Instant.now());
                maturityRows.add(m);
                stages.computeIfAbsent(String.valueOf(stage), k -> new Sums()).add(a);
                national.add(a);
            }
            scopes.putAll(prefixed("stage/", stages));
            scopes.put("national/ALL", national);
            for (Map.Entry<String, Sums> e : scopes.entrySet()) {
                String[] key = e.getKey().split("/", 2);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("month", months.get(t).atDay(1));
                row.put("scope_type", key[0]);
                row.put("scope_code", key[1]);
                monthly.add(e.getValue().columns(row));
            }
        }
        List<Map<String, Object>> periods = periods(months, byMonth);
        List<Map<String, Object>> progress = progress(monthly, months.get(n - 1));
        int rows = RowWriter.write(settings, "kpi_monthly", monthly);
        rows += RowWriter.write(settings, "kpi_period", periods);
        rows += RowWriter.write(settings, "agency_maturity", maturityRows);
        rows += RowWriter.write(settings, "kpi_target_progress", progress);
        rows += RowWriter.write(settings, "service_events", events);
        Map<String, Object> run = new LinkedHashMap<>();
        Instant now = Instant.now();
        run.put("run_id", RUN_ID);
        run.put("job", "dashboard-demo-seed");
        run.put("status", "succeeded");
        run.put("started_at", now);
        run.put("finished_at", now);
        run.put("updated_at", now);
        run.put("from_month", from.atDay(1));
        run.put("to_month", to.atDay(1));
        run.put("parameters", "synthetic demo data written by the dashboard (tahawul.demo.seed-when-empty)");
        run.put("rows_written", (long) rows);
        rows += RowWriter.write(settings, "job_runs", List.of(run));
        return rows;
    }

    private int stageOf(Sums a) {
        int reached = 1;
        for (Catalogue.Stage stage : catalogue.stages()) {
            if (nz(a.coverage()) >= stage.minCoverage() && nz(a.adoption()) >= stage.minAdoption()
                    && nz(a.satisfaction()) >= stage.minSatisfaction()) {
                reached = stage.stage();
            }
        }
        return reached;
    }

    /** Quarters and years from the months' numerators (synthetic, so sums are close enough for distinct counts). */
    private static List<Map<String, Object>> periods(List<YearMonth> months, List<Map<String, Sums>> byMonth) {
        Map<String, Map<String, Sums>> acc = new LinkedHashMap<>();
        Map<String, YearMonth[]> bounds = new LinkedHashMap<>();
        for (int t = 0; t < months.size(); t++) {
            YearMonth m = months.get(t);
            YearMonth qStart = m.withMonth((m.getMonthValue() - 1) / 3 * 3 + 1);
            String q = "quarter|" + m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1);
            String y = "year|" + m.getYear();
            bounds.putIfAbsent(q, new YearMonth[]{qStart, qStart.plusMonths(2)});
            bounds.putIfAbsent(y, new YearMonth[]{m.withMonth(1), m.withMonth(12)});
            for (String p : List.of(q, y)) {
                Map<String, Sums> scopes = acc.computeIfAbsent(p, k -> new LinkedHashMap<>());
                byMonth.get(t).forEach((scope, sums) -> {
                    Sums s = scopes.computeIfAbsent(scope, k -> new Sums());
                    long catalogued = s.catalogued;
                    long online = s.online;
                    long agencies = s.agencies;
                    s.add(sums);
                    // catalogue size, services online and agencies are not additive over months: keep the latest
                    s.catalogued = Math.max(catalogued, sums.catalogued);
                    s.online = Math.max(online, sums.online);
                    s.agencies = Math.max(agencies, sums.agencies);
                });
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        acc.forEach((period, scopes) -> {
            String[] p = period.split("\\|");
            YearMonth[] b = bounds.get(period);
            scopes.forEach((scope, sums) -> {
                String[] key = scope.split("/", 2);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("period_type", p[0]);
                row.put("period_start", b[0].atDay(1));
                row.put("period_end", b[1].atEndOfMonth());
                row.put("period_label", p[1]);
                row.put("scope_type", key[0]);
                row.put("scope_code", key[1]);
                rows.add(sums.columns(row));
            });
        });
        return rows;
    }

    /** kpi_target_progress as DESIGN §5 describes it, for the national and stage targets. */
    private List<Map<String, Object>> progress(List<Map<String, Object>> monthly, YearMonth last) {
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.query("SELECT kpi, scope_type, scope_code, toInt32(target_year) AS y, target, "
                + "CAST(baseline_year AS Nullable(Int32)) AS by, baseline, source FROM ref_targets", rs -> {
                    String kpi = rs.getString("kpi");
                    String scopeType = rs.getString("scope_type");
                    String scopeCode = rs.getString("scope_code");
                    int year = rs.getInt("y");
                    double target = rs.getDouble("target");
                    List<double[]> points = new ArrayList<>();
                    for (Map<String, Object> row : monthly) {
                        if (row.get("scope_type").equals(scopeType) && row.get("scope_code").equals(scopeCode)
                                && row.get(kpi) instanceof Double v) {
                            YearMonth m = YearMonth.from((LocalDate) row.get("month"));
                            points.add(new double[]{FIRST.until(m, java.time.temporal.ChronoUnit.MONTHS), v});
                        }
                    }
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("kpi", kpi);
                    r.put("scope_type", scopeType);
                    r.put("scope_code", scopeCode);
                    r.put("target", target);
                    r.put("target_year", year);
                    double baseline = rs.getDouble("baseline");
                    r.put("baseline", rs.wasNull() ? null : baseline);
                    int baselineYear = rs.getInt("by");
                    r.put("baseline_year", rs.wasNull() ? null : baselineYear);
                    r.put("source", rs.getString("source"));
                    r.put("run_id", RUN_ID);
                    r.put("computed_at", Instant.now());
                    List<double[]> recent = points.subList(Math.max(0, points.size() - 24), points.size());
                    if (recent.size() < 3) {
                        r.put("as_of_month", null);
                        r.put("actual", null);
                        r.put("projected", null);
                        r.put("months_used", recent.size());
                        r.put("status", "off_track");
                    } else {
                        double[] lastPoint = recent.get(recent.size() - 1);
                        double projected = project(recent, FIRST.until(YearMonth.of(year, 12), java.time.temporal.ChronoUnit.MONTHS));
                        projected = clamp(projected, 0, 1);
                        double actual = lastPoint[1];
                        r.put("as_of_month", FIRST.plusMonths((long) lastPoint[0]).atDay(1));
                        r.put("actual", actual);
                        r.put("projected", projected);
                        r.put("months_used", recent.size());
                        r.put("status", actual >= target ? "achieved" : projected >= target ? "on_track"
                                : projected >= target - 0.05 ? "at_risk" : "off_track");
                    }
                    rows.add(r);
                });
        return rows;
    }

    /** Least-squares line through the points, evaluated at x. */
    static double project(List<double[]> points, double x) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double denominator = n * sxx - sx * sx;
        double slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        double intercept = (sy - slope * sx) / n;
        return intercept + slope * x;
    }

    /** A few completed and rated events per service and month, for the channel-mix and rating charts. */
    private static long sampleEvents(List<Map<String, Object>> events, Random random, Catalogue.Service service,
                                     YearMonth month, Sums s, double adoption, double satisfaction, long line) {
        int completed = (int) Math.max(2, Math.min(30, s.transactions / 800));
        String[] digital = {"web", "mobile", "api", "kiosk"};
        double[] digitalWeights = {0.35, 0.5, 0.1, 0.05};
        for (int i = 0; i < completed; i++) {
            boolean isDigital = random.nextDouble() < adoption;
            String channel = isDigital ? pick(random, digital, digitalWeights)
                    : random.nextDouble() < 0.8 ? "counter" : "call_center";
            events.add(event(service, month, random, channel, isDigital, "completed", null, ++line));
        }
        int rated = Math.max(1, completed / 3);
        for (int i = 0; i < rated; i++) {
            double u = random.nextDouble();
            int rating = u < satisfaction ? (random.nextDouble() < 0.6 ? 5 : 4)
                    : new int[]{3, 3, 3, 3, 3, 2, 2, 2, 1, 1}[random.nextInt(10)];
            events.add(event(service, month, random, pick(random, digital, digitalWeights), true, "rated", rating, ++line));
        }
        return line;
    }

    private static Map<String, Object> event(Catalogue.Service service, YearMonth month, Random random, String channel,
                                             boolean isDigital, String type, Integer rating, long line) {
        Map<String, Object> e = new LinkedHashMap<>();
        Instant ts = month.atDay(1 + random.nextInt(month.lengthOfMonth())).atTime(6 + random.nextInt(16), random.nextInt(60))
                .toInstant(ZoneOffset.ofHours(3));
        e.put("event_id", RUN_ID + "-" + line);
        e.put("ts", ts);
        e.put("month", month.atDay(1));
        e.put("agency", service.agencyCode());
        e.put("service", service.serviceCode());
        e.put("channel", channel);
        e.put("is_digital", isDigital);
        e.put("event", type);
        e.put("rating", rating);
        e.put("source_file", RUN_ID);
        e.put("line_number", line);
        e.put("run_id", RUN_ID);
        e.put("loaded_at", Instant.now());
        return e;
    }

    private static String pick(Random random, String[] items, double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < items.length; i++) {
            u -= weights[i];
            if (u <= 0) {
                return items[i];
            }
        }
        return items[items.length - 1];
    }

    private static Map<String, Sums> prefixed(String prefix, Map<String, Sums> map) {
        Map<String, Sums> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
