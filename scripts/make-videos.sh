#!/usr/bin/env bash
# Generate the narrated slide videos for the safety topic pages.
#
#   scripts/make-videos.sh                 # every content/topics/*.md
#   scripts/make-videos.sh bullying gangs  # only these topics
#   scripts/make-videos.sh --verify-only   # only check what is in static/videos
#
# Writes static/videos/<slug>.mp4, .vtt and .jpg, checks each one (ffprobe
# streams, faststart, duration vs captions, WebVTT syntax, sizes) and prints a
# summary line per topic. Output is byte-for-byte reproducible for the same
# topic files and the same Debian package versions.
# Needs espeak-ng, ffmpeg and fonts-dejavu-core; installs them with apt-get
# if they are missing (run as root, or install them yourself first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
{ command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; } || missing+=(ffmpeg)
[ -f "$font" ] || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "make-videos: installing ${missing[*]}" >&2
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=python3
command -v "$python" >/dev/null 2>&1 || { echo "make-videos: python3 (3.11+) is required" >&2; exit 1; }
"$python" -c 'import sys, tomllib; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
    || { echo "make-videos: python3 3.11+ (with tomllib) is required" >&2; exit 1; }

exec "$python" "$here/make_videos.py" "$@"
