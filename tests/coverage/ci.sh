#!/usr/bin/env bash
# Measures the line coverage of include/ by the unit tests: configures and
# builds the `coverage` preset (g++ --coverage, Debug, tests only) in
# build/coverage, runs its tests (all but the cmake.* consumer projects),
# then prints gcovr's per-file table and the total for include/ only.
# Exits non-zero if a step fails or if line coverage is below the minimum
# (BACKORDER_COVERAGE_MIN, default 95 percent). An annotated HTML report is
# left in build/coverage/html/index.html.
# Needs cmake, ninja, g++ and gcovr (Debian package gcovr).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

minimum="${BACKORDER_COVERAGE_MIN:-95}"
build="build/coverage"

cmake --preset coverage --fresh
# Counters add up across runs, and the build itself runs the test binary
# (to list its tests): start from zero on both sides of the build.
if [[ -d "$build" ]]; then
  find "$build" -name '*.gcda' -delete
fi
cmake --build --preset coverage
find "$build" -name '*.gcda' -delete
ctest --preset coverage

rm -rf "$build/html"
mkdir -p "$build/html"
# Not counted: BACKORDER_ASSERT(false, ...), an assertion that always fails
# where it is reached (only a corrupt state gets there, and it aborts).
gcovr --root . --filter 'include/' -j 2 \
  --exclude-lines-by-pattern '\s*BACKORDER_ASSERT\(false,.*' \
  --txt --print-summary \
  --html-details "$build/html/index.html" \
  --fail-under-line "$minimum" \
  "$build" || {
  status=$?
  if [[ $status -eq 2 ]]; then
    echo "coverage: line coverage of include/ is below ${minimum}%" >&2
  fi
  exit "$status"
}
echo "coverage: line coverage of include/ is at least ${minimum}%"
