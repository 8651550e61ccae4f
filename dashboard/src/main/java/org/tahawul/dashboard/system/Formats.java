package org.tahawul.dashboard.system;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Numbers as the templates print them ({@code ${@fmt.percent(x)}}), per the reader's locale:
 * Arabic-Indic digits and separators in Arabic, as in the charts.
 */
@Component("fmt")
public class Formats {

    private final MonthLabels labels;

    Formats(MonthLabels labels) {
        this.labels = labels;
    }

    /** A month ({@code LocalDate} or {@code YYYY-MM...} text) as its Gregorian name: «أكتوبر ٢٠٢٦», "October 2026". */
    public String month(Object month) {
        if (month == null) {
            return "";
        }
        YearMonth m = month instanceof LocalDate d ? YearMonth.from(d) : YearMonth.parse(month.toString().substring(0, 7));
        return labels.of(m, locale()).gregorian();
    }

    public String percent(Double share) {
        if (share == null || share.isNaN()) {
            return "—";
        }
        NumberFormat f = NumberFormat.getPercentInstance(locale());
        f.setMaximumFractionDigits(1);
        f.setMinimumFractionDigits(1);
        return f.format(share);
    }

    /** A change of a share in percentage points, signed: +2.5 pp. */
    public String points(Double delta) {
        if (delta == null || delta.isNaN()) {
            return "—";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale());
        f.setMaximumFractionDigits(1);
        f.setMinimumFractionDigits(1);
        String sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        return sign + f.format(Math.abs(delta * 100)) + (Names.isEnglish(locale()) ? " pp" : " نقطة");
    }

    public String number(Number value) {
        if (value == null) {
            return "—";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale());
        f.setMaximumFractionDigits(value instanceof Double ? 1 : 0);
        return f.format(value);
    }

    /** A signed relative change: +4.2 %. */
    public String change(Double ratio) {
        if (ratio == null || ratio.isNaN() || ratio.isInfinite()) {
            return "—";
        }
        NumberFormat f = NumberFormat.getPercentInstance(locale());
        f.setMaximumFractionDigits(1);
        return (ratio > 0 ? "+" : ratio < 0 ? "−" : "±") + f.format(Math.abs(ratio));
    }

    public String digits(Object text) {
        return text == null ? "" : MonthLabels.digits(text.toString(), locale());
    }

    private static Locale locale() {
        return WebConfig.supported(LocaleContextHolder.getLocale());
    }
}
