package org.tahawul.dashboard.agency;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.tahawul.dashboard.security.SecuritySlice;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.testing.ControllerSlice;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = AgencyController.class, properties = {SecuritySlice.DEMO_USERS, SecuritySlice.DEMO_PASSWORD})
@Import(SecuritySlice.class)
class AgencyControllerTest extends ControllerSlice {

    @MockitoBean
    AgencyRepository agencies;

    static final AgencyRank MOH = new AgencyRank(2, "MOH", "وزارة الصحة", "Ministry of Health", "health", 3, 71.5, 300L,
            0.8, 0.9, 0.7, 0.85, 0.95, 4.2, 7L);
    static final AgencyRank MOI = new AgencyRank(1, "MOI", "وزارة الداخلية", "Ministry of Interior", "security", 4, 88.0,
            500L, 0.85, 0.9, 0.75, 1.0, 0.97, 4.4, 9L);

    @BeforeEach
    void stubs() {
        when(agencies.ranking(any(), eq(AgencyScope.ALL))).thenReturn(List.of(MOI, MOH));
        when(agencies.ranking(any(), eq(new AgencyScope("MOH")))).thenReturn(List.of(MOH));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String user) {
        return httpBasic(user, SecuritySlice.PASSWORD);
    }

    @Test
    void agencyStaffSeeOnlyTheirOwnAgencyOnPagesAndApi() throws Exception {
        mvc.perform(get("/agencies/MOH?lang=en").with(as("agency-moh"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Ministry of Health")))
                .andExpect(content().string(containsString("Rank 2 of 2")));
        for (String forbidden : List.of("/agencies/MOI", "/api/agencies/MOI", "/api/agencies/MOI/channels",
                "/api/agencies/MOI/ratings", "/services/MOI-NID-RENEW", "/api/services/MOI-NID-RENEW",
                "/api/services/MOI-NID-RENEW/channels", "/api/services?agency_code=MOI")) {
            mvc.perform(get(forbidden).with(as("agency-moh"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/agencies").with(as("agency-moh"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].agency_code").value("MOH"));
        mvc.perform(get("/api/agencies/heatmap").with(as("agency-moh"))).andExpect(status().isOk());
        verify(agencies).heatmap(eq("digital_adoption"), any(PeriodSelection.class), eq(new AgencyScope("MOH")));
    }

    @Test
    void leadershipReadsEveryAgencyAndUnknownCodesAre404() throws Exception {
        mvc.perform(get("/agencies/MOI").with(as("leader"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("وزارة الداخلية")));
        mvc.perform(get("/api/agencies").with(as("leader"))).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].maturity_index").value(88.0));
        mvc.perform(get("/agencies/NOPE").with(as("leader"))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("NOPE")));
        mvc.perform(get("/api/services/NOPE-X").with(as("leader"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(containsString("NOPE-X")));
        mvc.perform(get("/api/agencies/heatmap?kpi=mood").with(as("leader"))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/agencies?period=year&at=20x4").with(as("leader"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("year like 2024")));
    }
}
