#pragma once

// The shop every workload runs in, and the loop that times a workload.
//
// A shop with N open lines has N / 100 back-ordered SKUs, each with 100
// open one-line orders of 2 units: the first 10 are complete (allocated,
// ready to ship), the other 90 wait, oldest first, and 3 supplier
// deliveries are expected for each SKU. As many SKUs again are in stock
// (plenty of free units, nobody waiting). Lines were placed round-robin
// over the SKUs in a shuffled order, so the lines of a SKU are not
// neighbours in memory, as in a live shop.
//
// Every engine serves waiting lines first come, first served, so the shop
// keeps its own model of each back-ordered SKU (its order ids, oldest
// first, and how many are ready) and knows what every operation will do.
// A workload times a batch of operations, then restores every SKU it
// touched to the standard shape (untimed), so the number of open lines
// stays within one batch of N however long it runs.

#include "common.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bench {

inline constexpr std::size_t kDepth = 100; ///< open lines per back-ordered SKU
inline constexpr std::size_t kReady = 10;  ///< of which complete
inline constexpr Quantity kLineUnits = 2;  ///< units per line
inline constexpr std::size_t kBatch = 64;  ///< operations timed together
inline constexpr std::size_t kDeliveries = 3;
inline constexpr Quantity kDeliveryUnits = 200; ///< covers every line ahead
inline constexpr Quantity kFreeStock = Quantity{1} << 40;

/// Holds an engine and the model of its back-ordered SKUs.
template <class Engine> class Shop {
public:
  using Keys = typename Engine::Keys;
  using Sku = typename Keys::Sku;
  using Order = typename Engine::Order;

  struct Queue {
    std::deque<OrderId> orders; ///< oldest first
    std::size_t ready = 0;      ///< the first `ready` are complete

    [[nodiscard]] std::size_t waiting() const { return orders.size() - ready; }
  };

  /// Builds a shop with `lines` open lines (a multiple of kDepth).
  explicit Shop(std::size_t lines) : lines_(lines) {
    const std::size_t skus = std::max<std::size_t>(1, lines / kDepth);
    backlog_.reserve(skus);
    in_stock_.reserve(skus);
    for (std::size_t index = 0; index < skus; ++index) {
      backlog_.push_back(Keys::key(2 * index));
      in_stock_.push_back(Keys::key(2 * index + 1));
    }
    queues_.resize(skus);
    order_.lines.resize(1);
    order_.lines[0].quantity = kLineUnits;

    Rng rng(0x5eed);
    std::vector<std::size_t> shuffled(skus);
    for (std::size_t index = 0; index < skus; ++index) {
      shuffled[index] = index;
    }
    for (std::size_t index = skus; index > 1; --index) {
      std::swap(shuffled[index - 1], shuffled[rng.below(index)]);
    }
    for (std::size_t index = 0; index < skus; ++index) {
      engine_.add_sku(backlog_[shuffled[index]], true);
      engine_.add_sku(in_stock_[shuffled[index]], true);
      require(engine_.receive(in_stock_[shuffled[index]], kFreeStock) == 0,
              "stock for an in-stock SKU");
      for (std::size_t delivery = 1; delivery <= kDeliveries; ++delivery) {
        engine_.expect(backlog_[shuffled[index]], kDeliveryUnits,
                       day(7 * static_cast<int>(delivery)));
      }
    }
    for (std::size_t round = 0; round < kDepth; ++round) {
      for (const std::size_t sku : shuffled) {
        place_waiting(sku);
      }
    }
    for (const std::size_t sku : shuffled) {
      restore(sku);
    }
    require(engine_.open_lines() == lines, "shop built with N open lines");
  }

  Shop(const Shop &) = delete;
  Shop &operator=(const Shop &) = delete;

  [[nodiscard]] Engine &engine() { return engine_; }
  [[nodiscard]] std::size_t lines() const { return lines_; }
  [[nodiscard]] std::size_t skus() const { return backlog_.size(); }
  [[nodiscard]] const Sku &backlog_sku(std::size_t sku) const {
    return backlog_[sku];
  }
  [[nodiscard]] const Sku &in_stock_sku(std::size_t sku) const {
    return in_stock_[sku];
  }
  [[nodiscard]] Queue &queue(std::size_t sku) { return queues_[sku]; }
  /// Returns a fresh order id.
  OrderId next_id() { return next_id_++; }

  /// Places a one-line order that waits at the back of a SKU's queue.
  void place_waiting(std::size_t sku) {
    order_.id = next_id();
    order_.lines[0].sku = backlog_[sku];
    require(engine_.place(order_), "place a back order");
    queues_[sku].orders.push_back(order_.id);
  }

  /// Brings a back-ordered SKU back to the standard shape: kDepth open
  /// lines, the first kReady complete, no free stock.
  void restore(std::size_t sku) {
    Queue &queue = queues_[sku];
    while (queue.ready > kReady) {
      require(engine_.ship(queue.orders.front()) == kLineUnits, "ship");
      queue.orders.pop_front();
      --queue.ready;
    }
    while (queue.orders.size() > kDepth) {
      require(engine_.cancel(queue.orders.back()), "cancel");
      queue.orders.pop_back();
    }
    while (queue.orders.size() < kDepth) {
      place_waiting(sku);
    }
    while (queue.ready < kReady) {
      require(engine_.receive(backlog_[sku], kLineUnits) == kLineUnits,
              "receive");
      ++queue.ready;
    }
  }

private:
  Engine engine_;
  std::size_t lines_;
  std::vector<Sku> backlog_;
  std::vector<Sku> in_stock_;
  std::vector<Queue> queues_;
  Order order_;
  OrderId next_id_ = 1;
};

/// Keeps the shops of one (SKU type, size) alive across benchmarks, so a
/// 10,000,000-line shop is built once for all its workloads.
class ShopCache {
public:
  /// Returns the shop of `Engine` with `lines` lines, building it (and
  /// dropping shops of other sizes or key types) when needed.
  template <class Engine> static Shop<Engine> &get(std::size_t lines) {
    static std::unique_ptr<Shop<Engine>> shop;
    const std::string key =
        std::string(Engine::Keys::name) + "/" + std::to_string(lines);
    if (key != current()) {
      clear();
      current() = key;
    }
    if (!shop) {
      shop = std::make_unique<Shop<Engine>>(lines);
      droppers().push_back([] { shop.reset(); });
    }
    return *shop;
  }

  /// Drops every cached shop.
  static void clear() {
    for (auto &drop : droppers()) {
      drop();
    }
    droppers().clear();
    current().clear();
  }

private:
  static std::string &current() {
    static std::string key;
    return key;
  }
  static std::vector<std::function<void()>> &droppers() {
    static std::vector<std::function<void()>> list;
    return list;
  }
};

/// Times batches of operations with a steady clock: each batch is one
/// benchmark iteration, reported with SetIterationTime (the benchmarks use
/// manual time), so the untimed planning and restoring between batches
/// count for nothing. It keeps every batch's time for a median.
class BatchTimer {
public:
  explicit BatchTimer(benchmark::State &state) : state_(state) {
    samples_.reserve(1U << 16U);
  }

  /// Runs and times one batch.
  template <class Run> void time(Run &&run) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const auto stop = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(stop - start).count();
    state_.SetIterationTime(seconds);
    total_ += seconds;
    samples_.push_back(seconds);
  }

  /// Returns the seconds timed in all.
  [[nodiscard]] double total() const { return total_; }

  /// Returns the median time of a batch, in seconds.
  [[nodiscard]] double median() {
    if (samples_.empty()) {
      return 0;
    }
    const auto middle =
        samples_.begin() + static_cast<std::ptrdiff_t>(samples_.size() / 2);
    std::nth_element(samples_.begin(), middle, samples_.end());
    return *middle;
  }

private:
  benchmark::State &state_;
  double total_ = 0;
  std::vector<double> samples_;
};

/// Reports the time per item from the timed batches only:
///  - ns_per_item: the median batch's time per item. A batch lasts a few
///    microseconds, so the rare batch that an interrupt or another process
///    preempts is an outlier the median ignores; on a shared machine the
///    mean is mostly such waits.
///  - items_per_second: 1e9 / ns_per_item (what compare.py pairs).
///  - ns_per_item_mean: the mean, preemptions included (it is also the
///    console's Time column divided by the items per batch).
inline void report_items(benchmark::State &state, BatchTimer &timer,
                         std::size_t items_per_batch) {
  const double per_batch = static_cast<double>(items_per_batch);
  const double items = static_cast<double>(state.iterations()) * per_batch;
  const double median = timer.median() * 1e9 / per_batch;
  state.counters["ns_per_item"] = median;
  state.counters["items_per_second"] = median > 0 ? 1e9 / median : 0;
  state.counters["ns_per_item_mean"] =
      items > 0 ? timer.total() * 1e9 / items : 0;
}

/// Reports the items done and the open lines at the end, and checks the
/// engine's bookkeeping in small shops.
template <class Engine>
void finish(benchmark::State &state, Shop<Engine> &shop, BatchTimer &timer,
            std::size_t items_per_iteration) {
  report_items(state, timer, items_per_iteration);
  state.counters["open_lines"] =
      static_cast<double>(shop.engine().open_lines());
  require(shop.engine().open_lines() == shop.lines(),
          "open lines back to N after the benchmark");
  if (shop.lines() <= 1000) {
    if (const auto broken = shop.engine().broken()) {
      std::fprintf(stderr, "%s\n", broken->c_str());
      require(false, "engine invariants");
    }
  }
}

} // namespace bench
