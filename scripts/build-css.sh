#!/usr/bin/env bash
# Build Confide's stylesheet and copy GOV.UK Frontend's JavaScript.
#
# The outputs (static/css/confide.css, static/js/govuk-frontend.min.js) are
# committed, so this only needs to run when scripts/css/*.scss changes or when
# the govuk-frontend version is bumped. The app and CI never run it.
#
# It installs govuk-frontend and sass (dart-sass from npm) into a throwaway,
# gitignored folder scripts/.build/ and is safe to run repeatedly.
#
# Usage: scripts/build-css.sh
#   GOVUK_FRONTEND_VERSION=6.6.0 scripts/build-css.sh   # pin a version (default: latest)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/scripts/.build"
GOVUK_VERSION="${GOVUK_FRONTEND_VERSION:-latest}"
SASS_VERSION="${SASS_VERSION:-latest}"

mkdir -p "$BUILD" "$ROOT/static/css" "$ROOT/static/js"
if [ ! -f "$BUILD/package.json" ]; then
  printf '{ "name": "confide-css-build", "private": true }\n' > "$BUILD/package.json"
fi

# --no-save: never write a lockfile/package.json change we might be tempted to commit.
npm install --prefix "$BUILD" --no-save --no-audit --no-fund --silent \
  "govuk-frontend@$GOVUK_VERSION" "sass@$SASS_VERSION"

GOVUK_DIR="$BUILD/node_modules/govuk-frontend"
echo "govuk-frontend $(node -p "require('$GOVUK_DIR/package.json').version"), sass $("$BUILD/node_modules/.bin/sass" --version)"

# Load path is node_modules, so the SCSS can say `@use "govuk-frontend/dist/govuk"`
# (the import path GOV.UK documents for its npm package).
"$BUILD/node_modules/.bin/sass" \
  --load-path="$BUILD/node_modules" \
  --style=compressed \
  --no-source-map \
  "$ROOT/scripts/css/confide.scss" "$ROOT/static/css/confide.css"

cp "$GOVUK_DIR/dist/govuk/govuk-frontend.min.js" "$ROOT/static/js/govuk-frontend.min.js"
# GOV.UK's minified JS ends with a sourceMappingURL comment for a .map file we
# do not ship; strip it so browsers' devtools don't request a missing file.
sed -i 's|//# sourceMappingURL=[^ ]*$||' "$ROOT/static/js/govuk-frontend.min.js"

for f in "$ROOT/static/css/confide.css" "$ROOT/static/js/govuk-frontend.min.js"; do
  printf '%s: %s bytes, %s gzipped\n' "${f#"$ROOT"/}" "$(wc -c < "$f")" "$(gzip -9c "$f" | wc -c)"
done
