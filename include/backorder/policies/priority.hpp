#pragma once

#include "policy.hpp"

namespace backorder {
inline namespace BACKORDER_ABI {

/// Serves waiting lines by order priority, high to low, then by arrival; a
/// line ships once complete. A later, higher-priority line is served before
/// earlier ones but never takes units already given to another line.
struct Priority {
  static constexpr std::string_view name = "Priority";
  static constexpr bool ships_partial = false;

  /// Returns the order's priority.
  [[nodiscard]] std::int64_t rank(const LineRequest &request) const noexcept {
    return request.priority;
  }
};

static_assert(detail::check_policy<Priority>());

} // namespace BACKORDER_ABI
} // namespace backorder
