-- Events after ingest (DESIGN §6). One row per event_id: the ingest job inserts only ids that
-- are not yet present (anti-join at publish time, docs/ingest.md "Exactly once"), so counts
-- are exact at once, without FINAL and without waiting for merges.
CREATE TABLE IF NOT EXISTS ${db}.service_events (
    event_id String,
    ts DateTime64(3, 'UTC'),
    month Date,
    agency LowCardinality(String),
    service LowCardinality(String),
    channel LowCardinality(String),
    is_digital Bool,
    event LowCardinality(String),
    session_id Nullable(String),
    beneficiary_key Nullable(String),
    beneficiary_type LowCardinality(Nullable(String)),
    region LowCardinality(Nullable(String)),
    duration_ms Nullable(UInt64),
    rating Nullable(UInt8),
    source_file LowCardinality(String),
    line_number UInt64,
    run_id LowCardinality(String),
    loaded_at DateTime64(3, 'UTC'),
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX session_bloom session_id TYPE bloom_filter(0.01) GRANULARITY 4
) ENGINE = MergeTree
PARTITION BY toYYYYMM(month)
ORDER BY (agency, service, event, channel, ts, event_id);

CREATE TABLE IF NOT EXISTS ${db}.rejected_records (
    run_id LowCardinality(String),
    source_file LowCardinality(String),
    line_number UInt64,
    reason LowCardinality(String),
    detail String,
    raw_masked String,
    rejected_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (run_id, source_file, line_number);

-- Audit trail of ingest runs. A run writes a 'running' row when it starts and a final row when it
-- ends; read with FINAL (or argMax by updated_at) to see each run once.
CREATE TABLE IF NOT EXISTS ${db}.ingest_runs (
    run_id String,
    status LowCardinality(String),
    started_at DateTime64(3, 'UTC'),
    finished_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC'),
    inputs Array(String),
    files UInt32,
    reference_dir String,
    spark_master String,
    lines_read UInt64,
    loaded UInt64,
    rejected UInt64,
    duplicates UInt64,
    months Array(Date),
    read_seconds Float64,
    write_seconds Float64,
    publish_seconds Float64,
    total_seconds Float64,
    error String
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY run_id;
