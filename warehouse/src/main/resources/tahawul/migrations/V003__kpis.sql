-- Outputs of the analytics job (DESIGN §5, §6). A re-run replaces whole partitions
-- (ALTER TABLE ... REPLACE PARTITION from a staging copy), so a reader sees either the old or
-- the new month, never a mix. Numerators and denominators are kept beside each rate.
CREATE TABLE IF NOT EXISTS ${db}.kpi_monthly (
    month Date,
    scope_type LowCardinality(String),
    scope_code LowCardinality(String),
    transactions UInt64,
    digital_transactions UInt64,
    digital_adoption Nullable(Float64),
    completion_rate Nullable(Float64),
    active_beneficiaries UInt64,
    ratings UInt64,
    csat Nullable(Float64),
    satisfaction_rate Nullable(Float64),
    sla_compliance Nullable(Float64),
    eservice_coverage Nullable(Float64),
    digital_sessions_started UInt64,
    digital_sessions_completed UInt64,
    ratings_satisfied UInt64,
    completions_with_duration UInt64,
    completions_within_sla UInt64,
    services_catalogued UInt32,
    services_online UInt32,
    agencies UInt32,
    run_id LowCardinality(String),
    computed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYYYYMM(month)
ORDER BY (scope_type, scope_code, month);

-- Quarters and calendar years, computed from events (distinct counts do not add up), with the
-- same KPI columns as kpi_monthly. period_type is 'quarter' or 'year'; period_label '2024-Q1' or '2024'.
CREATE TABLE IF NOT EXISTS ${db}.kpi_period (
    period_type LowCardinality(String),
    period_start Date,
    period_end Date,
    period_label LowCardinality(String),
    scope_type LowCardinality(String),
    scope_code LowCardinality(String),
    transactions UInt64,
    digital_transactions UInt64,
    digital_adoption Nullable(Float64),
    completion_rate Nullable(Float64),
    active_beneficiaries UInt64,
    ratings UInt64,
    csat Nullable(Float64),
    satisfaction_rate Nullable(Float64),
    sla_compliance Nullable(Float64),
    eservice_coverage Nullable(Float64),
    digital_sessions_started UInt64,
    digital_sessions_completed UInt64,
    ratings_satisfied UInt64,
    completions_with_duration UInt64,
    completions_within_sla UInt64,
    services_catalogued UInt32,
    services_online UInt32,
    agencies UInt32,
    run_id LowCardinality(String),
    computed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYear(period_start)
ORDER BY (period_type, scope_type, scope_code, period_start);

CREATE TABLE IF NOT EXISTS ${db}.agency_maturity (
    month Date,
    agency_code LowCardinality(String),
    stage UInt8,
    maturity_index Float64,
    eservice_coverage Nullable(Float64),
    digital_adoption Nullable(Float64),
    satisfaction_rate Nullable(Float64),
    run_id LowCardinality(String),
    computed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYYYYMM(month)
ORDER BY (agency_code, month);

-- Replaced as a whole by every run (EXCHANGE TABLES with a staging copy).
CREATE TABLE IF NOT EXISTS ${db}.kpi_target_progress (
    kpi LowCardinality(String),
    scope_type LowCardinality(String),
    scope_code LowCardinality(String),
    as_of_month Nullable(Date),
    actual Nullable(Float64),
    target Float64,
    target_year UInt16,
    baseline Nullable(Float64),
    baseline_year Nullable(UInt16),
    projected Nullable(Float64),
    months_used UInt16,
    status LowCardinality(String),
    source String,
    run_id LowCardinality(String),
    computed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (kpi, scope_type, scope_code, target_year);

CREATE TABLE IF NOT EXISTS ${db}.job_runs (
    run_id String,
    job LowCardinality(String),
    status LowCardinality(String),
    started_at DateTime64(3, 'UTC'),
    finished_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC'),
    from_month Nullable(Date),
    to_month Nullable(Date),
    months Array(Date),
    parameters String,
    rows_written UInt64,
    total_seconds Float64,
    error String
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY run_id;
