#pragma once

// The workload of the listener benchmarks: a steady back-order queue of
// 10,000 lines on one integer SKU; each iteration places a one-unit order
// (it waits), receives one unit (it completes the oldest line) and ships
// that line's order. Included by listener.cpp and by
// listener_no_events.cpp, which builds the library with every listener
// hook stripped (BACKORDER_NO_EVENTS, its own ABI namespace), so that one
// run compares a NullListener with no listener code at all.
//
// Everything here is a template over the inventory type, so the two
// translation units instantiate distinct functions.

#include <backorder/backorder.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace bench::listener {

template <class Inventory> void place_receive_ship(benchmark::State &state) {
  using Order = typename Inventory::OrderType;
  constexpr std::uint64_t sku = 7;
  constexpr std::uint64_t open_lines = 10'000;
  Inventory shop;
  (void)shop.add_sku(sku);
  shop.reserve(open_lines + 1, open_lines + 1);
  Order order{0, {{sku, 1}}, 0, false, {}};
  std::uint64_t next = 1;
  std::uint64_t oldest = 1;
  for (; next <= open_lines; ++next) {
    order.id = next;
    (void)shop.place(order);
  }
  for (auto _ : state) {
    order.id = next++;
    benchmark::DoNotOptimize(shop.place(order));
    benchmark::DoNotOptimize(shop.receive(sku, 1));
    benchmark::DoNotOptimize(shop.ship(oldest++));
  }
  state.SetItemsProcessed(state.iterations() * 3);
  if (shop.open_orders() != open_lines) {
    state.SkipWithError("the queue did not stay steady");
  }
}

} // namespace bench::listener
