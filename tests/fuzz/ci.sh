#!/usr/bin/env bash
# CI step for the fuzzer: configures the fuzz-ci preset (clang++, libFuzzer
# with ASan and UBSan, -O0 so that it builds in about a minute) in
# build/fuzz-ci, builds the fuzzer, and runs it for 60 s (or
# BACKORDER_FUZZ_SECONDS) over a copy of tests/fuzz/corpus in
# build/fuzz-ci/run. Prints the executions reached; exits non-zero if the
# build fails or the fuzzer finds anything (the input that reproduces it is
# left in build/fuzz-ci/run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${BACKORDER_FUZZ_SECONDS:-60}
start=$SECONDS
cmake --preset fuzz-ci --fresh >/dev/null
cmake --build --preset fuzz-ci -j2
echo "fuzzer built in $((SECONDS - start)) s"
tests/fuzz/run.sh build/fuzz-ci/tests/fuzz/backorder_fuzz_inventory \
  "$seconds" build/fuzz-ci/run
echo "fuzz step took $((SECONDS - start)) s"
