// ship_ready: the oldest complete order of a SKU ships and closes.

#include "shop.hpp"
#include "workloads.hpp"

#include <vector>

namespace bench {

template <class Engine>
void ship_ready(benchmark::State &state, std::size_t lines) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(5);
  std::vector<std::size_t> touched(kBatch);
  std::vector<OrderId> shipments(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (std::size_t op = 0; op < kBatch; ++op) {
      std::size_t sku = 0;
      do {
        sku = rng.below(shop.skus());
      } while (shop.queue(sku).ready == 0);
      auto &queue = shop.queue(sku);
      touched[op] = sku;
      shipments[op] = queue.orders.front();
      queue.orders.pop_front();
      --queue.ready;
    }
    bool shipped = true;
    timer.time([&] {
      for (const OrderId id : shipments) {
        shipped = engine.ship(id) == kLineUnits && shipped;
      }
    });
    require(shipped, "ship_ready: every order shipped");
    for (const std::size_t sku : touched) {
      shop.restore(sku);
    }
  }
  finish(state, shop, timer, kBatch);
}

BENCH_INSTANTIATE(ship_ready);

} // namespace bench
