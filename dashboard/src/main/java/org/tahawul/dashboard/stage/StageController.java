package org.tahawul.dashboard.stage;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.Catalogue;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.TableResponses;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maturity stages ({@code /stages}): agencies per stage over time, KPIs per stage, the thresholds;
 * endpoints {@code /api/stages}, {@code /api/stages/distribution}, {@code /api/maturity}.
 */
@Controller
class StageController {

    private final StageRepository stages;
    private final AccessPolicy access;
    private final Catalogue catalogue;
    private final TableResponses tables;

    StageController(StageRepository stages, AccessPolicy access, Catalogue catalogue,
                    TableResponses tables) {
        this.stages = stages;
        this.access = access;
        this.catalogue = catalogue;
        this.tables = tables;
    }

    @GetMapping("/stages")
    String stagesPage(PeriodSelection period, Model model, Locale locale) {
        model.addAttribute("stages", stages.stages(period));
        model.addAttribute("windowFrom", period.windowFrom());
        if (access.scope().all()) {
            model.addAttribute("members", stages.maturity(null, new PeriodSelection(PeriodSelection.Kind.MONTH,
                    period.to(), period.to()), access.scope()));
            Map<String, String> names = new HashMap<>();
            catalogue.agencies().forEach(a -> names.put(a.agencyCode(), a.name(locale)));
            model.addAttribute("agencyNames", names);
        }
        return "stage/stages";
    }

    @GetMapping("/api/stages")
    ResponseEntity<?> stageList(PeriodSelection period, @RequestParam(required = false) String format,
                                HttpServletRequest request) {
        return tables.rows(stages.stages(period), StageRow.class, format, "stages", request);
    }

    @GetMapping("/api/stages/distribution")
    ResponseEntity<?> distribution(PeriodSelection period, @RequestParam(required = false) String format,
                                   HttpServletRequest request) {
        return tables.rows(stages.distribution(period.window()), StageCount.class, format, "stage_distribution", request);
    }

    @GetMapping("/api/maturity")
    ResponseEntity<?> maturity(PeriodSelection period, @RequestParam(name = "agency_code", required = false) String agencyCode,
                               @RequestParam(required = false) String format, HttpServletRequest request) {
        String code = agencyCode == null || agencyCode.isBlank() ? null : access.agency(agencyCode).agencyCode();
        return tables.rows(stages.maturity(code, period.window(), access.scope()), MaturityRow.class, format,
                "agency_maturity", request);
    }

}
