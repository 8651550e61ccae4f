package org.tahawul.dashboard.system;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a page or an API call is about, as the selector keeps it in the URL:
 * {@code period=month&at=2024-05}, {@code period=quarter&at=2024-Q2}, {@code period=year&at=2024}
 * or {@code period=range&from=2023-01&to=2024-06}. Without parameters: the latest month with data.
 */
public record PeriodSelection(Kind kind, YearMonth from, YearMonth to) {

    public enum Kind {
        MONTH, QUARTER, YEAR, RANGE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Earliest and latest month any parameter may name. */
    public static final YearMonth MIN = YearMonth.of(2000, 1);
    public static final YearMonth MAX = YearMonth.of(2100, 12);
    /** The longest range, in months (20 years). */
    public static final int MAX_RANGE_MONTHS = 240;
    /** Months a heatmap or a per-month chart shows when the selection is a single month, quarter or year. */
    public static final int WINDOW_MONTHS = 24;

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    public PeriodSelection {
        if (from.isAfter(to)) {
            throw new BadRequestException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
    }

    /** Reads the selector's parameters; every mistake is a {@link BadRequestException} saying what is expected. */
    public static PeriodSelection parse(String period, String at, String from, String to, YearMonth latest) {
        String kind = period == null || period.isBlank() ? (from != null || to != null ? "range" : "month")
                : period.strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "month" -> {
                YearMonth m = at == null || at.isBlank() ? latest : month("at", at);
                return new PeriodSelection(Kind.MONTH, m, m);
            }
            case "quarter" -> {
                YearMonth start;
                if (at == null || at.isBlank()) {
                    start = latest.withMonth((latest.getMonthValue() - 1) / 3 * 3 + 1);
                } else {
                    Matcher q = QUARTER.matcher(at.strip());
                    if (!q.matches()) {
                        throw new BadRequestException("parameter 'at' must be a quarter like 2024-Q2 when period=quarter, got '" + at + "'");
                    }
                    start = YearMonth.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1);
                }
                checkBounds("at", start);
                return new PeriodSelection(Kind.QUARTER, start, start.plusMonths(2));
            }
            case "year" -> {
                int y;
                if (at == null || at.isBlank()) {
                    y = latest.getYear();
                } else if (YEAR.matcher(at.strip()).matches()) {
                    y = Integer.parseInt(at.strip());
                } else {
                    throw new BadRequestException("parameter 'at' must be a year like 2024 when period=year, got '" + at + "'");
                }
                checkBounds("at", YearMonth.of(y, 1));
                return new PeriodSelection(Kind.YEAR, YearMonth.of(y, 1), YearMonth.of(y, 12));
            }
            case "range" -> {
                YearMonth t = to == null || to.isBlank() ? latest : month("to", to);
                YearMonth f = from == null || from.isBlank() ? t.minusMonths(WINDOW_MONTHS - 1) : month("from", from);
                return range(f, t);
            }
            default -> throw new BadRequestException("parameter 'period' must be one of month, quarter, year, range; got '"
                    + period + "'");
        }
    }

    /** A range, checked for order and length. */
    public static PeriodSelection range(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new BadRequestException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
        if (from.plusMonths(MAX_RANGE_MONTHS).isBefore(to.plusMonths(1))) {
            throw new BadRequestException("the range " + from + ".." + to + " is longer than " + MAX_RANGE_MONTHS + " months");
        }
        return new PeriodSelection(Kind.RANGE, from, to);
    }

    /** A month parameter like 2024-05, or a 400 naming the parameter. */
    public static YearMonth month(String parameter, String value) {
        try {
            YearMonth m = YearMonth.parse(value.strip());
            checkBounds(parameter, m);
            return m;
        } catch (DateTimeParseException e) {
            throw new BadRequestException("parameter '" + parameter + "' must be a month like 2024-05, got '" + value + "'");
        }
    }

    private static void checkBounds(String parameter, YearMonth m) {
        if (m.isBefore(MIN) || m.isAfter(MAX)) {
            throw new BadRequestException("parameter '" + parameter + "' must lie between " + MIN + " and " + MAX + ", got " + m);
        }
    }

    /** The period before this one, of the same kind and length. */
    public PeriodSelection previous() {
        return switch (kind) {
            case MONTH -> new PeriodSelection(kind, from.minusMonths(1), to.minusMonths(1));
            case QUARTER -> new PeriodSelection(kind, from.minusMonths(3), to.minusMonths(3));
            case YEAR -> new PeriodSelection(kind, from.minusYears(1), to.minusYears(1));
            case RANGE -> {
                long months = from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1;
                yield new PeriodSelection(kind, from.minusMonths(months), to.minusMonths(months));
            }
        };
    }

    /** {@code month}, {@code quarter}, {@code year} or {@code range}. */
    public String periodType() {
        return kind.code();
    }

    /** {@code 2024-05}, {@code 2024-Q2}, {@code 2024} or {@code 2023-01..2024-06}. */
    public String label() {
        return switch (kind) {
            case MONTH -> from.toString();
            case QUARTER -> from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(from.getYear());
            case RANGE -> from + ".." + to;
        };
    }

    /** The selector's URL parameters. */
    public String query() {
        return kind == Kind.RANGE ? "period=range&from=" + from + "&to=" + to
                : "period=" + kind.code() + "&at=" + label();
    }

    /** First month of the months a per-month chart shows: the range itself, else the 24 months up to the period's end. */
    public YearMonth windowFrom() {
        return kind == Kind.RANGE ? from : to.minusMonths(WINDOW_MONTHS - 1L);
    }

    /** The months of a per-month chart as a range: {@link #windowFrom()} to the period's last month. */
    public PeriodSelection window() {
        return range(windowFrom(), to);
    }

    public LocalDate fromDate() {
        return from.atDay(1);
    }

    public LocalDate toDate() {
        return to.atDay(1);
    }
}
