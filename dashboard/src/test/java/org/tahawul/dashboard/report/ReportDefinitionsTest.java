package org.tahawul.dashboard.report;

import org.junit.jupiter.api.Test;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.NotFoundException;
import org.tahawul.datasets.reference.ReferenceData;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportDefinitionsTest {

    private static final ReferenceData REFERENCE = ReferenceData.loadDefault();

    private static ReportDefinition definition(String id, String template, String scope, String period, String cron,
                                               String zone) {
        return new ReportDefinition(id, "تقرير", "Report", template, scope, period, null, cron, zone);
    }

    private static ReportDefinitions of(ReportDefinition... definitions) {
        return new ReportDefinitions(new ReportProperties(List.of(definitions), null, 0, 0, null, null, null, null, null));
    }

    @Test
    void theDefaultsAreAMonthlyNationalExecutiveReportOnTheFirstAt7InRiyadh() {
        ReportDefinition d = new ReportDefinition("executive", "التقرير التنفيذي", "Executive report", null, null, null,
                null, null, null);
        assertThat(d.template()).isEqualTo("executive");
        assertThat(d.scope()).isEqualTo("national");
        assertThat(d.scopeCode()).isEqualTo("ALL");
        assertThat(d.agencyCode()).isNull();
        assertThat(d.period()).isEqualTo("month");
        assertThat(d.lang()).isEqualTo("ar");
        assertThat(d.cron()).isEqualTo("0 0 7 1 * *");
        assertThat(d.zone()).isEqualTo("Asia/Riyadh");
        assertThat(d.title(Locale.ENGLISH)).isEqualTo("Executive report");
        assertThat(d.title(Locale.forLanguageTag("ar-SA"))).isEqualTo("التقرير التنفيذي");
        assertThat(ReportScheduler.next(d).getHour()).isEqualTo(7);
        assertThat(ReportScheduler.next(d).getDayOfMonth()).isEqualTo(1);
    }

    @Test
    void agencyStaffSeeOnlyTheirAgencysDefinitions() {
        ReportDefinitions definitions = of(definition("executive", null, null, null, null, null),
                definition("agency-moh", "agency", "MOH", "quarter", "-", null));
        assertThat(definitions.visibleTo(AgencyScope.ALL)).hasSize(2);
        assertThat(definitions.visibleTo(new AgencyScope("MOH"))).extracting(ReportDefinition::id).containsExactly("agency-moh");
        assertThat(definitions.visibleTo(new AgencyScope("MOI"))).isEmpty();
        assertThat(definitions.find("agency-moh").orElseThrow().scheduled()).isFalse();
        assertThatThrownBy(() -> definitions.require("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("executive, agency-moh");
    }

    @Test
    void aMistakeStopsTheStartWithTheDefinitionAndTheField() {
        assertThatThrownBy(() -> of(definition("Bad Id", null, null, null, null, null)))
                .hasMessageContaining("definitions[0]").hasMessageContaining("id must be");
        assertThatThrownBy(() -> of(definition("x", "weekly", null, null, null, null))).hasMessageContaining("template");
        assertThatThrownBy(() -> of(definition("x", "executive", "MOH", null, null, null)))
                .hasMessageContaining("the executive template is national");
        assertThatThrownBy(() -> of(definition("x", "agency", null, null, null, null))).hasMessageContaining("scope: <agency code>");
        assertThatThrownBy(() -> of(definition("x", "agency", "NOPE", null, null, null)))
                .hasMessageContaining("'NOPE' is not an agency");
        assertThatThrownBy(() -> of(definition("x", null, null, "week", null, null))).hasMessageContaining("period");
        assertThatThrownBy(() -> of(definition("x", null, null, null, "0 7 1 * *", null)))
                .hasMessageContaining("cron '0 7 1 * *' is not valid");
        assertThatThrownBy(() -> of(definition("x", null, null, null, null, "Mars/Olympus")))
                .hasMessageContaining("zone 'Mars/Olympus'");
        assertThatThrownBy(() -> of(definition("x", null, null, null, null, null), definition("x", null, null, null, null, null)))
                .hasMessageContaining("definitions[1] (x)").hasMessageContaining("used twice");
        assertThat(ReportDefinitions.index(List.of(definition("ok", "agency", "MOI", "year", "0 0 6 2 1 *", "UTC")),
                REFERENCE)).containsKey("ok");
    }
}
