# The setup bench/dashboard and bench/load share. Source it after bin/lib/common.sh and bench/lib.sh.
#
# dashboard_bench_up EVENTS: the benches' shared dataset (EVENTS generated events, 2019-01..2025-12,
# seed 42: bench_dataset in bench/lib.sh; the issues' 5 M-event dataset by default), in the ClickHouse
# and database bench/analytics uses (data .data/bench/clickhouse-analytics, database bench_analytics,
# bench_analytics_EVENTS for another size): loaded with bin/ingest and computed with bin/analytics there
# unless bench/analytics already did (bench/run runs it first). The server gets a free port and is
# stopped at the end; one bench at a time uses it. Then the dashboard (bin/dashboard --no-demo-data) on
# a free loopback port, its demo users with a password made for the run, its cache check every 2 s
# (bench/dashboard clears the cache through a new job_runs row), no report schedule. Sets:
#   DASH_URL DASH_PASSWORD DASH_LOG  the dashboard, the demo users' password, its log
#   BENCH_DB BENCH_CH                the database and ClickHouse's HTTP URL
#   BENCH_LATEST                     the latest month with national KPIs (YYYY-MM)
#   BENCH_WORK                       a temporary folder, removed at the end
# An EXIT trap stops the dashboard and ClickHouse and removes BENCH_WORK.

BENCH_DEMO_EVENTS=5000000
BENCH_DASH_PID=""
BENCH_CH_DATA="$TAHAWUL_ROOT/.data/bench/clickhouse-analytics"
BENCH_CH_PORT=""
BENCH_WORK=""

dashboard_bench_down() {
  if [ -n "$BENCH_DASH_PID" ] && kill -0 "$BENCH_DASH_PID" 2>/dev/null; then
    say "stopping the dashboard (pid $BENCH_DASH_PID)"
    kill "$BENCH_DASH_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$BENCH_DASH_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$BENCH_DASH_PID" 2>/dev/null || true
  fi
  if [ -n "$BENCH_CH_PORT" ]; then
    CLICKHOUSE_DATA_DIR="$BENCH_CH_DATA" CLICKHOUSE_HTTP_PORT="$BENCH_CH_PORT" "$TAHAWUL_ROOT/bin/clickhouse" stop || true
  fi
  # the dashboard's own log outlives the run, beside the bench's (.data/bench/logs/), for a look at failures
  if [ -n "$BENCH_WORK" ] && [ -f "$BENCH_WORK/dashboard.log" ]; then
    mkdir -p "$TAHAWUL_ROOT/.data/bench/logs"
    cp "$BENCH_WORK/dashboard.log" "$TAHAWUL_ROOT/.data/bench/logs/$(basename "$0")-dashboard.log"
  fi
  [ -n "$BENCH_WORK" ] && rm -rf "$BENCH_WORK"
  return 0
}

dashboard_bench_up() {
  local events="$1" dataset loaded
  cd "$TAHAWUL_ROOT"
  ensure_java
  ensure_chdb >/dev/null
  ensure_browser
  BENCH_WORK="$(mktemp -d)"
  trap dashboard_bench_down EXIT

  # ---------------------------------------------------------------- the dataset (shared with other benches)
  dataset="$(bench_dataset "$events")"
  dataset="${dataset#"$TAHAWUL_ROOT"/}" # as bench/analytics gives it to bin/ingest (ingest_runs.inputs)
  say "dataset: $dataset"

  # ---------------------------------------------------------------- bench/analytics' ClickHouse, one bench at a time
  BENCH_DB=bench_analytics
  [ "$events" -eq "$BENCH_DEMO_EVENTS" ] || BENCH_DB="bench_analytics_$events"
  mkdir -p "$BENCH_CH_DATA"
  exec 9>"$BENCH_CH_DATA.lock"
  if ! flock -n 9; then
    say "another bench uses $BENCH_CH_DATA; waiting for it (up to an hour)"
    flock -w 3600 9 || die "$BENCH_CH_DATA stayed in use for an hour"
  fi
  BENCH_CH_PORT="$(free_port)"
  CLICKHOUSE_DATA_DIR="$BENCH_CH_DATA" CLICKHOUSE_HTTP_PORT="$BENCH_CH_PORT" CLICKHOUSE_HEAP=2g bin/clickhouse start >&2 9>&-
  BENCH_CH_PORT="$(cat "$BENCH_CH_DATA/server.port")"
  BENCH_CH="http://127.0.0.1:$BENCH_CH_PORT"
  export TAHAWUL_CLICKHOUSE_URL="jdbc:clickhouse://127.0.0.1:$BENCH_CH_PORT" TAHAWUL_DATABASE="$BENCH_DB"
  unset TAHAWUL_CLICKHOUSE_USER TAHAWUL_CLICKHOUSE_PASSWORD
  curl -sS --fail-with-body --data-binary "CREATE DATABASE IF NOT EXISTS $BENCH_DB" "$BENCH_CH/" >/dev/null

  # ---------------------------------------------------------------- the events (bin/ingest) and KPIs (bin/analytics), once
  loaded="$(bench_sql "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name IN ('ingest_runs', 'job_runs')")"
  if [ "$loaded" = "2" ]; then
    loaded="$(bench_sql "SELECT count() FROM ingest_runs FINAL WHERE status = 'succeeded' AND has(inputs, '$dataset')")"
  else
    loaded=0
  fi
  if [ "$loaded" = "0" ]; then
    say "loading $dataset into $BENCH_DB with bin/ingest (once; the data folder is kept)"
    bin/ingest --input "$dataset" >&2
  fi
  if [ "$(bench_sql "SELECT count() FROM job_runs FINAL WHERE job = 'analytics' AND status = 'succeeded'
        AND finished_at >= (SELECT max(finished_at) FROM ingest_runs FINAL WHERE status = 'succeeded')")" = "0" ]; then
    say "computing the KPIs of $BENCH_DB with bin/analytics (once)"
    bin/analytics >&2
  fi
  BENCH_LATEST="$(bench_sql "SELECT substring(toString(max(month)), 1, 7) FROM kpi_monthly WHERE scope_type = 'national'")"
  [[ "$BENCH_LATEST" =~ ^[0-9]{4}-[0-9]{2}$ ]] || die "$BENCH_DB has no national KPIs"
  say "$BENCH_DB: $(bench_sql "SELECT count() FROM service_events") events, national KPIs up to $BENCH_LATEST"

  # ---------------------------------------------------------------- the dashboard
  local port i
  port="$(free_port)"
  DASH_URL="http://127.0.0.1:$port"
  DASH_PASSWORD="bench-$RANDOM$RANDOM$RANDOM"
  DASH_LOG="$BENCH_WORK/dashboard.log"
  say "starting the dashboard on $DASH_URL (database $BENCH_DB)"
  TAHAWUL_DEMO_PASSWORD="$DASH_PASSWORD" TAHAWUL_REPORTS_DIR="$BENCH_WORK/reports" TAHAWUL_REPORTS_SCHEDULE=false \
    bin/dashboard --port "$port" --no-demo-data -- --server.address=127.0.0.1 --tahawul.cache.check-interval=2s \
    >"$DASH_LOG" 2>&1 </dev/null 9>&- &
  BENCH_DASH_PID=$!
  for i in $(seq 1 180); do
    if curl -s -m 2 "$DASH_URL/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$BENCH_DASH_PID" 2>/dev/null || { tail -n 30 "$DASH_LOG" >&2; die "the dashboard exited"; }
    sleep 1
    [ "$i" -eq 180 ] && { tail -n 30 "$DASH_LOG" >&2; die "the dashboard did not come up within 3 minutes"; }
  done
  say "dashboard up (pid $BENCH_DASH_PID, log $DASH_LOG)"
}

bench_sql() { # bench_sql QUERY: one statement in $BENCH_DB, the result as TSV
  curl -sS --fail-with-body --data-binary "$1" "$BENCH_CH/?database=$BENCH_DB" || die "query failed: ${1:0:120}"
}
