package org.tahawul.dashboard.system;

import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.time.chrono.HijrahChronology;
import java.time.chrono.HijrahDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Month names in the reader's language, the Gregorian month beside the Hijri (Umm al-Qura) month
 * that holds the Gregorian month's 15th day: «يناير ٢٠٢٤ · رجب ١٤٤٥», "January 2024 · Rajab 1445 AH".
 * Arabic uses Arabic-Indic digits, as the charts' Intl.NumberFormat('ar-SA') does.
 */
@Component
public class MonthLabels {

    /** One month's labels; {@code month} is {@code YYYY-MM}. */
    public record MonthLabel(String month, String gregorian, String hijri, String label) {
    }

    public MonthLabel of(YearMonth month, Locale locale) {
        Locale l = WebConfig.supported(locale);
        boolean english = Names.isEnglish(l);
        DateTimeFormatter gregorian = DateTimeFormatter.ofPattern("MMMM y", l).withDecimalStyle(DecimalStyle.of(l));
        DateTimeFormatter hijri = DateTimeFormatter.ofPattern(english ? "MMMM y G" : "MMMM y", l)
                .withDecimalStyle(DecimalStyle.of(l)).withChronology(HijrahChronology.INSTANCE);
        String g = gregorian.format(month.atDay(1));
        String h = hijri.format(HijrahDate.from(month.atDay(15)));
        return new MonthLabel(month.toString(), g, h, g + " · " + h);
    }

    public List<MonthLabel> between(YearMonth from, YearMonth to, Locale locale) {
        List<MonthLabel> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(of(m, locale));
        }
        return out;
    }

    /** The label of a selected period: a month's double label, else the period's own label in the reader's digits. */
    public String period(PeriodSelection period, Locale locale) {
        return switch (period.kind()) {
            case MONTH -> of(period.from(), locale).label();
            case RANGE -> of(period.from(), locale).gregorian() + " – " + of(period.to(), locale).gregorian();
            default -> digits(period.label(), locale);
        };
    }

    static String digits(String text, Locale locale) {
        if (Names.isEnglish(WebConfig.supported(locale))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('\u0660' + (c - '0')) : c);
        }
        return out.toString();
    }
}
