#pragma once

#include "fwd.hpp"
#include "traits.hpp"

#include <optional>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Describes one line of an order: a SKU and the units wanted.
template <class Traits> struct OrderLine {
  typename Traits::Sku sku{};
  typename Traits::Quantity quantity{};
};

/// Describes an order as the customer placed it. The inventory keeps its
/// own record of it; the caller may reuse this object afterwards.
template <class Traits> struct Order {
  using Line = OrderLine<Traits>;

  typename Traits::OrderId id{};
  std::vector<Line> lines{};  ///< in the customer's order; SKUs may repeat
  int priority = 0;           ///< higher is served first by `Priority`
  bool ship_complete = false; ///< hold every line until all are allocated
  /// The longest the customer will wait: `place` refuses the order
  /// (WaitTooLong) when its promise is later than now + max_wait, or
  /// unknown. None means the customer waits as long as it takes.
  std::optional<typename Traits::Clock::duration> max_wait{};
};

} // namespace BACKORDER_ABI
} // namespace backorder
