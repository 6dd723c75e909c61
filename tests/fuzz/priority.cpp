#include "policies.hpp"
#include "subject.hpp"

namespace backorder::fuzz {

void fuzz_priority(Input &in, bool integer_skus, std::uint8_t, std::uint8_t) {
  run_policy(in, integer_skus, Priority{}, model::priority_rules(), "Priority");
}

} // namespace backorder::fuzz
