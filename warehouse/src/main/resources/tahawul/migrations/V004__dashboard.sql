-- Every scheduled or on-demand report (DESIGN §6): one row per state change, read with FINAL.
CREATE TABLE IF NOT EXISTS ${db}.report_runs (
    run_id String,
    definition LowCardinality(String),
    period String,
    lang LowCardinality(String),
    scope_code LowCardinality(String),
    trigger LowCardinality(String),
    state LowCardinality(String),
    attempts UInt8,
    requested_by String,
    file String,
    bytes UInt64,
    pages UInt16,
    error String,
    created_at DateTime64(3, 'UTC'),
    started_at Nullable(DateTime64(3, 'UTC')),
    finished_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY run_id;

-- Logins, exports and report actions of dashboard users.
CREATE TABLE IF NOT EXISTS ${db}.audit_log (
    at DateTime64(3, 'UTC'),
    username String,
    roles String,
    action LowCardinality(String),
    target String,
    outcome LowCardinality(String),
    remote_addr String,
    detail String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, username);
