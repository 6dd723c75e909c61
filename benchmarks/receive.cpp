// receive_fill: units arrive and complete the k oldest waiting lines.

#include "shop.hpp"
#include "workloads.hpp"

#include <vector>

namespace bench {

template <class Engine>
void receive_fill(benchmark::State &state, std::size_t lines, std::size_t k) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(3);
  const Quantity units = static_cast<Quantity>(k) * kLineUnits;
  std::vector<std::size_t> touched(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (std::size_t op = 0; op < kBatch; ++op) {
      std::size_t sku = 0;
      do {
        sku = rng.below(shop.skus());
      } while (shop.queue(sku).waiting() < k);
      touched[op] = sku;
      shop.queue(sku).ready += k;
    }
    std::size_t wrong = kBatch; // the first receipt that did not fill
    timer.time([&] {
      for (std::size_t op = 0; op < kBatch; ++op) {
        if (engine.receive(shop.backlog_sku(touched[op]), units) != units &&
            wrong == kBatch) {
          wrong = op;
        }
      }
    });
    if (wrong != kBatch) {
      const auto &queue = shop.queue(touched[wrong]);
      std::fprintf(stderr,
                   "receive_fill: receipt %zu of a batch did not fill %zu "
                   "line(s); the model has %zu lines, %zu ready\n",
                   wrong, k, queue.orders.size(), queue.ready);
      if (const auto broken = engine.broken()) {
        std::fprintf(stderr, "%s\n", broken->c_str());
      }
    }
    require(wrong == kBatch,
            "receive_fill: every unit handed to a waiting line");
    for (const std::size_t sku : touched) {
      shop.restore(sku);
    }
  }
  finish(state, shop, timer, kBatch * k);
}

BENCH_INSTANTIATE(receive_fill, std::size_t);

} // namespace bench
