#!/usr/bin/env bash
# Confide behind a real Caddy and a real nginx, each with TLS on loopback, configured from
# the examples in deploy/ (only names, ports and certificate paths changed): HTTPS with
# HSTS, the __Host- session cookie, HTTP sent on to HTTPS, and rate limits that count each
# client by the address the proxy saw. The app trusts X-Forwarded-For only from the proxy
# (CONFIDE_TRUSTED_PROXIES=127.0.0.1); clients connect from other loopback addresses
# (127.0.0.11 and up), so neither a client's own header nor a direct connection to the app
# can choose a rate-limit bucket.
# Usage: scripts/proxy-test.sh [path/to/confide]   (default target/debug/confide)
# Needs caddy, nginx, openssl and curl (scripts/deploy-test.sh installs them). Ports 18610-18699.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=${1:-${CARGO_TARGET_DIR:-$root/target}/debug/confide}
app_port=18610
host=confide.test

work=$(mktemp -d /tmp/confide-proxy.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/checks.sh
. "$root/scripts/checks.sh"

wait_for() {
    for _ in $(seq 1 100); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}

echo "== Confide behind Caddy and nginx, with TLS"
mkdir -p "$work/data"
CONFIDE_DATA_DIR="$work/data" CONFIDE_LISTEN=127.0.0.1:$app_port CONFIDE_LOG=warn \
    CONFIDE_PUBLIC_URL=https://$host CONFIDE_TRUSTED_PROXIES=127.0.0.1 \
    CONFIDE_MAIL_TRANSPORT=none "$binary" serve >"$work/app.log" 2>&1 &
pids+=($!)
wait_for curl -fs "http://127.0.0.1:$app_port/healthz" || { cat "$work/app.log"; exit 1; }

# Caddy: deploy/Caddyfile as it is, with the internal CA (no ACME on a closed network) and
# our ports in a global block before it.
caddy_https=18643
caddy_http=18680
mkdir -p "$work/caddy"
{
    cat <<EOF
{
	admin off
	local_certs
	skip_install_trust
	storage file_system $work/caddy
	http_port $caddy_http
	https_port $caddy_https
}
EOF
    cat deploy/Caddyfile
} >"$work/Caddyfile"
SITE_ADDRESS=$host UPSTREAM=127.0.0.1:$app_port \
    HOME="$work/caddy" XDG_DATA_HOME="$work/caddy" XDG_CONFIG_HOME="$work/caddy" \
    caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 &
pids+=($!)
caddy_ca="$work/caddy/pki/authorities/local/root.crt"

# nginx: deploy/nginx.conf inside a minimal main configuration, with a certificate from a
# throwaway CA of our own for the name.
nginx_https=18644
nginx_http=18681
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Confide test CA" \
    -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$host" \
    -keyout "$work/site.key" -out "$work/site.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s\n' "$host" >"$work/san.ext"
openssl x509 -req -in "$work/site.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
    -CAcreateserial -days 1 -extfile "$work/san.ext" -out "$work/site.crt" 2>/dev/null
mkdir -p "$work/nginx"
{
    cat <<EOF
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
EOF
    sed -e "s/confide\.example\.org/$host/" \
        -e "s/listen 80;/listen 127.0.0.1:$nginx_http;/" -e "s/listen \[::\]:80;/listen [::1]:$nginx_http;/" \
        -e "s/listen 443 ssl/listen 127.0.0.1:$nginx_https ssl/" -e "s/listen \[::\]:443 ssl/listen [::1]:$nginx_https ssl/" \
        -e "s|/etc/ssl/confide/fullchain.pem|$work/site.crt|" -e "s|/etc/ssl/confide/privkey.pem|$work/site.key|" \
        -e "s/127\.0\.0\.1:8080/127.0.0.1:$app_port/" deploy/nginx.conf
    echo "}"
} >"$work/nginx.conf"
nginx -e "$work/nginx/error.log" -c "$work/nginx.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)

# curl as a client at its own loopback address, through the proxy at $port with CA $ca.
through() {
    local from=$1
    shift
    curl -sS --interface "$from" --cacert "$ca" --resolve "$host:$port:127.0.0.1" "$@"
}
sign_in_status() {
    through "$1" -o /dev/null -w '%{http_code}' "${@:2}" \
        --data 'email=nobody%40school.example&password=guess' "https://$host:$port/staff/login"
}

healthz_over_https() { [ "$(through 127.0.0.10 -f "https://$host:$port/healthz")" = ok ]; }
hsts_on_pages() {
    through 127.0.0.10 -f -D - -o /dev/null "https://$host:$port/" |
        grep -qi '^strict-transport-security: max-age=63072000; includeSubDomains'
}
host_cookie() {
    local cookie
    cookie=$(through 127.0.0.10 -D - -o /dev/null --data 'email=a%40school.example&password=x' \
        "https://$host:$port/staff/login" | grep -i '^set-cookie:' | tr -d '\r')
    echo "$cookie" | sed 's/=[^;]*/=(value)/'  # the attributes, never the session token
    # __Host-: Secure, Path=/ and no Domain, so no other host can set or read it.
    echo "$cookie" | grep -q '^[Ss]et-[Cc]ookie: __Host-confide-session=' &&
        echo "$cookie" | grep -q '; Secure' && echo "$cookie" | grep -q '; Path=/' &&
        echo "$cookie" | grep -q '; HttpOnly' && ! echo "$cookie" | grep -qi 'domain='
}
http_goes_to_https() {
    local location
    location=$(curl -sS --interface 127.0.0.10 -o /dev/null -w '%{http_code} %{redirect_url}' \
        --resolve "$host:$plain:127.0.0.1" "http://$host:$plain/report")
    echo "$location"
    case "$location" in 301\ https://$host*/report | 308\ https://$host*/report) ;; *) false ;; esac
}
# The app allows a client ten sign-ins, then 429: $1 and $2 are two clients' addresses.
own_buckets() {
    local i status
    for i in $(seq 1 10); do
        status=$(sign_in_status "$1")
        [ "$status" = 303 ] || { echo "sign-in $i from $1: $status"; return 1; }
    done
    status=$(sign_in_status "$1")
    [ "$status" = 429 ] || { echo "11th from $1: $status, not 429"; return 1; }
    status=$(sign_in_status "$2")
    [ "$status" = 303 ] || { echo "first from $2 after $1 was limited: $status"; return 1; }
}
forged_header_ignored() {
    local i status
    for i in 1 2 3; do
        status=$(sign_in_status "$1" -H "X-Forwarded-For: 203.0.113.$i")
        [ "$status" = 429 ] || { echo "limited client claiming 203.0.113.$i: $status"; return 1; }
    done
}

for proxy in caddy nginx; do
    if [ $proxy = caddy ]; then
        port=$caddy_https plain=$caddy_http ca=$caddy_ca a=127.0.0.11 b=127.0.0.12
    else
        port=$nginx_https plain=$nginx_http ca="$work/ca.crt" a=127.0.0.21 b=127.0.0.22
    fi
    wait_for test -s "$ca" && wait_for healthz_over_https ||
        { cat "$work/$proxy.log" "$work/nginx/error.log" 2>/dev/null | tail -20; }
    check "$proxy: /healthz answers over HTTPS (certificate checked)" healthz_over_https
    check "$proxy: pages carry HSTS" hsts_on_pages
    check "$proxy: the staff session cookie is __Host-, Secure, HttpOnly, Path=/" host_cookie
    check "$proxy: plain HTTP is sent on to HTTPS" http_goes_to_https
    check "$proxy: each client has its own rate-limit bucket (the proxy's X-Forwarded-For believed)" \
        own_buckets "$a" "$b"
    check "$proxy: a limited client cannot pick another bucket by sending X-Forwarded-For" \
        forged_header_ignored "$a"
done

direct_cannot_choose() {
    local i status
    for i in $(seq 1 11); do
        status=$(curl -sS --interface 127.0.0.31 -o /dev/null -w '%{http_code}' \
            -H "X-Forwarded-For: 198.51.100.$i" \
            --data 'email=nobody%40school.example&password=guess' "http://127.0.0.1:$app_port/staff/login")
        if [ "$i" -le 10 ]; then
            [ "$status" = 303 ] || { echo "direct sign-in $i: $status"; return 1; }
        else
            [ "$status" = 429 ] || { echo "11th direct sign-in, claiming a new address: $status"; return 1; }
        fi
    done
}
check "a request that reaches the app directly cannot choose its bucket with X-Forwarded-For" \
    direct_cannot_choose
no_addresses_logged() { ! grep -E '127\.0\.0\.(1[0-9]|2[0-9]|31)|203\.0\.113|198\.51\.100' "$work/app.log"; }
check "the app's log names no client address" no_addresses_logged
summary
