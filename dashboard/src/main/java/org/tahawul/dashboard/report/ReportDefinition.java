package org.tahawul.dashboard.report;

import org.tahawul.dashboard.system.Names;

import java.util.Locale;

/**
 * One report of {@code tahawul.reports.definitions}: what to print, for whom, and when.
 *
 * @param id       stable name used in URLs, file names and {@code report_runs.definition} ({@code [a-z0-9-]+})
 * @param titleAr  the Arabic title (printed on the page and in the page header)
 * @param titleEn  the English title
 * @param template {@code executive} (national picture) or {@code agency} (one agency)
 * @param scope    {@code national}, or the agency code the report is about (template {@code agency})
 * @param period   the period a scheduled run covers: the last complete {@code month}, {@code quarter} or {@code year}
 * @param lang     the language of scheduled runs, {@code ar} or {@code en} (a run on demand may choose the other)
 * @param cron     Spring cron with seconds ({@code 0 0 7 1 * *}: the 1st of every month at 07:00); empty: on demand only
 * @param zone     the time zone of the cron and of "last complete period" ({@code Asia/Riyadh})
 */
public record ReportDefinition(String id, String titleAr, String titleEn, String template, String scope, String period,
                               String lang, String cron, String zone) {

    public static final String EXECUTIVE = "executive";
    public static final String AGENCY = "agency";
    public static final String NATIONAL = "national";

    public ReportDefinition {
        template = blank(template) ? EXECUTIVE : template.strip().toLowerCase(Locale.ROOT);
        scope = blank(scope) ? NATIONAL : scope.strip();
        period = blank(period) ? "month" : period.strip().toLowerCase(Locale.ROOT);
        lang = blank(lang) ? "ar" : lang.strip().toLowerCase(Locale.ROOT);
        cron = cron == null ? "0 0 7 1 * *" : cron.strip();
        zone = blank(zone) ? "Asia/Riyadh" : zone.strip();
    }

    /** The agency the report is about, or null for a national report. */
    public String agencyCode() {
        return scope.equalsIgnoreCase(NATIONAL) ? null : scope;
    }

    /** What {@code report_runs.scope_code} holds: the agency code, or {@code ALL}. */
    public String scopeCode() {
        return agencyCode() == null ? "ALL" : agencyCode();
    }

    public String title(Locale locale) {
        return Names.pick(locale, titleAr, titleEn);
    }

    public boolean scheduled() {
        return !cron.isEmpty() && !cron.equals("-");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
