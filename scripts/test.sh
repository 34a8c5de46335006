#!/usr/bin/env bash
# The one test command (npm test): typecheck, lint, build the web UI, then every test file
# (unit, integration on PGlite — and on PostgreSQL when TEST_DATABASE_URL is set — and browser).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "lint"
npx eslint . --max-warnings 0

step "format (Prettier, 120 columns)"
npx prettier --check --log-level warn src web test bench scripts

step "build web UI"
npx vite build --config web/vite.config.ts --logLevel warn

if [ ! -x /usr/bin/chromium ]; then
  step "install Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; })
  else
    echo "browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2
    exit 1
  fi
fi

step "tests${TEST_DATABASE_URL:+ (PGlite and PostgreSQL)}"
shopt -s globstar nullglob
files=(test/**/*.test.ts)
tap=$(mktemp)
status=0
node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "${files[@]}" || status=$?
passed=$(grep -cE '^ *ok [0-9]+' "$tap" || true)
failed=$(grep -cE '^ *not ok [0-9]+' "$tap" || true)
# Count leaf tests only: suites also report ok/not ok, so take node's own totals when present.
if grep -qE '^# pass [0-9]+' "$tap"; then
  passed=$(grep -E '^# pass [0-9]+' "$tap" | tail -1 | awk '{print $3}')
  failed=$(grep -E '^# fail [0-9]+' "$tap" | tail -1 | awk '{print $3}')
fi
rm -f "$tap"
echo
echo "${passed} passed, ${failed} failed"
exit $status
