package org.tahawul.dashboard.report;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.tahawul.dashboard.system.MonthLabels;
import org.tahawul.dashboard.system.Names;
import org.tahawul.dashboard.system.PeriodSelection;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Locale;

/**
 * The words a report prints about itself, in its language: the period («الربع الثاني ٢٠٢٤ · أبريل –
 * يونيو ٢٠٢٤»), when it was generated, and the page header and footer templates of
 * {@code Page.printToPDF} (title, period, generated at, page X of Y).
 */
@Component
class ReportTexts {

    static final Locale ARABIC = Locale.forLanguageTag("ar-SA");
    private static final String FONT = "'Noto Sans Arabic','Noto Naskh Arabic','Noto Sans','DejaVu Sans',sans-serif";

    private final MessageSource messages;
    private final MonthLabels labels;

    ReportTexts(MessageSource messages, MonthLabels labels) {
        this.messages = messages;
        this.labels = labels;
    }

    static Locale locale(String lang) {
        return "en".equals(lang) ? Locale.ENGLISH : ARABIC;
    }

    /** A month with its Hijri month; a quarter or a year with the months it covers. */
    String period(PeriodSelection period, Locale locale) {
        String from = labels.of(period.from(), locale).gregorian();
        String to = labels.of(period.to(), locale).gregorian();
        return switch (period.kind()) {
            case MONTH -> labels.of(period.from(), locale).label();
            case QUARTER -> messages.getMessage("report.quarter", new Object[]{
                    digits(String.valueOf((period.from().getMonthValue() - 1) / 3 + 1), locale),
                    digits(String.valueOf(period.from().getYear()), locale)}, locale) + " · " + from + " – " + to;
            case YEAR -> digits(String.valueOf(period.from().getYear()), locale) + " · " + from + " – " + to;
            case RANGE -> from + " – " + to;
        };
    }

    /** «٢٧ نوفمبر ٢٠٢٦، ٠٧:٠٠ (Asia/Riyadh)» / "27 November 2026, 07:00 (Asia/Riyadh)". */
    String generatedAt(ZonedDateTime at, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(Names.isEnglish(locale) ? "d MMMM y, HH:mm" : "d MMMM y، HH:mm",
                locale).withDecimalStyle(DecimalStyle.of(locale));
        return format.format(at) + " (" + at.getZone().getId() + ")";
    }

    String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The page header: the app and the report's title at the start, the period at the end. */
    String headerTemplate(String title, String period, Locale locale) {
        return box(locale, "border-bottom:0.5pt solid #c9d3da;padding-bottom:1.5mm;margin-top:2mm",
                "<span style=\"color:#006c35;font-weight:700\">" + esc(message("app.name", locale)) + "</span>"
                        + "<span style=\"color:#1d2b36;font-weight:600;margin-inline-start:2mm\">" + esc(title) + "</span>",
                esc(period));
    }

    /** The page footer: when it was generated, and page X of Y (Chromium fills the two classes). */
    String footerTemplate(String generated, Locale locale) {
        return box(locale, "border-top:0.5pt solid #c9d3da;padding-top:1.5mm;margin-bottom:2mm",
                esc(message("report.generated", locale, generated)),
                message("report.pageOf", locale, "<span class=\"pageNumber\"></span>", "<span class=\"totalPages\"></span>"));
    }

    private static String box(Locale locale, String style, String start, String end) {
        return "<div style=\"box-sizing:border-box;width:100%;padding:0 12mm;font-family:" + FONT + ";font-size:7.5pt;"
                + "color:#5b6b78;-webkit-print-color-adjust:exact\"><div dir=\"" + (Names.isEnglish(locale) ? "ltr" : "rtl")
                + "\" style=\"display:flex;justify-content:space-between;align-items:baseline;" + style + "\"><span>"
                + start + "</span><span>" + end + "</span></div></div>";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    /** ASCII digits in the reader's digits (Arabic-Indic in Arabic). */
    static String digits(String text, Locale locale) {
        char zero = DecimalStyle.of(locale).getZeroDigit();
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
        }
        return out.toString();
    }
}
