package org.tahawul.dashboard.target;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.tahawul.dashboard.security.SecuritySlice;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.testing.ControllerSlice;

import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = TargetController.class, properties = {SecuritySlice.DEMO_USERS, SecuritySlice.DEMO_PASSWORD})
@Import(SecuritySlice.class)
class TargetControllerTest extends ControllerSlice {

    @MockitoBean
    TargetRepository targets;

    @BeforeEach
    void stubs() {
        when(targets.progress(isNull(), isNull(), isNull(), any())).thenReturn(List.of(
                new TargetProgressRow("digital_adoption", "national", "ALL", 2030, 0.9, 2019, 0.6, LocalDate.of(2024, 5, 1),
                        0.78, 0.86, 24, "at_risk", "illustrative", "run-1"),
                new TargetProgressRow("satisfaction_rate", "stage", "2", 2030, 0.75, 2019, 0.55, null, null, null, 0,
                        "pending", "illustrative", "")));
    }

    @Test
    void theScorecardShowsEachStatusAsTextAndPatternAndCountsThem() throws Exception {
        mvc.perform(get("/targets?lang=en").with(httpBasic("leader", SecuritySlice.PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Vision 2030 scorecard"), containsString("status-at_risk"),
                        containsString("At risk"), containsString("Not computed yet"), containsString("May 2024"),
                        containsString("86.0%"), containsString("illustrative"))));
    }

    @Test
    void agencyStaffReadNationalAndStageTargetsButNotAnotherAgencys() throws Exception {
        mvc.perform(get("/api/targets").with(httpBasic("agency-moh", SecuritySlice.PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("at_risk"))
                .andExpect(jsonPath("$[0].as_of_month").value("2024-05-01"));
        verify(targets).progress(null, null, null, new AgencyScope("MOH"));
        mvc.perform(get("/api/targets?scope_type=agency&scope_code=MOI").with(httpBasic("agency-moh", SecuritySlice.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/targets?scope_type=agency&scope_code=NOPE").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/targets?scope_type=planet").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(containsString("scope_type")));
        mvc.perform(get("/api/targets?scope_code=ALL").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(containsString("needs 'scope_type'")));
        mvc.perform(get("/api/targets?kpi=joy").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isBadRequest());
    }
}
