package org.tahawul.dashboard.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.tahawul.dashboard.security.SecuritySlice;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.testing.ControllerSlice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The archive page and the report API: who may start and read runs, validation, the PDF download's answers. */
@WebMvcTest(controllers = ReportController.class, properties = {SecuritySlice.DEMO_USERS, SecuritySlice.DEMO_PASSWORD,
        "tahawul.reports.definitions[0].id=executive", "tahawul.reports.definitions[0].title-ar=التقرير التنفيذي",
        "tahawul.reports.definitions[0].title-en=Executive report",
        "tahawul.reports.definitions[1].id=agency-moh", "tahawul.reports.definitions[1].title-ar=تقرير وزارة الصحة",
        "tahawul.reports.definitions[1].title-en=Ministry of Health report",
        "tahawul.reports.definitions[1].template=agency", "tahawul.reports.definitions[1].scope=MOH",
        "tahawul.reports.definitions[1].cron=-"})
@Import({SecuritySlice.class, ReportDefinitions.class, RenderTokens.class})
@EnableConfigurationProperties(ReportProperties.class)
class ReportControllerTest extends ControllerSlice {

    static final String NATIONAL_RUN = "11111111-2222-3333-4444-555555555555";
    static final String MOH_RUN = "66666666-7777-8888-9999-000000000000";
    static final String PASSWORD = SecuritySlice.PASSWORD;

    @MockitoBean
    ReportRunRepository repository;
    @MockitoBean
    ReportRuns runs;
    @MockitoBean
    ReportArchive archive;

    @TempDir
    Path folder;

    private static ReportRun run(String id, String definition, String scope, String state) {
        return new ReportRun(id, definition, "2024-05", "ar", scope, ReportRuns.MANUAL, state, 1, "analyst",
                state.equals(ReportRun.SUCCEEDED) ? definition + "/2024-05/x.pdf" : "", 1000, 3, "", Instant.now(),
                Instant.now(), null);
    }

    @BeforeEach
    void stubs() {
        when(repository.find(NATIONAL_RUN)).thenReturn(Optional.of(run(NATIONAL_RUN, "executive", "ALL", ReportRun.SUCCEEDED)));
        when(repository.find(MOH_RUN)).thenReturn(Optional.of(run(MOH_RUN, "agency-moh", "MOH", ReportRun.QUEUED)));
        when(runs.submit(any(), any(), anyString(), anyString(), anyString()))
                .thenAnswer(i -> run(NATIONAL_RUN, ((ReportDefinition) i.getArgument(0)).id(), "ALL", ReportRun.QUEUED));
    }

    @Test
    void analystsAndAdminsStartRunsLeadershipAndAgencyStaffMayNot() throws Exception {
        mvc.perform(post("/api/reports/executive/runs?period=2024-05&lang=en")).andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/api/reports/executive/runs?period=2024-05&lang=en").with(csrf())).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/reports/executive/runs").with(httpBasic("leader", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/reports/agency-moh/runs").with(httpBasic("agency-moh", PASSWORD))).andExpect(status().isForbidden());
        verify(runs, never()).submit(any(), any(), anyString(), anyString(), anyString());
        mvc.perform(post("/api/reports/executive/runs?period=2024-05&lang=en").with(httpBasic("analyst", PASSWORD)))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/reports/runs/" + NATIONAL_RUN))
                .andExpect(jsonPath("$.state").value("queued"))
                .andExpect(jsonPath("$.run_id").value(NATIONAL_RUN));
        verify(runs).submit(any(), eq(ReportPeriods.parse("2024-05")), eq("en"), eq(ReportRuns.MANUAL), eq("analyst"));
        verify(audit).record(eq("report_request"), eq("/api/reports/executive/runs"), eq("ok"), contains("2024-05 en"));
        // without a period: the definition's last complete period, in its language
        mvc.perform(post("/api/reports/executive/runs").with(httpBasic("admin", PASSWORD))).andExpect(status().isAccepted());
        verify(runs).submit(any(), any(PeriodSelection.class), eq("ar"), eq(ReportRuns.MANUAL), eq("admin"));
    }

    private static String contains(String text) {
        return org.mockito.ArgumentMatchers.contains(text);
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        mvc.perform(post("/api/reports/nope/runs").with(httpBasic("analyst", PASSWORD))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message", containsString("unknown report definition 'nope'")));
        mvc.perform(post("/api/reports/executive/runs?period=2024-13").with(httpBasic("analyst", PASSWORD)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message", containsString("2024-Q2")));
        mvc.perform(post("/api/reports/executive/runs?lang=fr").with(httpBasic("analyst", PASSWORD)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message", containsString("'lang' must be ar or en")));
        mvc.perform(get("/api/reports/runs/x;drop").with(httpBasic("analyst", PASSWORD))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/runs/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee").with(httpBasic("analyst", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/reports/runs?limit=0").with(httpBasic("analyst", PASSWORD))).andExpect(status().isBadRequest());
    }

    @Test
    void agencyStaffSeeAndDownloadOnlyTheirAgencysReports() throws Exception {
        mvc.perform(get("/api/reports/definitions").with(httpBasic("agency-moh", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].id").value("agency-moh"));
        mvc.perform(get("/api/reports/definitions").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].next_run", containsString("T07:00+03:00")))
                .andExpect(jsonPath("$[1].next_run").doesNotExist());
        mvc.perform(get("/api/reports/runs/" + MOH_RUN).with(httpBasic("agency-moh", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.scope_code").value("MOH"));
        mvc.perform(get("/api/reports/runs/" + MOH_RUN).with(httpBasic("agency-moi", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/runs/" + NATIONAL_RUN).with(httpBasic("agency-moh", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/runs/" + NATIONAL_RUN + "/pdf").with(httpBasic("agency-moh", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/runs").with(httpBasic("agency-moh", PASSWORD))).andExpect(status().isOk());
        verify(repository).latest(100, new org.tahawul.dashboard.system.AgencyScope("MOH"));
    }

    @Test
    void aPdfIsServedOnceItsRunSucceededAndWhileItsFileIsKept() throws Exception {
        mvc.perform(get("/api/reports/runs/" + MOH_RUN + "/pdf").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("is queued")));
        when(archive.file(any())).thenReturn(Optional.empty());
        mvc.perform(get("/api/reports/runs/" + NATIONAL_RUN + "/pdf").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isGone()).andExpect(jsonPath("$.message", containsString("missing from the archive")));
        Path pdf = Files.write(folder.resolve("x.pdf"), "%PDF-1.7 test".getBytes());
        when(archive.file(any())).thenReturn(Optional.of(pdf));
        mvc.perform(get("/api/reports/runs/" + NATIONAL_RUN + "/pdf").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString("executive_2024-05_ar.pdf")))
                .andExpect(content().string("%PDF-1.7 test"));
        verify(audit).record(eq("report_download"), eq("/api/reports/runs/" + NATIONAL_RUN + "/pdf"), eq("ok"), anyString());
    }

    @Test
    void theArchivePageOffersTheGenerateFormToAnalystsOnlyAndTheFormNeedsItsCsrfToken() throws Exception {
        when(repository.latest(eq(100), any())).thenReturn(List.of(
                run(NATIONAL_RUN, "executive", "ALL", ReportRun.SUCCEEDED).row(),
                run(MOH_RUN, "agency-moh", "MOH", ReportRun.QUEUED).row()));
        mvc.perform(get("/reports?lang=en").with(httpBasic("analyst", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"/reports/executive/runs\"")))
                .andExpect(content().string(containsString("/api/reports/runs/" + NATIONAL_RUN + "/pdf")))
                .andExpect(content().string(containsString("data-refresh-seconds=\"5\"")))
                .andExpect(content().string(containsString("Generate now")));
        mvc.perform(get("/reports?lang=en").with(httpBasic("leader", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("action=\"/reports/executive/runs\""))))
                .andExpect(content().string(containsString("Preview")));
        mvc.perform(post("/reports/executive/runs").param("period", "2024-05").param("lang", "ar")
                .with(user("analyst").roles("ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(post("/reports/executive/runs").param("period", "2024-05").param("lang", "ar")
                        .with(user("analyst").roles("ANALYST")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/reports"));
        verify(runs).submit(any(), eq(ReportPeriods.parse("2024-05")), eq("ar"), eq(ReportRuns.MANUAL), eq("analyst"));
    }
}
