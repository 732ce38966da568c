#!/bin/sh
# Runs verify/rules benchmarks in headless Chromium (the browser figures of
# docs/BENCHMARKS.md "## rules"). Usage, from the repository root:
#   sh verify/rules/testdata/browserbench/run.sh [BENCH-REGEXP [COUNT [BENCHTIME]]]
set -eu
bench=${1:-BenchmarkPolicy\$|BenchmarkKoreaPolicy}
count=${2:-5}
benchtime=${3:-2s}
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
GOOS=js GOARCH=wasm go test -c -o "$dir/rules.wasm" ./verify/rules
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" verify/rules/testdata/browserbench/index.html "$dir/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
server=$!
sleep 1
q=$(python3 -c 'import sys, urllib.parse as u; print("&".join("arg=" + u.quote(a) for a in sys.argv[1:]))' \
  "-test.bench=$bench" "-test.count=$count" "-test.benchtime=$benchtime" -test.benchmem)
# The page never closes itself: stop Chromium once Go has exited.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$dir/profile" --enable-logging=stderr --v=0 \
  "http://127.0.0.1:$port/index.html?$q" 2>"$dir/log" &
chrome=$!
while ! grep -q 'GO: EXIT' "$dir/log" 2>/dev/null; do
  if ! kill -0 $chrome 2>/dev/null; then echo "chromium exited early" >&2; exit 1; fi
  sleep 1
done
kill $chrome; wait $chrome 2>/dev/null || true
chromium --version 2>/dev/null || true
grep -o 'GO: .*' "$dir/log" | sed 's/^GO: //; s/", source: .*//'
