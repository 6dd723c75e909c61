#include "policies.hpp"
#include "subject.hpp"

#include <array>
#include <limits>
#include <string>

namespace backorder::fuzz {

/// Runs ProRata with min_share 0 to 5 mostly, else an edge, and either
/// leftover rule.
void fuzz_pro_rata(Input &in, bool integer_skus, std::uint8_t a,
                   std::uint8_t b) {
  static constexpr std::array<std::int64_t, 6> edges = {
      -1,
      std::numeric_limits<std::int64_t>::max(),
      std::numeric_limits<std::int64_t>::min(),
      100,
      1000,
      std::numeric_limits<std::int64_t>::max() / 2};
  ProRata policy;
  policy.min_share = a < 200 ? a % 6 : edges[a % edges.size()];
  policy.leftover =
      (b & 1U) != 0 ? Leftover::Arrival : Leftover::LargestRemainder;
  run_policy(in, integer_skus, policy,
             model::pro_rata_rules(policy.min_share,
                                   policy.leftover == Leftover::Arrival),
             "ProRata with min_share " + std::to_string(policy.min_share) +
                 (policy.leftover == Leftover::Arrival
                      ? ", leftover by arrival"
                      : ", leftover by largest remainder"));
}

} // namespace backorder::fuzz
