#!/usr/bin/env bash
# Measures the voice webhooks on this machine: a throwaway PostgreSQL and Redis on loopback, the app published in
# Release on them, then the load tool (200 calls with think time, then 50 without). Prints the tool's reports.
# usage: [PG_EXTRA="Multiplexing=true"] tests/VoiceFlow.LoadTest/bench.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30}
source tests/VoiceFlow.LoadTest/servers.sh
TOKEN=bench-token-0123456789
# Published as the Dockerfile publishes it (ReadyToRun).
dotnet publish VoiceFlow.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/app" -v q -nologo >/dev/null
dotnet build tests/VoiceFlow.LoadTest -c Release -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres${PG_EXTRA:+;$PG_EXTRA}" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=$TOKEN Twilio__AccountSid=ACbench Twilio__ApiBaseUrl=http://127.0.0.1:$TWPORT Demo__Enabled=true \
  Logging__LogLevel__Default=Warning
(cd "$WORK/app" && exec dotnet VoiceFlow.Web.dll --urls "http://127.0.0.1:$APORT") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$APORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
LOAD="dotnet tests/VoiceFlow.LoadTest/bin/Release/net10.0/VoiceFlow.LoadTest.dll --base-url http://127.0.0.1:$APORT --auth-token $TOKEN --to +15555550100"
# A server that has been up a while: the first half-minute of traffic is when the runtime still compiles hot code to
# its final tier, which a benchmark of steady throughput should not count (the cold start is timed separately).
echo "== warm-up, ${WARMUP:-30}s"; $LOAD --calls 50 --duration "${WARMUP:-30}" --no-think-time | tail -1 || true
echo "== 200 concurrent calls with think time, ${DURATION}s"; $LOAD --calls 200 --duration "$DURATION" || true
echo "== 50 concurrent calls without think time, ${DURATION}s"; $LOAD --calls 50 --duration "$DURATION" --no-think-time || true
echo "== app log: $(grep -c '"LogLevel":"Error"' "$WORK/app.log" || true) errors (copied to /tmp/voiceflow-bench-app.log); last lines:"; tail -5 "$WORK/app.log" | cut -c1-300
cp "$WORK/app.log" /tmp/voiceflow-bench-app.log
echo "== app peak memory (VmHWM): $(grep VmHWM /proc/$APP_PID/status | awk '{print $2/1024 " MB"}')"
