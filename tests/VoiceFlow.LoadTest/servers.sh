# Sourced by bench.sh and pages.sh: a throwaway PostgreSQL 15 and Redis on free loopback ports, removed on exit.
# Sets WORK, PGPORT, RPORT, APORT, TWPORT; the caller sets APP_PID when it starts the app.
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d); chmod 755 "$WORK"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PGPORT=$(port); RPORT=$(port); APORT=$(port)
mkdir -p "$WORK/pg"; chown postgres:postgres "$WORK/pg"; chmod 700 "$WORK/pg"
runuser -u postgres -- $PGBIN/initdb -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 30 -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_OPTS:-}" start >/dev/null
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" --dir "$WORK" >/dev/null
cleanup() {
  # Never "kill 0": that is this script's whole process group.
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${TWILIO_FAKE_PID:-}" ] && kill "$TWILIO_FAKE_PID" 2>/dev/null || true
  redis-cli -p "$RPORT" shutdown nosave >/dev/null 2>&1 || true
  runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# Twilio's Messaging API for the app's SMS confirmations (201 + a message sid, as the real one answers), so the
# outbox drains as it would in production instead of retrying against a dead address. Sets TWPORT.
TWPORT=$(port)
python3 - "$TWPORT" >/dev/null 2>&1 <<'PY' &
import http.server, json, sys, uuid
class Fake(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        body = json.dumps({"sid": "SM" + uuid.uuid4().hex, "status": "queued"}).encode()
        self.send_response(201); self.send_header('Content-Type', 'application/json'); self.send_header('Content-Length', str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Fake).serve_forever()
PY
TWILIO_FAKE_PID=$!
