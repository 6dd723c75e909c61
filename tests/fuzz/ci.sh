#!/usr/bin/env bash
# CI step for the fuzzers: configures the fuzz-ci preset (clang++, libFuzzer
# with ASan and UBSan, -O0 so that it builds in about a minute) in
# build/fuzz-ci, builds both fuzzers, and runs the inventory fuzzer for 60 s
# (or BACKORDER_FUZZ_SECONDS) and the queue fuzzer for 20 s (or
# BACKORDER_FUZZ_QUEUE_SECONDS), each over a copy of tests/fuzz/corpus, in
# build/fuzz-ci/run and build/fuzz-ci/run-queue. Prints the executions
# reached; exits non-zero if the build fails or a fuzzer finds anything
# (the input that reproduces it is left in its run directory).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${BACKORDER_FUZZ_SECONDS:-60}
queue_seconds=${BACKORDER_FUZZ_QUEUE_SECONDS:-20}
start=$SECONDS
cmake --preset fuzz-ci --fresh >/dev/null
cmake --build --preset fuzz-ci -j2
echo "fuzzers built in $((SECONDS - start)) s"
tests/fuzz/run.sh build/fuzz-ci/tests/fuzz/backorder_fuzz_inventory \
  "$seconds" build/fuzz-ci/run
# -len_control=0: long inputs (deep queues) from the start.
tests/fuzz/run.sh build/fuzz-ci/tests/fuzz/backorder_fuzz_queue \
  "$queue_seconds" build/fuzz-ci/run-queue -len_control=0
echo "fuzz step took $((SECONDS - start)) s"
