#!/usr/bin/env bash
# Load benchmark of Confide, each figure beside a baseline measured in the same run:
#   1. topic page (50 clients, gzip) against nginx serving the same HTML;
#   2. report submission (32 clients) against a raw durable insert loop and a
#      sealing-only loop, on SQLite (WAL, synchronous=FULL) and PostgreSQL
#      (fsync and synchronous_commit on);
#   3. the staff triage queue with 100,000 and 1,000,000 reports on both backends;
#   4. resident memory of the server and the size of the release binary.
#
#   scripts/bench.sh                                        full run (about 10 minutes on 2 cores)
#   BENCH_SECONDS=2 BENCH_QUEUE_SIZES=20000 scripts/bench.sh   quick check that everything works
#
# Settings (environment): BENCH_SECONDS (10, measured per load, after BENCH_WARMUP=2),
# BENCH_QUEUE_SIZES ("100000,1000000"), BENCH_BACKENDS ("sqlite,postgres"),
# BENCH_SECTIONS ("topic,submit,queue"), BENCH_OUT (target/bench-results.md),
# BENCH_CLIENT_THREADS (1), BENCH_TOPIC_CLIENTS (50), BENCH_SUBMIT_CLIENTS (32),
# BENCH_QUEUE_REQUESTS (50), BENCH_KEEP=1 (keep the data directories for a look).
# Extra arguments go to `cargo bench`. Run it on a quiet machine: the load generator,
# the server and the databases share its cores, as they would for nginx too.
set -euo pipefail
cd "$(dirname "$0")/.."

sections=${BENCH_SECTIONS:-topic,submit,queue}
backends=${BENCH_BACKENDS:-sqlite,postgres}

# nginx is the static-file baseline; Debian's smallest build has everything it needs.
if [[ $sections == *topic* ]] && [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null; then
    echo "installing nginx from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq nginx-light >&2
fi
# PostgreSQL is installed, if missing, by scripts/postgres-cluster.sh when the benchmark starts it.
if [[ $backends == *postgres* ]] && ! command -v psql >/dev/null; then
    echo "installing PostgreSQL from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

# Everything the benchmark makes lives below one directory, removed however the run ends:
# servers it started are stopped by the pid files they left, PostgreSQL by its script.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/confide-bench.XXXXXX")
chmod 755 "$tmp"
bench=""
stop_pid_file() {
    local pid
    pid=$(cat "$1" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
}
cleanup() {
    local f d
    # The benchmark first (so it starts nothing more), then the servers it started.
    if [ -f "$tmp/bench.pid" ]; then stop_pid_file "$tmp/bench.pid"; fi
    if [ -n "$bench" ] && kill -0 "$bench" 2>/dev/null; then
        kill "$bench" 2>/dev/null || true
        wait "$bench" 2>/dev/null || true
    fi
    while IFS= read -r f; do
        stop_pid_file "$f"
    done < <(find "$tmp" -name '*.pid' ! -name bench.pid 2>/dev/null)
    while IFS= read -r d; do
        scripts/postgres-cluster.sh stop "$(dirname "$d")" >/dev/null 2>&1 || true
    done < <(find "$tmp" -maxdepth 3 -type d -name data -path '*/pg/data' 2>/dev/null)
    if [ "${BENCH_KEEP:-0}" = 0 ]; then rm -rf "$tmp"; else echo "kept $tmp" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BENCH_TMP=$tmp
summary=""
for v in BENCH_SECONDS BENCH_WARMUP BENCH_QUEUE_SIZES BENCH_BACKENDS BENCH_SECTIONS \
    BENCH_CLIENT_THREADS BENCH_TOPIC_CLIENTS BENCH_SUBMIT_CLIENTS BENCH_QUEUE_REQUESTS; do
    if [ -n "${!v:-}" ]; then summary+="$v=${!v} "; fi
done
export BENCH_COMMAND="${summary}scripts/bench.sh${*:+ $*}"
# In the background so an interrupt runs the cleanup at once; `wait` passes its status on.
cargo bench --bench load "$@" &
bench=$!
wait "$bench"
