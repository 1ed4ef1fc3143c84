#!/usr/bin/env bash
# Measures how long the portal's pages take to render their data with a busy year of history on PostgreSQL:
# seeds it with `seed --volume` (5,000 appointments a month for 12 months by default), signs in as the demo owner,
# and times each page's server render (the data load is part of it) several times.
# usage: tests/VoiceFlow.LoadTest/pages.sh [per-month] [months]
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_MONTH=${1:-5000}; MONTHS=${2:-12}
source tests/VoiceFlow.LoadTest/servers.sh
dotnet publish VoiceFlow.Web -c Release -o "$WORK/app" -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Timeout=60;Command Timeout=300" \
  ConnectionStrings__Redis="127.0.0.1:$RPORT" Twilio__AuthToken=pages-token Twilio__AccountSid=ACpages Twilio__ApiBaseUrl=http://127.0.0.1:$TWPORT Demo__Enabled=true Logging__LogLevel__Default=Warning
(cd "$WORK/app" && dotnet VoiceFlow.Web.dll seed --volume --per-month "$PER_MONTH" --months "$MONTHS")
(cd "$WORK/app" && exec dotnet VoiceFlow.Web.dll --urls "http://127.0.0.1:$APORT") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$APORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
JAR="$WORK/cookies"; BASE="http://127.0.0.1:$APORT"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" -d "__RequestVerificationToken=$TOKEN&_handler=login&Input.Email=owner@demo.voiceflow.local&Input.Password=Demo!2345" "$BASE/Account/Login"
echo "page                       first ms   median of 5 ms"
for page in / /appointments /customers /calls /settings "/appointments?view=list"; do
  first=$(curl -s -o /dev/null -w '%{time_total}' -b "$JAR" "$BASE$page")
  times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "$BASE$page"; done | sort -n | sed -n 3p)
  printf "%-26s %9.0f %16.0f\n" "$page" "$(echo "$first*1000" | bc)" "$(echo "$times*1000" | bc)"
done
