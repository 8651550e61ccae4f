package org.tahawul.dashboard.kpi;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.dashboard.system.KpiColumns;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.TableResponses;
import org.tahawul.dashboard.target.TargetProgressRow;
import org.tahawul.dashboard.target.TargetRepository;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The national overview ({@code /}) and the KPI endpoints its charts read:
 * {@code /api/overview}, {@code /api/kpis}, {@code /api/trends}, {@code /api/external-indicators}.
 */
@Controller
class KpiController {

    private static final List<String> SCOPE_TYPES = List.of("national", "stage", "agency", "service");
    private static final List<String> GRANULARITIES = List.of("month", "quarter", "year");

    private final KpiRepository kpis;
    private final TargetRepository targets;
    private final AccessPolicy access;
    private final DataCalendar calendar;
    private final TableResponses tables;

    KpiController(KpiRepository kpis, TargetRepository targets, AccessPolicy access, DataCalendar calendar, TableResponses tables) {
        this.kpis = kpis;
        this.targets = targets;
        this.access = access;
        this.calendar = calendar;
        this.tables = tables;
    }

    @GetMapping("/")
    String overviewPage(PeriodSelection period, Model model) {
        Overview overview = overview(period);
        DataCalendar.Span span = calendar.span();
        model.addAttribute("overview", overview);
        model.addAttribute("empty", span.empty());
        model.addAttribute("trendFrom", span.first());
        model.addAttribute("trendKpis", KpiColumns.RATES.subList(0, 4));
        model.addAttribute("restricted", !access.scope().all());
        return "kpi/overview";
    }

    @GetMapping("/api/overview")
    @ResponseBody
    Overview overview(PeriodSelection period) {
        PeriodSelection previous = period.kind() == PeriodSelection.Kind.RANGE
                ? new PeriodSelection(PeriodSelection.Kind.MONTH, period.from(), period.from()) : period.previous();
        PeriodSelection current = period.kind() == PeriodSelection.Kind.RANGE
                ? new PeriodSelection(PeriodSelection.Kind.MONTH, period.to(), period.to()) : period;
        Map<String, Double> now = kpis.headline("national", "ALL", current);
        Map<String, Double> before = kpis.headline("national", "ALL", previous);
        List<TargetProgressRow> national = targets.progress("national", "ALL", null, AgencyScope.ALL);
        List<KpiCard> cards = new ArrayList<>();
        for (String kpi : KpiRepository.HEADLINE) {
            Double value = now.get(kpi);
            Double prev = before.get(kpi);
            Double change = value == null || prev == null ? null : value - prev;
            Double ratio = change == null || prev == 0 ? null : change / prev;
            Optional<TargetProgressRow> target = national.stream().filter(t -> t.kpi().equals(kpi))
                    .max(Comparator.comparing(TargetProgressRow::targetYear));
            cards.add(new KpiCard(kpi, KpiColumns.isRate(kpi) ? "rate" : kpi.equals("csat") ? "score" : "count",
                    value, prev, change, ratio, target.map(TargetProgressRow::target).orElse(null),
                    target.map(TargetProgressRow::targetYear).orElse(null),
                    target.map(TargetProgressRow::projected).orElse(null),
                    target.map(TargetProgressRow::status).orElse(null),
                    target.map(t -> t.asOfMonth() == null ? null : YearMonth.from(t.asOfMonth()).toString()).orElse(null)));
        }
        return new Overview(period.periodType(), period.label(), period.from().toString(), period.to().toString(),
                previous.label(), cards);
    }

    /** {@code kpi_monthly} rows, or {@code kpi_period} rows with {@code period=quarter|year}. */
    @GetMapping("/api/kpis")
    ResponseEntity<?> kpis(@RequestParam(name = "scope_type", defaultValue = "national") String scopeType,
                           @RequestParam(name = "scope_code", required = false) String scopeCode,
                           @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "month") String period,
                           @RequestParam(required = false) String format, HttpServletRequest request) {
        String code = checkScope(scopeType, scopeCode);
        PeriodSelection range = PeriodSelection.parse("range", null, from, to, calendar.span().last());
        if (!GRANULARITIES.contains(period)) {
            throw new BadRequestException("parameter 'period' must be month, quarter or year for /api/kpis, got '" + period + "'");
        }
        AgencyScope scope = access.scope();
        if (period.equals("month")) {
            return tables.rows(kpis.monthly(scopeType, code, range.from(), range.to(), scope), KpiMonthlyRow.class, format,
                    "kpi_monthly", request);
        }
        return tables.rows(kpis.periods(period, scopeType, code, range.from(), range.to(), scope), KpiPeriodRow.class,
                format, "kpi_period", request);
    }

    @GetMapping("/api/trends")
    @ResponseBody
    Trend trend(@RequestParam String kpi, @RequestParam(name = "scope_type", defaultValue = "national") String scopeType,
                @RequestParam(name = "scope_code", required = false) String scopeCode,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        String column = KpiColumns.require("kpi", kpi);
        String code = checkScope(scopeType, scopeCode);
        if (code == null) {
            throw new BadRequestException("parameter 'scope_code' is required for a trend of scope_type " + scopeType);
        }
        PeriodSelection range = PeriodSelection.parse("range", null, from, to, calendar.span().last());
        List<TargetProgressRow> rows = targets.progress(scopeType, code, column, AgencyScope.ALL);
        List<Trend.TargetLine> lines = rows.stream()
                .map(t -> new Trend.TargetLine(t.targetYear(), t.target(), t.source())).toList();
        Trend.Projection projection = rows.stream().filter(t -> t.projected() != null && t.asOfMonth() != null)
                .max(Comparator.comparing(TargetProgressRow::targetYear))
                .map(t -> new Trend.Projection(YearMonth.from(t.asOfMonth()).toString(), t.actual(),
                        YearMonth.of(t.targetYear(), 12).toString(), t.projected(), t.status()))
                .orElse(null);
        return new Trend(column, scopeType, code, kpis.series(column, scopeType, code, range.from(), range.to()), lines,
                projection);
    }

    @GetMapping("/api/external-indicators")
    ResponseEntity<?> externalIndicators(@RequestParam(required = false) String format, HttpServletRequest request) {
        return tables.rows(kpis.externalIndicators(), ExternalIndicatorRow.class, format, "external_indicators", request);
    }

    /** Validates scope_type and scope_code (400/404/403); returns the code, null meaning "all of the type". */
    private String checkScope(String scopeType, String scopeCode) {
        if (!SCOPE_TYPES.contains(scopeType)) {
            throw new BadRequestException("parameter 'scope_type' must be one of " + String.join(", ", SCOPE_TYPES)
                    + ", got '" + scopeType + "'");
        }
        String code = scopeCode == null || scopeCode.isBlank() ? null : scopeCode.strip();
        if (scopeType.equals("national")) {
            if (code != null && !code.equals("ALL")) {
                throw new BadRequestException("the national scope has scope_code ALL, got '" + scopeCode + "'");
            }
            return "ALL";
        }
        access.scope(scopeType, code);
        return code;
    }
}
