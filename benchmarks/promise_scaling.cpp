// Promise queries on ONE SKU with 1,000 and with 1,000,000 waiting lines
// (three priority levels) and six expected deliveries: the cost per query
// must not grow with the queue beyond cache effects (prefix sums per
// level, O(log n)). The queries ask about 4,096 orders drawn at random (a
// shop's customers looking at their orders), so that the figure shows the
// queue's own cost rather than DRAM latency; promise_one_sku in the main
// suite asks about orders drawn from all the lines. ns_per_item is the
// median batch of 64 queries (see report_items); compare.py sets
// promise_scaling/integer/lines:1000000/backorder against lines:1000.

#include "shop.hpp"
#include "workloads.hpp"

#include <backorder/backorder.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace bench {

void promise_scaling(benchmark::State &state, std::size_t count) {
  using Traits = backorder::IntegerSkuTraits;
  const auto lines = static_cast<std::uint64_t>(count);
  backorder::Inventory<backorder::Priority, Traits> shop;
  (void)shop.add_sku(1);
  shop.reserve(lines, lines);
  const auto now = shop.now();
  for (int week = 1; week <= 6; ++week) {
    (void)shop.expect(1, static_cast<std::int64_t>(lines / 4),
                      now + std::chrono::hours(24 * 7 * week));
  }
  backorder::Order<Traits> order{0, {{1, 2}}, 0, false, {}};
  for (std::uint64_t id = 1; id <= lines; ++id) {
    order.id = id;
    order.priority = static_cast<int>(id % 3); // three priority levels
    require(shop.place(order).has_value(), "promise_scaling: place");
  }
  std::mt19937_64 random(42);
  std::vector<std::uint64_t> ids(4096);
  for (auto &id : ids) {
    id = 1 + random() % lines;
  }
  std::size_t next = 0;
  BatchTimer timer(state);
  for (auto _ : state) {
    timer.time([&] {
      for (std::size_t query = 0; query < kBatch; ++query) {
        auto promise = shop.promise(ids[next++ & 4095U]);
        benchmark::DoNotOptimize(promise);
      }
    });
  }
  report_items(state, timer, kBatch);
  state.counters["open_lines"] = static_cast<double>(shop.open_lines());
  require(shop.open_lines() == lines, "promise_scaling: every line open");
}

} // namespace bench
