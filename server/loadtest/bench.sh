#!/usr/bin/env bash
# Side-by-side load benchmark: `passcheck serve` and nginx (Debian nginx-light)
# serving the same trust bundle with the same headers, measured with wrk on
# loopback, 200 (full body) and 304 (If-None-Match) responses, alternating
# the two servers round by round so that both see the same machine load.
#
# usage: server/loadtest/bench.sh [DATA_DIR]
#   DATA_DIR: a passcheck data folder (default: a fresh demo made by
#   `passcheck init`). Env: ROUNDS (3), DURATION (10s), CONNS (64), THREADS (2).
# Needs: wrk, nginx, curl. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
for c in wrk nginx curl; do command -v $c >/dev/null || { echo "bench: $c not found" >&2; exit 2; }; done

work=$(mktemp -d /tmp/passcheck-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "bench: $1 not up" >&2; exit 1; }

go build -o "$work/passcheck" ./server/cmd/passcheck
data=${1:-$work/data}
[ -n "${1:-}" ] || "$work/passcheck" init --data "$data" >/dev/null

pport=$(free_port)
GOMAXPROCS=${GOMAXPROCS:-2} "$work/passcheck" serve --addr "127.0.0.1:$pport" --data "$data" --web "$work/noweb" \
  >"$work/passcheck.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$pport/healthz"

# nginx serves the very bytes passcheck serves, with the same headers.
mkdir -p "$work/nginx/root/trust" "$work/nginx/tmp"
curl -fsS -o "$work/nginx/root/trust/bundle" "http://127.0.0.1:$pport/trust/bundle"
ctype=$(curl -fsS -o /dev/null -w '%{content_type}' "http://127.0.0.1:$pport/trust/bundle")
hdr() { curl -fsS -D - -o /dev/null "http://127.0.0.1:$pport/trust/bundle" | tr -d '\r' | sed -n "s/^$1: //Ip"; }
nport=$(free_port)
sq() { printf '%s' "$1" | sed "s/'/\\\\'/g"; } # nginx single-quoted strings
cat >"$work/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server_tokens off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$nport;
    root $work/nginx/root;
    location = /trust/bundle {
      types { }
      default_type '$(sq "$ctype")';
      add_header Cache-Control '$(sq "$(hdr Cache-Control)")' always;
      add_header Content-Security-Policy '$(sq "$(hdr Content-Security-Policy)")' always;
      add_header Permissions-Policy '$(sq "$(hdr Permissions-Policy)")' always;
      add_header X-Content-Type-Options '$(sq "$(hdr X-Content-Type-Options)")' always;
      add_header Referrer-Policy '$(sq "$(hdr Referrer-Policy)")' always;
    }
  }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
pids+=($!)
wait_up "http://127.0.0.1:$nport/trust/bundle"

size=$(stat -c %s "$work/nginx/root/trust/bundle")
echo "bundle: $size bytes; wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS rounds alternating; $(nproc) cores"
echo "passcheck headers:"; curl -fsS -D - -o /dev/null "http://127.0.0.1:$pport/trust/bundle" | tr -d '\r' | sed 's/^/  /'
echo "nginx headers:";     curl -fsS -D - -o /dev/null "http://127.0.0.1:$nport/trust/bundle" | tr -d '\r' | sed 's/^/  /'

# run NAME URL [ETAG]: one wrk run, printing "req/s p50 p99".
run() {
  local args=(-t"$THREADS" -c"$CONNS" -d"$DURATION" --latency)
  [ -z "${3:-}" ] || args+=(-H "If-None-Match: $3")
  wrk "${args[@]}" "$2" >"$work/wrk.out"
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.out")
  errs=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.out" | tr '\n' ' ' || true)
  printf '%-10s %-4s %12s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$4" "$rps" "$p50" "$p99" "$errs"
}

petag=$(hdr ETag)
netag=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$nport/trust/bundle" | tr -d '\r' | sed -n 's/^ETag: //Ip')
for code in 304 200 ; do
  # sanity: each server answers the conditional request with the code measured
  for u in "$pport $petag" "$nport $netag"; do
    set -- $u
    got=$(curl -fsS -o /dev/null -w '%{http_code}' ${code:+-H} ${code:+"If-None-Match: $( [ $code = 304 ] && echo "$2" || echo '"none"')"} "http://127.0.0.1:$1/trust/bundle" || true)
    [ "$got" = "$code" ] || { echo "bench: port $1 gave $got, want $code" >&2; exit 1; }
  done
done
for r in $(seq "$ROUNDS"); do
  echo "-- round $r"
  run passcheck "http://127.0.0.1:$pport/trust/bundle" "" 200
  run nginx     "http://127.0.0.1:$nport/trust/bundle" "" 200
  run passcheck "http://127.0.0.1:$pport/trust/bundle" "$petag" 304
  run nginx     "http://127.0.0.1:$nport/trust/bundle" "$netag" 304
done
