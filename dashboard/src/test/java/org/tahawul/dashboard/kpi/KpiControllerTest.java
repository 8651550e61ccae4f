package org.tahawul.dashboard.kpi;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;
import org.tahawul.dashboard.security.SecuritySlice;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.target.TargetProgressRow;
import org.tahawul.dashboard.target.TargetRepository;
import org.tahawul.dashboard.testing.ControllerSlice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = KpiController.class, properties = {SecuritySlice.DEMO_USERS, SecuritySlice.DEMO_PASSWORD})
@Import(SecuritySlice.class)
class KpiControllerTest extends ControllerSlice {

    @MockitoBean
    KpiRepository kpis;
    @MockitoBean
    TargetRepository targets;

    private static KpiMonthlyRow row(String code, String month, Double adoption) {
        return new KpiMonthlyRow(LocalDate.parse(month + "-01"), "national", code, 1000L, 700L, adoption, 0.8, 500L, 10L,
                4.2, 0.75, 0.9, 0.95, 800L, 640L, 8L, 900L, 810L, 143L, 136L, 27L, "run-1", "2024-06-01 00:00:00.000");
    }

    @Test
    void anonymousApiCallsGet401AndAnonymousPagesARedirectToLogin() throws Exception {
        mvc.perform(get("/api/kpis")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void kpisAnswerRowsWithTheTableColumnNames() throws Exception {
        when(kpis.monthly(eq("national"), eq("ALL"), any(), any(), any())).thenReturn(List.of(row("ALL", "2024-05", 0.7)));
        mvc.perform(get("/api/kpis?scope_type=national&from=2024-01&to=2024-05").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].month").value("2024-05-01"))
                .andExpect(jsonPath("$[0].scope_code").value("ALL"))
                .andExpect(jsonPath("$[0].digital_adoption").value(0.7))
                .andExpect(jsonPath("$[0].digital_sessions_started").value(800));
        verify(kpis).monthly("national", "ALL", YearMonth.of(2024, 1), YearMonth.of(2024, 5), AgencyScope.ALL);
    }

    @Test
    void quarterRowsComeFromKpiPeriod() throws Exception {
        mvc.perform(get("/api/kpis?scope_type=stage&scope_code=2&from=2023-01&to=2024-05&period=quarter")
                .with(httpBasic("analyst", SecuritySlice.PASSWORD))).andExpect(status().isOk());
        verify(kpis).periods("quarter", "stage", "2", YearMonth.of(2023, 1), YearMonth.of(2024, 5), AgencyScope.ALL);
    }

    @Test
    void badParametersAre400WithAMessage() throws Exception {
        for (String[] c : new String[][]{
                {"/api/kpis?scope_type=galaxy", "'scope_type' must be one of"},
                {"/api/kpis?from=2024-13", "'from' must be a month like 2024-05"},
                {"/api/kpis?from=2024-05&to=2024-01", "is after"},
                {"/api/kpis?period=decade", "'period' must be month, quarter or year"},
                {"/api/kpis?scope_type=national&scope_code=XX", "scope_code ALL"},
                {"/api/kpis?format=xml", "'format' must be json or csv"},
                {"/api/kpis?scope_type=stage&scope_code=x", "stage number"},
                {"/api/trends?kpi=happiness", "'kpi' must be one of"},
                {"/api/trends", "'kpi' is required"},
                {"/api/overview?period=quarter&at=2024-Q9", "quarter like 2024-Q2"}}) {
            mvc.perform(get(c[0]).with(httpBasic("leader", SecuritySlice.PASSWORD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString(c[1])));
        }
    }

    @Test
    void unknownCodesAre404AndAnotherAgencysRowsAre403ForAgencyStaff() throws Exception {
        mvc.perform(get("/api/kpis?scope_type=agency&scope_code=NOPE").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value(containsString("NOPE")));
        mvc.perform(get("/api/kpis?scope_type=agency&scope_code=MOI").with(httpBasic("agency-moh", SecuritySlice.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/kpis?scope_type=service&scope_code=MOI-NID-RENEW").with(httpBasic("agency-moh", SecuritySlice.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/trends?kpi=digital_adoption&scope_type=agency&scope_code=MOI")
                .with(httpBasic("agency-moh", SecuritySlice.PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/kpis?scope_type=agency&scope_code=MOH").with(httpBasic("agency-moh", SecuritySlice.PASSWORD)))
                .andExpect(status().isOk());
        // national and stage aggregates stay readable; "all agencies" is narrowed to the user's own
        mvc.perform(get("/api/kpis?scope_type=stage").with(httpBasic("agency-moh", SecuritySlice.PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/kpis?scope_type=agency").with(httpBasic("agency-moh", SecuritySlice.PASSWORD))).andExpect(status().isOk());
        verify(kpis).monthly(eq("agency"), isNull(), any(), any(), eq(new AgencyScope("MOH")));
    }

    @Test
    void csvHasABomNeutralisedCellsAndIsAudited() throws Exception {
        when(kpis.monthly(anyString(), any(), any(), any(), any())).thenReturn(List.of(row("=cmd|' /C calc'!A0", "2024-05", 0.7)));
        MvcResult result = mvc.perform(get("/api/kpis?format=csv").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("kpi_monthly.csv")))
                .andReturn();
        byte[] body = result.getResponse().getContentAsByteArray();
        assertThat(body[0]).isEqualTo((byte) 0xEF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("month,scope_type,scope_code,transactions,");
        assertThat(text).contains(",'=cmd|' /C calc'!A0,");
        verify(audit).record(eq("export_csv"), contains("/api/kpis?format=csv"), eq("ok"), eq("1 rows"));
    }

    private static String contains(String s) {
        return org.mockito.ArgumentMatchers.contains(s);
    }

    @Test
    void theOverviewPageIsArabicByDefaultAndEnglishOnRequestWithSecurityHeaders() throws Exception {
        when(kpis.headline(eq("national"), eq("ALL"), any(PeriodSelection.class))).thenReturn(Map.of("digital_adoption", 0.734));
        when(targets.progress("national", "ALL", null, AgencyScope.ALL)).thenReturn(List.of(new TargetProgressRow(
                "digital_adoption", "national", "ALL", 2030, 0.9, 2019, 0.6, LocalDate.of(2024, 5, 1), 0.734, 0.86, 24,
                "at_risk", "illustrative", "run-1")));
        mvc.perform(get("/").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe-inline'"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().exists("Referrer-Policy"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(containsString("lang=\"ar\""), containsString("dir=\"rtl\""),
                                containsString("التبنّي الرقمي"), containsString("٧٣٫٤٪"), containsString("معرّض للخطر"),
                                containsString("status-at_risk"), containsString("مايو ٢٠٢٤ · ذو القعدة ١٤٤٥"))));
        mvc.perform(get("/").cookie(new Cookie("tahawul-lang", "en")).with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(containsString("lang=\"en\""), containsString("dir=\"ltr\""),
                                containsString("Digital adoption"), containsString("73.4%"), containsString("At risk"))));
        mvc.perform(get("/?lang=en").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(header().string("Set-Cookie", containsString("tahawul-lang=en")));
    }

    @Test
    void withTheWarehouseDownPagesAndApiSay503WithoutAStackTrace() throws Exception {
        when(kpis.headline(anyString(), anyString(), any())).thenThrow(new DataAccessResourceFailureException("Connection refused"));
        mvc.perform(get("/api/overview").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.message").value(containsString("Connection refused")));
        mvc.perform(get("/").with(httpBasic("leader", SecuritySlice.PASSWORD)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(containsString("مستودع البيانات غير متاح"), not(containsString("at org.")))));
    }
}
