#!/usr/bin/env bash
# Counts what one operation costs, per engine: instructions, L1 data cache
# read misses and last-level cache misses per measured call, from callgrind
# with a simulated 32 KiB L1 and a last-level cache of LL_BYTES (default
# 2 MiB, the L2 of the machine of the first five runs in
# docs/performance.md; 524288 for the 512 KiB L2 of the machine of the
# sixth). These counts do not depend on what else the machine runs, so
# they show the effect of a change where timings on a shared machine
# cannot.
#
#   benchmarks/ops/count.sh [BENCH_OPS] [LINES] [BATCHES] [LL_BYTES]
#
# BENCH_OPS defaults to build/bench/benchmarks/bench_ops (the `bench`
# preset). Needs valgrind. Integer SKUs; about a minute at 100,000 lines.
set -euo pipefail

ops=${1:-build/bench/benchmarks/bench_ops}
lines=${2:-100000}
batches=${3:-200}
ll_bytes=${4:-2097152}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "simulated caches: 32 KiB L1 data, ${ll_bytes}-byte last level (16-way)"
printf '%-18s %-10s %13s %10s %12s %13s\n' workload engine instructions L1-reads LL-reads LL-writes
for workload in place_backordered place_allocated receive_fill_1 receive_fill_8 \
  cancel_middle ship_ready; do
  case $workload in
    place_*) measured=measured_place ;;
    receive_*) measured=measured_receive ;;
    cancel_*) measured=measured_cancel ;;
    ship_*) measured=measured_ship ;;
  esac
  for engine in backorder naive pooled; do
    calls=$(valgrind --tool=callgrind --cache-sim=yes --D1=32768,8,64 \
      --LL="${ll_bytes}",16,64 \
      --callgrind-out-file="$out/callgrind.out" --dump-instr=no \
      --toggle-collect="*${measured}*" \
      "$ops" "$engine" integer "$lines" "$workload" "$batches" 2>/dev/null |
      awk '/measured calls/ {print $1}')
    callgrind_annotate --show-percs=no --show=Ir,D1mr,DLmr,DLmw "$out/callgrind.out" |
      awk -v calls="$calls" -v w="$workload" -v e="$engine" \
        '/PROGRAM TOTALS/ {gsub(",", ""); printf "%-18s %-10s %13.0f %10.2f %12.2f %13.2f\n", w, e, $1 / calls, $2 / calls, $3 / calls, $4 / calls}'
  done
done
