// bench_ops on the backorder engine alone (see run.hpp).

#include "../engines/backorder_engine.hpp"
#include "run.hpp"

namespace bench::ops {

void run_backorder(bool integer_skus, std::size_t lines,
                   std::string_view workload, std::size_t batches) {
  run_with_keys<BackorderEngine>(integer_skus, lines, workload, batches);
}

} // namespace bench::ops
