// mixed: a shop's day on the back-ordered SKUs. Of every 10 operations, 6
// place a one-line order, 2 receive units that complete the oldest waiting
// line, 1 cancels a waiting line from the middle and 1 ships a complete
// order, on random SKUs, in random order.

#include "shop.hpp"
#include "workloads.hpp"

#include <vector>

namespace bench {

namespace {

enum class Kind { Place, Receive, Cancel, Ship };

struct Operation {
  Kind kind = Kind::Place;
  std::size_t sku = 0;
  OrderId id = 0;
};

} // namespace

template <class Engine> void mixed(benchmark::State &state, std::size_t lines) {
  auto &shop = ShopCache::get<Engine>(lines);
  auto &engine = shop.engine();
  Rng rng(8);
  std::vector<Operation> operations(kBatch);
  std::vector<typename Engine::Order> orders(kBatch);
  for (auto &order : orders) {
    order.lines.resize(1);
    order.lines[0].quantity = kLineUnits;
  }
  const auto pick = [&](auto &&usable) {
    std::size_t sku = 0;
    do {
      sku = rng.below(shop.skus());
    } while (!usable(shop.queue(sku)));
    return sku;
  };
  using Queue = typename Shop<Engine>::Queue;
  BatchTimer timer(state);
  for (auto _ : state) {
    for (std::size_t op = 0; op < kBatch; ++op) {
      Operation &operation = operations[op];
      const std::size_t roll = rng.below(10);
      if (roll < 6) {
        operation = {Kind::Place, pick([](const Queue &) { return true; }),
                     shop.next_id()};
        orders[op].id = operation.id;
        orders[op].lines[0].sku = shop.backlog_sku(operation.sku);
        shop.queue(operation.sku).orders.push_back(operation.id);
      } else if (roll < 8) {
        operation = {
            Kind::Receive,
            pick([](const Queue &queue) { return queue.waiting() > 0; }), 0};
        ++shop.queue(operation.sku).ready;
      } else if (roll < 9) {
        operation = {
            Kind::Cancel,
            pick([](const Queue &queue) { return queue.waiting() > 0; }), 0};
        auto &queue = shop.queue(operation.sku);
        const auto middle =
            queue.orders.begin() +
            static_cast<std::ptrdiff_t>(queue.ready + queue.waiting() / 2);
        operation.id = *middle;
        queue.orders.erase(middle);
      } else {
        operation = {Kind::Ship,
                     pick([](const Queue &queue) { return queue.ready > 0; }),
                     0};
        auto &queue = shop.queue(operation.sku);
        operation.id = queue.orders.front();
        queue.orders.pop_front();
        --queue.ready;
      }
    }
    bool done = true;
    timer.time([&] {
      for (std::size_t op = 0; op < kBatch; ++op) {
        const Operation &operation = operations[op];
        switch (operation.kind) {
        case Kind::Place:
          done = engine.place(orders[op]) && done;
          break;
        case Kind::Receive:
          done = engine.receive(shop.backlog_sku(operation.sku), kLineUnits) ==
                     kLineUnits &&
                 done;
          break;
        case Kind::Cancel:
          done = engine.cancel(operation.id) && done;
          break;
        case Kind::Ship:
          done = engine.ship(operation.id) == kLineUnits && done;
          break;
        }
      }
    });
    require(done, "mixed: every operation did what the model expects");
    for (const Operation &operation : operations) {
      shop.restore(operation.sku);
    }
  }
  finish(state, shop, timer, kBatch);
}

BENCH_INSTANTIATE(mixed);

} // namespace bench
