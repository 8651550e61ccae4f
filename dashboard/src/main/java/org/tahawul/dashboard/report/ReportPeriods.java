package org.tahawul.dashboard.report;

import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.PeriodSelection;

import java.time.YearMonth;
import java.time.ZonedDateTime;

/** The period of a report: {@code 2024-05}, {@code 2024-Q2} or {@code 2024}, and "the last complete one" of a rule. */
final class ReportPeriods {

    private ReportPeriods() {
    }

    /** A month, quarter or year as {@code bin/report --period} and the API take it; a 400 saying what is expected otherwise. */
    static PeriodSelection parse(String text) {
        String t = text == null ? "" : text.strip();
        String kind;
        if (t.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            kind = "month";
        } else if (t.matches("\\d{4}-[Qq][1-4]")) {
            kind = "quarter";
            t = t.toUpperCase(java.util.Locale.ROOT);
        } else if (t.matches("\\d{4}")) {
            kind = "year";
        } else {
            throw new BadRequestException("period must be a month (2024-05), a quarter (2024-Q2) or a year (2024), got '"
                    + text + "'");
        }
        try {
            return PeriodSelection.parse(kind, t, null, null, YearMonth.now());
        } catch (BadRequestException e) {
            throw new BadRequestException("period must lie between " + PeriodSelection.MIN.getYear() + " and "
                    + PeriodSelection.MAX.getYear() + ", got '" + text + "'");
        }
    }

    /** The last complete month, quarter or year before {@code now} (in the definition's time zone). */
    static PeriodSelection lastComplete(String rule, ZonedDateTime now) {
        YearMonth current = YearMonth.from(now);
        return switch (rule) {
            case "month" -> parse(current.minusMonths(1).toString());
            case "quarter" -> {
                YearMonth start = current.withMonth((current.getMonthValue() - 1) / 3 * 3 + 1).minusMonths(3);
                yield parse(start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1));
            }
            case "year" -> parse(String.valueOf(current.getYear() - 1));
            default -> throw new IllegalArgumentException("unknown period rule " + rule);
        };
    }
}
