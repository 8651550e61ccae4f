package org.tahawul.analytics;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.datasets.reference.MaturityStage;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Date;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tahawul.analytics.Events.events;

/**
 * The counting rules of DESIGN §5 on hand-made events, through the whole computation: ClickHouse
 * counts ({@link EventCounts}), Spark computes maturity and KPIs ({@link AnalyticsJob#compute}).
 * One database for the class; each test replaces the events with its own.
 */
class EventCountsIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    /** The output of one computation. */
    record Computed(List<Row> kpis, List<Row> maturity) {
    }

    static Computed compute(Events events) throws Exception {
        return compute(events, Events.STAGES, events.first(), events.last());
    }

    static Computed compute(Events events, List<MaturityStage> stages, YearMonth first, YearMonth last)
            throws Exception {
        events.replaceIn(db.settings());
        try (EventCounts counts = new EventCounts(db.settings(), "it-" + UUID.randomUUID(), Events.AGENCIES,
                Events.CATALOGUE)) {
            AnalyticsJob.Computed c = AnalyticsJob.compute(SparkTestSession::get, counts, first, last, stages,
                    new Progress(new PrintStream(OutputStream.nullOutputStream())));
            return new Computed(c.kpis(), c.maturity());
        }
    }

    /** The KPI row of one period and scope. */
    static Row kpi(Computed result, String periodType, String start, String scopeType, String scopeCode) {
        List<Row> rows = result.kpis().stream().filter(r -> r.getAs("period_type").equals(periodType)
                && r.getAs("period_start").equals(Date.valueOf(start)) && r.getAs("scope_type").equals(scopeType)
                && r.getAs("scope_code").equals(scopeCode)).toList();
        assertThat(rows).as("%s %s %s %s", periodType, start, scopeType, scopeCode).hasSize(1);
        return rows.get(0);
    }

    static Row month(Computed result, String month, String scopeType, String scopeCode) {
        return kpi(result, "month", month + "-01", scopeType, scopeCode);
    }

    @Test
    void noRatingsGivesNullCsatAndSatisfactionRate() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, "s1", "u1", 60_000L)
                .rated("2024-01", "B-1", true, 5));
        Row a = month(r, "2024-01", "agency", "A");
        assertThat(a.<Long>getAs("ratings")).isZero();
        assertThat((Object) a.getAs("csat")).isNull();
        assertThat((Object) a.getAs("satisfaction_rate")).isNull();
        Row b = month(r, "2024-01", "agency", "B");
        assertThat(b.<Double>getAs("csat")).isEqualTo(5.0);
        assertThat(b.<Double>getAs("satisfaction_rate")).isEqualTo(1.0);
    }

    @Test
    void csatIsTheMeanAndSatisfactionTheShareOfFoursAndFives() throws Exception {
        Computed r = compute(events()
                .rated("2024-01", "A-1", true, 5).rated("2024-01", "A-1", false, 4)
                .rated("2024-01", "A-2", true, 3).rated("2024-01", "A-2", true, 1));
        Row national = month(r, "2024-01", "national", "ALL");
        assertThat(national.<Long>getAs("ratings")).isEqualTo(4);
        assertThat(national.<Double>getAs("csat")).isEqualTo(13 / 4.0);
        assertThat(national.<Double>getAs("satisfaction_rate")).isEqualTo(0.5);
        assertThat(national.<Long>getAs("ratings_satisfied")).isEqualTo(2);
    }

    @Test
    void sessionStartedOn31JanuaryAndCompletedOn1FebruaryCountsForJanuary() throws Exception {
        // the start is in January (Riyadh), the completion in February's partition
        Computed r = compute(events()
                .started("2024-01", "A-1", true, "s1")
                .completed("2024-02", "A-1", true, "s1", "u1", 60_000L));
        Row january = month(r, "2024-01", "agency", "A");
        assertThat(january.<Long>getAs("digital_sessions_started")).isEqualTo(1);
        assertThat(january.<Long>getAs("digital_sessions_completed")).isEqualTo(1);
        assertThat(january.<Double>getAs("completion_rate")).isEqualTo(1.0);
        assertThat(january.<Long>getAs("transactions")).isZero();
        Row february = month(r, "2024-02", "agency", "A");
        assertThat(february.<Long>getAs("transactions")).isEqualTo(1);
        assertThat((Object) february.getAs("completion_rate")).as("no start in February").isNull();
    }

    @Test
    void aCompletionOutsideTheMonthsReadStillCounts() throws Exception {
        // a re-run of 2024 reads 2024 only; the session started in December completed in January 2025
        Computed r = compute(events().started("2024-12", "A-1", true, "late").started("2024-12", "A-1", true, "never")
                .completed("2025-01", "A-1", true, "late", "u1", 1_000L), Events.STAGES, YearMonth.of(2024, 1),
                YearMonth.of(2024, 12));
        assertThat(month(r, "2024-12", "service", "A-1").<Double>getAs("completion_rate")).isEqualTo(0.5);
        assertThat(r.kpis().stream().filter(x -> x.<Date>getAs("period_start").toLocalDate().getYear() == 2025))
                .as("only the months read").isEmpty();
    }

    @Test
    void failedAndAbandonedSessionsCountAsNotCompleted() throws Exception {
        Computed r = compute(events()
                .started("2024-03", "A-1", true, "ok1").completed("2024-03", "A-1", true, "ok1", "u1", 1_000L)
                .started("2024-03", "A-1", true, "f").event("2024-03", "A-1", true, "failed", "f")
                .started("2024-03", "A-1", true, "ab").event("2024-03", "A-1", true, "abandoned", "ab")
                .started("2024-03", "A-1", true, "ok2").completed("2024-03", "A-1", true, "ok2", "u2", 1_000L));
        Row a1 = month(r, "2024-03", "service", "A-1");
        assertThat(a1.<Long>getAs("digital_sessions_started")).isEqualTo(4);
        assertThat(a1.<Long>getAs("digital_sessions_completed")).isEqualTo(2);
        assertThat(a1.<Double>getAs("completion_rate")).isEqualTo(0.5);
    }

    @Test
    void aSessionStartedInTwoMonthsCountsInEachMonthAndOnceInTheQuarter() throws Exception {
        Computed r = compute(events()
                .started("2024-01", "A-1", true, "twice").started("2024-02", "A-1", true, "twice")
                .completed("2024-02", "A-1", true, "twice", "u1", 1_000L)
                .started("2024-01", "A-2", true, "once"));
        assertThat(month(r, "2024-01", "agency", "A").<Long>getAs("digital_sessions_started")).isEqualTo(2);
        assertThat(month(r, "2024-02", "agency", "A").<Double>getAs("completion_rate")).isEqualTo(1.0);
        Row q1 = kpi(r, "quarter", "2024-01-01", "national", "ALL");
        assertThat(q1.<Long>getAs("digital_sessions_started")).isEqualTo(2);
        assertThat(q1.<Long>getAs("digital_sessions_completed")).isEqualTo(1);
        assertThat(q1.<Double>getAs("completion_rate")).isEqualTo(0.5);
    }

    @Test
    void nonDigitalStartsAreOutsideCompletionRate() throws Exception {
        Computed r = compute(events()
                .started("2024-03", "A-1", true, "web").completed("2024-03", "A-1", true, "web", "u1", 1_000L)
                .started("2024-03", "A-1", false, "counter")
                .started("2024-03", "A-2", false, "counter2").completed("2024-03", "A-2", false, "counter2", "u2", 1_000L));
        Row a = month(r, "2024-03", "agency", "A");
        assertThat(a.<Long>getAs("digital_sessions_started")).isEqualTo(1);
        assertThat(a.<Double>getAs("completion_rate")).isEqualTo(1.0);
        assertThat((Object) month(r, "2024-03", "service", "A-2").getAs("completion_rate")).isNull();
    }

    @Test
    void activeBeneficiariesAreExactDistinctCountsPerScopeAndPeriod() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-2", true, null, "u1", null)
                .completed("2024-01", "B-1", true, null, "u1", null)
                .completed("2024-01", "B-1", true, null, "u2", null)
                .completed("2024-01", "B-2", false, null, "u3", null)   // not digital: not active
                .completed("2024-02", "A-1", true, null, "u1", null)
                .completed("2024-02", "A-1", true, null, "u4", null));
        assertThat(month(r, "2024-01", "service", "A-1").<Long>getAs("active_beneficiaries")).isEqualTo(1);
        assertThat(month(r, "2024-01", "agency", "A").<Long>getAs("active_beneficiaries")).isEqualTo(1);
        assertThat(month(r, "2024-01", "agency", "B").<Long>getAs("active_beneficiaries")).isEqualTo(2);
        assertThat(month(r, "2024-01", "national", "ALL").<Long>getAs("active_beneficiaries")).isEqualTo(2);
        assertThat(month(r, "2024-02", "national", "ALL").<Long>getAs("active_beneficiaries")).isEqualTo(2);
        // the quarter counts u1 once although January and February each have it: 3, not 2 + 2
        assertThat(kpi(r, "quarter", "2024-01-01", "national", "ALL").<Long>getAs("active_beneficiaries")).isEqualTo(3);
        assertThat(kpi(r, "year", "2024-01-01", "agency", "A").<Long>getAs("active_beneficiaries")).isEqualTo(2);
    }

    @Test
    void slaComplianceCountsOnlyCompletionsWithADuration() throws Exception {
        Computed r = compute(events()
                .completed("2024-05", "A-1", true, null, "u1", 600_000L)     // exactly 10 minutes: within
                .completed("2024-05", "A-1", true, null, "u2", 300_000L)
                .completed("2024-05", "A-1", false, null, "u3", 600_001L)    // over
                .completed("2024-05", "A-1", false, null, "u4", null));      // no duration: left out
        Row a1 = month(r, "2024-05", "service", "A-1");
        assertThat(a1.<Long>getAs("completions_with_duration")).isEqualTo(3);
        assertThat(a1.<Long>getAs("completions_within_sla")).isEqualTo(2);
        assertThat(a1.<Double>getAs("sla_compliance")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat((Object) month(r, "2024-05", "agency", "B").getAs("sla_compliance")).isNull();
    }

    @Test
    void digitalAdoptionIsDigitalOverAllCompletionsAndNullWithoutAny() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-1", false, null, "u2", null)
                .completed("2024-01", "A-1", false, null, "u3", null)
                .completed("2024-01", "A-2", true, null, "u4", null)
                .rated("2024-01", "B-1", true, 4));
        Row a = month(r, "2024-01", "agency", "A");
        assertThat(a.<Long>getAs("transactions")).isEqualTo(4);
        assertThat(a.<Long>getAs("digital_transactions")).isEqualTo(2);
        assertThat(a.<Double>getAs("digital_adoption")).isEqualTo(0.5);
        assertThat((Object) month(r, "2024-01", "agency", "B").getAs("digital_adoption")).isNull();
    }

    @Test
    void eserviceCoverageIsTheShareOfCataloguedServicesOnlineAndNullForAService() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-2", false, null, "u2", null)       // not online: counter only
                .completed("2024-01", "B-1", true, null, "u3", null));
        assertThat(month(r, "2024-01", "agency", "A").<Double>getAs("eservice_coverage")).isEqualTo(0.5);
        assertThat(month(r, "2024-01", "agency", "B").<Double>getAs("eservice_coverage")).isEqualTo(0.25);
        assertThat(month(r, "2024-01", "agency", "C").<Double>getAs("eservice_coverage")).isEqualTo(0.0);
        Row national = month(r, "2024-01", "national", "ALL");
        assertThat(national.<Long>getAs("services_catalogued")).isEqualTo(7);
        assertThat(national.<Long>getAs("services_online")).isEqualTo(2);
        assertThat(national.<Double>getAs("eservice_coverage")).isEqualTo(2 / 7.0);
        assertThat((Object) month(r, "2024-01", "service", "A-1").getAs("eservice_coverage")).isNull();
    }

    @Test
    void quartersAndYearsAreComputedFromEventsNotAveragedMonths() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)            // January: adoption 1/1
                .completed("2024-02", "A-1", false, null, "u2", null)           // February: 1/4
                .completed("2024-02", "A-1", false, null, "u3", null)
                .completed("2024-02", "A-1", false, null, "u4", null)
                .completed("2024-02", "A-1", true, null, "u5", null)
                .completed("2024-04", "A-1", true, null, "u6", null));
        Row q1 = kpi(r, "quarter", "2024-01-01", "service", "A-1");
        assertThat(q1.<Long>getAs("transactions")).isEqualTo(5);
        assertThat(q1.<Double>getAs("digital_adoption")).as("2/5, not the mean of 1 and 1/4").isEqualTo(0.4);
        Row year = kpi(r, "year", "2024-01-01", "national", "ALL");
        assertThat(year.<Long>getAs("transactions")).isEqualTo(6);
        assertThat(year.<Double>getAs("digital_adoption")).isEqualTo(0.5);
    }

    @Test
    void agencyTransactionsAddUpToNationalAndStagesPartitionTheAgencies() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-2", true, null, "u2", null)
                .completed("2024-01", "B-1", false, null, "u3", null)
                .completed("2024-01", "B-2", true, null, "u1", null)
                .completed("2024-01", "B-2", true, null, "u4", null)
                .rated("2024-01", "B-2", true, 2));
        List<Row> rows = r.kpis().stream().filter(x -> x.getAs("period_type").equals("month")).toList();
        Map<String, List<Row>> byScope = rows.stream().collect(Collectors.groupingBy(x -> x.getAs("scope_type")));
        long national = byScope.get("national").get(0).<Long>getAs("transactions");
        assertThat(national).isEqualTo(5);
        assertThat(byScope.get("agency").stream().mapToLong(x -> x.<Long>getAs("transactions")).sum()).isEqualTo(national);
        assertThat(byScope.get("service").stream().mapToLong(x -> x.<Long>getAs("transactions")).sum()).isEqualTo(national);
        assertThat(byScope.get("stage").stream().mapToLong(x -> x.<Long>getAs("transactions")).sum()).isEqualTo(national);
        assertThat(byScope.get("stage").stream().mapToLong(x -> x.<Long>getAs("agencies")).sum())
                .isEqualTo(byScope.get("national").get(0).<Long>getAs("agencies")).isEqualTo(3);
        // A: coverage 1, adoption 1, no ratings -> stage 3 (stage 4 needs satisfaction 0.7); B: coverage 0.25 -> 2; C: 1
        Map<String, Integer> stages = r.maturity().stream()
                .collect(Collectors.toMap(x -> x.getAs("agency_code"), x -> x.<Integer>getAs("stage")));
        assertThat(stages).containsExactlyInAnyOrderEntriesOf(Map.of("A", 3, "B", 2, "C", 1));
        Row stage2 = month(r, "2024-01", "stage", "2");
        assertThat(stage2.<Long>getAs("agencies")).isEqualTo(1);
        assertThat(stage2.<Long>getAs("transactions")).isEqualTo(3);
        assertThat(stage2.<Long>getAs("active_beneficiaries")).isEqualTo(2);
        assertThat(stage2.<Double>getAs("eservice_coverage")).isEqualTo(0.25);
        Row stage1 = month(r, "2024-01", "stage", "1");
        assertThat(stage1.<Long>getAs("transactions")).isZero();
        assertThat(stage1.<Long>getAs("services_catalogued")).isEqualTo(1);
    }

    @Test
    void aBeneficiaryOfTwoAgenciesAtTheSameStageCountsOnceForTheStage() throws Exception {
        // A: coverage 1/2, adoption 1/2 -> stage 2; B: coverage 1/4 -> stage 2; u1 completed digitally at both
        Computed r = compute(events()
                .completed("2024-01", "A-1", true, null, "u1", null)
                .completed("2024-01", "A-2", false, null, "u2", null)
                .completed("2024-01", "B-1", true, null, "u1", null));
        assertThat(month(r, "2024-01", "agency", "A").<Long>getAs("active_beneficiaries")).isEqualTo(1);
        assertThat(month(r, "2024-01", "agency", "B").<Long>getAs("active_beneficiaries")).isEqualTo(1);
        Row stage2 = month(r, "2024-01", "stage", "2");
        assertThat(stage2.<Long>getAs("agencies")).isEqualTo(2);
        assertThat(stage2.<Long>getAs("active_beneficiaries")).as("distinct, not 1 + 1").isEqualTo(1);
        assertThat(stage2.<Long>getAs("transactions")).isEqualTo(3);
    }

    @Test
    void anAgencyWithNoDigitalCompletionsIsStageOne() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "A-1", false, null, "u1", null)
                .completed("2024-01", "A-2", false, null, "u2", null)
                .rated("2024-01", "A-1", false, 5));
        Map<String, Row> m = r.maturity().stream().collect(Collectors.toMap(x -> x.getAs("agency_code"), x -> x));
        assertThat(m.get("A").<Integer>getAs("stage")).isEqualTo(1);
        assertThat(m.get("A").<Double>getAs("eservice_coverage")).isZero();
        assertThat(m.get("A").<Double>getAs("maturity_index")).isCloseTo(20.0, within(1e-9)); // satisfaction 1 × 0.2
        assertThat(m.get("C").<Integer>getAs("stage")).as("an agency without events").isEqualTo(1);
        assertThat(month(r, "2024-01", "agency", "C").<Long>getAs("transactions")).isZero();
        assertThat(month(r, "2024-01", "agency", "C").<Double>getAs("eservice_coverage")).isZero();
    }

    @Test
    void theStageOfAQuarterIsTheStageInItsLastMonthWithData() throws Exception {
        Computed r = compute(events()
                .completed("2024-01", "B-1", true, null, "u1", null)     // B stage 2 in January
                .completed("2024-02", "A-1", false, null, "u2", null));  // B stage 1 in February
        Row q1 = kpi(r, "quarter", "2024-01-01", "stage", "1");
        assertThat(q1.<Long>getAs("agencies")).isEqualTo(3);
        assertThat(q1.<Long>getAs("transactions")).isEqualTo(2);
        assertThat(q1.<Long>getAs("active_beneficiaries")).isEqualTo(1);
        assertThat(r.kpis().stream().filter(x -> x.getAs("period_type").equals("quarter")
                && x.getAs("scope_type").equals("stage"))).hasSize(1);
        assertThat(month(r, "2024-01", "stage", "2").<Long>getAs("active_beneficiaries")).isEqualTo(1);
    }

    /**
     * Many ids in several cells (sessions started twice, beneficiaries using several services and months,
     * across a year end): every distinct count of every period and scope equals a plain count of sets.
     */
    @Test
    void distinctCountsEqualAPlainCountOfIdsInEveryPeriodAndScope() throws Exception {
        Random random = new Random(42);
        List<String> services = Events.CATALOGUE.stream().map(s -> s.code()).filter(c -> !c.startsWith("C")).toList();
        List<String> months = List.of("2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04");
        record Id(String month, String agency, String service, String id, boolean flag) {
        }
        List<Id> sessions = new java.util.ArrayList<>();
        List<Id> beneficiaries = new java.util.ArrayList<>();
        Set<String> completed = new HashSet<>();
        Events events = events();
        for (int i = 0; i < 600; i++) {
            String month = months.get(random.nextInt(months.size()));
            String service = services.get(random.nextInt(services.size()));
            String agency = service.substring(0, 1);
            boolean digital = random.nextInt(4) > 0;
            switch (random.nextInt(3)) {
                case 0 -> {
                    String session = "s" + random.nextInt(150);
                    events.started(month, service, digital, session);
                    if (digital) {
                        sessions.add(new Id(month, agency, service, session, false));
                    }
                }
                case 1 -> {
                    String session = random.nextBoolean() ? "s" + random.nextInt(150) : null;
                    String beneficiary = "u" + random.nextInt(60);
                    events.completed(month, service, digital, session, beneficiary, null);
                    if (session != null) {
                        completed.add(session);
                    }
                    if (digital) {
                        beneficiaries.add(new Id(month, agency, service, beneficiary, false));
                    }
                }
                default -> events.event(month, service, digital, random.nextBoolean() ? "failed" : "abandoned",
                        "s" + random.nextInt(150));
            }
        }
        Computed r = compute(events);
        Map<String, Integer> stageOf = new HashMap<>(); // "month|2024-01-01|A" -> stage; quarters, years: last month's
        for (Row m : r.maturity().stream().sorted(java.util.Comparator.comparing(x -> x.<Date>getAs("month"))).toList()) {
            java.time.LocalDate d = m.<Date>getAs("month").toLocalDate();
            for (String period : periods(d)) {
                stageOf.put(period + "|" + m.getAs("agency_code"), m.getAs("stage"));
            }
        }
        Map<String, Set<String>> started = new HashMap<>();
        Map<String, Set<String>> done = new HashMap<>();
        Map<String, Set<String>> active = new HashMap<>();
        for (Id s : sessions) {
            for (String key : keys(s.month(), s.agency(), s.service(), stageOf)) {
                started.computeIfAbsent(key, k -> new HashSet<>()).add(s.id());
                if (completed.contains(s.id())) {
                    done.computeIfAbsent(key, k -> new HashSet<>()).add(s.id());
                }
            }
        }
        for (Id b : beneficiaries) {
            for (String key : keys(b.month(), b.agency(), b.service(), stageOf)) {
                active.computeIfAbsent(key, k -> new HashSet<>()).add(b.id());
            }
        }
        assertThat(r.kpis()).hasSizeGreaterThan(100);
        int checked = 0;
        for (Row k : r.kpis()) {
            String key = k.getAs("period_type") + "|" + k.<Date>getAs("period_start") + "|" + k.getAs("scope_type")
                    + "|" + k.getAs("scope_code");
            assertThat(k.<Long>getAs("digital_sessions_started")).as(key)
                    .isEqualTo(started.getOrDefault(key, Set.of()).size());
            assertThat(k.<Long>getAs("digital_sessions_completed")).as(key)
                    .isEqualTo(done.getOrDefault(key, Set.of()).size());
            assertThat(k.<Long>getAs("active_beneficiaries")).as(key).isEqualTo(active.getOrDefault(key, Set.of()).size());
            checked += started.containsKey(key) || active.containsKey(key) ? 1 : 0;
        }
        Set<String> withIds = new HashSet<>(started.keySet());
        withIds.addAll(active.keySet());
        assertThat(checked).as("every period and scope with an id has a row").isEqualTo(withIds.size());
    }

    /** "month|2024-01-01", "quarter|2024-01-01", "year|2024-01-01" of a month. */
    private static List<String> periods(java.time.LocalDate month) {
        return List.of("month|" + month, "quarter|" + month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1),
                "year|" + month.withMonth(1));
    }

    private static List<String> keys(String month, String agency, String service, Map<String, Integer> stageOf) {
        List<String> keys = new java.util.ArrayList<>();
        for (String period : periods(YearMonth.parse(month).atDay(1))) {
            keys.add(period + "|national|ALL");
            keys.add(period + "|stage|" + stageOf.get(period + "|" + agency));
            keys.add(period + "|agency|" + agency);
            keys.add(period + "|service|" + service);
        }
        return keys;
    }
}
