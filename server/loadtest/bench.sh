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
wait_up() { for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "bench: $1 not up" >&2; return 1; }

go build -o "$work/passcheck" ./server/cmd/passcheck
data=${1:-$work/data}
[ -n "${1:-}" ] || "$work/passcheck" init --data "$data" >/dev/null

pport=$(free_port)
GOMAXPROCS=${GOMAXPROCS:-2} "$work/passcheck" serve --addr "127.0.0.1:$pport" --data "$data" --web "$work/noweb" \
  >"$work/passcheck.log" 2>&1 &
ppid=$!
pids+=($ppid)
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
chmod -R a+rX "$work" # nginx workers run as an unprivileged user
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" 2>"$work/nginx/stderr" &
npid=$!
pids+=($npid)
wait_up "http://127.0.0.1:$nport/trust/bundle" || { tail -n 5 "$work/nginx/stderr" "$work/nginx/error.log" >&2; exit 1; }

size=$(stat -c %s "$work/nginx/root/trust/bundle")
echo "bundle: $size bytes; wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS rounds alternating; $(nproc) cores"
echo "passcheck headers:"; curl -fsS -D - -o /dev/null "http://127.0.0.1:$pport/trust/bundle" | tr -d '\r' | sed 's/^/  /'
echo "nginx headers:";     curl -fsS -D - -o /dev/null "http://127.0.0.1:$nport/trust/bundle" | tr -d '\r' | sed 's/^/  /'

# cputicks PID...: user+system clock ticks used so far by the processes
# and their children (nginx's workers are children of its master).
cputicks() {
  local t=0 p
  for p in "$@" $(pgrep -P "$(echo "$@" | tr ' ' ',')" 2>/dev/null || true); do
    [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo $t
}

# run NAME URL ETAG CODE PIDS: one wrk run, printing req/s, latency and the
# server's CPU time per request (fair even when the machine is shared).
run() {
  local args=(-t"$THREADS" -c"$CONNS" -d"$DURATION" --latency)
  [ -z "${3:-}" ] || args+=(-H "If-None-Match: $3")
  local c0 c1
  c0=$(cputicks $5)
  wrk "${args[@]}" "$2" >"$work/wrk.out"
  c1=$(cputicks $5)
  local rps p50 p99 errs reqs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out")
  reqs=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.out")
  errs=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.out" | tr '\n' ' ' || true)
  printf '%-10s %-4s %10s req/s  p50 %8s  p99 %8s  cpu %6s us/req  %s\n' "$1" "$4" "$rps" "$p50" "$p99" \
    "$(awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')" "$errs"
}

petag=$(hdr ETag)
netag=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$nport/trust/bundle" | tr -d '\r' | sed -n 's/^ETag: //Ip')
# sanity: each server gives 200 without and 304 with its own ETag
for pe in "$pport $petag" "$nport $netag"; do
  set -- $pe
  [ "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/trust/bundle")" = 200 ] || { echo "bench: port $1: no 200" >&2; exit 1; }
  [ "$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $2" "http://127.0.0.1:$1/trust/bundle")" = 304 ] || { echo "bench: port $1: no 304" >&2; exit 1; }
done
for r in $(seq "$ROUNDS"); do
  echo "-- round $r"
  run passcheck "http://127.0.0.1:$pport/trust/bundle" "" 200 "$ppid"
  run nginx     "http://127.0.0.1:$nport/trust/bundle" "" 200 "$npid"
  run passcheck "http://127.0.0.1:$pport/trust/bundle" "$petag" 304 "$ppid"
  run nginx     "http://127.0.0.1:$nport/trust/bundle" "$netag" 304 "$npid"
done
