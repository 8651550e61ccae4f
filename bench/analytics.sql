-- bench/analytics.sql — the anchor of bench/analytics: the three tables of the analytics job
-- (kpi_monthly for the scopes national, stage, agency and service; agency_maturity;
-- kpi_target_progress) produced by ClickHouse SQL alone, by the definitions of DESIGN §5 and
-- docs/kpis.md, into scratch tables sql_* of the current database. Reference data comes from the
-- ref_* tables (loaded by bin/ingest). Statements are separated by a ';' at the end of a line;
-- bench/analytics sends them one by one and times the whole script.

DROP TABLE IF EXISTS sql_service_month;
DROP TABLE IF EXISTS sql_agency_maturity;
DROP TABLE IF EXISTS sql_kpi_monthly;
DROP TABLE IF EXISTS sql_kpi_target_progress;

-- 1. additive measures per month and service, with the service's SLA from the catalogue
CREATE TABLE sql_service_month ENGINE = Memory AS
SELECT e.month AS month, toString(e.agency) AS agency, toString(e.service) AS service,
       countIf(e.event = 'completed') AS transactions,
       countIf(e.event = 'completed' AND e.is_digital) AS digital_transactions,
       countIf(e.event = 'completed' AND e.duration_ms IS NOT NULL AND s.catalogued) AS completions_with_duration,
       countIf(e.event = 'completed' AND e.duration_ms IS NOT NULL AND s.catalogued
               AND e.duration_ms <= s.sla_ms) AS completions_within_sla,
       countIf(e.event = 'rated' AND e.rating IS NOT NULL) AS ratings,
       sumIf(toUInt64(assumeNotNull(e.rating)), e.event = 'rated' AND e.rating IS NOT NULL) AS rating_sum,
       countIf(e.event = 'rated' AND e.rating >= 4) AS ratings_satisfied,
       toUInt32(any(s.catalogued)) AS catalogued,
       toUInt32(any(s.catalogued) AND digital_transactions > 0) AS online
FROM service_events AS e
LEFT JOIN (SELECT toString(service_code) AS service, toUInt64(sla_minutes) * 60000 AS sla_ms, true AS catalogued
           FROM ref_services) AS s ON s.service = toString(e.service)
WHERE e.event IN ('completed', 'rated') OR (e.event = 'started' AND e.is_digital)
GROUP BY month, agency, service
SETTINGS join_use_nulls = 0;

-- 2. every agency (of the catalogue or seen in the events) in every month with data: maturity
CREATE TABLE sql_agency_maturity ENGINE = Memory AS
WITH (SELECT arraySort(groupArray((toUInt8(stage), min_coverage, min_adoption, min_satisfaction)))
      FROM ref_maturity_stages) AS stages
SELECT month, agency_code,
       arrayMax(arrayMap(s -> if(ifNull(eservice_coverage, 0) >= s.2 AND ifNull(digital_adoption, 0) >= s.3
                                 AND ifNull(satisfaction_rate, 0) >= s.4, s.1, stages[1].1), stages)) AS stage,
       100 * ((ifNull(eservice_coverage, 0) * 0.4 + ifNull(digital_adoption, 0) * 0.4)
              + ifNull(satisfaction_rate, 0) * 0.2) AS maturity_index,
       eservice_coverage, digital_adoption, satisfaction_rate,
       services_catalogued, services_online
FROM (
    SELECT g.month AS month, g.agency AS agency_code,
           toUInt32(ifNull(c.services_catalogued, 0)) AS services_catalogued,
           toUInt32(ifNull(m.services_online, 0)) AS services_online,
           if(services_catalogued > 0, services_online / services_catalogued, NULL) AS eservice_coverage,
           if(ifNull(m.transactions, 0) > 0, m.digital_transactions / m.transactions, NULL) AS digital_adoption,
           if(ifNull(m.ratings, 0) > 0, m.ratings_satisfied / m.ratings, NULL) AS satisfaction_rate
    FROM (SELECT mo.month AS month, ag.agency AS agency
          FROM (SELECT DISTINCT month FROM sql_service_month) AS mo
          CROSS JOIN (SELECT toString(agency_code) AS agency FROM ref_agencies
                      UNION DISTINCT SELECT DISTINCT agency FROM sql_service_month) AS ag) AS g
    LEFT JOIN (SELECT month, agency, sum(transactions) AS transactions, sum(digital_transactions) AS digital_transactions,
                      sum(ratings) AS ratings, sum(ratings_satisfied) AS ratings_satisfied, sum(online) AS services_online
               FROM sql_service_month GROUP BY month, agency) AS m ON m.month = g.month AND m.agency = g.agency
    LEFT JOIN (SELECT toString(agency_code) AS agency, count() AS services_catalogued
               FROM ref_services GROUP BY agency) AS c ON c.agency = g.agency
)
SETTINGS join_use_nulls = 1;

-- 3. kpi_monthly: counts from the events (distinct counts exact, per scope), joined to the frame of
--    scopes that exist (every agency, every stage reached, every service with events)
CREATE TABLE sql_kpi_monthly ENGINE = Memory AS
WITH counts AS (
    SELECT e.month AS month,
           multiIf(grouping(e.agency, e.service, m.stage) = 7, 'national',
                   grouping(e.agency, e.service, m.stage) = 3, 'agency',
                   grouping(e.agency, e.service, m.stage) = 5, 'service', 'stage') AS scope_type,
           multiIf(scope_type = 'national', 'ALL', scope_type = 'agency', toString(e.agency),
                   scope_type = 'service', toString(e.service), toString(m.stage)) AS scope_code,
           countIf(e.event = 'completed') AS transactions,
           countIf(e.event = 'completed' AND e.is_digital) AS digital_transactions,
           countIf(e.event = 'completed' AND e.duration_ms IS NOT NULL AND s.catalogued) AS completions_with_duration,
           countIf(e.event = 'completed' AND e.duration_ms IS NOT NULL AND s.catalogued
                   AND e.duration_ms <= s.sla_ms) AS completions_within_sla,
           countIf(e.event = 'rated' AND e.rating IS NOT NULL) AS ratings,
           sumIf(toUInt64(assumeNotNull(e.rating)), e.event = 'rated' AND e.rating IS NOT NULL) AS rating_sum,
           countIf(e.event = 'rated' AND e.rating >= 4) AS ratings_satisfied,
           uniqExactIf(e.session_id, e.event = 'started' AND e.is_digital AND e.session_id IS NOT NULL)
               AS digital_sessions_started,
           uniqExactIf(e.session_id, e.event = 'started' AND e.is_digital AND e.session_id IS NOT NULL
                       AND e.session_id IN (SELECT session_id FROM service_events
                                            WHERE event = 'completed' AND session_id IS NOT NULL))
               AS digital_sessions_completed,
           uniqExactIf(e.beneficiary_key, e.event = 'completed' AND e.is_digital AND e.beneficiary_key IS NOT NULL)
               AS active_beneficiaries
    FROM service_events AS e
    LEFT JOIN (SELECT toString(service_code) AS service, toUInt64(sla_minutes) * 60000 AS sla_ms, true AS catalogued
               FROM ref_services) AS s ON s.service = toString(e.service)
    INNER JOIN (SELECT month, agency_code, stage FROM sql_agency_maturity) AS m
        ON m.month = e.month AND m.agency_code = toString(e.agency)
    WHERE e.event IN ('completed', 'rated') OR (e.event = 'started' AND e.is_digital)
    GROUP BY GROUPING SETS ((e.month), (e.month, e.agency), (e.month, e.service), (e.month, m.stage))
    SETTINGS join_use_nulls = 0
), frame AS (
    SELECT month, 'national' AS scope_type, 'ALL' AS scope_code, sum(services_catalogued) AS services_catalogued,
           sum(services_online) AS services_online, count() AS agencies
    FROM sql_agency_maturity GROUP BY month
    UNION ALL
    SELECT month, 'stage', toString(stage), sum(services_catalogued), sum(services_online), count()
    FROM sql_agency_maturity GROUP BY month, stage
    UNION ALL
    SELECT month, 'agency', agency_code, services_catalogued, services_online, 1 FROM sql_agency_maturity
    UNION ALL
    SELECT month, 'service', service, catalogued, online, 1 FROM sql_service_month
)
SELECT f.month AS month, f.scope_type AS scope_type, f.scope_code AS scope_code,
       ifNull(c.transactions, 0) AS transactions, ifNull(c.digital_transactions, 0) AS digital_transactions,
       if(transactions > 0, digital_transactions / transactions, NULL) AS digital_adoption,
       ifNull(c.digital_sessions_started, 0) AS digital_sessions_started,
       ifNull(c.digital_sessions_completed, 0) AS digital_sessions_completed,
       if(digital_sessions_started > 0, digital_sessions_completed / digital_sessions_started, NULL) AS completion_rate,
       ifNull(c.active_beneficiaries, 0) AS active_beneficiaries,
       ifNull(c.ratings, 0) AS ratings, ifNull(c.ratings_satisfied, 0) AS ratings_satisfied,
       if(ratings > 0, ifNull(c.rating_sum, 0) / ratings, NULL) AS csat,
       if(ratings > 0, ratings_satisfied / ratings, NULL) AS satisfaction_rate,
       ifNull(c.completions_with_duration, 0) AS completions_with_duration,
       ifNull(c.completions_within_sla, 0) AS completions_within_sla,
       if(completions_with_duration > 0, completions_within_sla / completions_with_duration, NULL) AS sla_compliance,
       toUInt32(f.services_catalogued) AS services_catalogued, toUInt32(f.services_online) AS services_online,
       toUInt32(f.agencies) AS agencies,
       if(f.scope_type = 'service' OR services_catalogued = 0, NULL, services_online / services_catalogued)
           AS eservice_coverage
FROM frame AS f
LEFT JOIN counts AS c ON c.month = f.month AND c.scope_type = f.scope_type AND c.scope_code = f.scope_code
SETTINGS join_use_nulls = 1;

-- 4. kpi_target_progress: per target, the actual of the latest complete month, the least-squares line
--    through the scope's last 24 monthly values (none under 3) projected to December of the target year
CREATE TABLE sql_kpi_target_progress ENGINE = Memory AS
WITH (SELECT max(month) FROM sql_kpi_monthly
      WHERE month < toStartOfMonth(toTimeZone(now(), 'Asia/Riyadh'))) AS as_of,
series AS (
    SELECT scope_type, scope_code, kpi,
           arraySlice(arraySort(p -> p.1, groupArray((toYear(month) * 12 + toMonth(month) - 1, assumeNotNull(value)))), -24) AS points,
           anyIf(value, month = as_of) AS actual
    FROM sql_kpi_monthly
    ARRAY JOIN ['transactions', 'digital_transactions', 'digital_adoption', 'completion_rate',
                'active_beneficiaries', 'ratings', 'csat', 'satisfaction_rate', 'sla_compliance',
                'eservice_coverage'] AS kpi,
               [toFloat64(transactions), toFloat64(digital_transactions), digital_adoption, completion_rate,
                toFloat64(active_beneficiaries), toFloat64(ratings), csat, satisfaction_rate, sla_compliance,
                eservice_coverage] AS value
    WHERE month <= as_of AND value IS NOT NULL
      AND (scope_type, scope_code) IN (SELECT toString(scope_type), toString(scope_code) FROM ref_targets)
    GROUP BY scope_type, scope_code, kpi
), fitted AS (
    SELECT t.kpi AS kpi, t.scope_type AS scope_type, t.scope_code AS scope_code, t.target AS target,
           t.target_year AS target_year, t.baseline AS baseline, t.baseline_year AS baseline_year, t.source AS source,
           s.actual AS actual, length(ifNull(s.points, [])) AS n,
           t.kpi IN ('digital_adoption', 'completion_rate', 'satisfaction_rate', 'sla_compliance',
                     'eservice_coverage') AS rate,
           arrayAvg(p -> toFloat64(p.1), s.points) AS mx, arrayAvg(p -> p.2, s.points) AS my,
           arraySum(p -> (p.1 - mx) * (p.1 - mx), s.points) AS sxx,
           arraySum(p -> (p.1 - mx) * (p.2 - my), s.points) AS sxy,
           if(n < 3, NULL, my + if(sxx = 0, 0, sxy / sxx) * (t.target_year * 12 + 11 - mx)) AS line,
           multiIf(line IS NULL, NULL, rate, greatest(0, least(1, line)),
                   t.kpi = 'csat', greatest(1, least(5, line)), greatest(0, line)) AS projected
    FROM ref_targets AS t
    LEFT JOIN series AS s ON s.kpi = toString(t.kpi) AND s.scope_type = toString(t.scope_type)
                          AND s.scope_code = toString(t.scope_code)
    SETTINGS join_use_nulls = 1
)
SELECT kpi, scope_type, scope_code, as_of AS as_of_month, actual, target, target_year, baseline, baseline_year,
       projected, toUInt16(n) AS months_used,
       multiIf(actual IS NULL, 'no_data',
               actual >= target - 1e-9, 'achieved',
               ifNull(projected, actual) >= target - 1e-9, 'on_track',
               ifNull(projected, actual) >= if(rate, target - 0.05, 0.95 * target) - 1e-9, 'at_risk',
               'off_track') AS status,
       source
FROM fitted;
