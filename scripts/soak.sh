#!/usr/bin/env bash
# A bounded soak on loopback: starts the release server on 127.0.0.1 (2 workers), runs
# examples/soak.rs (ordinary articles, batches, streams and the hostile shapes of #16) for
# SOAK_SECONDS (default 600) with SOAK_CLIENTS clients (default 8), samples the server's RSS
# every SOAK_SAMPLE seconds (default 10), and fails when the last RSS is more than 1.5 times
# the first sample after warm-up, or when the last RSS or the peak (VmHWM) is above
# SOAK_MAX_RSS_MB (default 200). It also prints the health checks' latency (measured by the
# traffic example) and, from the server's metrics, how long workers went on with documents
# after their calls were cancelled (the histogram textanalytics_stop_overrun_seconds; the
# server warns about each one past 10 ms).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${SOAK_SECONDS:-600}"
clients="${SOAK_CLIENTS:-8}"
sample="${SOAK_SAMPLE:-10}"
max_rss_mb="${SOAK_MAX_RSS_MB:-200}"
port="${SOAK_PORT:-50977}"
metrics_port=$((port + 1))

cargo build --release --bin textanalytics --example soak
# Warnings and errors only: at info, one line per call fills gigabytes in ten minutes.
RUST_LOG="${SOAK_RUST_LOG:-warn}" ./target/release/textanalytics serve --listen "127.0.0.1:$port" --workers 2 \
    --drain-delay 0 --log-format json --metrics-listen "127.0.0.1:$metrics_port" 2>/tmp/textanalytics-soak.log &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Traffic starts once the server answers health (a loaded machine may take seconds to start it).
for _ in $(seq 100); do
    ./target/release/textanalytics healthcheck --addr "127.0.0.1:$port" --timeout 1s >/dev/null 2>&1 && break
    sleep 0.2
done

./target/release/examples/soak "http://127.0.0.1:$port" "$seconds" "$clients" > /tmp/textanalytics-soak.out &
traffic=$!

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }
echo "seconds rss_mib"
first=""
last=0
elapsed=0
while kill -0 "$traffic" 2>/dev/null; do
    sleep "$sample"
    elapsed=$((elapsed + sample))
    last=$(rss_kib)
    [ -z "$first" ] && first=$last
    echo "$elapsed $((last / 1024))"
done
wait "$traffic"
peak=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
cat /tmp/textanalytics-soak.out
echo "work after a cancel (seconds; cumulative buckets):"
curl -s "http://127.0.0.1:$metrics_port/metrics" | grep '^textanalytics_stop_overrun_seconds' || echo "  none recorded"
echo "overruns past 10 ms logged: $(grep -c 'past its cancellation' /tmp/textanalytics-soak.log || true)"
echo "first sample $((first / 1024)) MiB, last $((last / 1024)) MiB, peak $((peak / 1024)) MiB"
if [ "$last" -gt $((first * 3 / 2)) ] || [ "$last" -gt $((max_rss_mb * 1024)) ] || [ "$peak" -gt $((max_rss_mb * 1024)) ]; then
    echo "soak: RSS grew (limit 1.5x the first sample, and ${max_rss_mb} MiB for the last sample and the peak)" >&2
    exit 1
fi
