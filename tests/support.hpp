#pragma once

// Helpers shared by the tests: whole-state snapshots and invariant checks.

#include "catch.hpp"

#include <backorder/backorder.hpp>

#include <string>
#include <utility>
#include <vector>

namespace backorder::testing {

/// Holds every stock level and the lines of the given orders.
template <class Traits> struct Snapshot {
  std::vector<std::pair<typename Traits::Sku, StockLevel<Traits>>> stock;
  std::vector<std::vector<LineStatus<Traits>>> orders; // empty when closed

  friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

/// Returns the state of `inventory` as seen through its public API.
template <class Inventory>
auto snapshot(const Inventory &inventory,
              const std::vector<typename Inventory::OrderId> &ids) {
  Snapshot<typename Inventory::traits_type> state;
  inventory.for_each_sku([&](const auto &sku, const auto &level) {
    state.stock.emplace_back(sku, level);
  });
  for (const auto id : ids) {
    auto status = inventory.status(id);
    auto lines = status ? status->lines : decltype(status->lines){};
    for (auto &line : lines) {
      if (line.promise.source == PromiseSource::OnHand) {
        line.promise.date = {}; // reads the clock: not part of the state
      }
    }
    state.orders.push_back(std::move(lines));
  }
  return state;
}

/// Fails the test with the broken invariant, if any.
template <class Inventory> void require_invariants(const Inventory &inventory) {
  const auto broken = inventory.check_invariants();
  INFO((broken ? *broken : std::string("all invariants hold")));
  REQUIRE_FALSE(broken.has_value());
}

/// Returns the stock level of a SKU that must exist.
template <class Inventory>
auto stock_of(const Inventory &inventory, typename Inventory::SkuView sku) {
  auto level = inventory.stock(sku);
  REQUIRE(level.has_value());
  return *level;
}

/// Returns one line's status of an order that must be open.
template <class Inventory>
auto line_of(const Inventory &inventory, typename Inventory::OrderId id,
             std::size_t line = 0) {
  auto status = inventory.status(id);
  REQUIRE(status.has_value());
  REQUIRE(line < status->lines.size());
  return status->lines[line];
}

} // namespace backorder::testing
