package org.tahawul.dashboard.report;

import org.springframework.stereotype.Component;
import org.tahawul.dashboard.agency.AgencyRank;
import org.tahawul.dashboard.agency.AgencyRepository;
import org.tahawul.dashboard.kpi.KpiRepository;
import org.tahawul.dashboard.stage.StageRepository;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.Catalogue;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.dashboard.system.KpiColumns;
import org.tahawul.dashboard.system.NotFoundException;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.target.TargetProgressRow;
import org.tahawul.dashboard.target.TargetRepository;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the report templates print, read through the dashboard's own repositories (the same numbers
 * as the pages): the national picture for {@code executive}, one agency for {@code agency}.
 * A period without KPIs in the warehouse is a 404 naming the latest period there is, so a report
 * of empty tables is never printed.
 */
@Component
class ReportContent {

    /** Rank rows shown at the top and at the bottom of the ranking. */
    static final int TOP = 5;
    /** Largest rises and falls of digital adoption listed among the notable changes. */
    static final int MOVERS = 3;
    /** A change of digital adoption smaller than this (0.5 pp) is not notable. */
    static final double NOTABLE = 0.005;
    /** Months of stage history an agency report prints. */
    static final int HISTORY_MONTHS = 12;

    /** One indicator in the period and the period before. {@code unit}: rate, count or score. */
    record Indicator(String kpi, String unit, Double value, Double previous) {
        public Double change() {
            return value == null || previous == null ? null : value - previous;
        }

        public Double changeRatio() {
            Double change = change();
            return change == null || previous == 0 ? null : change / previous;
        }

        static Indicator of(String kpi, Double value, Double previous) {
            return new Indicator(kpi, KpiColumns.isRate(kpi) ? "rate" : kpi.equals(KpiColumns.CSAT) ? "score" : "count",
                    value, previous);
        }
    }

    /** A national KPI with its targets (every target year), their status and projection. */
    record KpiTargets(Indicator indicator, List<TargetProgressRow> targets) {
    }

    /** A notable change since the previous period: an agency changed stage, or its digital adoption moved. */
    record Change(String agencyCode, String agencyName, String kind, Double before, Double after) {
        public Double delta() {
            return before == null || after == null ? null : after - before;
        }
    }

    /** The executive report: national KPIs and targets, stages, top and bottom agencies, changes, benchmarks. */
    record Executive(List<KpiTargets> kpis, Indicator digitalAdoption, List<TargetProgressRow> targets, Object stages,
                     List<AgencyRank> top, List<AgencyRank> bottom, List<AgencyRank> ranking, List<Change> stageChanges,
                     List<Change> movers, Object external, YearMonth trendFrom, int agencies) {
    }

    /** The agency report: its rank and KPIs, targets, services, channels and stage history. */
    record Agency(Catalogue.Agency agency, AgencyRank row, List<Indicator> indicators, List<TargetProgressRow> targets,
                  Object services, Object channels, Object history, YearMonth trendFrom, YearMonth historyFrom,
                  int agencies) {
    }

    private final KpiRepository kpis;
    private final TargetRepository targets;
    private final AgencyRepository agencies;
    private final StageRepository stages;
    private final Catalogue catalogue;
    private final DataCalendar calendar;

    ReportContent(KpiRepository kpis, TargetRepository targets, AgencyRepository agencies, StageRepository stages,
                  Catalogue catalogue, DataCalendar calendar) {
        this.kpis = kpis;
        this.targets = targets;
        this.agencies = agencies;
        this.stages = stages;
        this.catalogue = catalogue;
        this.calendar = calendar;
    }

    Executive executive(PeriodSelection period, Function<Catalogue.Agency, String> names) {
        Map<String, Double> now = kpis.headline("national", "ALL", period);
        if (now.isEmpty()) {
            throw noData("national", period);
        }
        Map<String, Double> before = kpis.headline("national", "ALL", period.previous());
        List<TargetProgressRow> national = targets.progress("national", "ALL", null, AgencyScope.ALL);
        List<KpiTargets> lines = new ArrayList<>();
        for (String kpi : KpiRepository.HEADLINE) {
            lines.add(new KpiTargets(Indicator.of(kpi, now.get(kpi), before.get(kpi)),
                    national.stream().filter(t -> t.kpi().equals(kpi))
                            .sorted(Comparator.comparing(TargetProgressRow::targetYear)).toList()));
        }
        List<AgencyRank> ranking = agencies.ranking(period, AgencyScope.ALL);
        List<AgencyRank> ranked = ranking.stream().filter(r -> r.rank() != null).toList();
        List<AgencyRank> top = ranked.subList(0, Math.min(TOP, ranked.size()));
        List<AgencyRank> bottom = ranked.size() <= TOP ? List.of()
                : ranked.subList(Math.max(TOP, ranked.size() - TOP), ranked.size());
        Map<String, AgencyRank> previous = new LinkedHashMap<>();
        agencies.ranking(period.previous(), AgencyScope.ALL).forEach(r -> previous.put(r.agencyCode(), r));
        List<Change> stageChanges = new ArrayList<>();
        List<Change> adoption = new ArrayList<>();
        for (AgencyRank r : ranking) {
            AgencyRank p = previous.get(r.agencyCode());
            if (p == null) {
                continue;
            }
            String name = catalogue.agency(r.agencyCode()).map(names).orElse(r.agencyCode());
            if (r.stage() != null && p.stage() != null && !r.stage().equals(p.stage())) {
                stageChanges.add(new Change(r.agencyCode(), name, "stage", p.stage().doubleValue(), r.stage().doubleValue()));
            }
            Change moved = new Change(r.agencyCode(), name, "digital_adoption", p.digitalAdoption(), r.digitalAdoption());
            if (moved.delta() != null && Math.abs(moved.delta()) >= NOTABLE) {
                adoption.add(moved);
            }
        }
        stageChanges.sort(Comparator.comparing((Change c) -> c.after() - c.before()).reversed()
                .thenComparing(Change::agencyCode));
        adoption.sort(Comparator.comparing(Change::delta).reversed());
        List<Change> movers = new ArrayList<>(adoption.stream().filter(c -> c.delta() > 0).limit(MOVERS).toList());
        movers.addAll(adoption.stream().filter(c -> c.delta() < 0).sorted(Comparator.comparing(Change::delta))
                .limit(MOVERS).toList());
        return new Executive(lines, lines.get(0).indicator(), national, stages.stages(period), top, bottom, ranking,
                stageChanges, movers, kpis.externalIndicators(), trendFrom(period), ranking.size());
    }

    Agency agency(String agencyCode, PeriodSelection period) {
        Catalogue.Agency agency = catalogue.requireAgency(agencyCode);
        List<AgencyRank> ranking = agencies.ranking(period, AgencyScope.ALL);
        AgencyRank row = find(ranking, agencyCode);
        if (row == null || row.transactions() == null && row.maturityIndex() == null) {
            throw noData("agency " + agencyCode, period);
        }
        AgencyRank before = find(agencies.ranking(period.previous(), AgencyScope.ALL), agencyCode);
        List<Indicator> indicators = new ArrayList<>();
        Map<String, Function<AgencyRank, Double>> columns = new LinkedHashMap<>();
        columns.put("maturity_index", AgencyRank::maturityIndex);
        columns.put("digital_adoption", AgencyRank::digitalAdoption);
        columns.put("completion_rate", AgencyRank::completionRate);
        columns.put("satisfaction_rate", AgencyRank::satisfactionRate);
        columns.put("eservice_coverage", AgencyRank::eserviceCoverage);
        columns.put("sla_compliance", AgencyRank::slaCompliance);
        columns.put("csat", AgencyRank::csat);
        columns.put("transactions", r -> r.transactions() == null ? null : r.transactions().doubleValue());
        columns.forEach((kpi, column) -> indicators.add(kpi.equals("maturity_index")
                ? new Indicator(kpi, "score", column.apply(row), before == null ? null : column.apply(before))
                : Indicator.of(kpi, column.apply(row), before == null ? null : column.apply(before))));
        YearMonth historyFrom = period.to().minusMonths(HISTORY_MONTHS - 1L);
        return new Agency(agency, row, indicators, targets.progress("agency", agencyCode, null, AgencyScope.ALL),
                agencies.services(agencyCode, null, period, AgencyScope.ALL), agencies.channels(agencyCode, null, period),
                stages.maturity(agencyCode, PeriodSelection.range(historyFrom, period.to()), AgencyScope.ALL),
                trendFrom(period), historyFrom, ranking.size());
    }

    /** Trends start three years before the period's end (or at the first month with data). */
    private YearMonth trendFrom(PeriodSelection period) {
        YearMonth first = calendar.span().first();
        YearMonth from = period.to().minusMonths(35);
        return from.isBefore(first) ? first : from;
    }

    private static AgencyRank find(List<AgencyRank> ranking, String agencyCode) {
        return ranking.stream().filter(r -> Objects.equals(r.agencyCode(), agencyCode)).findFirst().orElse(null);
    }

    private NotFoundException noData(String what, PeriodSelection period) {
        DataCalendar.Span span = calendar.span();
        return new NotFoundException("the warehouse has no KPIs of " + what + " for " + period.label()
                + (span.empty() ? " (it has none yet)" : " (national KPIs exist from " + span.first() + " to " + span.last() + ")")
                + "; run the analytics job for that period first (bin/analytics)");
    }
}
