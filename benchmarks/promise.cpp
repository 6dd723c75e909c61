// promise_query (in the standard shop) and promise_one_sku (every line
// waiting on one SKU: how the cost grows with the lines ranked ahead).

#include "shop.hpp"
#include "workloads.hpp"

#include <memory>
#include <vector>

namespace bench {

template <class Engine>
void promise_query(benchmark::State &state, std::size_t lines) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(6);
  std::vector<OrderId> asked(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (OrderId &id : asked) {
      auto &queue = shop.queue(rng.below(shop.skus()));
      id = queue.orders[queue.ready + rng.below(queue.waiting())];
    }
    TimePoint latest = TimePoint::min();
    timer.time([&] {
      for (const OrderId id : asked) {
        latest = std::max(latest, engine.promise(id));
      }
    });
    require(latest > TimePoint::min() && latest < TimePoint::max(),
            "promise_query: a known date for waiting orders");
  }
  finish(state, shop, timer, kBatch);
}

namespace {

/// Holds one SKU with `lines` waiting one-line orders (ids 1..lines) and
/// 5 expected deliveries that together cover them.
template <class Engine> struct OneSkuShop {
  explicit OneSkuShop(std::size_t count) : lines(count) {
    const auto sku = Engine::Keys::key(0);
    engine.add_sku(sku, true);
    const auto total = static_cast<Quantity>(count) * kLineUnits;
    for (int delivery = 1; delivery <= 5; ++delivery) {
      engine.expect(sku, total / 5 + kLineUnits, day(7 * delivery));
    }
    typename Engine::Order order;
    order.lines = {{sku, kLineUnits}};
    for (std::size_t id = 1; id <= count; ++id) {
      order.id = id;
      require(engine.place(order), "one SKU: place");
    }
  }

  Engine engine;
  std::size_t lines;
};

} // namespace

template <class Engine>
void promise_one_sku(benchmark::State &state, std::size_t lines) {
  static std::unique_ptr<OneSkuShop<Engine>> shop;
  if (!shop || shop->lines != lines) {
    shop.reset();
    ShopCache::clear();
    shop = std::make_unique<OneSkuShop<Engine>>(lines);
  }
  Rng rng(7);
  std::vector<OrderId> asked(kBatch);
  BatchTimer timer(state);
  for (auto _ : state) {
    for (OrderId &id : asked) {
      id = 1 + rng.below(lines);
    }
    TimePoint latest = TimePoint::min();
    timer.time([&] {
      for (const OrderId id : asked) {
        latest = std::max(latest, shop->engine.promise(id));
      }
    });
    require(latest > TimePoint::min() && latest < TimePoint::max(),
            "promise_one_sku: a known date for waiting orders");
  }
  report_items(state, timer, kBatch);
  state.counters["open_lines"] = static_cast<double>(shop->engine.open_lines());
}

BENCH_INSTANTIATE(promise_query);
BENCH_INSTANTIATE(promise_one_sku);

} // namespace bench
