#pragma once

#include "policy.hpp"

namespace backorder {
inline namespace BACKORDER_ABI {

/// Serves waiting lines first come, first served, and lets every allocated
/// unit ship at once ("ship what you have"); the rest stays back-ordered.
struct PartialFill {
  static constexpr std::string_view name = "PartialFill";
  static constexpr bool ships_partial = true;

  /// Returns the same rank for every line, so arrival order decides.
  [[nodiscard]] std::int64_t rank(const LineRequest &) const noexcept {
    return 0;
  }
};

static_assert(detail::check_policy<PartialFill>());

} // namespace BACKORDER_ABI
} // namespace backorder
