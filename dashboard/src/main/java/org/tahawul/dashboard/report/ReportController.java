package org.tahawul.dashboard.report;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.AuditLog;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.NotFoundException;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.TableResponses;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The report archive and its API: {@code /reports} (runs with downloads, the definitions with their
 * schedule and a generate-now form for ANALYST and ADMIN), {@code GET /api/reports/definitions},
 * {@code GET /api/reports/runs}, {@code POST /api/reports/{definition}/runs} (202 with the queued
 * run), {@code GET /api/reports/runs/{id}} and {@code GET /api/reports/runs/{id}/pdf}. Agency staff
 * see and download only their agency's reports. Requests and downloads go to the audit log.
 */
@Controller
class ReportController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A definition as the page and {@code /api/reports/definitions} show it. */
    record DefinitionView(String id, String title, String template, String scope, String period, String lang,
                          String cron, String zone, String nextRun, String defaultPeriod) {
    }

    private final ReportRunRepository repository;
    private final ReportDefinitions definitions;
    private final ReportRuns runs;
    private final ReportArchive archive;
    private final AccessPolicy access;
    private final TableResponses tables;
    private final AuditLog audit;

    ReportController(ReportRunRepository repository, ReportDefinitions definitions, ReportRuns runs, ReportArchive archive,
                     AccessPolicy access, TableResponses tables, AuditLog audit) {
        this.repository = repository;
        this.definitions = definitions;
        this.runs = runs;
        this.archive = archive;
        this.access = access;
        this.tables = tables;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ page

    @GetMapping("/reports")
    String archive(Model model, Locale locale) {
        List<ReportRunRow> latest = repository.latest(DEFAULT_LIMIT, access.scope());
        model.addAttribute("runs", latest);
        model.addAttribute("definitions", views(locale));
        model.addAttribute("busy", latest.stream().anyMatch(r -> r.state().equals(ReportRun.QUEUED)
                || r.state().equals(ReportRun.RUNNING)));
        return "report/reports";
    }

    /** The generate-now form: queues a run and goes back to the list. */
    @PostMapping("/reports/{definition}/runs")
    String generate(@PathVariable String definition, @RequestParam(required = false) String period,
                    @RequestParam(required = false) String lang, RedirectAttributes redirect) {
        ReportRun run = start(definition, period, lang);
        redirect.addFlashAttribute("started", run.runId());
        return "redirect:/reports";
    }

    // ------------------------------------------------------------------ API

    @GetMapping("/api/reports/definitions")
    @ResponseBody
    List<DefinitionView> definitionList(Locale locale) {
        return views(locale);
    }

    @GetMapping("/api/reports/runs")
    ResponseEntity<?> list(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                           @RequestParam(required = false) String format, HttpServletRequest request) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("parameter 'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return tables.rows(repository.latest(limit, access.scope()), ReportRunRow.class, format, "report_runs", request);
    }

    /** Starts a run now; {@code period} defaults to the definition's last complete period, {@code lang} to its language. */
    @PostMapping("/api/reports/{definition}/runs")
    ResponseEntity<ReportRunRow> create(@PathVariable String definition, @RequestParam(required = false) String period,
                                        @RequestParam(required = false) String lang) {
        ReportRun run = start(definition, period, lang);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/reports/runs/" + run.runId()))
                .body(run.row());
    }

    @GetMapping("/api/reports/runs/{id}")
    @ResponseBody
    ReportRunRow run(@PathVariable String id) {
        return readable(id).row();
    }

    @GetMapping("/api/reports/runs/{id}/pdf")
    ResponseEntity<?> pdf(@PathVariable String id) {
        ReportRun run = readable(id);
        String target = "/api/reports/runs/" + id + "/pdf";
        if (!run.state().equals(ReportRun.SUCCEEDED)) {
            throw new ReportNotReadyException("run " + id + " is " + run.state() + (run.error().isEmpty() ? "" : ": " + run.error())
                    + "; only a succeeded run has a PDF", HttpStatus.CONFLICT);
        }
        Path file = archive.file(run).orElseThrow(() -> new ReportNotReadyException(run.file().isEmpty()
                ? "the PDF of run " + id + " is no longer kept (" + run.error() + ")"
                : run.trigger().equals(ReportRuns.CLI) ? "run " + id + " was written by bin/report to " + run.file()
                + ", outside the archive" : "the PDF of run " + id + " is missing from the archive (" + run.file() + ")",
                HttpStatus.GONE));
        audit.record("report_download", target, "ok", run.definition() + " " + run.period() + " " + run.lang());
        String name = run.definition() + "_" + run.period() + "_" + run.lang() + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
    }

    /** A run without a PDF to give: 409 while it is not succeeded, 410 once its file is gone. */
    static final class ReportNotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final HttpStatus status;

        ReportNotReadyException(String message, HttpStatus status) {
            super(message);
            this.status = status;
        }
    }

    /** The same JSON as every other API error ({@code status, error, message, path}). */
    @ExceptionHandler(ReportNotReadyException.class)
    ResponseEntity<Map<String, Object>> notReady(ReportNotReadyException e, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status.value());
        body.put("error", e.status.getReasonPhrase());
        body.put("message", e.getMessage());
        body.put("path", request.getRequestURI());
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    // ------------------------------------------------------------------ helpers

    private ReportRun start(String definitionId, String period, String lang) {
        ReportDefinition definition = definitions.require(definitionId);
        ReportPageController.checkVisible(definition, access.scope(), definitions);
        PeriodSelection p = period == null || period.isBlank()
                ? ReportPeriods.lastComplete(definition.period(), ZonedDateTime.now(ZoneId.of(definition.zone())))
                : ReportPeriods.parse(period);
        String l = lang == null || lang.isBlank() ? definition.lang() : lang.strip();
        if (!ReportDefinitions.LANGS.contains(l)) {
            throw new BadRequestException("parameter 'lang' must be ar or en, got '" + lang + "'");
        }
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        ReportRun run = runs.submit(definition, p, l, ReportRuns.MANUAL, user);
        audit.record("report_request", "/api/reports/" + definition.id() + "/runs", "ok",
                "run " + run.runId() + ": " + definition.id() + " " + p.label() + " " + l);
        return run;
    }

    /** The run, when it exists (404) and the user may read it (403: another agency's, or a national report for agency staff). */
    private ReportRun readable(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new BadRequestException("a run id is a UUID like 3f2b...-..., got '" + id + "'");
        }
        ReportRun run = repository.find(id).orElseThrow(() -> new NotFoundException("no report run " + id));
        AgencyScope scope = access.scope();
        if (!scope.allows(run.scopeCode())) {
            throw new AccessDeniedException("agency staff of " + scope.agencyCode() + " may not read report run " + id
                    + " (scope " + run.scopeCode() + ")");
        }
        return run;
    }

    private List<DefinitionView> views(Locale locale) {
        return definitions.visibleTo(access.scope()).stream().map(d -> {
            ZonedDateTime next = ReportScheduler.next(d);
            return new DefinitionView(d.id(), d.title(locale), d.template(), d.scope(), d.period(), d.lang(), d.cron(),
                    d.zone(), next == null ? null : next.toOffsetDateTime().toString(),
                    ReportPeriods.lastComplete(d.period(), ZonedDateTime.now(ZoneId.of(d.zone()))).label());
        }).toList();
    }
}
