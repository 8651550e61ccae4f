-- Reference data (DESIGN §4), replaced as a whole on every load (see ReferenceTables).
CREATE TABLE IF NOT EXISTS ${db}.ref_agencies (
    agency_code LowCardinality(String),
    name_ar String,
    name_en String,
    sector LowCardinality(String)
) ENGINE = MergeTree ORDER BY agency_code;

CREATE TABLE IF NOT EXISTS ${db}.ref_services (
    service_code LowCardinality(String),
    agency_code LowCardinality(String),
    name_ar String,
    name_en String,
    category LowCardinality(String),
    sla_minutes UInt32
) ENGINE = MergeTree ORDER BY (agency_code, service_code);

CREATE TABLE IF NOT EXISTS ${db}.ref_channels (
    channel LowCardinality(String),
    name_ar String,
    name_en String,
    is_digital Bool
) ENGINE = MergeTree ORDER BY channel;

CREATE TABLE IF NOT EXISTS ${db}.ref_regions (
    region_code LowCardinality(String),
    name_ar String,
    name_en String
) ENGINE = MergeTree ORDER BY region_code;

CREATE TABLE IF NOT EXISTS ${db}.ref_maturity_stages (
    stage UInt8,
    name_ar String,
    name_en String,
    min_coverage Float64,
    min_adoption Float64,
    min_satisfaction Float64
) ENGINE = MergeTree ORDER BY stage;

CREATE TABLE IF NOT EXISTS ${db}.ref_targets (
    kpi LowCardinality(String),
    scope_type LowCardinality(String),
    scope_code LowCardinality(String),
    target_year UInt16,
    target Float64,
    baseline_year Nullable(UInt16),
    baseline Nullable(Float64),
    source String
) ENGINE = MergeTree ORDER BY (kpi, scope_type, scope_code, target_year);

CREATE TABLE IF NOT EXISTS ${db}.ref_external_indicators (
    indicator LowCardinality(String),
    year UInt16,
    value Float64,
    source String
) ENGINE = MergeTree ORDER BY (indicator, year);
