// bench_ops on the naive engine alone (see run.hpp).

#include "../engines/naive_engine.hpp"
#include "run.hpp"

namespace bench::ops {

void run_naive(bool integer_skus, std::size_t lines, std::string_view workload,
               std::size_t batches) {
  run_with_keys<NaiveEngine>(integer_skus, lines, workload, batches);
}

} // namespace bench::ops
