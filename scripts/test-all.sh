#!/usr/bin/env bash
# `npm test`: everything, from a clean checkout after `npm ci`. Builds what the tests inspect, then one jest run.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== what the tests need outside node_modules: Chromium and a CJK font (installed when missing), PostgreSQL"
bash scripts/ensure-browser.sh
node scripts/check-postgres.mjs

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json

echo "== production builds (weapp, h5, cloud functions)"
npm run -s build:weapp
npm run -s build:h5
npm run -s build:cloud

echo "== tests (unit, api on PGlite and PostgreSQL, bundled functions, weapp build, e2e in Chromium)"
# PGlite loads parts of itself with dynamic import(), which jest's VM allows only with this flag.
NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules" npx jest --maxWorkers=2 "$@"
