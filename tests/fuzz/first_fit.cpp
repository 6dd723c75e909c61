#include "policies.hpp"
#include "subject.hpp"

#include <array>
#include <limits>
#include <string>

namespace backorder::fuzz {

/// Runs FirstFit with max_skips 0 to 9 mostly, else a large bound.
void fuzz_first_fit(Input &in, bool integer_skus, std::uint8_t a,
                    std::uint8_t) {
  static constexpr std::array<std::uint32_t, 4> large = {
      std::numeric_limits<std::uint32_t>::max(), 1000, 100, 31};
  FirstFit policy;
  policy.max_skips = a < 240 ? a % 10U : large[a % large.size()];
  run_policy(in, integer_skus, policy, model::first_fit_rules(policy.max_skips),
             "FirstFit with max_skips " + std::to_string(policy.max_skips));
}

} // namespace backorder::fuzz
