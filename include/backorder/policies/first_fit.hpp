#pragma once

#include "policy.hpp"

#include <cstdint>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Serves waiting lines in arrival order, but gives a line units only when
/// they complete it: a line that does not fit is skipped, so small lines
/// are not stuck behind a large one. Against starvation, the oldest waiting
/// line may be overtaken at most `max_skips` times; then it blocks every
/// line behind it until it is served. A line ships once complete.
struct FirstFit {
  static constexpr std::string_view name = "FirstFit";
  static constexpr bool ships_partial = false;
  static constexpr HandOut hand_out = HandOut::FirstFit;

  /// Lines served ahead of the oldest waiting line before it blocks.
  std::uint32_t max_skips = 8;

  /// Returns the same rank for every line, so arrival order decides.
  [[nodiscard]] std::int64_t rank(const LineRequest &) const noexcept {
    return 0;
  }
};

static_assert(detail::check_policy<FirstFit>());

} // namespace BACKORDER_ABI
} // namespace backorder
