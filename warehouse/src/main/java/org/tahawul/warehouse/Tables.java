package org.tahawul.warehouse;

import java.util.List;

/** The table names of DESIGN §6: stable, read by other tools. */
public final class Tables {

    public static final String SERVICE_EVENTS = "service_events";
    public static final String REJECTED_RECORDS = "rejected_records";
    public static final String INGEST_RUNS = "ingest_runs";
    public static final String JOB_RUNS = "job_runs";
    public static final String KPI_MONTHLY = "kpi_monthly";
    public static final String KPI_PERIOD = "kpi_period";
    public static final String AGENCY_MATURITY = "agency_maturity";
    public static final String KPI_TARGET_PROGRESS = "kpi_target_progress";
    public static final String REPORT_RUNS = "report_runs";
    public static final String AUDIT_LOG = "audit_log";
    public static final String REF_AGENCIES = "ref_agencies";
    public static final String REF_SERVICES = "ref_services";
    public static final String REF_CHANNELS = "ref_channels";
    public static final String REF_REGIONS = "ref_regions";
    public static final String REF_MATURITY_STAGES = "ref_maturity_stages";
    public static final String REF_TARGETS = "ref_targets";
    public static final String REF_EXTERNAL_INDICATORS = "ref_external_indicators";

    public static final List<String> ALL = List.of(SERVICE_EVENTS, REJECTED_RECORDS, INGEST_RUNS, JOB_RUNS,
            KPI_MONTHLY, KPI_PERIOD, AGENCY_MATURITY, KPI_TARGET_PROGRESS, REPORT_RUNS, AUDIT_LOG, REF_AGENCIES,
            REF_SERVICES, REF_CHANNELS, REF_REGIONS, REF_MATURITY_STAGES, REF_TARGETS, REF_EXTERNAL_INDICATORS);

    private Tables() {
    }
}
