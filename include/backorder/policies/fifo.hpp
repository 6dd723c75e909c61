#pragma once

#include "policy.hpp"

namespace backorder {
inline namespace BACKORDER_ABI {

/// Serves waiting lines first come, first served; a line ships once
/// complete.
struct Fifo {
  static constexpr std::string_view name = "Fifo";
  static constexpr bool ships_partial = false;

  /// Returns the same rank for every line, so arrival order decides.
  [[nodiscard]] std::int64_t rank(const LineRequest &) const noexcept {
    return 0;
  }
};

static_assert(detail::check_policy<Fifo>());

} // namespace BACKORDER_ABI
} // namespace backorder
