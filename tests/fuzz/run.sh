#!/usr/bin/env bash
# Runs a fuzzer for a number of seconds over a copy of the committed seed
# corpus, so that nothing is written into the source tree:
#   tests/fuzz/run.sh <fuzzer> <seconds> [<work dir>] [<libFuzzer flags>...]
# The work dir (default: a new temporary directory) receives corpus/ (the
# seeds plus whatever the run found worth keeping), fuzz.log, and any
# crash-*, leak-*, timeout-* or oom-* input that reproduces a finding:
# `<fuzzer> <that file>` replays it. Prints the executions and coverage
# reached; exits non-zero when the fuzzer found anything.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 <fuzzer> <seconds> [<work dir>] [<libFuzzer flags>...]" >&2
  exit 2
fi
fuzzer=$1
seconds=$2
work=${3:-$(mktemp -d)}
shift $(($# < 3 ? $# : 3))
seeds="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus"

mkdir -p "$work"
rm -rf "$work/corpus"
mkdir -p "$work/corpus"
cp "$seeds"/* "$work/corpus/"
name=$(basename "$fuzzer")

echo "fuzzing ${name} for ${seconds} s from $(ls "$seeds" | wc -l) seeds" \
  "(work dir: ${work})"
status=0
# A sanitizer's report comes with the stack that led to it.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# -timeout: an input that takes 10 s is a finding. -max_len: inputs up to
# 2 KiB, a few hundred operations each.
"$fuzzer" -max_total_time="$seconds" -timeout=10 -max_len=2048 \
  -print_final_stats=1 -artifact_prefix="$work/" "$@" \
  "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$work/fuzz.log" | tail -n 1 || true)
findings=$(find "$work" -maxdepth 1 -type f \
  \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o \
     -name 'oom-*' \) | sort)
if [[ $status -ne 0 || -n "$findings" ]]; then
  tail -n 60 "$work/fuzz.log"
  echo "${name}: FOUND A PROBLEM after ${runs:-?} executions" \
    "(exit status ${status}); reproduce with: ${fuzzer} <input>"
  [[ -n "$findings" ]] && printf '  %s\n' $findings
  exit 1
fi
echo "${name}: ${runs} executions in ${seconds} s, ${coverage:-no coverage line}," \
  "corpus $(ls "$work/corpus" | wc -l) inputs; nothing found"
