package org.tahawul.dashboard.report;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.TableResponses;

/**
 * The report archive ({@code /reports}, {@code /api/reports/runs}): read-only for now; the reports
 * feature adds scheduling, generate-now and the PDF downloads.
 */
@Controller
class ReportController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final ReportRunRepository runs;
    private final AccessPolicy access;
    private final TableResponses tables;

    ReportController(ReportRunRepository runs, AccessPolicy access, TableResponses tables) {
        this.runs = runs;
        this.access = access;
        this.tables = tables;
    }

    @GetMapping("/reports")
    String archive(Model model) {
        model.addAttribute("runs", runs.latest(DEFAULT_LIMIT, access.scope()));
        return "report/reports";
    }

    @GetMapping("/api/reports/runs")
    ResponseEntity<?> list(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                           @RequestParam(required = false) String format, HttpServletRequest request) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("parameter 'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return tables.rows(runs.latest(limit, access.scope()), ReportRunRow.class, format, "report_runs", request);
    }
}
