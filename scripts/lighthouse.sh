#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the home and publications
# pages, against a fresh build served on 127.0.0.1, using Debian's Chromium.
#   scripts/lighthouse.sh            # builds the site first
#   scripts/lighthouse.sh SITE_DIR   # uses a site built earlier
# Needs node/npx (Lighthouse is fetched from the npm registry, pinned).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[[ -x $PY ]] || PY=python3
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SITE=${1:-}
if [[ -z $SITE ]]; then
  SITE=$WORK/site
  "$PY" -m mkdocs build --strict --clean -q -d "$SITE"
fi
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PY" -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.2
done

for page in "" "publications/"; do
  url="http://127.0.0.1:$PORT/$page"
  npx -y lighthouse@12.2.3 "$url" --quiet --output=json --output-path="$WORK/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu" >/dev/null 2>"$WORK/lighthouse.log" || {
    cat "$WORK/lighthouse.log" >&2
    exit 1
  }
  "$PY" - "$url" "$WORK/report.json" <<'PYEOF'
import json
import sys

url, path = sys.argv[1], sys.argv[2]
report = json.load(open(path, encoding="utf-8"))
scores = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
print(url, " ".join(f"{k}={v}" for k, v in scores.items()))
PYEOF
done
