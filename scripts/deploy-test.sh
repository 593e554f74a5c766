#!/usr/bin/env bash
# The Debian package as a technician meets it (issue 27), on this Debian 12 machine, as root:
# built by cargo-deb from the binary scripts/test.sh has already built (target/debug), then
# installed with dpkg; its units pass `systemd-analyze verify` and the offline security
# review; the unit's own command runs as the confide user with the unit's EnvironmentFile
# and answers /healthz (the checkout hidden from it); the backup script writes a copy;
# `apt-get remove` keeps the data, and `purge` removes the settings but not the data. Then
# scripts/proxy-test.sh (Confide behind Caddy and nginx with TLS) and
# scripts/container-test.sh (the image, with podman).
# systemd is not PID 1 here, so the unit's sandbox itself is not exercised: see README.
# Installs what it needs (cargo-deb, caddy, nginx; podman, runc and mmdebstrap in
# container-test.sh). Ports 18600-18699.
# Run from anywhere, after a debug build: scripts/deploy-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
binary="$target_dir/debug/confide"
[ -x "$binary" ] || { echo "no $binary: build first (cargo build)" >&2; exit 1; }

# cargo-deb is pinned: CI installs this exact version (about 2 minutes, no xz feature).
cargo_deb_version=3.8.0
if ! cargo deb --version 2>/dev/null | grep -q "$cargo_deb_version"; then
    echo "== installing cargo-deb $cargo_deb_version"
    time cargo install cargo-deb --version "$cargo_deb_version" --locked --no-default-features --quiet
fi
need_apt=()
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
command -v adduser >/dev/null 2>&1 || need_apt+=(adduser)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v caddy >/dev/null 2>&1 || need_apt+=(caddy)
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx-light)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# This test installs and purges the package system-wide: never on a machine that holds a
# real installation (the marker is left by an earlier run of this test).
marker=/var/lib/confide/.confide-deploy-test
if dpkg -s confide >/dev/null 2>&1 || [ -d /var/lib/confide ]; then
    if [ ! -e "$marker" ] && [ -d /var/lib/confide ]; then
        echo "/var/lib/confide exists and is not this test's: refusing to install over it" >&2
        exit 1
    fi
    dpkg --purge confide >/dev/null 2>&1 || true
    rm -rf /var/lib/confide
fi

work=$(mktemp -d /tmp/confide-deploy.XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    dpkg --purge confide >/dev/null 2>&1 || true
    [ -e "$marker" ] && rm -rf /var/lib/confide
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/checks.sh
. "$root/scripts/checks.sh"

echo "== the Debian package"
# The debug binary CI has already built: cargo-deb warns that the dev profile is not for
# releases, which is the point here (a release package: cargo deb, see README).
check "cargo-deb packages the binary already built" \
    cargo deb --no-build --profile dev --fast --quiet --output "$work/confide.deb"
deb="$work/confide.deb"
check "dpkg -i installs it on Debian 12 with its dependencies met" dpkg -i "$deb"
touch "$marker"

unit=/usr/lib/systemd/system/confide.service
[ -f "$unit" ] || unit=/lib/systemd/system/confide.service
unit_value() { sed -n "s/^$1=//p" "$2" | tail -1; }

is_system_user() {
    local uid shell
    uid=$(id -u confide) && shell=$(getent passwd confide | cut -d: -f7)
    [ "$uid" -lt 1000 ] && [ "$shell" = /usr/sbin/nologin ] && [ "$(id -gn confide)" = confide ]
}
check "a confide system user who cannot log in" is_system_user
owner_mode() { [ "$(stat -c '%U:%G %a' "$1")" = "$2" ] || { stat -c '%n %U:%G %a' "$1"; false; }; }
check "/var/lib/confide belongs to confide, private (0700)" owner_mode /var/lib/confide "confide:confide 700"
check "the keystore /var/lib/confide/keys belongs to confide, private" owner_mode /var/lib/confide/keys "confide:confide 700"
check "/etc/confide/confide.env is readable by confide and no one else" owner_mode /etc/confide/confide.env "root:confide 640"
check "confide.env is a conffile (an administrator's edits survive upgrades)" \
    grep -qx /etc/confide/confide.env /var/lib/dpkg/info/confide.conffiles
every_setting_named() {
    local missing=0 name
    for name in $(grep -o '^#\?CONFIDE_[A-Z_]*' .env.example | tr -d '#' | sort -u); do
        grep -q "^#\?$name=" /etc/confide/confide.env || { echo "not in confide.env: $name"; missing=1; }
    done
    return $missing
}
check "confide.env names every setting .env.example names" every_setting_named
check "confide.env keeps the keystore in /var/lib/confide/keys" \
    grep -qx CONFIDE_KEYSTORE_DIR=/var/lib/confide/keys /etc/confide/confide.env

# `verify` only warns (exit 0) about an unknown or misspelt directive: any output fails.
verify_quietly() {
    local out
    out=$(systemd-analyze verify "$@" 2>&1) && [ -z "$out" ] || { echo "$out"; false; }
}
check "systemd-analyze verify: the units load without a warning" verify_quietly \
    "$unit" "$(dirname "$unit")/confide-backup.service" "$(dirname "$unit")/confide-backup.timer"
has_sandbox() {
    local directive
    for directive in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
        ReadWritePaths=/var/lib/confide SystemCallFilter=@system-service \
        MemoryDenyWriteExecute=yes CapabilityBoundingSet= User=confide; do
        grep -qx "$directive" "$1" || { echo "missing: $directive"; return 1; }
    done
    [ "$(grep -c '^ReadWritePaths=' "$1")" = 1 ]
}
check "the unit's sandbox: read-only but /var/lib/confide, no capabilities" has_sandbox "$unit"
# Exposure is 0 (locked down) to 10 (none); the threshold is in tenths. 1.7 when written.
check "systemd-analyze security (offline) rates the unit's exposure 2.0 or less" \
    systemd-analyze security --offline=true --threshold=20 "$unit"
check "the backup timer is enabled" test -L /etc/systemd/system/timers.target.wants/confide-backup.timer
check "the service is enabled at boot" test -L /etc/systemd/system/multi-user.target.wants/confide.service

# The unit's own command, user, working directory, umask and EnvironmentFile, as systemd
# would run them; only the port is ours (as `systemctl edit` would set it).
port=18601
unit_env() {
    local line
    while IFS= read -r line; do
        case "$line" in '' | '#'*) continue ;; esac
        printf '%s\n' "$line"
    done <"$(unit_value EnvironmentFile "$1")"
}
run_as_unit() {
    local unit_file=$1
    shift
    local envs=()
    mapfile -t envs < <(unit_env "$unit_file")
    cd "$(unit_value WorkingDirectory "$unit_file")"
    umask "$(unit_value UMask "$unit_file")"
    # Replaces the calling (sub)shell, so `run_as_unit … &` leaves $! the server itself;
    # an empty directory over the checkout, so the program cannot lean on the sources.
    exec unshare --mount --propagation private sh -c 'mount -t tmpfs none "$0" && exec "$@"' \
        "$root" setpriv --reuid="$(unit_value User "$unit_file")" --regid="$(unit_value Group "$unit_file")" \
        --init-groups --no-new-privs env -i PATH=/usr/bin:/bin "${envs[@]}" "$@"
}
# shellcheck disable=SC2046 # ExecStart is a command line, split as systemd splits it
run_as_unit "$unit" CONFIDE_LISTEN=127.0.0.1:$port $(unit_value ExecStart "$unit") \
    >"$work/serve.log" 2>&1 &
server_pid=$!
healthy() {
    for _ in $(seq 1 100); do
        [ "$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null)" = ok ] && return 0
        sleep 0.2
    done
    cat "$work/serve.log"
    false
}
check "the unit's command, run as confide with confide.env, answers /healthz" healthy
runs_as_confide() { [ "$(ps -o user=,comm= -p "$server_pid" | tr -s ' ')" = "confide confide" ]; }
check "the server runs as confide" runs_as_confide
check "its database and secret key are in /var/lib/confide, private to confide" \
    bash -c 'for f in /var/lib/confide/confide.db /var/lib/confide/secret.key; do
        [ "$(stat -c "%U %a" "$f")" = "confide 600" ] || { stat -c "%n %U %a" "$f"; exit 1; }; done'

admin_commands() {
    confide-admin school add --slug oakfield --name "Oakfield Academy" \
        --hours "Monday to Friday, 8am to 4pm" >/dev/null  # prints the recovery key: not logged
    confide-admin school list | grep -q oakfield &&
        curl -fsS -o /dev/null "http://127.0.0.1:$port/s/oakfield"  # the service sees it
}
check "sudo confide-admin runs commands on the service's database, as confide" admin_commands

backup_unit="$(dirname "$unit")/confide-backup.service"
run_backup() {
    local env_line
    env_line=$(unit_value Environment "$backup_unit")
    # shellcheck disable=SC2086 # the unit's Environment= line holds several VAR=value
    (run_as_unit "$backup_unit" $env_line "$(unit_value ExecStart "$backup_unit")")
    local copy
    copy=$(find /var/lib/confide/backups -mindepth 1 -maxdepth 1 -type d | head -1)
    [ -s "$copy/confide.db" ] && [ -s "$copy/secret.key" ] && [ ! -e "$copy/keys" ] &&
        [ "$(stat -c '%U %a' "$copy")" = "confide 700" ]
}
check "the backup service's command writes a private dated copy, without the keystore" run_backup

kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

export DEBIAN_FRONTEND=noninteractive
check "apt-get remove removes the program" bash -c 'apt-get remove -y -qq confide >/dev/null && [ ! -e /usr/bin/confide ]'
check "after remove, the data and the settings are still there" \
    test -s /var/lib/confide/confide.db -a -s /var/lib/confide/secret.key -a -f /etc/confide/confide.env
check "apt-get purge removes the settings" bash -c 'apt-get purge -y -qq confide >/dev/null && [ ! -e /etc/confide ]'
check "after purge, the reports and their keys are still there (deleted only by hand)" \
    test -s /var/lib/confide/confide.db -a -d /var/lib/confide/keys

# The proxy and image checks count with these: each script's closing line is added to ours.
include() {
    local out="$work/$(basename "$1").out" p f
    "$@" | tee "$out" || true
    if read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out" | tail -1); then
        passed=$((passed + p))
        failed=$((failed + f))
        [ "$f" = 0 ] || failures+=("$f in $(basename "$1")")
    else
        failed=$((failed + 1))
        failures+=("$(basename "$1") ran to its end")
    fi
}
include "$root/scripts/proxy-test.sh" "$binary"
include "$root/scripts/container-test.sh" "$binary"
summary
