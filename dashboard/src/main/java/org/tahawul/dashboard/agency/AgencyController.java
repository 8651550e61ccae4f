package org.tahawul.dashboard.agency;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tahawul.dashboard.security.AccessPolicy;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.Catalogue;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.dashboard.system.KpiColumns;
import org.tahawul.dashboard.system.NotFoundException;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.TableResponses;

import java.util.List;
import java.util.Locale;

/**
 * Agencies and services: the ranking and heatmap ({@code /agencies}), an agency's detail
 * ({@code /agencies/{code}}), a service's detail ({@code /services/{code}}), and their endpoints.
 */
@Controller
class AgencyController {

    private final AgencyRepository agencies;
    private final AccessPolicy access;
    private final Catalogue catalogue;
    private final DataCalendar calendar;
    private final TableResponses tables;

    AgencyController(AgencyRepository agencies, AccessPolicy access, Catalogue catalogue,
                     DataCalendar calendar, TableResponses tables) {
        this.agencies = agencies;
        this.access = access;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.tables = tables;
    }

    // ------------------------------------------------------------------ pages

    @GetMapping("/agencies")
    String agenciesPage(PeriodSelection period, @RequestParam(defaultValue = "digital_adoption") String kpi, Model model) {
        String heat = heatKpi(kpi);
        model.addAttribute("ranking", agencies.ranking(period, access.scope()));
        model.addAttribute("kpi", heat);
        model.addAttribute("heatKpis", heatKpis());
        PeriodSelection window = period.window();
        model.addAttribute("windowFrom", window.from());
        return "agency/agencies";
    }

    @GetMapping("/agencies/{code}")
    String agencyPage(@PathVariable String code, PeriodSelection period, Model model, Locale locale) {
        Catalogue.Agency agency = access.agency(code);
        model.addAttribute("agency", agency);
        model.addAttribute("agencyName", agency.name(locale));
        model.addAttribute("row", rankOf(code, period));
        model.addAttribute("agencyCount", catalogue.agencies().size());
        model.addAttribute("services", agencies.services(code, null, period, AgencyScope.ALL));
        model.addAttribute("windowFrom", period.window().from());
        model.addAttribute("trendFrom", calendar.span().first());
        return "agency/agency";
    }

    @GetMapping("/services/{code}")
    String servicePage(@PathVariable String code, PeriodSelection period, Model model, Locale locale) {
        Catalogue.Service service = access.service(code);
        Catalogue.Agency agency = catalogue.requireAgency(service.agencyCode());
        model.addAttribute("service", service);
        model.addAttribute("serviceName", service.name(locale));
        model.addAttribute("agency", agency);
        model.addAttribute("agencyName", agency.name(locale));
        model.addAttribute("row", agencies.services(null, code, period, AgencyScope.ALL).stream().findFirst().orElse(null));
        model.addAttribute("windowFrom", period.window().from());
        model.addAttribute("trendFrom", calendar.span().first());
        return "agency/service";
    }

    // ------------------------------------------------------------------ API

    @GetMapping("/api/agencies")
    ResponseEntity<?> ranking(PeriodSelection period, @RequestParam(required = false) String format,
                              HttpServletRequest request) {
        return tables.rows(agencies.ranking(period, access.scope()), AgencyRank.class, format, "agencies", request);
    }

    @GetMapping("/api/agencies/heatmap")
    ResponseEntity<?> heatmap(PeriodSelection period, @RequestParam(defaultValue = "digital_adoption") String kpi,
                              @RequestParam(required = false) String format, HttpServletRequest request) {
        return tables.rows(agencies.heatmap(heatKpi(kpi), period.window(), access.scope()), HeatCell.class, format,
                "agency_heatmap", request);
    }

    @GetMapping("/api/agencies/{code}")
    @ResponseBody
    AgencyRank agency(@PathVariable String code, PeriodSelection period) {
        access.agency(code);
        return rankOf(code, period);
    }

    @GetMapping("/api/agencies/{code}/channels")
    ResponseEntity<?> agencyChannels(@PathVariable String code, PeriodSelection period,
                                     @RequestParam(required = false) String format, HttpServletRequest request) {
        access.agency(code);
        return tables.rows(agencies.channels(code, null, period), ChannelShare.class, format, "channels_" + code, request);
    }

    @GetMapping("/api/agencies/{code}/ratings")
    ResponseEntity<?> agencyRatings(@PathVariable String code, PeriodSelection period,
                                    @RequestParam(required = false) String format, HttpServletRequest request) {
        access.agency(code);
        return tables.rows(agencies.ratings(code, null, period), RatingCount.class, format, "ratings_" + code, request);
    }

    @GetMapping("/api/services")
    ResponseEntity<?> services(PeriodSelection period, @RequestParam(name = "agency_code", required = false) String agencyCode,
                               @RequestParam(required = false) String format, HttpServletRequest request) {
        if (agencyCode != null && !agencyCode.isBlank()) {
            access.agency(agencyCode);
        }
        String code = agencyCode == null || agencyCode.isBlank() ? null : agencyCode;
        return tables.rows(agencies.services(code, null, period, access.scope()), ServiceRow.class, format, "services",
                request);
    }

    @GetMapping("/api/services/{code}")
    @ResponseBody
    ServiceRow service(@PathVariable String code, PeriodSelection period) {
        access.service(code);
        return agencies.services(null, code, period, AgencyScope.ALL).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("unknown service code '" + code + "'"));
    }

    @GetMapping("/api/services/{code}/channels")
    ResponseEntity<?> serviceChannels(@PathVariable String code, PeriodSelection period,
                                      @RequestParam(required = false) String format, HttpServletRequest request) {
        Catalogue.Service service = access.service(code);
        return tables.rows(agencies.channels(service.agencyCode(), code, period), ChannelShare.class, format,
                "channels_" + code, request);
    }

    @GetMapping("/api/services/{code}/ratings")
    ResponseEntity<?> serviceRatings(@PathVariable String code, PeriodSelection period,
                                     @RequestParam(required = false) String format, HttpServletRequest request) {
        Catalogue.Service service = access.service(code);
        return tables.rows(agencies.ratings(service.agencyCode(), code, period), RatingCount.class, format,
                "ratings_" + code, request);
    }

    // ------------------------------------------------------------------ helpers

    /** The agency's ranking row; its rank is among all agencies (no other agency's values are shown). */
    private AgencyRank rankOf(String code, PeriodSelection period) {
        return agencies.ranking(period, AgencyScope.ALL).stream().filter(r -> r.agencyCode().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown agency code '" + code + "'"));
    }


    private static List<String> heatKpis() {
        return List.of("digital_adoption", "maturity_index", "satisfaction_rate", "completion_rate", "eservice_coverage",
                "sla_compliance");
    }

    private static String heatKpi(String kpi) {
        return kpi != null && kpi.strip().equals("maturity_index") ? "maturity_index" : KpiColumns.require("kpi", kpi);
    }
}
