package org.tahawul.dashboard.system;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/months?from=YYYY-MM&to=YYYY-MM[&lang=ar|en]}: Gregorian and Hijri month labels for chart axes and tooltips. */
@RestController
class MonthsController {

    private final MonthLabels labels;

    MonthsController(MonthLabels labels) {
        this.labels = labels;
    }

    @GetMapping("/api/months")
    List<MonthLabels.MonthLabel> months(@RequestParam String from, @RequestParam String to, Locale locale) {
        YearMonth f = PeriodSelection.month("from", from);
        YearMonth t = PeriodSelection.month("to", to);
        PeriodSelection.range(f, t);
        return labels.between(f, t, locale);
    }
}
