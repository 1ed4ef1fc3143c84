#!/usr/bin/env bash
# Measures the analytics page with a busy year of history on PostgreSQL (`seed --volume`: 5,000 appointments and 2,500
# calls a month for 12 months by default): each period's server render (the data load is part of it), first without
# roll-ups (every day computed live from the raw rows), then after the roll-up job has caught up (closed days read from
# DailyMetrics, today live). Also times the admin page.
# usage: tests/VoiceFlow.LoadTest/analytics.sh [per-month] [months]
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_MONTH=${1:-5000}; MONTHS=${2:-12}
source tests/VoiceFlow.LoadTest/servers.sh
dotnet publish VoiceFlow.Web -c Release -o "$WORK/app" -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Timeout=60;Command Timeout=300" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=pages-token Twilio__AccountSid=ACpages Twilio__ApiBaseUrl=http://127.0.0.1:$TWPORT Demo__Enabled=true Logging__LogLevel__Default=Warning
(cd "$WORK/app" && dotnet VoiceFlow.Web.dll seed --volume --per-month "$PER_MONTH" --months "$MONTHS")
BASE="http://127.0.0.1:$APORT"; JAR="$WORK/cookies"
PSQL="/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres -tA"
TODAY=$(TZ=America/Toronto date +%F)
ranges=("" "from=$(TZ=America/Toronto date -d '-6 days' +%F)&to=$TODAY" "from=$(TZ=America/Toronto date -d '-89 days' +%F)&to=$TODAY" "from=$(TZ=America/Toronto date -d '-364 days' +%F)&to=$TODAY")
names=("30 days (default)" "7 days" "90 days" "365 days")

start_app() {
  (cd "$WORK/app" && exec env Messaging__RecurringJobs="$1" "Logging__LogLevel__VoiceFlow.Web.Features.Analytics=Information" dotnet VoiceFlow.Web.dll --urls "$BASE") > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 1; done
  rm -f "$JAR"
  TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$JAR" -b "$JAR" -d "__RequestVerificationToken=$TOKEN&_handler=login&Input.Email=owner@demo.voiceflow.local&Input.Password=Demo!2345" "$BASE/Account/Login"
}
# The data load alone, as AnalyticsService logs it: median and slowest of the last 8 loads of a period (the page's
# prerender and its interactive render each load once per request).
loads() {
  python3 - "$WORK/app.log" "$1" <<'PY'
import json, sys
ms = []
for line in open(sys.argv[1]):
    if line.startswith('{') and '"Analytics for' in line:
        state = json.loads(line).get('State', {})
        if str(state.get('Days')) == sys.argv[2]:
            ms.append(float(str(state.get('ElapsedMs')).replace(',', '.')))
ms = sorted(ms[-8:])
print(f"{ms[len(ms)//2]:8.1f} {ms[-1]:8.1f}" if ms else "       -        -")
PY
}
measure() {
  echo "period (/analytics)        page first ms   page median of 7 ms   data load median ms   slowest ms"
  for i in "${!ranges[@]}"; do
    url="$BASE/analytics"; [ -n "${ranges[$i]}" ] && url="$url?${ranges[$i]}"
    first=$(curl -s -o /dev/null -w '%{time_total}' -b "$JAR" "$url")
    median=$(for _ in 1 2 3 4 5 6 7; do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "$url"; done | sort -n | sed -n 4p)
    days=(30 7 90 365); sleep 1
    printf "%-26s %14.0f %21.0f %21s\n" "${names[$i]}" "$(echo "$first*1000" | bc)" "$(echo "$median*1000" | bc)" "$(loads "${days[$i]}")"
  done
  first=$(curl -s -o /dev/null -w '%{time_total}' -b "$JAR" "$BASE/admin")
  median=$(for _ in 1 2 3 4 5 6 7; do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "$BASE/admin"; done | sort -n | sed -n 4p)
  printf "%-26s %14.0f %21.0f\n" "/admin" "$(echo "$first*1000" | bc)" "$(echo "$median*1000" | bc)"
}

echo "== without roll-ups: every day computed live from calls, appointments and messages"
start_app false
echo "DailyMetrics rows: $($PSQL -c 'select count(*) from "DailyMetrics"')"
measure
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

echo "== with roll-ups: the job catches up at start (timed below), closed days read from DailyMetrics"
started=$(date +%s.%N)
start_app true
prev=-1; stable=0
for _ in $(seq 1 600); do
  rows=$($PSQL -c 'select count(*) from "DailyMetrics"')
  if [ "$rows" -gt 0 ] && [ "$rows" = "$prev" ]; then stable=$((stable + 1)); else stable=0; fi
  [ "$stable" -ge 6 ] && break; prev=$rows; sleep 0.5
done
echo "DailyMetrics rows: $($PSQL -c 'select count(*) from "DailyMetrics"') (catch-up done about $(echo "$(date +%s.%N) - $started" | bc | cut -d. -f1) s after start)"
measure
