#!/usr/bin/env bash
# The one test command (npm test): build the web UI, then every test file (unit, integration on PGlite — and on
# PostgreSQL when TEST_DATABASE_URL is set — and browser), with the typecheck, lint and format checks beside them.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# The typecheck, lint and format checks run beside the tests (the tests run bundled, they don't wait for tsc); their
# output is printed after the tests, and any failure fails the command. Each keeps a cache in node_modules/.cache, so a
# rerun checks only what changed. They run at a lower priority (nice): they take far less time than the tests, so
# the tests get the cores first and the checks the rest.
cache=node_modules/.cache/timeward-checks
mkdir -p "$cache"
logs=$(mktemp -d)
check() { nice -n 10 "${@:2}" >"$logs/$1" 2>&1 && echo 0 >"$logs/$1.rc" || echo $? >"$logs/$1.rc"; }
(
  check typecheck npx tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile "$cache/tsbuildinfo" &
  check lint npx eslint . --max-warnings 0 --cache --cache-location "$cache/eslint/"
  check format npx prettier --check --log-level warn --cache --cache-location "$cache/prettier" src web test bench scripts
  wait
) &
checks=$!

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
# The files run bundled (test/helpers/bundle.ts: a second of CPU less per file than loading them through tsx), in
# TEST_GROUPS processes, each running its files one after another, each file in a describe() named by its path: a
# process's start (Node, PGlite's WebAssembly, Chromium) is paid once per group, not once per file. The groups are made
# from each file's time in the last run (node_modules/.cache/timeward-test/timings.tsv), heaviest first.
# One file alone: node --import tsx --test test/<area>/<file>.test.ts
timings=node_modules/.cache/timeward-test/timings.tsv
bundles=$(node --import tsx test/helpers/bundle.ts --groups="${TEST_GROUPS:-8}" --timings="$timings" test/**/*.test.ts)
mapfile -t files <<<"$bundles"
tap=$(mktemp)
status=0
# Four processes at a time on two cores: browser and database tests wait on other processes, so two left a core idle
# (measured: npm test 6 min 16 s at 3, 5 min 52 s at 4, BENCHMARKS.md).
node --enable-source-maps --test --test-concurrency="${TEST_CONCURRENCY:-4}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "${files[@]}" || status=$?
# Each file's time, for the next run's groups: the describe() named by its path is a top-level test in the TAP. A
# shared machine makes one run's times noisy, so each is averaged with the time before.
mkdir -p "$(dirname "$timings")"
touch "$timings"
awk -F '\t' 'FILENAME == ARGV[1] { before[$2] = $1; next }
  /^(not )?ok [0-9]+ - test\/.*\.test\.tsx?$/ { sub(/^(not )?ok [0-9]+ - /, ""); name = $0; next }
  name != "" && /^  duration_ms:/ {
    split($0, field, " "); seconds = field[2] / 1000
    if (name in before) seconds = (seconds + before[name]) / 2
    printf "%.1f\t%s\n", seconds, name; name = ""
  }' "$timings" "$tap" | sort -rn >"$timings.new"
if [ -s "$timings.new" ]; then mv "$timings.new" "$timings"; else rm -f "$timings.new"; fi
passed=$(grep -cE '^ *ok [0-9]+' "$tap" || true)
failed=$(grep -cE '^ *not ok [0-9]+' "$tap" || true)
# Count leaf tests only: suites also report ok/not ok, so take node's own totals when present.
if grep -qE '^# pass [0-9]+' "$tap"; then
  passed=$(grep -E '^# pass [0-9]+' "$tap" | tail -1 | awk '{print $3}')
  failed=$(grep -E '^# fail [0-9]+' "$tap" | tail -1 | awk '{print $3}')
fi
rm -f "$tap"

wait $checks
checks_failed=0
for name in typecheck lint "format (Prettier, 120 columns)"; do
  step "$name"
  cat "$logs/${name%% *}"
  [ "$(cat "$logs/${name%% *}.rc")" = 0 ] || checks_failed=1
done
rm -rf "$logs"
echo
if [ $checks_failed = 1 ]; then
  echo "${passed} passed, ${failed} failed; a check above failed (typecheck, lint or format)"
  exit 1
fi
echo "${passed} passed, ${failed} failed"
exit $status
