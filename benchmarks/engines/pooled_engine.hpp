#pragma once

// The leanest engine this suite can think of for the naive engine's job: a
// reference point for how fast the workloads can go at all, not something
// a user would pick over the library. It does what the naive engine does
// (the same checks, the same first-come-first-served hand-out, no promise
// when placing, no events, no metrics, no rollback beyond refusing before
// anything changed) with the layout the performance issue calls "pooled,
// index-linked": every line is a 48-byte record in one vector, reused
// through a free list; a SKU's waiting lines are a doubly linked list of
// 32-bit indices through those records; an order is its first line's index
// (its lines are chained); SKUs and orders are found in open-addressing
// hash tables (linear probing, at most half full) that hold the key and the
// index side by side, so a lookup costs one cache line. Nothing is
// allocated per operation once the vectors have grown.
//
// It keeps none of what the library adds: rank order under other
// policies, handles that go stale safely, prefix sums for promises in
// O(log n), the strong guarantee against a failed allocation,
// validation of every argument with a message, events.

#include "../common.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bench {

/// Maps a key to a 32-bit index: open addressing with linear probing, at
/// most half full, deletion by shifting the following entries back (no
/// tombstones). One slot holds the key and its index.
template <class Key> class OpenTable {
public:
  /// What a lookup takes: std::string_view for string keys.
  using View = std::conditional_t<std::is_same_v<Key, std::string>,
                                  std::string_view, Key>;
  static constexpr std::uint32_t kNone = UINT32_MAX;

  /// Returns the index of `key`, or kNone.
  [[nodiscard]] std::uint32_t find(View key) const {
    if (slots_.empty()) {
      return kNone;
    }
    for (std::size_t at = home(key);; at = (at + 1) & mask_) {
      const Slot &slot = slots_[at];
      if (slot.value == kNone || slot.key == key) {
        return slot.value;
      }
    }
  }

  /// Returns the index of `key`, adding the key with index `value` when it
  /// is not there; `added` tells which.
  std::uint32_t &insert(View key, std::uint32_t value, bool &added) {
    if (2 * (size_ + 1) > slots_.size()) {
      grow();
    }
    for (std::size_t at = home(key);; at = (at + 1) & mask_) {
      Slot &slot = slots_[at];
      if (slot.value == kNone) {
        slot.key = Key(key);
        slot.value = value;
        ++size_;
        added = true;
        return slot.value;
      }
      if (slot.key == key) {
        added = false;
        return slot.value;
      }
    }
  }

  /// Removes `key`; returns its index, or kNone when it was not there.
  std::uint32_t erase(View key) {
    if (slots_.empty()) {
      return kNone;
    }
    std::size_t at = home(key);
    while (slots_[at].value != kNone && !(slots_[at].key == key)) {
      at = (at + 1) & mask_;
    }
    const std::uint32_t value = slots_[at].value;
    if (value == kNone) {
      return kNone;
    }
    // Shift back every following entry whose home is not between the hole
    // and itself, so that no probe sequence crosses an empty slot.
    std::size_t hole = at;
    for (std::size_t next = (at + 1) & mask_; slots_[next].value != kNone;
         next = (next + 1) & mask_) {
      const std::size_t wanted = home(slots_[next].key);
      if (((next - wanted) & mask_) >= ((next - hole) & mask_)) {
        slots_[hole] = std::move(slots_[next]);
        hole = next;
      }
    }
    slots_[hole].value = kNone;
    --size_;
    return value;
  }

  /// Calls `visit(index)` for every entry.
  template <class Visit> void for_each(Visit visit) const {
    for (const Slot &slot : slots_) {
      if (slot.value != kNone) {
        visit(slot.value);
      }
    }
  }

private:
  struct Slot {
    Key key{};
    std::uint32_t value = kNone;
  };

  [[nodiscard]] std::size_t home(View key) const {
    std::uint64_t hash = 0;
    if constexpr (std::is_same_v<Key, std::string>) {
      hash = std::hash<std::string_view>{}(key);
    } else {
      hash = static_cast<std::uint64_t>(key);
    }
    return static_cast<std::size_t>((hash * 0x9e3779b97f4a7c15ULL) >> shift_);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::size_t capacity = std::max<std::size_t>(16, 2 * old.size());
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64U - static_cast<unsigned>(std::countr_zero(capacity));
    for (Slot &slot : old) {
      if (slot.value != kNone) {
        std::size_t at = home(slot.key);
        while (slots_[at].value != kNone) {
          at = (at + 1) & mask_;
        }
        slots_[at] = std::move(slot);
      }
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
};

template <class K> class PooledEngine {
public:
  using Keys = K;
  using Sku = typename Keys::Sku;
  using Order = backorder::Order<typename Keys::Traits>;
  static constexpr std::string_view name = "pooled";

  /// Registers a SKU.
  void add_sku(const Sku &sku, bool backorderable) {
    bool added = false;
    sku_index_.insert(sku, static_cast<std::uint32_t>(skus_.size()), added);
    require(added, "pooled: add_sku");
    skus_.push_back(SkuState{});
    skus_.back().backorderable = backorderable;
  }

  /// Places an order: every line or none; returns false when refused.
  bool place(const Order &order) {
    if (order.lines.empty()) {
      return false;
    }
    bool added = false;
    std::uint32_t &first = orders_.insert(order.id, kNone, added);
    if (!added) {
      return false; // the order is already open
    }
    scratch_.clear();
    for (const auto &line : order.lines) {
      const std::uint32_t sku = sku_index_.find(line.sku);
      if (sku == kNone || line.quantity <= 0 ||
          (!skus_[sku].backorderable &&
           skus_[sku].on_hand - skus_[sku].reserved < line.quantity)) {
        orders_.erase(order.id); // nothing else has changed yet
        return false;
      }
      scratch_.push_back(Found{sku});
    }
    std::uint32_t previous = kNone;
    for (std::size_t index = 0; index < scratch_.size(); ++index) {
      const std::uint32_t at = take_line();
      Line &line = lines_[at];
      SkuState &sku = skus_[scratch_[index].sku];
      line.ordered = order.lines[index].quantity;
      line.allocated =
          std::clamp<Quantity>(sku.on_hand - sku.reserved, 0, line.ordered);
      line.shipped = 0;
      line.sku = scratch_[index].sku;
      line.next_in_order = kNone;
      sku.reserved += line.allocated;
      line.waiting = line.allocated < line.ordered;
      if (line.waiting) {
        line.prev = sku.tail;
        line.next = kNone;
        (sku.tail == kNone ? sku.head : lines_[sku.tail].next) = at;
        sku.tail = at;
      }
      (previous == kNone ? first : lines_[previous].next_in_order) = at;
      previous = at;
    }
    open_lines_ += scratch_.size();
    return true;
  }

  /// Receives units; returns the units handed to waiting lines, or -1.
  Quantity receive(const Sku &sku, Quantity units) {
    const std::uint32_t at = sku_index_.find(sku);
    if (at == kNone || units <= 0) {
      return -1;
    }
    skus_[at].on_hand += units;
    return hand_out(skus_[at]);
  }

  /// Cancels an order; returns false when it is not open.
  bool cancel(OrderId id) {
    const std::uint32_t first = orders_.erase(id);
    if (first == kNone) {
      return false;
    }
    for (std::uint32_t at = first; at != kNone;) {
      Line &line = lines_[at];
      SkuState &sku = skus_[line.sku];
      if (line.waiting) {
        unlink(sku, line);
      }
      sku.reserved -= line.allocated;
      open_lines_ -= line.shipped < line.ordered ? 1U : 0U;
      at = line.next_in_order;
    }
    for (std::uint32_t at = first; at != kNone;) {
      Line &line = lines_[at];
      const std::uint32_t next = line.next_in_order;
      if (line.allocated > 0) {
        hand_out(skus_[line.sku]); // released units flow on
      }
      line.next_in_order = free_;
      free_ = at;
      at = next;
    }
    return true;
  }

  /// Ships every complete line; returns the units shipped, or -1.
  Quantity ship(OrderId id) {
    const std::uint32_t first = orders_.find(id);
    if (first == kNone) {
      return -1;
    }
    Quantity units = 0;
    bool open = false;
    for (std::uint32_t at = first; at != kNone;) {
      Line &line = lines_[at];
      if (!line.waiting && line.allocated > 0) {
        SkuState &sku = skus_[line.sku];
        sku.on_hand -= line.allocated;
        sku.reserved -= line.allocated;
        line.shipped += line.allocated;
        units += line.allocated;
        line.allocated = 0;
        open_lines_ -= line.shipped == line.ordered ? 1U : 0U;
      }
      open = open || line.shipped < line.ordered;
      at = line.next_in_order;
    }
    if (units == 0) {
      return -1; // nothing to ship
    }
    if (!open) {
      orders_.erase(id);
      for (std::uint32_t at = first; at != kNone;) {
        const std::uint32_t next = lines_[at].next_in_order;
        lines_[at].next_in_order = free_;
        free_ = at;
        at = next;
      }
    }
    return units;
  }

  /// Records an expected supplier delivery, kept sorted by date.
  void expect(const Sku &sku, Quantity units, TimePoint eta) {
    const std::uint32_t at = sku_index_.find(sku);
    require(at != kNone, "pooled: expect");
    skus_[at].inbound.add(units, eta);
  }

  /// Returns when the order is expected complete (TimePoint::max() when
  /// unknown): as the naive engine, walks each waiting line's queue from
  /// the front to sum the units ranked ahead, then the deliveries.
  TimePoint promise(OrderId id) const {
    const std::uint32_t first = orders_.find(id);
    require(first != kNone, "pooled: promise of an open order");
    TimePoint complete_by = TimePoint::min();
    for (std::uint32_t at = first; at != kNone; at = lines_[at].next_in_order) {
      const Line &line = lines_[at];
      if (!line.waiting) {
        continue;
      }
      const SkuState &sku = skus_[line.sku];
      Quantity needed = 0;
      for (std::uint32_t ahead = sku.head;; ahead = lines_[ahead].next) {
        needed += outstanding(lines_[ahead]);
        if (ahead == at) {
          break;
        }
      }
      complete_by = std::max(complete_by, sku.inbound.covering(needed));
    }
    benchmark::DoNotOptimize(complete_by);
    return complete_by;
  }

  /// Returns the number of open order lines.
  std::size_t open_lines() const { return open_lines_; }

  /// Returns the first broken invariant, if any (slow; for smoke runs):
  /// each SKU's reserved units are its open lines' allocated units, its
  /// queue links hold together and hold exactly its waiting lines, and
  /// the open lines are counted right.
  std::optional<std::string> broken() const {
    std::vector<Quantity> reserved(skus_.size(), 0);
    std::vector<std::size_t> waiting(skus_.size(), 0);
    std::size_t open = 0;
    orders_.for_each([&](std::uint32_t first) {
      for (std::uint32_t at = first; at != kNone;
           at = lines_[at].next_in_order) {
        const Line &line = lines_[at];
        reserved[line.sku] += line.allocated;
        waiting[line.sku] += line.waiting ? 1U : 0U;
        open += line.shipped < line.ordered ? 1U : 0U;
      }
    });
    if (open != open_lines_) {
      return "pooled: open lines miscounted";
    }
    for (std::size_t index = 0; index < skus_.size(); ++index) {
      const SkuState &sku = skus_[index];
      if (sku.reserved != reserved[index] || sku.reserved < 0 ||
          sku.reserved > sku.on_hand) {
        return "pooled: reserved units of SKU #" + std::to_string(index);
      }
      std::size_t linked = 0;
      std::uint32_t previous = kNone;
      for (std::uint32_t at = sku.head; at != kNone; at = lines_[at].next) {
        const Line &line = lines_[at];
        if (line.prev != previous || !line.waiting || line.sku != index ||
            outstanding(line) <= 0) {
          return "pooled: queue of SKU #" + std::to_string(index);
        }
        previous = at;
        ++linked;
      }
      if (previous != sku.tail || linked != waiting[index]) {
        return "pooled: queue ends of SKU #" + std::to_string(index);
      }
    }
    return std::nullopt;
  }

private:
  static constexpr std::uint32_t kNone = OpenTable<OrderId>::kNone;

  struct Line {
    Quantity ordered = 0;
    Quantity allocated = 0; ///< reserved, not shipped
    Quantity shipped = 0;
    std::uint32_t sku = 0;
    std::uint32_t prev = kNone; ///< queue links, while waiting
    std::uint32_t next = kNone;
    std::uint32_t next_in_order = kNone; ///< also the free list's link
    bool waiting = false;
  };

  struct SkuState {
    Quantity on_hand = 0;
    Quantity reserved = 0;      ///< units allocated to open lines
    std::uint32_t head = kNone; ///< oldest waiting line
    std::uint32_t tail = kNone;
    bool backorderable = true;
    Deliveries inbound;
  };

  static Quantity outstanding(const Line &line) {
    return line.ordered - line.shipped - line.allocated;
  }

  std::uint32_t take_line() {
    if (free_ == kNone) {
      lines_.emplace_back();
      return static_cast<std::uint32_t>(lines_.size() - 1);
    }
    const std::uint32_t at = free_;
    free_ = lines_[at].next_in_order;
    return at;
  }

  void unlink(SkuState &sku, Line &line) {
    (line.prev == kNone ? sku.head : lines_[line.prev].next) = line.next;
    (line.next == kNone ? sku.tail : lines_[line.next].prev) = line.prev;
    line.waiting = false;
  }

  /// Hands a SKU's free units to its waiting lines, oldest first.
  Quantity hand_out(SkuState &sku) {
    Quantity free_units = sku.on_hand - sku.reserved;
    Quantity handed = 0;
    while (free_units > 0 && sku.head != kNone) {
      Line &line = lines_[sku.head];
      const Quantity given = std::min(free_units, outstanding(line));
      line.allocated += given;
      sku.reserved += given;
      free_units -= given;
      handed += given;
      if (outstanding(line) == 0) {
        sku.head = line.next;
        (sku.head == kNone ? sku.tail : lines_[sku.head].prev) = kNone;
        line.waiting = false;
      }
    }
    return handed;
  }

  OpenTable<Sku> sku_index_;
  std::vector<SkuState> skus_;
  OpenTable<OrderId> orders_;
  std::vector<Line> lines_;
  std::uint32_t free_ = kNone; ///< first free line, chained by next_in_order
  /// The order's SKUs, while placing. A type of its own: with a plain
  /// std::vector<std::uint32_t>, g++ 12 builds this engine's place 8
  /// instructions longer (callgrind, bench_ops at 100,000 lines), even in
  /// a translation unit of its own; and when the benchmarks put every
  /// engine in one, a shared instantiation changed how g++ inlined the
  /// library's (21 more instructions per place).
  struct Found {
    std::uint32_t sku;
  };
  std::vector<Found> scratch_;
  std::size_t open_lines_ = 0;
};

} // namespace bench
