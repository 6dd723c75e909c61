#pragma once

#include "fwd.hpp"
#include "promise.hpp"
#include "traits.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Describes the stock of one SKU. Always `on_hand == reserved + available`.
template <class Traits> struct StockLevel {
  using Quantity = typename Traits::Quantity;

  Quantity on_hand = 0;          ///< units physically in stock
  Quantity reserved = 0;         ///< units allocated to open lines, not shipped
  Quantity available = 0;        ///< units free to allocate
  Quantity backordered = 0;      ///< units waited for by open lines
  std::size_t waiting_lines = 0; ///< lines that wait for units
  Quantity inbound = 0;          ///< units expected from suppliers

  friend bool operator==(const StockLevel &, const StockLevel &) = default;
};

/// Describes one line of an open order.
template <class Traits> struct LineStatus {
  using Quantity = typename Traits::Quantity;

  typename Traits::Sku sku{};
  Quantity ordered = 0;     ///< units the customer ordered
  Quantity allocated = 0;   ///< units reserved for the line, not yet shipped
  Quantity shippable = 0;   ///< units that may ship now
  Quantity backordered = 0; ///< units the line still waits for
  Quantity shipped = 0;     ///< units already shipped
  Promise<Traits> promise;  ///< when the line is expected to be complete

  friend bool operator==(const LineStatus &, const LineStatus &) = default;
};

/// Describes an open order, line by line.
template <class Traits> struct OrderStatus {
  typename Traits::OrderId id{};
  int priority = 0;
  bool ship_complete = false;
  std::vector<LineStatus<Traits>> lines{}; ///< in the order's line order

  /// Returns true when some unit may ship now.
  [[nodiscard]] bool ready_to_ship() const noexcept {
    for (const auto &line : lines) {
      if (line.shippable > 0) {
        return true;
      }
    }
    return false;
  }
};

/// Reports what `place` did.
template <class Traits> struct Placement {
  using Quantity = typename Traits::Quantity;

  Quantity allocated = 0;   ///< units reserved for the order at once
  Quantity backordered = 0; ///< units left waiting
  Quantity shippable = 0;   ///< units that may ship now
  Promise<Traits> promise;  ///< when the whole order is expected complete
};

/// Reports what `receive` or a positive `adjust` did with arriving units.
template <class Traits> struct Receipt {
  using Quantity = typename Traits::Quantity;

  Quantity allocated = 0;       ///< units handed to waiting lines
  Quantity available = 0;       ///< units free in stock afterwards
  std::size_t lines_served = 0; ///< waiting lines that received units
};

/// Describes an expected supplier delivery.
template <class Traits> struct InboundDelivery {
  InboundId id = 0;
  typename Traits::Sku sku{};
  typename Traits::Quantity units = 0; ///< units still expected
  typename Traits::Clock::time_point eta{};
};

/// Reports what `receive_inbound` did.
template <class Traits> struct InboundReceipt {
  using Quantity = typename Traits::Quantity;

  Quantity received = 0;        ///< units that arrived
  Quantity over_delivered = 0;  ///< units beyond what was still expected
  Quantity still_expected = 0;  ///< units of the delivery still to come
  bool closed = false;          ///< true when nothing more is expected
  Quantity allocated = 0;       ///< units handed to waiting lines
  Quantity available = 0;       ///< units free in stock afterwards
  std::size_t lines_served = 0; ///< waiting lines that received units
};

/// Reports what `adjust` did.
template <class Traits> struct Adjustment {
  using Quantity = typename Traits::Quantity;

  Quantity on_hand = 0;          ///< units in stock afterwards
  Quantity allocated = 0;        ///< units of a gain handed to waiting lines
  Quantity taken_back = 0;       ///< units of a loss taken from reservations
  std::size_t lines_touched = 0; ///< lines served or taken back from
};

/// Reports what `cancel` did.
template <class Traits> struct Cancellation {
  using Quantity = typename Traits::Quantity;

  Quantity released = 0; ///< reserved units returned to stock
  Quantity unfilled = 0; ///< back-ordered units dropped
  Quantity reallocated =
      0; ///< released units handed on (saturates at the maximum)
};

/// Describes one shipped line, as passed to a `ship` visitor.
template <class Traits> struct ShippedLine {
  std::uint32_t line = 0; ///< the line's position in the order
  const typename Traits::Sku &sku;
  typename Traits::Quantity units = 0;
};

/// Reports what `ship` did.
template <class Traits> struct Shipment {
  using Quantity = typename Traits::Quantity;

  Quantity units = 0;        ///< units shipped
  std::size_t lines = 0;     ///< lines that shipped units
  bool order_closed = false; ///< true when nothing is left open
};

} // namespace BACKORDER_ABI
} // namespace backorder
