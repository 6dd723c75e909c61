// bench_ops on the pooled engine alone (see run.hpp).

#include "../engines/pooled_engine.hpp"
#include "run.hpp"

namespace bench::ops {

void run_pooled(bool integer_skus, std::size_t lines, std::string_view workload,
                std::size_t batches) {
  run_with_keys<PooledEngine>(integer_skus, lines, workload, batches);
}

} // namespace bench::ops
