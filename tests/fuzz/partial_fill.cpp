#include "policies.hpp"
#include "subject.hpp"

namespace backorder::fuzz {

void fuzz_partial_fill(Input &in, bool integer_skus, std::uint8_t,
                       std::uint8_t) {
  run_policy(in, integer_skus, PartialFill{}, model::partial_fill_rules(),
             "PartialFill");
}

} // namespace backorder::fuzz
