// libFuzzer entry point: the first byte picks the allocation policy and
// the SKU type, the next two the policy's parameters; the rest is a
// sequence of operations (see harness.hpp).

#include "input.hpp"
#include "policies.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  using namespace backorder::fuzz;
  Input in(data, size);
  const std::uint8_t pick = in.byte();
  const std::uint8_t a = in.byte();
  const std::uint8_t b = in.byte();
  const bool integer_skus = (pick / 5U) % 2U != 0;
  switch (pick % 5U) {
  case 0:
    fuzz_fifo(in, integer_skus, a, b);
    break;
  case 1:
    fuzz_priority(in, integer_skus, a, b);
    break;
  case 2:
    fuzz_partial_fill(in, integer_skus, a, b);
    break;
  case 3:
    fuzz_first_fit(in, integer_skus, a, b);
    break;
  default:
    fuzz_pro_rata(in, integer_skus, a, b);
    break;
  }
  return 0;
}
