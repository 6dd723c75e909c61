// cancel_middle: a waiting line leaves from the middle of its queue.

#include "shop.hpp"
#include "workloads.hpp"

#include <vector>

namespace bench {

template <class Engine>
void cancel_middle(benchmark::State &state, std::size_t lines) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(4);
  std::vector<std::size_t> touched(kBatch);
  std::vector<OrderId> victims(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (std::size_t op = 0; op < kBatch; ++op) {
      std::size_t sku = 0;
      do {
        sku = rng.below(shop.skus());
      } while (shop.queue(sku).waiting() == 0);
      auto &queue = shop.queue(sku);
      const auto middle =
          queue.orders.begin() +
          static_cast<std::ptrdiff_t>(queue.ready + queue.waiting() / 2);
      touched[op] = sku;
      victims[op] = *middle;
      queue.orders.erase(middle);
    }
    bool cancelled = true;
    timer.time([&] {
      for (const OrderId id : victims) {
        cancelled = engine.cancel(id) && cancelled;
      }
    });
    require(cancelled, "cancel_middle: every order cancelled");
    for (const std::size_t sku : touched) {
      shop.restore(sku);
    }
  }
  finish(state, shop, timer, kBatch);
}

BENCH_INSTANTIATE(cancel_middle);

} // namespace bench
