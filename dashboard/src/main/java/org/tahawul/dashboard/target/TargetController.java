package org.tahawul.dashboard.target;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.KpiColumns;
import org.tahawul.dashboard.system.TableResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Vision 2030 scorecard ({@code /targets}) and {@code /api/targets}. */
@Controller
class TargetController {

    private static final List<String> SCOPE_TYPES = List.of("national", "stage", "agency", "service");

    private final TargetRepository targets;
    private final AccessPolicy access;
    private final TableResponses tables;

    TargetController(TargetRepository targets, AccessPolicy access, TableResponses tables) {
        this.targets = targets;
        this.access = access;
        this.tables = tables;
    }

    @GetMapping("/targets")
    String scorecard(Model model) {
        List<TargetProgressRow> rows = targets.progress(null, null, null, access.scope());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : TargetProgressRow.STATUSES) {
            counts.put(status, rows.stream().filter(r -> r.status().equals(status)).count());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("counts", counts);
        return "target/targets";
    }

    @GetMapping("/api/targets")
    ResponseEntity<?> progress(@RequestParam(name = "scope_type", required = false) String scopeType,
                               @RequestParam(name = "scope_code", required = false) String scopeCode,
                               @RequestParam(required = false) String kpi,
                               @RequestParam(required = false) String format, HttpServletRequest request) {
        if (scopeType != null && !SCOPE_TYPES.contains(scopeType)) {
            throw new BadRequestException("parameter 'scope_type' must be one of " + String.join(", ", SCOPE_TYPES)
                    + ", got '" + scopeType + "'");
        }
        if (scopeCode != null && scopeType == null) {
            throw new BadRequestException("parameter 'scope_code' needs 'scope_type'");
        }
        if (scopeType != null && scopeCode != null && !scopeType.equals("national")) {
            access.scope(scopeType, scopeCode);
        }
        String k = kpi == null ? null : KpiColumns.require("kpi", kpi);
        return tables.rows(targets.progress(scopeType, scopeCode, k, access.scope()), TargetProgressRow.class, format,
                "kpi_target_progress", request);
    }
}
