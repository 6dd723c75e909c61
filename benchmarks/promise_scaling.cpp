// Promise queries on ONE SKU with 1,000 and with 1,000,000 waiting lines
// and a handful of expected deliveries: the cost per query must not grow
// with the queue beyond cache effects (prefix sums per level, O(log n)).
// Compare promise_scaling/lines:1000000 with promise_scaling/lines:1000.

#include <backorder/backorder.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace bench::promise_scaling {

void one_sku(benchmark::State &state) {
  using Traits = backorder::IntegerSkuTraits;
  const auto lines = static_cast<std::uint64_t>(state.range(0));
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
    (void)shop.place(order);
  }
  std::mt19937_64 random(42);
  std::vector<std::uint64_t> ids(4096);
  for (auto &id : ids) {
    id = 1 + random() % lines;
  }
  std::size_t next = 0;
  for (auto _ : state) {
    auto promise = shop.promise(ids[next++ & 4095U]);
    benchmark::DoNotOptimize(promise);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(one_sku)
    ->Name("promise_scaling/lines")
    ->Arg(1'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kNanosecond);

} // namespace bench::promise_scaling
