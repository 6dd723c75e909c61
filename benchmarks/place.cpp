// place_backordered and place_allocated.

#include "shop.hpp"
#include "workloads.hpp"

#include <vector>

namespace bench {

template <class Engine>
void place_backordered(benchmark::State &state, std::size_t lines) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(1);
  std::vector<typename Engine::Order> orders(kBatch);
  for (auto &order : orders) {
    order.lines.resize(1);
    order.lines[0].quantity = kLineUnits;
  }
  std::vector<std::size_t> touched(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (std::size_t op = 0; op < kBatch; ++op) {
      const std::size_t sku = rng.below(shop.skus());
      touched[op] = sku;
      orders[op].id = shop.next_id();
      orders[op].lines[0].sku = shop.backlog_sku(sku);
      shop.queue(sku).orders.push_back(orders[op].id);
    }
    bool placed = true;
    timer.time([&] {
      for (const auto &order : orders) {
        placed = engine.place(order) && placed;
      }
    });
    require(placed, "place_backordered: every order placed");
    for (const std::size_t sku : touched) {
      shop.restore(sku);
    }
  }
  finish(state, shop, timer, kBatch);
}

template <class Engine>
void place_allocated(benchmark::State &state, std::size_t lines) {
  constexpr std::size_t kLines = 3;
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(2);
  std::vector<typename Engine::Order> orders(kBatch);
  for (auto &order : orders) {
    order.lines.resize(kLines);
    for (auto &line : order.lines) {
      line.quantity = 1;
    }
  }
  BatchTimer timer(state);
  for (auto _ : state) {
    for (auto &order : orders) {
      order.id = shop.next_id();
      std::size_t skus[kLines];
      for (std::size_t line = 0; line < kLines; ++line) {
        do { // three different SKUs
          skus[line] = rng.below(shop.skus());
        } while (shop.skus() >= kLines &&
                 std::find(skus, skus + line, skus[line]) != skus + line);
        order.lines[line].sku = shop.in_stock_sku(skus[line]);
      }
    }
    bool placed = true;
    timer.time([&] {
      for (const auto &order : orders) {
        placed = engine.place(order) && placed;
      }
    });
    require(placed, "place_allocated: every order placed");
    for (const auto &order : orders) {
      require(engine.cancel(order.id), "place_allocated: cancel");
    }
  }
  finish(state, shop, timer, kBatch);
  state.counters["lines_per_order"] = kLines;
}

BENCH_INSTANTIATE(place_backordered);
BENCH_INSTANTIATE(place_allocated);

} // namespace bench
