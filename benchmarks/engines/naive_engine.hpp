#pragma once

// The engine a team writes first with the standard containers: a hash map
// of SKUs, a std::list of waiting lines per SKU, and a hash map from order
// id to the order's lines, each holding the iterator of its list node (so
// a cancel unlinks in O(1)). It is written fairly, not to lose: pointers
// instead of repeated lookups, no temporary strings, completed lines leave
// the list so a receipt never walks past them. It computes no promise when
// placing an order (the library does) and keeps no metrics.

#include "../common.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bench {

template <class K> class NaiveEngine {
public:
  using Keys = K;
  using Sku = typename Keys::Sku;
  using Order = backorder::Order<typename Keys::Traits>;
  static constexpr std::string_view name = "naive";

  /// Registers a SKU.
  void add_sku(const Sku &sku, bool backorderable) {
    const bool added = skus_.try_emplace(sku).second;
    require(added, "naive: add_sku");
    skus_.find(sku)->second.backorderable = backorderable;
  }

  /// Places an order: every line or none; returns false when refused.
  bool place(const Order &order) {
    if (order.lines.empty()) {
      return false;
    }
    const auto [at, inserted] = orders_.try_emplace(order.id);
    if (!inserted) {
      return false; // the order is already open
    }
    OrderState &state = at->second;
    state.lines.reserve(order.lines.size());
    for (const auto &line : order.lines) {
      const auto sku = skus_.find(line.sku);
      if (sku == skus_.end() || line.quantity <= 0 ||
          (!sku->second.backorderable &&
           sku->second.on_hand - sku->second.reserved < line.quantity)) {
        orders_.erase(at); // nothing else has changed yet
        return false;
      }
      state.lines.push_back(LineState{&sku->second, line.quantity});
    }
    for (LineState &line : state.lines) {
      SkuState &sku = *line.sku;
      const Quantity free_units = sku.on_hand - sku.reserved;
      line.allocated = std::clamp<Quantity>(free_units, 0, line.ordered);
      sku.reserved += line.allocated;
      if (line.allocated < line.ordered) {
        line.waiting = sku.queue.insert(sku.queue.end(), &line);
        line.is_waiting = true;
      }
    }
    open_lines_ += state.lines.size();
    return true;
  }

  /// Receives units; returns the units handed to waiting lines, or -1.
  Quantity receive(const Sku &sku, Quantity units) {
    const auto at = skus_.find(sku);
    if (at == skus_.end() || units <= 0) {
      return -1;
    }
    at->second.on_hand += units;
    return hand_out(at->second);
  }

  /// Cancels an order; returns false when it is not open.
  bool cancel(OrderId id) {
    const auto at = orders_.find(id);
    if (at == orders_.end()) {
      return false;
    }
    for (LineState &line : at->second.lines) {
      if (line.is_waiting) {
        line.sku->queue.erase(line.waiting);
      }
      line.sku->reserved -= line.allocated;
      open_lines_ -= line.shipped < line.ordered ? 1U : 0U;
    }
    for (LineState &line : at->second.lines) {
      if (line.allocated > 0) {
        hand_out(*line.sku); // released units flow on to waiting lines
      }
    }
    orders_.erase(at);
    return true;
  }

  /// Ships every complete line; returns the units shipped, or -1.
  Quantity ship(OrderId id) {
    const auto at = orders_.find(id);
    if (at == orders_.end()) {
      return -1;
    }
    Quantity units = 0;
    bool open = false;
    for (LineState &line : at->second.lines) {
      if (!line.is_waiting && line.allocated > 0) {
        line.sku->on_hand -= line.allocated;
        line.sku->reserved -= line.allocated;
        line.shipped += line.allocated;
        units += line.allocated;
        line.allocated = 0;
        open_lines_ -= line.shipped == line.ordered ? 1U : 0U;
      }
      open = open || line.shipped < line.ordered;
    }
    if (units == 0) {
      return -1; // nothing to ship
    }
    if (!open) {
      orders_.erase(at);
    }
    return units;
  }

  /// Records an expected supplier delivery, kept sorted by date.
  void expect(const Sku &sku, Quantity units, TimePoint eta) {
    const auto at = skus_.find(sku);
    require(at != skus_.end(), "naive: expect");
    at->second.inbound.add(units, eta);
  }

  /// Returns when the order is expected complete (TimePoint::max() when
  /// unknown): for each waiting line, walks its queue from the front to
  /// sum the units ranked ahead, then the deliveries until they cover it.
  TimePoint promise(OrderId id) const {
    const auto at = orders_.find(id);
    require(at != orders_.end(), "naive: promise of an open order");
    std::vector<LinePromise> lines;
    lines.reserve(at->second.lines.size());
    TimePoint complete_by = TimePoint::min();
    for (const LineState &line : at->second.lines) {
      LinePromise promise{line.ordered - line.shipped - line.allocated,
                          TimePoint::min()};
      if (line.is_waiting) {
        Quantity needed = 0;
        for (auto ahead = line.sku->queue.begin();; ++ahead) {
          needed += outstanding(**ahead);
          if (ahead == line.waiting) {
            break;
          }
        }
        promise.date = line.sku->inbound.covering(needed);
      }
      complete_by = std::max(complete_by, promise.date);
      lines.push_back(promise);
    }
    benchmark::DoNotOptimize(lines.data()); // the per-line answer is built
    return complete_by;
  }

  /// Returns the number of open order lines.
  std::size_t open_lines() const { return open_lines_; }

  /// Returns nothing: the naive engine keeps no invariant checker.
  std::optional<std::string> broken() const { return std::nullopt; }

private:
  struct SkuState;
  struct LineState;

  struct LinePromise {
    Quantity backordered;
    TimePoint date;
  };

  struct SkuState {
    Quantity on_hand = 0;
    Quantity reserved = 0; ///< units allocated to open lines
    bool backorderable = true;
    std::list<LineState *> queue; ///< waiting lines, oldest first
    Deliveries inbound;
  };

  struct LineState {
    SkuState *sku = nullptr;
    Quantity ordered = 0;
    Quantity allocated = 0; ///< reserved, not shipped
    Quantity shipped = 0;
    typename std::list<LineState *>::iterator waiting{};
    bool is_waiting = false;
  };

  struct OrderState {
    std::vector<LineState> lines;
  };

  static Quantity outstanding(const LineState &line) {
    return line.ordered - line.shipped - line.allocated;
  }

  /// Hands a SKU's free units to its waiting lines, oldest first.
  static Quantity hand_out(SkuState &sku) {
    Quantity free_units = sku.on_hand - sku.reserved;
    Quantity handed = 0;
    while (free_units > 0 && !sku.queue.empty()) {
      LineState &line = *sku.queue.front();
      const Quantity given = std::min(free_units, outstanding(line));
      line.allocated += given;
      sku.reserved += given;
      free_units -= given;
      handed += given;
      if (outstanding(line) == 0) {
        sku.queue.pop_front();
        line.is_waiting = false;
      }
    }
    return handed;
  }

  std::unordered_map<Sku, SkuState> skus_;
  std::unordered_map<OrderId, OrderState> orders_;
  std::size_t open_lines_ = 0;
};

} // namespace bench
