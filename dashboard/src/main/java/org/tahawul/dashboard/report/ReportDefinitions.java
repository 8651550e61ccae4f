package org.tahawul.dashboard.report;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.NotFoundException;
import org.tahawul.datasets.reference.ReferenceData;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured report definitions, checked once at start: a mistake stops the app with a message
 * naming the definition and the field, instead of a scheduled report that silently never comes.
 */
@Component
public class ReportDefinitions {

    static final List<String> TEMPLATES = List.of(ReportDefinition.EXECUTIVE, ReportDefinition.AGENCY);
    static final List<String> PERIOD_RULES = List.of("month", "quarter", "year");
    static final List<String> LANGS = List.of("ar", "en");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, ReportDefinition> byId;

    ReportDefinitions(ReportProperties properties) {
        this.byId = index(properties.definitions(), ReferenceData.loadDefault());
    }

    /** The definitions by id, each checked against the reference agencies. */
    static Map<String, ReportDefinition> index(List<ReportDefinition> definitions, ReferenceData reference) {
        Map<String, ReportDefinition> byId = new LinkedHashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            ReportDefinition d = definitions.get(i);
            String where = "tahawul.reports.definitions[" + i + "]" + (d.id() == null ? "" : " (" + d.id() + ")");
            check(d, where, reference);
            if (byId.putIfAbsent(d.id(), d) != null) {
                throw new IllegalStateException(where + ": the id '" + d.id() + "' is used twice");
            }
        }
        return byId;
    }

    private static void check(ReportDefinition d, String where, ReferenceData reference) {
        if (d.id() == null || !ID.matcher(d.id()).matches()) {
            throw new IllegalStateException(where + ": id must be lower-case letters, digits and '-', got '" + d.id() + "'");
        }
        if (d.titleAr() == null || d.titleAr().isBlank() || d.titleEn() == null || d.titleEn().isBlank()) {
            throw new IllegalStateException(where + ": title-ar and title-en are both required");
        }
        if (!TEMPLATES.contains(d.template())) {
            throw new IllegalStateException(where + ": template must be one of " + TEMPLATES + ", got '" + d.template() + "'");
        }
        if (d.template().equals(ReportDefinition.EXECUTIVE) && d.agencyCode() != null) {
            throw new IllegalStateException(where + ": the executive template is national; use scope: national "
                    + "(or template: agency for agency " + d.agencyCode() + ")");
        }
        if (d.template().equals(ReportDefinition.AGENCY)) {
            if (d.agencyCode() == null) {
                throw new IllegalStateException(where + ": the agency template needs scope: <agency code>, e.g. MOH");
            }
            if (!reference.agencyExists(d.agencyCode())) {
                throw new IllegalStateException(where + ": scope '" + d.agencyCode() + "' is not an agency of the reference data");
            }
        }
        if (!PERIOD_RULES.contains(d.period())) {
            throw new IllegalStateException(where + ": period must be one of " + PERIOD_RULES
                    + " (the last complete one), got '" + d.period() + "'");
        }
        if (!LANGS.contains(d.lang())) {
            throw new IllegalStateException(where + ": lang must be ar or en, got '" + d.lang() + "'");
        }
        try {
            ZoneId.of(d.zone());
        } catch (DateTimeException e) {
            throw new IllegalStateException(where + ": zone '" + d.zone() + "' is not a time zone (e.g. Asia/Riyadh)");
        }
        if (d.scheduled()) {
            try {
                CronExpression.parse(d.cron());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": cron '" + d.cron() + "' is not valid (six fields with seconds, "
                        + "e.g. '0 0 7 1 * *' for the 1st of every month at 07:00): " + e.getMessage());
            }
        }
    }

    public List<ReportDefinition> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ReportDefinition> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The definition, or a 404 naming the ids there are. */
    public ReportDefinition require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("unknown report definition '" + id + "'; defined: "
                + String.join(", ", byId.keySet())));
    }

    /** The definitions a user may see: agency staff only their agency's. */
    public List<ReportDefinition> visibleTo(AgencyScope scope) {
        return byId.values().stream().filter(d -> scope.all() || scope.agencyCode().equals(d.agencyCode())).toList();
    }
}
