#!/usr/bin/env bash
# The web app's checks, run by `make test` after the Go tests: the API
# types regenerated from api/openapi.json and the app rebuilt from its
# sources must equal what is committed; the unit tests; the size budgets;
# and the browser tests on Chromium against a real lumbung serve.
#
# Without Node (or Chromium) the checks that need it are skipped and say
# so, unless LUMBUNG_TEST_FRONTEND=require (as in CI), which fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."

require=${LUMBUNG_TEST_FRONTEND:-}
skip() {
  if [ "$require" = require ]; then
    echo "frontend: $1, and LUMBUNG_TEST_FRONTEND=require" >&2
    exit 1
  fi
  echo "frontend: skipped: $1 (the app in frontend/dist is served as committed)"
  exit 0
}
command -v npm >/dev/null || skip "no Node.js/npm on the PATH"

start=$(date +%s)
echo "frontend: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "frontend: API types from api/openapi.json"
npm run --silent types
if ! git diff --exit-code --stat -- src/api/schema.d.ts; then
  echo "frontend: src/api/schema.d.ts differs from api/openapi.json: run 'npm run types' in frontend/ and commit it" >&2
  exit 1
fi

echo "frontend: unit tests"
npm test --silent

echo "frontend: build from the sources, and compare with the committed dist"
npm run --silent build
if [ -n "$(git status --porcelain -- dist)" ]; then
  git status --short -- dist >&2
  echo "frontend: the committed frontend/dist is not what the sources build: run 'npm run build' in frontend/ and commit dist" >&2
  exit 1
fi

chromium=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$chromium" ] || skip "no Chromium for the browser tests"
echo "frontend: checks before the browser tests took $(( $(date +%s) - start )) s"
echo "frontend: browser tests on $chromium"
CHROMIUM=$chromium npm run --silent e2e
