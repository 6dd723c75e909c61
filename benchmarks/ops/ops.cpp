// bench_ops: runs one workload of the suite on one engine, outside Google
// Benchmark, so that a tool such as callgrind can count what each
// operation costs: every measured call goes through one function that is
// never inlined (`measured_place`, `measured_receive`, `measured_cancel`,
// `measured_ship`), which `count.sh` passes to callgrind's --toggle-collect.
// Instruction and
// cache-miss counts are deterministic, where wall-clock times on a shared
// machine are not (docs/performance.md).
//
//   bench_ops ENGINE SKUS LINES WORKLOAD BATCHES
//     ENGINE    backorder | naive | pooled
//     SKUS      integer | string
//     WORKLOAD  place_backordered | place_allocated | receive_fill_1 |
//               receive_fill_8 | cancel_middle | ship_ready
//               (receive_fill_k: a receipt that completes the k oldest
//               waiting lines)
//
// It builds the benchmarks' shop with LINES open lines, runs BATCHES
// batches of 64 operations (restoring the shop after each batch, as the
// benchmarks do), and prints the number of measured calls.

#include "../engines/backorder_engine.hpp"
#include "../engines/naive_engine.hpp"
#include "../engines/pooled_engine.hpp"
#include "../shop.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace bench {
namespace {

std::size_t measured_calls = 0;

template <class Engine>
[[gnu::noinline]] bool measured_place(Engine &engine,
                                      const typename Engine::Order &order) {
  ++measured_calls;
  return engine.place(order);
}

template <class Engine>
[[gnu::noinline]] Quantity measured_receive(Engine &engine,
                                            const typename Engine::Sku &sku,
                                            Quantity units) {
  ++measured_calls;
  return engine.receive(sku, units);
}

template <class Engine>
[[gnu::noinline]] bool measured_cancel(Engine &engine, OrderId id) {
  ++measured_calls;
  return engine.cancel(id);
}

template <class Engine>
[[gnu::noinline]] Quantity measured_ship(Engine &engine, OrderId id) {
  ++measured_calls;
  return engine.ship(id);
}

/// Runs `batches` batches of `workload`, planned as the benchmark of the
/// same name plans them.
template <class Engine>
void run(std::size_t lines, std::string_view workload, std::size_t batches) {
  Shop<Engine> shop(lines);
  Engine &engine = shop.engine();
  Rng rng(1);
  typename Engine::Order order;
  std::vector<std::size_t> touched;
  std::vector<OrderId> ids;
  for (std::size_t batch = 0; batch < batches; ++batch) {
    touched.clear();
    ids.clear();
    for (std::size_t op = 0; op < kBatch; ++op) {
      std::size_t sku = rng.below(shop.skus());
      if (workload == "place_backordered") {
        order.id = shop.next_id();
        order.lines.assign(1, {shop.backlog_sku(sku), kLineUnits});
        shop.queue(sku).orders.push_back(order.id);
        require(measured_place(engine, order), "place_backordered");
        touched.push_back(sku);
      } else if (workload == "place_allocated") {
        order.id = shop.next_id();
        order.lines.clear();
        for (std::size_t line = 0; line < 3; ++line) {
          order.lines.push_back(
              {shop.in_stock_sku((sku + line) % shop.skus()), Quantity{1}});
        }
        require(measured_place(engine, order), "place_allocated");
        ids.push_back(order.id);
      } else if (workload == "receive_fill_1" || workload == "receive_fill_8") {
        const std::size_t k = workload == "receive_fill_1" ? 1 : 8;
        while (shop.queue(sku).waiting() < k) {
          sku = rng.below(shop.skus());
        }
        shop.queue(sku).ready += k;
        const Quantity units = static_cast<Quantity>(k) * kLineUnits;
        require(measured_receive(engine, shop.backlog_sku(sku), units) == units,
                "receive_fill");
        touched.push_back(sku);
      } else if (workload == "cancel_middle") {
        while (shop.queue(sku).waiting() == 0) {
          sku = rng.below(shop.skus());
        }
        auto &queue = shop.queue(sku);
        const auto middle =
            queue.orders.begin() +
            static_cast<std::ptrdiff_t>(queue.ready + queue.waiting() / 2);
        const OrderId id = *middle;
        queue.orders.erase(middle);
        require(measured_cancel(engine, id), "cancel_middle");
        touched.push_back(sku);
      } else if (workload == "ship_ready") {
        while (shop.queue(sku).ready == 0) {
          sku = rng.below(shop.skus());
        }
        auto &queue = shop.queue(sku);
        const OrderId id = queue.orders.front();
        queue.orders.pop_front();
        --queue.ready;
        require(measured_ship(engine, id) == kLineUnits, "ship_ready");
        touched.push_back(sku);
      } else {
        require(false, "a workload bench_ops knows");
      }
    }
    for (const OrderId id : ids) {
      require(engine.cancel(id), "cancel a placed order");
    }
    for (const std::size_t sku : touched) {
      shop.restore(sku);
    }
  }
  require(engine.open_lines() == lines, "open lines back to N");
}

template <class Keys>
void run_engine(std::string_view engine, std::size_t lines,
                std::string_view workload, std::size_t batches) {
  if (engine == "backorder") {
    run<BackorderEngine<Keys>>(lines, workload, batches);
  } else if (engine == "naive") {
    run<NaiveEngine<Keys>>(lines, workload, batches);
  } else if (engine == "pooled") {
    run<PooledEngine<Keys>>(lines, workload, batches);
  } else {
    require(false, "an engine bench_ops knows (backorder, naive, pooled)");
  }
}

} // namespace
} // namespace bench

int main(int argc, char **argv) {
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: %s backorder|naive|pooled integer|string LINES "
                 "WORKLOAD BATCHES\n",
                 argv[0]);
    return 2;
  }
  const std::string_view engine = argv[1];
  const std::string_view skus = argv[2];
  const auto lines =
      static_cast<std::size_t>(std::strtoull(argv[3], nullptr, 10));
  const std::string_view workload = argv[4];
  const auto batches =
      static_cast<std::size_t>(std::strtoull(argv[5], nullptr, 10));
  if (lines == 0 || lines % bench::kDepth != 0) {
    std::fprintf(stderr, "LINES must be a positive multiple of %zu\n",
                 bench::kDepth);
    return 2;
  }
  if (skus == "integer") {
    bench::run_engine<bench::IntegerSkus>(engine, lines, workload, batches);
  } else if (skus == "string") {
    bench::run_engine<bench::StringSkus>(engine, lines, workload, batches);
  } else {
    std::fprintf(stderr, "SKUS must be integer or string\n");
    return 2;
  }
  std::printf("%zu measured calls\n", bench::measured_calls);
  return 0;
}
