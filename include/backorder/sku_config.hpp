#pragma once

#include "fwd.hpp"
#include "traits.hpp"

#include <optional>

namespace backorder {
inline namespace v0 {

/// Describes how a SKU takes orders it cannot fill at once.
template <class Traits> struct SkuConfig {
  using Quantity = typename Traits::Quantity;

  /// Keeps taking orders when short; the shortfall waits as back orders.
  /// When false, a line that cannot be filled now is refused (OutOfStock).
  bool backorderable = true;
  /// Caps the units that may wait on the SKU; none means unlimited.
  std::optional<Quantity> backorder_limit;
};

} // namespace v0
} // namespace backorder
