#!/usr/bin/env bash
# Measures the voice webhooks on this machine: a throwaway PostgreSQL and Redis on loopback, the app published in
# Release on them, then the load tool (200 calls with think time, then 50 without). Prints the tool's reports.
# Before and after, the same servers carry the minimal webhook (tests/VoiceFlow.MinimalWebhook) under wrk at 50
# connections, TOOLCHAIN.md's reference: identical runs here differ by about 20%, so the ratio is taken within one run.
# The minimal webhook is also loaded by the load tool itself (50 calls, no think time), as VoiceFlow is: the client
# shares the two cores with the server, and the load tool spends several times wrk's CPU per request.
# usage: [PG_EXTRA="Multiplexing=true"] tests/VoiceFlow.LoadTest/bench.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30}
source tests/VoiceFlow.LoadTest/servers.sh
TOKEN=bench-token-0123456789
# Published as the Dockerfile publishes it (ReadyToRun).
dotnet publish VoiceFlow.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/app" -v q -nologo >/dev/null
dotnet build tests/VoiceFlow.LoadTest -c Release -v q -nologo >/dev/null
dotnet publish tests/VoiceFlow.MinimalWebhook -c Release -o "$WORK/minimal" -v q -nologo >/dev/null
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
MPORT=$(port)
LOAD_TOOL="dotnet tests/VoiceFlow.LoadTest/bin/Release/net10.0/VoiceFlow.LoadTest.dll --auth-token $TOKEN --to +15555550100"
# The reference: wrk posts one correctly signed gather webhook over and over (50 connections); prints requests/s.
minimal() {
  (cd "$WORK/minimal" && MINIMAL_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres" MINIMAL_REDIS="127.0.0.1:$RPORT" \
    MINIMAL_AUTH_TOKEN=$TOKEN exec dotnet VoiceFlow.MinimalWebhook.dll --urls "http://127.0.0.1:$MPORT") > "$WORK/minimal.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$MPORT/" && break; sleep 0.5; done
  local body="AccountSid=ACbench&CallSid=CAminimal0001&From=%2B15145550199&To=%2B15555550100&SpeechResult=what+are+your+opening+hours&Confidence=0.93"
  local sig; sig=$(python3 -c 'import base64,hashlib,hmac,sys,urllib.parse
url,token,body=sys.argv[1:4]; p=sorted(urllib.parse.parse_qsl(body))
print(base64.b64encode(hmac.new(token.encode(),(url+"".join(k+v for k,v in p)).encode(),hashlib.sha1).digest()).decode())' "http://127.0.0.1:$MPORT/hook" "$TOKEN" "$body")
  printf 'wrk.method="POST"\nwrk.body="%s"\nwrk.headers["Content-Type"]="application/x-www-form-urlencoded"\nwrk.headers["X-Twilio-Signature"]="%s"\n' "$body" "$sig" > "$WORK/minimal.lua"
  wrk -t2 -c50 -d5s -s "$WORK/minimal.lua" "http://127.0.0.1:$MPORT/hook" >/dev/null
  wrk -t2 -c50 -d"${DURATION}s" -s "$WORK/minimal.lua" "http://127.0.0.1:$MPORT/hook" > "$WORK/wrk.out"
  grep -q "Non-2xx" "$WORK/wrk.out" && { echo "the minimal webhook answered errors:"; cat "$WORK/wrk.out"; kill $pid; exit 1; }
  # The same webhook played by the load tool: 10 s to warm up, then the measured run (its JSON line goes to a file).
  $LOAD_TOOL --base-url "http://127.0.0.1:$MPORT" --calls 50 --duration 10 --no-think-time >/dev/null
  $LOAD_TOOL --base-url "http://127.0.0.1:$MPORT" --calls 50 --duration "$DURATION" --no-think-time | tail -1 > "$WORK/minimal-load.json"
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["errors"]==0, r; print(r["requests_per_second"])' "$WORK/minimal-load.json")"
}
echo "== reference: the minimal webhook, ${DURATION}s under wrk (50 connections), then ${DURATION}s under the load tool (50 calls)"
MIN1=$(minimal); echo "$MIN1 requests/s (wrk, load tool)"
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres${PG_EXTRA:+;$PG_EXTRA}" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=$TOKEN Twilio__AccountSid=ACbench Twilio__ApiBaseUrl=http://127.0.0.1:$TWPORT Demo__Enabled=true \
  Logging__LogLevel__Default=Warning
(cd "$WORK/app" && exec dotnet VoiceFlow.Web.dll --urls "http://127.0.0.1:$APORT") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$APORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
LOAD="$LOAD_TOOL --base-url http://127.0.0.1:$APORT"
# A server that has been up a while: the first half-minute of traffic is when the runtime still compiles hot code to
# its final tier, which a benchmark of steady throughput should not count (the cold start is timed separately).
echo "== warm-up, ${WARMUP:-30}s"; $LOAD --calls 50 --duration "${WARMUP:-30}" --no-think-time | tail -1 || true
echo "== 200 concurrent calls with think time, ${DURATION}s"; $LOAD --calls 200 --duration "$DURATION" || true
echo "== 50 concurrent calls without think time, ${DURATION}s"; $LOAD --calls 50 --duration "$DURATION" --no-think-time | tee "$WORK/full.out" || true
echo "== app log: $(grep -c '"LogLevel":"Error"' "$WORK/app.log" || true) errors (copied to /tmp/voiceflow-bench-app.log); last lines:"; tail -5 "$WORK/app.log" | cut -c1-300
cp "$WORK/app.log" /tmp/voiceflow-bench-app.log
echo "== app peak memory (VmHWM): $(grep VmHWM /proc/$APP_PID/status | awk '{print $2/1024 " MB"}')"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
echo "== reference again, after VoiceFlow"; MIN2=$(minimal); echo "$MIN2 requests/s (wrk, load tool)"
python3 - "$MIN1" "$MIN2" "$(tail -1 "$WORK/full.out")" <<'PY'
import json, sys
(w1, l1), (w2, l2) = (map(float, a.split()) for a in sys.argv[1:3])
full = json.loads(sys.argv[3])
wrk, load, vf = (w1 + w2) / 2, (l1 + l2) / 2, full['requests_per_second']
print(f"== VoiceFlow without think time: {vf:.0f} webhooks/s, {full['errors']} errors (issue #5 asks for about 1,300/s)")
print(f"== the minimal webhook in this run: {wrk:.0f}/s under wrk, {load:.0f}/s under the load tool;"
      f" VoiceFlow does {vf / wrk:.0%} of the first and {vf / load:.0%} of the second")
PY
