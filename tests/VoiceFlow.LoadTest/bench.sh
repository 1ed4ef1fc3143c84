#!/usr/bin/env bash
# Measures the voice webhooks on this machine: a throwaway PostgreSQL and Redis on loopback, the app published in
# Release on them, then the load tool (200 calls with think time, then 50 without). Prints the tool's reports.
# usage: tests/VoiceFlow.LoadTest/bench.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30}
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d); chmod 755 "$WORK"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TOKEN=bench-token-0123456789
mkdir -p "$WORK/pg"; chown postgres:postgres "$WORK/pg"; chmod 700 "$WORK/pg"
runuser -u postgres -- $PGBIN/initdb -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 30 -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" --dir "$WORK" >/dev/null
cleanup() {
  kill "${APP_PID:-0}" 2>/dev/null || true
  redis-cli -p "$RPORT" shutdown nosave >/dev/null 2>&1 || true
  runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
dotnet publish VoiceFlow.Web -c Release -o "$WORK/app" -v q -nologo >/dev/null
dotnet build tests/VoiceFlow.LoadTest -c Release -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=$TOKEN Twilio__AccountSid=ACbench Twilio__ApiBaseUrl=http://127.0.0.1:9 Demo__Enabled=true \
  Logging__LogLevel__Default=Warning
(cd "$WORK/app" && exec dotnet VoiceFlow.Web.dll --urls "http://127.0.0.1:$APORT") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$APORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
LOAD="dotnet tests/VoiceFlow.LoadTest/bin/Release/net10.0/VoiceFlow.LoadTest.dll --base-url http://127.0.0.1:$APORT --auth-token $TOKEN --to +15555550100"
echo "== warm-up"; $LOAD --calls 20 --duration 10 --no-think-time | tail -1 || true
echo "== 200 concurrent calls with think time, ${DURATION}s"; $LOAD --calls 200 --duration "$DURATION" || true
echo "== 50 concurrent calls without think time, ${DURATION}s"; $LOAD --calls 50 --duration "$DURATION" --no-think-time || true
echo "== app log (last lines)"; tail -5 "$WORK/app.log"
echo "== app peak memory (VmHWM): $(grep VmHWM /proc/$APP_PID/status | awk '{print $2/1024 " MB"}')"
