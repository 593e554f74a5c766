#!/usr/bin/env bash
# Every test Confide has, as CI runs them:
#   1. unit and HTTP integration tests on SQLite;
#   2. the same integration tests on a throwaway PostgreSQL cluster;
#   3. real-browser tests (headless Chromium, axe-core) against the demo, the pupil's
#      journey on a 375px phone, and the stored-XSS corpus;
#   4. deployment: the Debian package installed and purged, Confide behind Caddy and nginx
#      with TLS, and the container image (scripts/deploy-test.sh).
# Unit tests include property tests of the parsers (PROPTEST_CASES, 256 by default), a
# kill -9 durability test and a memory test under hostile requests; the RustSec advisory
# check runs when CONFIDE_ADVISORY_DB names a snapshot of the database (CI's does).
# Installs what it needs (Debian's chromium and postgresql, the npm packages
# of tests/browser) when missing. Run from anywhere: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)  # tests/alerts.rs
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== 1/3 unit and integration tests on SQLite"
cargo test --all-targets

echo "== 2/3 integration tests on PostgreSQL"
pg_dir=$(mktemp -d /tmp/confide-pg.XXXXXX)
demo_pid=""
cleanup() {
    [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
    scripts/postgres-cluster.sh stop "$pg_dir" || true
}
trap cleanup EXIT
pg_url=$(scripts/postgres-cluster.sh start "$pg_dir" "${CONFIDE_TEST_PG_PORT:-55439}")
CONFIDE_TEST_POSTGRES_URL="$pg_url" CONFIDE_TEST_POSTGRES_DATA="$pg_dir/data" \
    cargo test --test api

echo "== 3/3 browser tests (Chromium, axe-core, JavaScript on and off)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
port=${CONFIDE_TEST_BROWSER_PORT:-18479}
# Welsh, Polish and Urdu are walked in the browser: where a language's own catalogue is
# not built in yet, its pseudo-translation (tests/fixtures/locales) stands in.
locales="$pg_dir/locales"
mkdir -p "$locales"
for code in cy pl ur; do
    if [ ! -f "locales/$code/pupil.ftl" ]; then
        mkdir -p "$locales/$code"
        cp "tests/fixtures/locales/$code/pupil.ftl" "$locales/$code/"
    fi
done
# Receipt codes (and sign-ins) are rate limited per address, and every walk comes from
# 127.0.0.1: the walks that use many are each given a fresh demo, whose limits are new.
demo_runs=0
fresh_demo() {
    if [ -n "$demo_pid" ]; then
        kill "$demo_pid" 2>/dev/null || true
        wait "$demo_pid" 2>/dev/null || true
    fi
    demo_runs=$((demo_runs + 1))
    CONFIDE_LOCALES_DIR="$locales" ./target/debug/confide demo --listen "127.0.0.1:$port" \
        >"$pg_dir/demo$demo_runs.log" 2>&1 &
    demo_pid=$!
    for _ in $(seq 1 100); do
        curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
        sleep 0.2
    done
}
fresh_demo
# Both runs sign in to the same demo: codes.mjs keeps the 30-second steps used in one file.
export DEMO_CODE_STATE="$pg_dir/code-steps.json"
DEMO_CODE_BIN="$root/target/debug/confide" STAFF_LOGINS=officer@demo.confide.example:demo-officer-2026,admin@demo.confide.example:demo-admin-2026 \
BASE_URL="http://127.0.0.1:$port" EXTRA_PATHS=/does-not-exist START_PATHS=/s/oakfield,/s/riverside \
    node "$root/tests/browser/run.mjs"
BASE_URL="http://127.0.0.1:$port" node "$root/tests/browser/pupil_pages.mjs"
DEMO_CODE_BIN="$root/target/debug/confide" BASE_URL="http://127.0.0.1:$port" \
    node "$root/tests/browser/staff_widths.mjs"

echo "== the pupil's sending journey in Chromium at 375 px (JavaScript on and off)"
BASE_URL="http://127.0.0.1:$port" FORM_PATH=/s/oakfield/report node "$root/tests/browser/pupil_send.mjs"

echo "== the nude-image pathway in Chromium at 375 px (no picture input, the advice page)"
BASE_URL="http://127.0.0.1:$port" FORM_PATH=/s/oakfield/report node "$root/tests/browser/nude_image.mjs"

echo "== stored-XSS corpus in Chromium (as the pupil and as staff)"
fresh_demo
DEMO_CODE_BIN="$root/target/debug/confide" STAFF_LOGIN=officer@demo.confide.example:demo-officer-2026 \
BASE_URL="http://127.0.0.1:$port" node "$root/tests/browser/xss.mjs"

fresh_demo
echo "== the pupil's journey in Welsh, Polish and Urdu (JavaScript on and off, axe, no English left)"
BASE_URL="http://127.0.0.1:$port" LANGS=cy,pl,ur SCREENSHOTS="$pg_dir/screenshots" \
    node "$root/tests/browser/languages.mjs"

# Last: it installs packages system-wide and needs the debug binary built above.
kill "$demo_pid" 2>/dev/null || true
echo "== 4. deployment: the Debian package, Caddy and nginx with TLS, the container image"
scripts/deploy-test.sh
