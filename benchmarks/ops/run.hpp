// The workloads of bench_ops (see ops.cpp) for one engine. Each engine's
// runner is compiled in a translation unit of its own (backorder.cpp,
// naive.cpp, pooled.cpp), with only its engine's header, so that no
// engine's code changes how the compiler builds another's: the counts of
// count.sh for one engine do not move when another engine changes.

#pragma once

#include "../shop.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace bench::ops {

/// Measured calls so far, across engines (bench_ops runs one).
inline std::size_t measured_calls = 0;

/// Runs `batches` batches of `workload` on one engine, with integer SKUs
/// or string ones (ops.cpp checks the arguments).
using Runner = void (*)(bool integer_skus, std::size_t lines,
                        std::string_view workload, std::size_t batches);
void run_backorder(bool integer_skus, std::size_t lines,
                   std::string_view workload, std::size_t batches);
void run_naive(bool integer_skus, std::size_t lines, std::string_view workload,
               std::size_t batches);
void run_pooled(bool integer_skus, std::size_t lines, std::string_view workload,
                std::size_t batches);

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

/// Runs `Engine` with the SKU keys asked for.
template <template <class> class Engine>
void run_with_keys(bool integer_skus, std::size_t lines,
                   std::string_view workload, std::size_t batches) {
  if (integer_skus) {
    run<Engine<IntegerSkus>>(lines, workload, batches);
  } else {
    run<Engine<StringSkus>>(lines, workload, batches);
  }
}

} // namespace bench::ops
