#pragma once

#include "policy.hpp"

#include <cstdint>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Shares short supply: when arriving units cannot cover every waiting
/// line, each line gets a share proportional to the units it waits for,
/// rounded down, and the units left go one at a time by `leftover`. When
/// the units cover every line, every line is filled. Allocated units ship
/// at once.
struct ProRata {
  using Leftover = backorder::Leftover;

  static constexpr std::string_view name = "ProRata";
  static constexpr bool ships_partial = true;
  static constexpr HandOut hand_out = HandOut::ProRata;

  /// The smallest proportional share a line receives; a line whose share
  /// is below it gets nothing in the proportional pass (leftovers may
  /// still reach it).
  std::int64_t min_share = 0;
  /// The rule for the units the proportional pass leaves over.
  Leftover leftover = Leftover::LargestRemainder;

  /// Returns the same rank for every line, so arrival order decides.
  [[nodiscard]] std::int64_t rank(const LineRequest &) const noexcept {
    return 0;
  }
};

static_assert(detail::check_policy<ProRata>());

} // namespace BACKORDER_ABI
} // namespace backorder
