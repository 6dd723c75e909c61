#include "policies.hpp"
#include "subject.hpp"

namespace backorder::fuzz {

void fuzz_fifo(Input &in, bool integer_skus, std::uint8_t, std::uint8_t) {
  run_policy(in, integer_skus, Fifo{}, model::fifo_rules(), "Fifo");
}

} // namespace backorder::fuzz
