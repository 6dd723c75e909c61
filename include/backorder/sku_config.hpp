#pragma once

#include "fwd.hpp"
#include "traits.hpp"

#include <optional>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Describes how a SKU takes orders it cannot fill at once.
template <class Traits> struct SkuConfig {
  using Quantity = typename Traits::Quantity;
  using Duration = typename Traits::Clock::duration;

  /// Keeps taking orders when short; the shortfall waits as back orders.
  /// When false, a line that cannot be filled now is refused (OutOfStock).
  bool backorderable = true;
  /// Caps the units that may wait on the SKU; none means unlimited.
  std::optional<Quantity> backorder_limit{};
  /// Replenishment lead time: promises for lines that no known delivery
  /// covers are now + lead_time. None means such promises are unknown.
  std::optional<Duration> lead_time{};
};

} // namespace BACKORDER_ABI
} // namespace backorder
