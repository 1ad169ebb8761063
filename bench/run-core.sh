#!/usr/bin/env bash
# Builds the trees (scripts/build) and runs the core micro benchmark natively and under Node, the SIMD128 and the
# relaxed-SIMD builds alternated in one run (bench/core-ab.mjs).
# Usage: bench/run-core.sh [native|wasm|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
scripts/build "$what"
if [ "$what" != wasm ]; then build/native/bench/core_bench; echo; fi
if [ "$what" != native ]; then node bench/core-ab.mjs; fi
