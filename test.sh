#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL 15, Redis, Chromium from Debian's packages) when missing,
# builds, runs every test project, and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "Could not install ${missing[*]}" >&2; exit 1; }
  else
    echo "Missing ${missing[*]}: install them (sudo apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
fi
# The Debian package starts a cluster of its own; the tests start throwaway clusters and need none.
if command -v pg_lsclusters >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building..."
if ! dotnet build VoiceFlow.sln -c Debug -nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

projects=(tests/VoiceFlow.Domain.Tests tests/VoiceFlow.Infrastructure.Tests tests/VoiceFlow.Web.Tests tests/VoiceFlow.E2E)
passed=0; failed=0; skipped=0; status=0
logdir=$(mktemp -d)
for p in "${projects[@]}"; do
  name=$(basename "$p")
  echo "== $name"
  dotnet test --project "$p" --no-build -c Debug > "$logdir/$name.log" 2>&1
  code=$?
  grep -E "^(skipped) |^\s+(total|failed|succeeded|skipped):|Test run summary|error" "$logdir/$name.log" | grep -v "warning" | tail -40
  # Each failed test with the first lines of its message and stack, so a CI log says why.
  awk '/^failed /{n=16} n>0{print "  | " $0; n--}' "$logdir/$name.log" | head -200
  t=$(grep -E "^\s+total:" "$logdir/$name.log" | tail -1 | awk '{print $2}')
  f=$(grep -E "^\s+failed:" "$logdir/$name.log" | tail -1 | awk '{print $2}')
  s=$(grep -E "^\s+succeeded:" "$logdir/$name.log" | tail -1 | awk '{print $2}')
  k=$(grep -E "^\s+skipped:" "$logdir/$name.log" | tail -1 | awk '{print $2}')
  if [ -z "$t" ] || [ "$code" -ne 0 ]; then
    status=1
    if [ -z "$t" ]; then
      echo "$name did not report results (exit $code); last lines:"; tail -30 "$logdir/$name.log"
      failed=$((failed + 1)); continue
    fi
  fi
  passed=$((passed + ${s:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
done
[ "$skipped" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
