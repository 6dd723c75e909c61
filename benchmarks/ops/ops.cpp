// bench_ops: runs one workload of the suite on one engine, outside Google
// Benchmark, so that a tool such as callgrind can count what each
// operation costs: every measured call goes through one function that is
// never inlined (`measured_place`, `measured_receive`, `measured_cancel`,
// `measured_ship`), which `count.sh` passes to callgrind's --toggle-collect.
// Instruction and
// cache-miss counts are deterministic, where wall-clock times on a shared
// machine are not (docs/performance.md).
//
//   bench_ops ENGINE SKUS LINES WORKLOAD BATCHES
//     ENGINE    backorder | naive | pooled
//     SKUS      integer | string
//     WORKLOAD  place_backordered | place_allocated | receive_fill_1 |
//               receive_fill_8 | cancel_middle | ship_ready
//               (receive_fill_k: a receipt that completes the k oldest
//               waiting lines)
//
// It builds the benchmarks' shop with LINES open lines, runs BATCHES
// batches of 64 operations (restoring the shop after each batch, as the
// benchmarks do), and prints the number of measured calls. Each engine is
// compiled in a translation unit of its own (run.hpp).

#include "run.hpp"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

int main(int argc, char **argv) {
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: %s backorder|naive|pooled integer|string LINES "
                 "WORKLOAD BATCHES\n",
                 argv[0]);
    return 2;
  }
  const std::string_view engine = argv[1];
  const std::string_view skus = argv[2];
  const auto lines =
      static_cast<std::size_t>(std::strtoull(argv[3], nullptr, 10));
  const std::string_view workload = argv[4];
  const auto batches =
      static_cast<std::size_t>(std::strtoull(argv[5], nullptr, 10));
  if (lines == 0 || lines % bench::kDepth != 0) {
    std::fprintf(stderr, "LINES must be a positive multiple of %zu\n",
                 bench::kDepth);
    return 2;
  }
  bench::ops::Runner run = nullptr;
  if (engine == "backorder") {
    run = &bench::ops::run_backorder;
  } else if (engine == "naive") {
    run = &bench::ops::run_naive;
  } else if (engine == "pooled") {
    run = &bench::ops::run_pooled;
  } else {
    std::fprintf(stderr, "ENGINE must be backorder, naive or pooled\n");
    return 2;
  }
  if (skus != "integer" && skus != "string") {
    std::fprintf(stderr, "SKUS must be integer or string\n");
    return 2;
  }
  run(skus == "integer", lines, workload, batches);
  std::printf("%zu measured calls\n", bench::ops::measured_calls);
  return 0;
}
