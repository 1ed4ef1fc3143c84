#!/usr/bin/env bash
# A quicker, more detailed look than bench.sh, for comparing builds: a throwaway PostgreSQL and Redis, the app (published
# to $APPDIR, or published here), a warm-up, then one run of 50 calls without think time, and CPU per webhook of the
# app, PostgreSQL and the load tool from /proc. PGSS=1 adds pg_stat_statements and index/table counters for the measured
# run; PRE_SQL runs once the app is up (to try a schema change); PERF=1 records the whole machine with perf (to /tmp/perf.data; JIT symbols in /tmp/perf-PID.map).
# usage: [APPDIR=dir] [WARMUP=40] [PGSS=1] [PRE_SQL=sql] [PERF=1] tests/VoiceFlow.LoadTest/quick.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
[ -n "${PGSS:-}" ] && export PG_OPTS="${PG_OPTS:-} -c shared_preload_libraries=pg_stat_statements"
source tests/VoiceFlow.LoadTest/servers.sh
TOKEN=bench-token-0123456789
if [ -z "${APPDIR:-}" ]; then
  APPDIR="$WORK/app"
  dotnet publish VoiceFlow.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APPDIR" -v q -nologo >/dev/null
fi
dotnet build tests/VoiceFlow.LoadTest -c Release -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres${PG_EXTRA:+;$PG_EXTRA}" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=$TOKEN Twilio__AccountSid=ACbench Twilio__ApiBaseUrl=http://127.0.0.1:$TWPORT Demo__Enabled=true \
  Logging__LogLevel__Default=Warning
[ -n "${PERF:-}" ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
(cd "$APPDIR" && exec dotnet VoiceFlow.Web.dll --urls "http://127.0.0.1:$APORT") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$APORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
[ -n "${PRE_SQL:-}" ] && psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres -qc "$PRE_SQL"
LOAD="dotnet tests/VoiceFlow.LoadTest/bin/Release/net10.0/VoiceFlow.LoadTest.dll --base-url http://127.0.0.1:$APORT --auth-token $TOKEN --to +15555550100"
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres"
echo "== warm-up, ${WARMUP:-40}s"; $LOAD --calls 50 --duration "${WARMUP:-40}" --no-think-time | tail -1 || true
[ -n "${PGSS:-}" ] && $PSQL -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset(); SELECT pg_stat_reset(); SELECT pg_stat_reset_shared('wal');" >/dev/null
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
pgcpu() { local t=0; for p in $(pgrep -u postgres postgres); do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
a0=$(cpu $APP_PID); p0=$(pgcpu)
echo "== 50 calls without think time, ${DURATION}s"
$LOAD --calls 50 --duration "$DURATION" --no-think-time > "$WORK/out.txt" &
LOAD_PID=$!
sleep 1
[ -n "${PERF:-}" ] && (perf record -e cpu-clock -F 499 -a -g -o /tmp/perf.data -- sleep 10 >/dev/null 2>&1 &)
l0=$(cpu $LOAD_PID); sleep $((DURATION - 2)); l1=$(cpu $LOAD_PID); wait $LOAD_PID || true
a1=$(cpu $APP_PID); p1=$(pgcpu)
cat "$WORK/out.txt"
python3 - "$(tail -1 "$WORK/out.txt")" $((a1 - a0)) $((p1 - p0)) $((l1 - l0)) "$DURATION" <<'PY'
import json, os, sys
r = json.loads(sys.argv[1]); n = r['requests']; app, pg, load, d = map(int, sys.argv[2:6])
tick = 1000.0 / os.sysconf('SC_CLK_TCK')
print(f"== CPU per webhook: app {app * tick / n:.3f} ms, PostgreSQL {pg * tick / n:.3f} ms, "
      f"load tool ~{load * tick / (n * (d - 3) / d):.3f} ms; {r['requests_per_second']:.0f} webhooks/s, {r['errors']} errors")
PY
if [ -n "${PGSS:-}" ]; then
  $PSQL -c "SELECT calls, round(total_exec_time::numeric) AS ms, round((total_exec_time / calls)::numeric, 3) AS mean, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 100) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20"
  $PSQL -c "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()" -c "SELECT wal_records, wal_fpi, pg_size_pretty(wal_bytes) AS wal, wal_write, wal_sync FROM pg_stat_wal" \
    -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE n_tup_upd > 0 OR n_tup_ins > 1000 ORDER BY n_tup_upd DESC LIMIT 6"
  $PSQL -c "SELECT relname, indexrelname, idx_scan, idx_tup_read FROM pg_stat_all_indexes WHERE idx_tup_read > 0 ORDER BY idx_tup_read DESC LIMIT 10"
fi
echo "== app log: $(grep -c '"LogLevel":"Error"' "$WORK/app.log" || true) errors"
