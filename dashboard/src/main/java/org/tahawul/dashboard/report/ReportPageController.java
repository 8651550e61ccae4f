package org.tahawul.dashboard.report;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.dashboard.system.PeriodSelection;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * {@code GET /reports/{definition}/print?period=2024-05[&lang=en]}: the print-optimised report page
 * (A4 portrait, animations off, print CSS) that the headless browser turns into the PDF; a person
 * may open it too, to preview a report. The period and the filters are printed on the page.
 */
@Controller
class ReportPageController {

    private final ReportDefinitions definitions;
    private final ReportContent content;
    private final ReportTexts texts;
    private final AccessPolicy access;
    private final DataCalendar calendar;

    ReportPageController(ReportDefinitions definitions, ReportContent content, ReportTexts texts, AccessPolicy access,
                         DataCalendar calendar) {
        this.definitions = definitions;
        this.content = content;
        this.texts = texts;
        this.access = access;
        this.calendar = calendar;
    }

    @GetMapping("/reports/{definition}/print")
    String print(@PathVariable String definition, @RequestParam String period, Model model, Locale locale) {
        ReportDefinition report = definitions.require(definition);
        checkVisible(report, access.scope(), definitions);
        PeriodSelection p = ReportPeriods.parse(period);
        model.addAttribute("report", report);
        model.addAttribute("reportTitle", report.title(locale));
        model.addAttribute("period", p);
        model.addAttribute("periodLabel", texts.period(p, locale));
        model.addAttribute("previousLabel", texts.period(p.previous(), locale));
        model.addAttribute("generated", texts.generatedAt(ZonedDateTime.now(ZoneId.of(report.zone())), locale));
        model.addAttribute("dataThrough", calendar.span().last());
        if (report.template().equals(ReportDefinition.AGENCY)) {
            ReportContent.Agency agency = content.agency(report.agencyCode(), p);
            model.addAttribute("data", agency);
            model.addAttribute("agencyName", agency.agency().name(locale));
            return "report/agency";
        }
        model.addAttribute("data", content.executive(p, a -> a.name(locale)));
        return "report/executive";
    }

    /** Agency staff reach only their agency's reports (403 otherwise). */
    static void checkVisible(ReportDefinition report, AgencyScope scope, ReportDefinitions definitions) {
        if (!definitions.visibleTo(scope).contains(report)) {
            throw new AccessDeniedException("agency staff of " + scope.agencyCode() + " may not read report '"
                    + report.id() + "' (scope " + report.scopeCode() + ")");
        }
    }
}
