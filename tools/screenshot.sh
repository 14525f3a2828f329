#!/usr/bin/env bash
# Renders an HTML page (a run's dashboard.html, or Gatling's index.html) in headless Chromium and
# writes a PNG, to check the pages as a reader sees them. Chromium comes from Debian's packages
# (apt-get install chromium); nothing is fetched from the network.
#
#   tools/screenshot.sh results/<run>/dashboard.html /tmp/dashboard.png [width] [height]
set -euo pipefail
page=$1
png=$2
width=${3:-1300}
height=${4:-2400}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
  echo "no Chromium found: apt-get install chromium (or set CHROMIUM=/path/to/chromium)" >&2
  exit 3
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="$width,$height" \
  --virtual-time-budget=5000 --screenshot="$png" "$url" >/dev/null 2>&1
test -s "$png" || { echo "Chromium wrote no screenshot of $page" >&2; exit 1; }
echo "$png"
