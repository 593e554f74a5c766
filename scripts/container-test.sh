#!/usr/bin/env bash
# The container image (Containerfile), built and run with Debian's podman as root: the
# runtime stage around the binary CI has already built (BINARY_STAGE=prebuilt), on a
# Debian 12 base made here with mmdebstrap from the Debian mirror and `podman import`
# (no image registry is reachable from this network, so the Rust build stage and
# compose.yaml's postgres and caddy images cannot be pulled: compose.yaml is checked as
# a file). The container runs on the host's network, on loopback only.
# Usage: scripts/container-test.sh [path/to/confide]   (default target/debug/confide)
# Installs podman, runc and mmdebstrap when missing. Port 18620.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=${1:-${CARGO_TARGET_DIR:-$root/target}/debug/confide}
port=18620
base=localhost/confide-test-base:bookworm
image=localhost/confide-test:latest
container=confide-test

need_apt=()
command -v podman >/dev/null 2>&1 || need_apt+=(podman)
command -v runc >/dev/null 2>&1 || need_apt+=(runc)
command -v mmdebstrap >/dev/null 2>&1 || need_apt+=(mmdebstrap)
command -v caddy >/dev/null 2>&1 || need_apt+=(caddy)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/confide-container.XXXXXX)
# This machine mounts cgroups in hybrid mode, which crun refuses, and podman's default
# limits for root (over a million files and processes) are refused here: runc, the hard
# file limit the machine has, and 32768 processes (higher was refused, seen here).
nproc=$(ulimit -Hu)
[ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF="$work/containers.conf"
cleanup() {
    podman rm -f "$container" >/dev/null 2>&1 || true
    podman volume rm -f "$container-data" "$container-keys" >/dev/null 2>&1 || true
    podman rmi -f "$image" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/checks.sh
. "$root/scripts/checks.sh"

echo "== the container image"
if ! podman image exists "$base"; then
    echo "   making the Debian 12 base image with mmdebstrap"
    # Without documentation and translations, as Debian's slim images are made.
    mmdebstrap --quiet --variant=minbase --mode=root --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
        --dpkgopt='path-exclude=/usr/share/info/*' bookworm "$work/base.tar" \
        http://deb.debian.org/debian
    podman import --quiet "$work/base.tar" "$base" >/dev/null
    rm -f "$work/base.tar"
fi

mkdir "$work/context"
cp "$binary" "$work/context/confide"
strip "$work/context/confide"
build() {
    podman build --quiet --format docker --network host --file "$root/Containerfile" \
        --build-arg BINARY_STAGE=prebuilt --build-arg RUNTIME_IMAGE="$base" \
        --tag "$image" "$work/context"
}
check "the Containerfile's runtime stage builds around the binary" build
image_config() { podman image inspect --format "$1" "$image"; }
check "the image runs as the unprivileged confide user" \
    test "$(image_config '{{.Config.User}}')" = confide
check "the image has a HEALTHCHECK" bash -c "podman image inspect --format '{{.HealthCheck.Test}}' $image | grep -q healthz"
has_volumes() {
    local volumes
    volumes=$(image_config '{{range $v, $_ := .Config.Volumes}}{{$v}} {{end}}')
    echo "$volumes"
    [[ " $volumes " == *" /var/lib/confide "* && " $volumes " == *" /var/lib/confide/keys "* ]]
}
check "the data and the keystore are volumes" has_volumes
echo "   image size: $(($(image_config '{{.Size}}') / 1000000)) MB (base $(($(podman image inspect --format '{{.Size}}' "$base") / 1000000)) MB)"

start() {
    podman run --detach --name "$container" --network host -e CONFIDE_LISTEN=127.0.0.1:$port \
        -v "$container-data:/var/lib/confide" -v "$container-keys:/var/lib/confide/keys" "$image" >/dev/null
    for _ in $(seq 1 100); do
        [ "$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null)" = ok ] && return 0
        sleep 0.2
    done
    podman logs "$container" | tail -20
    false
}
check "a container from the image answers /healthz" start
runs_unprivileged() { [ "$(podman top "$container" huser | tail -n +2 | sort -u)" = 10001 ]; }
check "its process runs as uid 10001, not root" runs_unprivileged
check "podman healthcheck run: healthy" podman healthcheck run "$container"
private_data() {
    local modes
    modes=$(podman exec "$container" stat -c '%U %a' /var/lib/confide/secret.key /var/lib/confide/keys)
    echo "$modes"
    [ "$modes" = "confide 600
confide 700" ]
}
check "its secret key and keystore are on the volumes, private to confide" private_data
key_sum() { podman volume inspect --format '{{.Mountpoint}}' "$container-data" | xargs -I{} sha256sum {}/secret.key | cut -d' ' -f1; }
before=$(key_sum)
survives() {
    podman rm -f "$container" >/dev/null
    start && [ "$(key_sum)" = "$before" ]
}
check "a new container keeps the data (the same server secret)" survives

compose_names_known_settings() {
    python3 - "$root/compose.yaml" "$root/.env.example" <<'EOF'
import re, sys, yaml
compose = yaml.safe_load(open(sys.argv[1]))
known = set(re.findall(r"^#?(CONFIDE_[A-Z_]+)=", open(sys.argv[2]).read(), re.M))
assert set(compose["services"]) == {"confide", "postgres", "caddy"}, compose["services"].keys()
app = compose["services"]["confide"]
unknown = set(app["environment"]) - known
assert not unknown, f"not Confide settings: {unknown}"
assert "ports" not in app, "Confide's own port is published"
assert app["environment"]["CONFIDE_PUBLIC_URL"].startswith("https://")
assert {v.split(":")[1] for v in app["volumes"]} == {"/var/lib/confide", "/var/lib/confide/keys"}
EOF
}
check "compose.yaml: three services, Confide's settings all real, its port unpublished" \
    compose_names_known_settings
compose_caddyfile() {
    SITE_ADDRESS=confide.example.org UPSTREAM=confide:8080 \
        caddy adapt --config "$root/deploy/Caddyfile" --adapter caddyfile 2>/dev/null |
        grep -q '"dial":"confide:8080"'
}
check "compose's Caddy configuration (deploy/Caddyfile with its variables) adapts" compose_caddyfile
summary
