#!/usr/bin/env bash
# Builds both trees (scripts/build) and runs the core micro benchmark natively and under Node.
# Usage: bench/run-core.sh [native|wasm|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
scripts/build "$what"
if [ "$what" != wasm ]; then build/native/bench/core_bench; echo; fi
if [ "$what" != native ]; then node --no-experimental-fetch build/wasm/bench/core_bench.js; fi
