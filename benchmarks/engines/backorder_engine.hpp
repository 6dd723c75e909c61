#pragma once

// The library, behind the interface every benchmark engine offers.

#include "../common.hpp"

#include <backorder/backorder.hpp>
#include <benchmark/benchmark.h>

#include <optional>
#include <string>
#include <string_view>

namespace bench {

/// Runs the workloads on backorder::Inventory (Fifo, the default traits
/// for string SKUs, IntegerSkuTraits for integer SKUs).
template <class K> class BackorderEngine {
public:
  using Keys = K;
  using Sku = typename Keys::Sku;
  using Traits = typename Keys::Traits;
  using Order = backorder::Order<Traits>;
  using Inventory = backorder::Inventory<backorder::Fifo, Traits>;
  static constexpr std::string_view name = "backorder";

  /// Registers a SKU.
  void add_sku(const Sku &sku, bool backorderable) {
    require(
        inventory_.add_sku(sku, {.backorderable = backorderable}).has_value(),
        "backorder: add_sku");
  }

  /// Places an order; returns false when it is refused.
  bool place(const Order &order) { return inventory_.place(order).has_value(); }

  /// Receives units; returns the units handed to waiting lines, or -1.
  Quantity receive(const Sku &sku, Quantity units) {
    const auto receipt = inventory_.receive(sku, units);
    return receipt ? receipt->allocated : -1;
  }

  /// Cancels an order; returns false when it is not open.
  bool cancel(OrderId id) { return inventory_.cancel(id).has_value(); }

  /// Ships what may ship; returns the units shipped, or -1.
  Quantity ship(OrderId id) {
    const auto shipment = inventory_.ship(id);
    return shipment ? shipment->units : -1;
  }

  /// Records an expected supplier delivery.
  void expect(const Sku &sku, Quantity units, TimePoint eta) {
    require(inventory_.expect(sku, units, eta).has_value(),
            "backorder: expect");
  }

  /// Returns when the order is expected complete (TimePoint::max() when
  /// unknown), computed line by line.
  TimePoint promise(OrderId id) const {
    const auto promise = inventory_.promise(id);
    require(promise.has_value(), "backorder: promise of an open order");
    benchmark::DoNotOptimize(promise->lines.data());
    return promise->complete_by.known() ? promise->complete_by.date
                                        : TimePoint::max();
  }

  /// Returns the number of open order lines.
  std::size_t open_lines() const { return inventory_.open_lines(); }

  /// Returns the first broken invariant, if any (slow; for smoke runs).
  std::optional<std::string> broken() const {
    return inventory_.check_invariants();
  }

private:
  Inventory inventory_;
};

} // namespace bench
