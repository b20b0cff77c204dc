#!/usr/bin/env bash
# Every test: lint, types, unit + integration (Vitest), end-to-end (Playwright in Chromium).
# The test runners all run even when one fails, and the last line is always one summary,
# "N passed, N failed", for people and CI alike. The exit code is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
run() {
  echo "▶ $*"
  "$@" || status=1
}

run npx biome check .
run npx tsc --noEmit
run npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
if npx wxt build --mode emulator >/dev/null; then
  run npx playwright test
else
  echo "The emulator build of the extension failed; end-to-end tests not run." >&2
  status=1
fi
node scripts/test-summary.mjs || status=1
exit $status
