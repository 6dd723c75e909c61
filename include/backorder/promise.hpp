#pragma once

#include "fwd.hpp"
#include "result.hpp"
#include "traits.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Identifies an expected supplier delivery; assigned by the inventory,
/// starting at 1.
using InboundId = std::uint64_t;

/// Says where a promised date comes from.
enum class PromiseSource {
  OnHand,   ///< the units are allocated now
  Inbound,  ///< a named supplier delivery covers the line
  LeadTime, ///< no known delivery covers it; the SKU's lead time from now
  Unknown,  ///< no known supply covers it and the SKU has no lead time
};

/// Returns the enumerator's name, e.g. "Inbound".
constexpr std::string_view to_string(PromiseSource source) noexcept {
  switch (source) {
  case PromiseSource::OnHand:
    return "OnHand";
  case PromiseSource::Inbound:
    return "Inbound";
  case PromiseSource::LeadTime:
    return "LeadTime";
  case PromiseSource::Unknown:
    return "Unknown";
  }
  return "Unknown";
}

/// Tells when a line (or an order) is expected to be complete, and why.
template <class Traits> struct Promise {
  using TimePoint = typename Traits::Clock::time_point;

  PromiseSource source = PromiseSource::Unknown;
  TimePoint date{};      ///< meaningful unless the source is Unknown
  InboundId inbound = 0; ///< the delivery, when the source is Inbound

  /// Returns true when a date is known.
  [[nodiscard]] bool known() const noexcept {
    return source != PromiseSource::Unknown;
  }

  /// Returns true when this promise is later than `other` (Unknown is
  /// later than any date).
  [[nodiscard]] bool later_than(const Promise &other) const noexcept {
    if (!known() || !other.known()) {
      return !known() && other.known();
    }
    return date > other.date;
  }

  friend bool operator==(const Promise &, const Promise &) = default;
};

/// Tells when one line of an order is expected to be complete.
template <class Traits> struct LinePromise {
  typename Traits::Sku sku{};
  typename Traits::Quantity backordered = 0; ///< units the line waits for
  Promise<Traits> promise;
};

/// Tells when each line of an order is expected to be complete.
template <class Traits> struct OrderPromise {
  typename Traits::OrderId id{};
  std::vector<LinePromise<Traits>> lines{}; ///< in the order's line order
  Promise<Traits> complete_by;              ///< the latest line's promise
};

/// Refuses a placement; for WaitTooLong it carries the promise the order
/// would have had, so the shop can offer it to the customer.
template <class Traits> struct PlaceError : Error {
  std::optional<Promise<Traits>> promise{};

  /// Makes an error without a promise.
  PlaceError(Error error) : Error(std::move(error)) {}
  /// Makes an error with the promise the order would have had.
  PlaceError(Error error, Promise<Traits> would_be)
      : Error(std::move(error)), promise(would_be) {}
};

} // namespace BACKORDER_ABI
} // namespace backorder
