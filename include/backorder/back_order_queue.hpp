#pragma once

#include "config.hpp"
#include "detail/arithmetic.hpp"
#include "detail/inline_vector.hpp"
#include "detail/min_tree.hpp"
#include "detail/pool.hpp"
#include "detail/prefix_sums.hpp"
#include "fwd.hpp"
#include "policies/policy.hpp"
#include "traits.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Holds the open lines of one SKU, ranked by an allocation policy, and
/// hands arriving units to the waiting ones. It keeps no stock count, so a
/// host that counts stock elsewhere can use it alone.
///
/// Lines of equal rank form a level, kept as an index-linked list in
/// arrival order and numbered by position in that order (a line's slot by
/// position lets a hand-out fetch the lines it will serve ahead); levels
/// are kept from the highest rank down. Within a level, the lines that are
/// complete come first, then at most one partly served line, then lines
/// that hold nothing: a cursor marks the first line still waiting, so
/// serving never walks past a complete line.
template <class Policy, class Traits> class BackOrderQueue {
  static_assert(InventoryTraits<Traits>,
                "backorder: Traits must name Sku, OrderId, a signed integral "
                "Quantity and Clock (see DefaultTraits)");
  static_assert(detail::check_policy<Policy>());

public:
  using policy_type = Policy;
  using traits_type = Traits;
  using Quantity = typename Traits::Quantity;
  using OrderId = typename Traits::OrderId;

  static constexpr std::uint32_t npos = 0xffffffffU;
  /// How the policy hands out units.
  static constexpr HandOut hand_out = detail::hand_out_of<Policy>();
  /// True when lines are completed one by one in rank order, so that the
  /// units ahead of a line are a prefix sum (Fifo, Priority, PartialFill).
  static constexpr bool ranks_and_fills = hand_out == HandOut::RankOrder;

  /// Identifies a line in the queue; stale once the line has left it.
  struct Handle {
    std::uint32_t slot = npos;
    std::uint32_t generation = 0;

    friend bool operator==(Handle, Handle) = default;
  };

  /// Describes one line held by the queue.
  struct Line {
    OrderId order_id{};     ///< the order the line belongs to
    std::uint32_t tag = 0;  ///< the host's own number for the line
    Quantity requested = 0; ///< units still to deliver (ordered - shipped)
    Quantity allocated = 0; ///< units reserved for the line, not yet shipped
    std::int64_t rank = 0;  ///< the policy's rank for the line

    /// Returns the units the line still waits for.
    [[nodiscard]] Quantity outstanding() const noexcept {
      return requested - allocated;
    }
    /// Returns true when every requested unit is allocated.
    [[nodiscard]] bool complete() const noexcept {
      return allocated == requested;
    }
  };

  /// Makes an empty queue.
  BackOrderQueue() = default;
  /// Makes an empty queue ranked by `policy`.
  explicit BackOrderQueue(Policy policy) : policy_(std::move(policy)) {}

  /// Makes room for `count` more lines, so that as many pushes into
  /// existing levels never allocate (`reserve_push` also covers a push that
  /// opens a level).
  void reserve_more(std::size_t count) {
    entries_.reserve_more(count);
    // Levels are large and most queues have one: grow from one.
    detail::reserve_geometric(levels_, levels_.size() + count, 1);
    detail::reserve_geometric(spare_levels_,
                              levels_.size() + spare_levels_.size() + count, 1);
  }

  /// Makes room for a line of `quantity` units at `priority`, its level's
  /// storage included, as one of `count` lines to be pushed: called for
  /// each of them (with the same `count`) before the first push, it makes
  /// sure that none of those pushes allocates. O(log levels), amortised.
  void reserve_push(Quantity quantity, int priority, std::size_t count) {
    entries_.reserve_more(count);
    const std::int64_t rank = rank_of(quantity, priority);
    open_first_level();
    if (levels_.size() == 1 && levels_.front().live == 0) {
      reserve_level(levels_.front(), count); // push reuses the only level
      if (count == 1) {
        return;
      }
      // Lines of other ranks may follow: keep spare levels too.
    } else if (const auto level = find_level(rank);
               level != levels_.end() && level->rank == rank) {
      reserve_level(*level, level->requested.size() + count);
      return;
    }
    // A new level takes the last spare level: keep `count` of them ready.
    detail::reserve_geometric(levels_, levels_.size() + count, 1);
    detail::reserve_geometric(
        spare_levels_, levels_.size() + spare_levels_.size() + 2 * count, 1);
    while (spare_levels_.size() < count) {
      spare_levels_.insert(spare_levels_.begin(), Level{});
    }
    for (std::size_t at = spare_levels_.size() - count;
         at < spare_levels_.size(); ++at) {
      reserve_level(spare_levels_[at], count);
    }
  }

  /// Makes room for the scratch space of a hand-out with up to
  /// `more_lines` more lines waiting, so that `fill` never allocates.
  void reserve_fill(std::size_t more_lines = 0) {
    if constexpr (hand_out == HandOut::ProRata) {
      detail::reserve_geometric(shares_, waiting_ + more_lines);
    }
    static_cast<void>(more_lines);
  }

  /// Adds a line that waits for `quantity` units (which must be positive)
  /// behind every line ranked ahead of or equal to it. The FirstFit and
  /// ProRata hand-outs keep arrival order and ignore the rank. O(log
  /// levels + log lines of the level).
  Handle push(OrderId order_id, Quantity quantity, int priority = 0,
              std::uint32_t tag = 0) {
    BACKORDER_ASSERT(quantity > 0, "a line must request a positive quantity");
    const std::int64_t rank = rank_of(quantity, priority);
    entries_.reserve_more(1);
    open_first_level();
    auto level = levels_.begin();
    if (levels_.size() == 1 && level->live == 0) {
      level->rank = rank; // the only level, empty: it takes the rank
    } else if (level = find_level(rank);
               level == levels_.end() || level->rank != rank) {
      const auto at = level - levels_.begin();
      reserve_more(1); // room for the level, and to keep it when it empties
      level = levels_.begin() + at;
      // Reuse an emptied level, so that its storage is not allocated again.
      Level fresh;
      if (!spare_levels_.empty()) {
        fresh = std::move(spare_levels_.back());
        spare_levels_.pop_back();
        clear_storage(fresh);
      }
      fresh.rank = rank;
      level = levels_.insert(level, std::move(fresh));
    }
    if (level->requested.size() >= 32 &&
        level->requested.size() >= 2 * std::size_t{level->live}) {
      renumber(*level);
    }
    const std::uint32_t slot = entries_.acquire();
    Entry &entry = entries_[slot];
    entry.line.order_id = order_id;
    entry.line.tag = tag;
    entry.line.requested = quantity;
    entry.line.allocated = 0;
    entry.line.rank = rank;
    entry.live = true;
    entry.position = static_cast<std::uint32_t>(level->requested.size());
    entry.skips = 0;
    level->requested.push_back(static_cast<Units>(quantity));
    level->slots.push_back(slot);
    if constexpr (hand_out == HandOut::FirstFit) {
      level->fit.outstanding.push_back(static_cast<Units>(quantity));
    }
    level->outstanding += static_cast<Units>(quantity);
    ++level->live;
    entry.prev = level->tail;
    entry.next = npos;
    if (level->tail != npos) {
      entries_[level->tail].next = slot;
    } else {
      level->head = slot;
    }
    level->tail = slot;
    if (ranks_and_fills && level->cursor == npos) {
      level->cursor = slot;
    }
    ++waiting_;
    outstanding_ += static_cast<Units>(quantity);
    return Handle{slot, entry.generation};
  }

  /// Hands up to `units` to waiting lines by the policy's rule and returns
  /// the units handed out. Calls `on_fill(handle, line, units_given)` for
  /// each line served, after the queue is updated; it must not change the
  /// queue. RankOrder: completes lines in rank order, O(lines served +
  /// levels). FirstFit: O(log n) per line served. ProRata: O(waiting lines)
  /// when the units cover every line, else O(n log n) for the remainders.
  template <class OnFill> Quantity fill(Quantity units, OnFill &&on_fill) {
    if constexpr (hand_out == HandOut::FirstFit) {
      return fill_first_fit(units, on_fill);
    } else if constexpr (hand_out == HandOut::ProRata) {
      return fill_pro_rata(units, on_fill);
    } else {
      return fill_in_rank_order(units, on_fill);
    }
  }

  /// Returns the units a new line of `quantity` would receive if pushed
  /// now with `forecast.available` units free, and updates the forecast as
  /// the push would: call it line by line, starting from `forecast(free)`.
  /// O(1), or O(log n) to find the oldest waiting line under FirstFit.
  struct Forecast {
    Quantity available = 0;
    bool oldest_waits = false;      ///< FirstFit: some line waits already
    std::uint32_t oldest_skips = 0; ///< FirstFit: how often it was skipped
  };
  [[nodiscard]] Forecast forecast(Quantity available) const noexcept {
    Forecast forecast{available, false, 0};
    if constexpr (hand_out == HandOut::FirstFit) {
      for (const Level &level : levels_) {
        const std::size_t oldest =
            level.fit.outstanding.first_at_most(waiting_mark);
        if (oldest != MinTree::npos) {
          forecast.oldest_waits = true;
          forecast.oldest_skips = entries_[level.slots[oldest]].skips;
          break;
        }
      }
    }
    return forecast;
  }
  [[nodiscard]] Quantity predict(Forecast &forecast,
                                 Quantity quantity) const noexcept {
    if constexpr (hand_out == HandOut::FirstFit) {
      const bool blocked =
          forecast.oldest_waits && forecast.oldest_skips >= policy_.max_skips;
      if (!blocked && quantity <= forecast.available) {
        forecast.available -= quantity;
        forecast.oldest_skips += forecast.oldest_waits ? 1U : 0U;
        return quantity;
      }
      if (!forecast.oldest_waits) {
        forecast.oldest_waits = true;
        forecast.oldest_skips = 0;
      }
      return 0;
    } else {
      // Free units exist only while no line waits, so a new line takes them.
      const Quantity given = detail::min_of(forecast.available, quantity);
      forecast.available -= given;
      return given;
    }
  }

  /// Returns true when `fill(available)` would hand out nothing: no line
  /// waits, none fits (FirstFit), or the oldest line blocks and does not
  /// fit. O(log n).
  [[nodiscard]] bool idle(Quantity available) const noexcept {
    if (available <= 0 || waiting_ == 0) {
      return true;
    }
    if constexpr (hand_out == HandOut::FirstFit) {
      for (const Level &level : levels_) {
        const std::size_t oldest =
            level.fit.outstanding.first_at_most(waiting_mark);
        // FirstFit ignores ranks: its one level holds every waiting line.
        BACKORDER_ASSERT(oldest != MinTree::npos,
                         "a FirstFit level with no waiting line");
        const Entry &entry = entries_[level.slots[oldest]];
        if (entry.skips >= policy_.max_skips) {
          return entry.line.outstanding() > available;
        }
        if (level.fit.outstanding.first_at_most(
                static_cast<Units>(available)) != MinTree::npos) {
          return false;
        }
      }
      return true;
    } else {
      return false;
    }
  }

  /// Hands up to `units` to waiting lines by the policy's rule and returns
  /// the units handed out.
  Quantity fill(Quantity units) {
    return fill(units, [](Handle, const Line &, Quantity) noexcept {});
  }

  /// Takes up to `units` back from the lowest-ranked lines that hold units;
  /// those lines wait again at their rank. Calls `on_take(handle, line,
  /// units_taken)` for each line touched. Returns the units taken. O(lines
  /// touched + levels) under RankOrder; FirstFit and ProRata also walk past
  /// the lines that hold nothing.
  template <class OnTake> Quantity take_back(Quantity units, OnTake &&on_take) {
    Quantity taken = 0;
    for (auto level = levels_.rbegin(); level != levels_.rend() && units > 0;
         ++level) {
      // Under RankOrder the holders end at the first waiting line; the
      // other hand-outs scatter them, so walk back from the tail.
      std::uint32_t at = level->tail;
      if constexpr (ranks_and_fills) {
        if (level->cursor != npos) {
          const Entry &first_waiting = entries_[level->cursor];
          at = first_waiting.line.allocated > 0 ? level->cursor
                                                : first_waiting.prev;
        }
      }
      while (units > 0 && at != npos) {
        Entry &entry = entries_[at];
        const Quantity take = detail::min_of(units, entry.line.allocated);
        if (take == 0) {
          at = entry.prev;
          continue;
        }
        if (entry.line.complete()) {
          ++waiting_; // a complete line waits again
          if constexpr (ranks_and_fills) {
            level->cursor = at; // and is the first waiting one
          }
        }
        entry.line.allocated -= take;
        level->allocated -= take;
        level->outstanding += static_cast<Units>(take);
        units -= take;
        taken += take;
        allocated_ -= take;
        outstanding_ += static_cast<Units>(take);
        if constexpr (hand_out == HandOut::FirstFit) {
          level->fit.outstanding.set(entry.position, fit_value(entry.line));
        }
        on_take(Handle{at, entry.generation}, std::as_const(entry.line), take);
        if (entry.line.allocated == 0) {
          at = entry.prev;
        }
      }
    }
    return taken;
  }

  /// Takes up to `units` back from the lowest-ranked lines that hold units
  /// and returns the units taken.
  Quantity take_back(Quantity units) {
    return take_back(units, [](Handle, const Line &, Quantity) noexcept {});
  }

  /// Removes a line and returns the units it held, which the host puts back
  /// into stock (and usually hands on with `fill`). O(log levels).
  Quantity erase(Handle handle) noexcept {
    BACKORDER_ASSERT(contains(handle), "erase of a line not in the queue");
    const Line &line = entries_[handle.slot].line;
    const Quantity released = line.allocated;
    const auto level = level_of(line);
    level->allocated -= line.allocated;
    level->outstanding -= static_cast<Units>(line.outstanding());
    allocated_ -= line.allocated;
    outstanding_ -= static_cast<Units>(line.outstanding());
    unlink(handle.slot, level);
    return released;
  }

  /// Takes back a line pushed for a placement that the host then refuses
  /// (no units arrived in between): removes it like `erase` and returns
  /// the units it held; under FirstFit the oldest waiting line also gets
  /// back the skip it lost when this line was served. O(log levels).
  Quantity withdraw(Handle handle) noexcept {
    if constexpr (hand_out == HandOut::FirstFit) {
      const Entry &entry = entries_[handle.slot];
      if (entry.line.allocated > 0) {
        const Level &level = *level_of(entry.line);
        const std::size_t oldest =
            level.fit.outstanding.first_at_most(waiting_mark);
        if (oldest != MinTree::npos && oldest < entry.position) {
          Entry &skipped = entries_[level.slots[oldest]];
          skipped.skips -= skipped.skips > 0 ? 1U : 0U;
        }
      }
    }
    return erase(handle);
  }

  /// Records that `units` of a line's allocated units have shipped; a line
  /// with nothing left to deliver leaves the queue. `units` must not exceed
  /// `shippable(handle)`. O(log levels + log lines of its level).
  void ship(Handle handle, Quantity units) noexcept {
    BACKORDER_ASSERT(contains(handle), "ship of a line not in the queue");
    BACKORDER_ASSERT(units > 0 && units <= shippable(handle),
                     "ship of more units than the line may ship");
    Entry &entry = entries_[handle.slot];
    Line &line = entry.line;
    const auto level = level_of(line);
    line.allocated -= units;
    line.requested -= units;
    level->allocated -= units;
    if (line.requested == 0 && level->head == handle.slot) {
      // The first line leaves: O(1) instead of updating its block.
      level->requested.remove_front(entry.position, static_cast<Units>(units));
    } else {
      level->requested.add(entry.position, negated(units));
    }
    allocated_ -= units;
    if (line.requested == 0) {
      unlink(handle.slot, level);
    }
  }

  /// Returns the units of a line that may ship now under the policy. O(1).
  [[nodiscard]] Quantity shippable(Handle handle) const noexcept {
    const Line &line = this->line(handle);
    if constexpr (Policy::ships_partial) {
      return line.allocated;
    } else {
      return line.complete() ? line.allocated : Quantity{0};
    }
  }

  /// Returns the units that must still arrive before the line is complete:
  /// its own outstanding units plus those of every line ranked ahead of it
  /// (free stock is zero while lines wait). Zero for a complete line.
  /// O(levels + log lines of its level).
  [[nodiscard]] Quantity
  units_to_complete(Handle handle) const noexcept requires ranks_and_fills {
    const Entry &entry = entries_[handle.slot];
    BACKORDER_ASSERT(contains(handle), "a stale or foreign line handle");
    if (entry.line.complete()) {
      return 0;
    }
    Quantity ahead = 0;
    for (const Level &level : levels_) {
      if (level.rank == entry.line.rank) {
        if (level.tail == handle.slot) { // the last line: the whole level
          return ahead + static_cast<Quantity>(level.outstanding);
        }
        // Every line up to this one is complete, partly served or holds
        // nothing, so requested - allocated sums their outstanding units.
        const Units requested = level.requested.prefix(entry.position + 1U);
        return ahead + static_cast<Quantity>(
                           requested - static_cast<Units>(level.allocated));
      }
      ahead += static_cast<Quantity>(level.outstanding);
    }
    BACKORDER_ASSERT(false, "a line outside every level");
    return ahead;
  }

  /// Returns the outstanding units of the lines ranked ahead of a line.
  /// O(levels + log lines of its level).
  [[nodiscard]] Quantity
  units_ahead(Handle handle) const noexcept requires ranks_and_fills {
    const Line &line = this->line(handle);
    return line.complete() ? 0 : units_to_complete(handle) - line.outstanding();
  }

  /// Returns a line held by the queue. O(1).
  [[nodiscard]] const Line &line(Handle handle) const noexcept {
    BACKORDER_ASSERT(contains(handle), "a stale or foreign line handle");
    return entries_[handle.slot].line;
  }

  /// Returns true when `handle` names a line still in the queue. O(1).
  [[nodiscard]] bool contains(Handle handle) const noexcept {
    return handle.slot < entries_.slots() &&
           entries_[handle.slot].generation == handle.generation &&
           entries_[handle.slot].live;
  }

  /// Returns the number of lines held (waiting or holding units).
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  /// Returns true when the queue holds no line.
  [[nodiscard]] bool empty() const noexcept { return entries_.size() == 0; }
  /// Returns the number of lines that still wait for units.
  [[nodiscard]] std::size_t waiting_lines() const noexcept { return waiting_; }
  /// Returns the units allocated to lines and not yet shipped.
  [[nodiscard]] Quantity units_allocated() const noexcept { return allocated_; }
  /// Returns the units waited for (back-ordered).
  [[nodiscard]] Quantity units_outstanding() const noexcept {
    return static_cast<Quantity>(outstanding_);
  }
  /// Returns the policy.
  [[nodiscard]] const Policy &policy() const noexcept { return policy_; }
  /// Returns the bytes the queue holds on the heap (not counting itself).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    std::size_t bytes = entries_.memory_bytes() + levels_.heap_bytes() +
                        spare_levels_.capacity() * sizeof(Level);
    if constexpr (hand_out == HandOut::ProRata) {
      bytes += shares_.capacity() * sizeof(Share);
    }
    const auto level_bytes = [](const Level &level) {
      std::size_t held = level.requested.memory_bytes() +
                         level.slots.capacity() * sizeof(std::uint32_t);
      if constexpr (hand_out == HandOut::FirstFit) {
        held += level.fit.outstanding.memory_bytes();
      }
      return held;
    };
    for (const Level &level : levels_) {
      bytes += level_bytes(level);
    }
    for (const Level &level : spare_levels_) {
      bytes += level_bytes(level);
    }
    return bytes;
  }

  /// Calls `visit(handle, line)` for every line, in rank order. O(size).
  template <class Visit> void for_each(Visit &&visit) const {
    for (const Level &level : levels_) {
      for (std::uint32_t at = level.head; at != npos; at = entries_[at].next) {
        visit(Handle{at, entries_[at].generation}, entries_[at].line);
      }
    }
  }

  /// Calls `visit(handle, line, units_waited)` for every line that waits,
  /// in rank order, where `units_waited` sums the outstanding units of the
  /// lines up to and including it (under RankOrder, `units_to_complete`).
  /// O(waiting lines + levels) under RankOrder, O(lines) otherwise.
  template <class Visit> void for_each_waiting(Visit &&visit) const {
    Quantity running = 0;
    for (const Level &level : levels_) {
      const std::uint32_t first = ranks_and_fills ? level.cursor : level.head;
      for (std::uint32_t at = first; at != npos; at = entries_[at].next) {
        const Entry &entry = entries_[at];
        if (!entry.line.complete()) {
          running += entry.line.outstanding();
          visit(Handle{at, entry.generation}, entry.line, running);
        }
      }
    }
  }

  /// Returns how often the oldest waiting line has been overtaken (FirstFit
  /// counts this against its `max_skips`). O(1).
  [[nodiscard]] std::uint32_t skips(Handle handle) const noexcept {
    BACKORDER_ASSERT(contains(handle), "a stale or foreign line handle");
    return entries_[handle.slot].skips;
  }

  /// Returns a description of the first broken structural invariant, or
  /// nothing when all hold. O(size); for tests and debug builds.
  [[nodiscard]] std::optional<std::string> check() const {
    std::size_t lines = 0;
    std::size_t waiting = 0;
    Quantity allocated = 0;
    Quantity outstanding = 0;
    for (std::size_t index = 0; index < levels_.size(); ++index) {
      const Level &level = levels_[index];
      const std::string where = "level rank " + std::to_string(level.rank);
      if (index > 0 && levels_[index - 1].rank <= level.rank) {
        return where + ": levels are not in descending rank order";
      }
      if (level.head == npos && levels_.size() > 1) {
        return where + ": an empty level was kept beside others";
      }
      bool behind_cursor = false;
      std::uint32_t previous = npos;
      std::uint32_t live = 0;
      Quantity level_allocated = 0;
      Quantity level_outstanding = 0;
      Units requested_sum = 0;
      for (std::uint32_t at = level.head; at != npos; at = entries_[at].next) {
        const Entry &entry = entries_[at];
        const Line &line = entry.line;
        if (!entry.live || entry.prev != previous || line.rank != level.rank) {
          return where + ": broken links at slot " + std::to_string(at);
        }
        if (line.requested <= 0 || line.allocated < 0 ||
            line.allocated > line.requested) {
          return where + ": impossible quantities at slot " +
                 std::to_string(at);
        }
        if constexpr (ranks_and_fills) {
          if (at == level.cursor) {
            behind_cursor = true;
            if (line.complete()) {
              return where + ": the first waiting line is complete";
            }
          } else if (!behind_cursor && !line.complete()) {
            return where + ": a line ahead of the first waiting one waits";
          } else if (behind_cursor && line.allocated != 0) {
            return where + ": a line behind the first waiting one holds units";
          }
        } else if (level.cursor != npos) {
          return where + ": a cursor kept by a hand-out that has none";
        }
        if (entry.position >= level.slots.size() ||
            level.slots[entry.position] != at) {
          return where + ": slot by position out of step at slot " +
                 std::to_string(at);
        }
        if constexpr (hand_out == HandOut::FirstFit) {
          if (level.fit.outstanding.at(entry.position) != fit_value(line)) {
            return where + ": fit index out of step at slot " +
                   std::to_string(at);
          }
        }
        const Units at_position = level.requested.prefix(entry.position + 1U) -
                                  level.requested.prefix(entry.position);
        if ((previous != npos &&
             entry.position <= entries_[previous].position) ||
            entry.position >= level.requested.size() ||
            at_position != static_cast<Units>(line.requested)) {
          return where + ": prefix sums out of step at slot " +
                 std::to_string(at);
        }
        ++live;
        level_allocated += line.allocated;
        level_outstanding += line.outstanding();
        requested_sum += static_cast<Units>(line.requested);
        waiting += line.complete() ? 0U : 1U;
        allocated += line.allocated;
        outstanding += line.outstanding();
        ++lines;
        previous = at;
      }
      if (previous != level.tail || (level.cursor != npos && !behind_cursor)) {
        return where + ": tail or cursor outside the level";
      }
      if (live != level.live || level_allocated != level.allocated ||
          static_cast<Units>(level_outstanding) != level.outstanding ||
          requested_sum != level.requested.prefix(level.requested.size())) {
        return where + ": level totals out of step";
      }
    }
    if (lines != entries_.size() || waiting != waiting_) {
      return std::string("line or waiting-line count out of step");
    }
    if (allocated != allocated_ ||
        static_cast<Units>(outstanding) != outstanding_) {
      return std::string("allocated or outstanding sum out of step");
    }
    return std::nullopt;
  }

private:
  /// Unsigned twin of Quantity for sums that may pass its maximum.
  using Units = std::make_unsigned_t<Quantity>;
  using MinTree = detail::MinTree<Units>;
  /// Any value below this marks a waiting line in a MinTree.
  static constexpr Units waiting_mark = MinTree::none - 1;

  struct FitIndex {
    MinTree outstanding; ///< none for complete or freed lines
  };

  static Units fit_value(const Line &line) noexcept {
    return line.complete() ? MinTree::none
                           : static_cast<Units>(line.outstanding());
  }

  struct EntryFields {
    Line line;
    std::uint32_t position = 0; ///< index in its level's prefix sums
    std::uint32_t skips = 0;    ///< FirstFit: lines served past it
    std::uint32_t prev = npos;
    std::uint32_t next = npos;
    std::uint32_t generation = 0;
    bool live = false;
  };
  /// A queue entry, aligned to a cache line when it fits one.
  struct alignas(sizeof(EntryFields) <= 64 ? 64 : alignof(EntryFields)) Entry
      : EntryFields {};

  /// A level: its counters first, what a hand-out reads and writes (the
  /// cursor and the units allocated and outstanding) ahead of the rank,
  /// then its prefix sums. Not aligned to a cache line: the first level
  /// lives inside the queue (see `levels_`), its counters packed after the
  /// queue's own.
  struct Level {
    std::uint32_t cursor = npos; ///< the first line still waiting
    std::uint32_t live = 0;      ///< lines in the level
    std::uint32_t head = npos;
    std::uint32_t tail = npos;
    Quantity allocated = 0; ///< units allocated to the level's lines
    Units outstanding = 0;  ///< units the level's lines wait for
    std::int64_t rank = 0;
    /// Requested units by position (arrival); freed positions hold zero.
    detail::PrefixSums<Units> requested;
    /// Line slot by position (arrival); see `line_at` for a line that left.
    std::vector<std::uint32_t> slots;
    /// FirstFit: outstanding units of waiting lines by position.
    [[no_unique_address]] std::conditional_t<hand_out == HandOut::FirstFit,
                                             FitIndex, detail::Empty>
        fit{};
  };

  /// One line's part of a ProRata hand-out.
  struct Share {
    std::uint32_t slot;
    std::uint32_t level;
    Quantity share; ///< units it receives
    Quantity room;  ///< units it could still take
    std::uint64_t remainder;
    std::uint32_t arrival;
  };

  using LevelIterator = Level *;

  /// Gives an empty queue its first level, empty, inside the queue (no
  /// allocation): the only level, which a push takes whatever its rank, as
  /// it takes the only level left when a queue empties. So a queue that
  /// never has two levels never needs a spare one.
  void open_first_level() noexcept {
    if (levels_.empty()) {
      levels_.push_back(Level{});
    }
  }

  LevelIterator find_level(std::int64_t rank) noexcept {
    if (!levels_.empty() && levels_.front().rank <= rank) {
      return levels_.begin(); // one level (Fifo), or the first one's rank
    }
    return std::lower_bound(
        levels_.begin(), levels_.end(), rank,
        [](const Level &level, std::int64_t key) { return level.rank > key; });
  }

  [[nodiscard]] std::int64_t rank_of(Quantity quantity,
                                     int priority) const noexcept {
    if constexpr (ranks_and_fills) {
      return policy_.rank(
          LineRequest{static_cast<std::int64_t>(quantity), priority});
    } else {
      static_cast<void>(quantity);
      static_cast<void>(priority);
      return 0;
    }
  }

  /// Empties a level's per-position storage, keeping its capacity.
  static void clear_storage(Level &level) noexcept {
    level.requested.clear();
    level.slots.clear();
    if constexpr (hand_out == HandOut::FirstFit) {
      level.fit.outstanding.clear();
    }
  }

  /// Makes room for `positions` positions in a level's storage, growing it
  /// in powers of two as appending does.
  static void reserve_level(Level &level, std::size_t positions) {
    bool room = positions <= level.slots.capacity() &&
                level.requested.has_room(positions);
    if constexpr (hand_out == HandOut::FirstFit) {
      room = room && level.fit.outstanding.has_room(positions);
    }
    if (!room) [[unlikely]] {
      grow_level(level, positions);
    }
  }

  /// Grows a level's storage to a power of two of at least `positions`.
  BACKORDER_COLD static void grow_level(Level &level, std::size_t positions) {
    const std::size_t capacity = std::bit_ceil(positions);
    level.requested.reserve(capacity);
    detail::reserve_geometric(level.slots, capacity);
    if constexpr (hand_out == HandOut::FirstFit) {
      level.fit.outstanding.reserve(capacity);
    }
  }

  static constexpr Units negated(Quantity units) noexcept {
    return static_cast<Units>(Units{0} - static_cast<Units>(units));
  }

  LevelIterator level_of(const Line &line) noexcept {
    const auto level = find_level(line.rank);
    BACKORDER_ASSERT(level != levels_.end() && level->rank == line.rank,
                     "a line outside every level");
    return level;
  }

  /// Gives the level's lines positions 0, 1, ... again, dropping the
  /// positions of lines that left. O(lines of the level); amortised O(1)
  /// per push, since it runs only when half the positions are free.
  void renumber(Level &level) noexcept {
    std::uint32_t at = level.head;
    level.slots.resize(level.live); // smaller: no allocation
    level.requested.rebuild(level.live, [&](std::size_t position) {
      Entry &entry = entries_[at];
      entry.position = static_cast<std::uint32_t>(position);
      level.slots[position] = at;
      at = entry.next;
      return static_cast<Units>(entry.line.requested);
    });
    if constexpr (hand_out == HandOut::FirstFit) {
      level.fit.outstanding.rebuild(level.live, [&](std::size_t position) {
        return fit_value(entries_[level.slots[position]].line);
      });
    }
  }

  /// Returns the slot of the line at `position` of `level`, or npos if
  /// that line has left. A line that leaves keeps its slot in the level's
  /// `slots`, which a later line may take: it is the line at `position`
  /// only if it is live there. Positions grow until `renumber`, which
  /// rewrites `slots`, so no other line is ever at the same position of
  /// the same level (levels differ in rank).
  [[nodiscard]] std::uint32_t line_at(const Level &level,
                                      std::size_t position) const noexcept {
    const std::uint32_t slot = level.slots[position];
    const Entry &entry = entries_[slot];
    // With one level, every live line is the level's: the rank, which
    // may lie a cache line further into the SKU's record, is not read.
    return entry.live && entry.position == position &&
                   (levels_.size() == 1 || entry.line.rank == level.rank)
               ? slot
               : npos;
  }

  void unlink(std::uint32_t slot, LevelIterator level) noexcept {
    Entry &entry = entries_[slot];
    if (entry.line.requested == 0) {
      // A shipped line: its units left the sums as they shipped.
    } else if (level->head == slot) {
      level->requested.remove_front(entry.position,
                                    static_cast<Units>(entry.line.requested));
    } else {
      level->requested.add(entry.position, negated(entry.line.requested));
    }
    // Its slot stays in level->slots (see `line_at`): one write less.
    if constexpr (hand_out == HandOut::FirstFit) {
      level->fit.outstanding.set(entry.position, MinTree::none);
    }
    --level->live;
    if (!entry.line.complete()) {
      --waiting_;
    }
    if (level->cursor == slot) {
      level->cursor = entry.next;
    }
    (entry.prev != npos ? entries_[entry.prev].next : level->head) = entry.next;
    (entry.next != npos ? entries_[entry.next].prev : level->tail) = entry.prev;
    if (level->head == npos) {
      Level &emptied = *level;
      emptied.head = emptied.tail = emptied.cursor = npos;
      emptied.live = 0;
      emptied.allocated = 0;
      emptied.outstanding = 0;
      if (levels_.size() == 1) {
        // The only level stays, empty, for the next line whatever its rank:
        // a queue that keeps emptying (one rank, or stock that keeps up)
        // moves no level in or out.
        clear_storage(emptied);
      } else {
        // Kept for reuse while there is room (a copied queue may have none).
        if (spare_levels_.size() < spare_levels_.capacity()) {
          spare_levels_.push_back(std::move(emptied));
        }
        levels_.erase(level);
      }
    }
    entry.live = false;
    ++entry.generation;
    entries_.release(slot);
  }

  /// How many positions ahead a hand-out asks for the entry it will serve.
  static constexpr std::size_t prefetch_distance = 4;

  template <class OnFill>
  Quantity fill_in_rank_order(Quantity units, OnFill &on_fill) {
    Quantity handed = 0;
    for (Level &level : levels_) {
      // Every line from the cursor on waits, in arrival order: walk them
      // by position, whose slots are known ahead, so that the processor
      // fetches their entries together rather than one link at a time.
      std::uint32_t slot = units > 0 ? level.cursor : npos;
      std::size_t position = slot != npos ? entries_[slot].position : 0;
      // The level's positions, read only once the units reach past the
      // first line: a receipt that completes one line reads nothing of the
      // level but its counters.
      std::size_t end = 0;
      while (slot != npos) {
        const Entry &entry = entries_[slot];
        const Quantity given = detail::min_of(units, entry.line.outstanding());
        if (units > given) {
          if (end == 0) {
            end = level.slots.size(); // at least 1: this line's position
          }
          if (position + prefetch_distance < end) {
            BACKORDER_PREFETCH(
                &entries_[level.slots[position + prefetch_distance]]);
          }
        }
        give(level, slot, given);
        units -= given;
        handed += given;
        on_fill(Handle{slot, entry.generation}, entry.line, given);
        if (units == 0) {
          return handed;
        }
        // The next line is at the next position, unless a line left from
        // there: then follow the link.
        ++position;
        const std::uint32_t at_next =
            position < end ? line_at(level, position) : npos;
        slot = at_next != npos ? at_next : entry.next;
        if (at_next == npos && slot != npos) {
          position = entries_[slot].position;
        }
      }
    }
    return handed;
  }

  template <class OnFill>
  Quantity fill_first_fit(Quantity units, OnFill &on_fill) {
    Quantity handed = 0;
    for (Level &level : levels_) {
      while (units > 0) {
        const std::size_t oldest_at =
            level.fit.outstanding.first_at_most(waiting_mark);
        if (oldest_at == MinTree::npos) {
          break; // nobody waits in this level
        }
        const std::uint32_t oldest = level.slots[oldest_at];
        std::size_t chosen = oldest_at;
        if (entries_[oldest].skips >= policy_.max_skips) {
          if (entries_[oldest].line.outstanding() > units) {
            return handed; // the starving line blocks everything behind it
          }
        } else {
          chosen =
              level.fit.outstanding.first_at_most(static_cast<Units>(units));
          if (chosen == MinTree::npos) {
            break; // nothing in this level fits
          }
        }
        const std::uint32_t slot = level.slots[chosen];
        Entry &entry = entries_[slot];
        const Quantity given = entry.line.outstanding();
        give(level, slot, given);
        units -= given;
        handed += given;
        if (slot != oldest) {
          ++entries_[oldest].skips;
        }
        on_fill(Handle{slot, entry.generation}, std::as_const(entry.line),
                given);
      }
    }
    return handed;
  }

  template <class OnFill>
  Quantity fill_pro_rata(Quantity units, OnFill &on_fill) {
    const auto total = static_cast<Quantity>(outstanding_);
    if (units >= total) {
      for (Level &level : levels_) {
        for (std::uint32_t at = level.head; at != npos;
             at = entries_[at].next) {
          Entry &entry = entries_[at];
          const Quantity given = entry.line.outstanding();
          if (given > 0) {
            give(level, at, given);
            on_fill(Handle{at, entry.generation}, std::as_const(entry.line),
                    given);
          }
        }
      }
      return total;
    }
    // The proportional pass, in arrival order.
    shares_.clear();
    Quantity handed = 0;
    for (std::size_t index = 0; index < levels_.size(); ++index) {
      for (std::uint32_t at = levels_[index].head; at != npos;
           at = entries_[at].next) {
        const Quantity wanted = entries_[at].line.outstanding();
        if (wanted == 0) {
          continue;
        }
        const detail::MulDiv exact =
            detail::mul_div(static_cast<std::uint64_t>(units),
                            static_cast<std::uint64_t>(wanted),
                            static_cast<std::uint64_t>(total));
        auto share = static_cast<Quantity>(exact.quotient);
        if (share < policy_.min_share) {
          share = 0;
        }
        shares_.push_back(Share{at, static_cast<std::uint32_t>(index), share,
                                static_cast<Quantity>(wanted - share),
                                exact.remainder,
                                static_cast<std::uint32_t>(shares_.size())});
        handed += share;
      }
    }
    // The units left over go one at a time by the leftover rule, in rounds
    // (whole rounds at once when many are left).
    Quantity left = units - handed;
    if (policy_.leftover == Leftover::LargestRemainder) {
      std::sort(shares_.begin(), shares_.end(),
                [](const Share &a, const Share &b) {
                  return a.remainder != b.remainder ? a.remainder > b.remainder
                                                    : a.arrival < b.arrival;
                });
    }
    while (left > 0) {
      Quantity open = 0;
      for (const Share &share : shares_) {
        if (share.room > 0) {
          ++open;
        }
      }
      const Quantity each =
          left >= open ? static_cast<Quantity>(left / open) : Quantity{0};
      for (Share &share : shares_) {
        if (left == 0) {
          break;
        }
        if (share.room == 0) {
          continue;
        }
        const Quantity extra =
            detail::min_of(each > 0 ? each : Quantity{1}, share.room);
        share.share += extra;
        share.room -= extra;
        left -= extra;
      }
    }
    if (policy_.leftover == Leftover::LargestRemainder) {
      std::sort(
          shares_.begin(), shares_.end(),
          [](const Share &a, const Share &b) { return a.arrival < b.arrival; });
    }
    for (const Share &share : shares_) {
      if (share.share > 0) {
        give(levels_[share.level], share.slot, share.share);
        const Entry &entry = entries_[share.slot];
        on_fill(Handle{share.slot, entry.generation}, entry.line, share.share);
      }
    }
    return units;
  }

  /// Allocates `units` to a line of `level` and keeps every sum in step.
  void give(Level &level, std::uint32_t slot, Quantity units) noexcept {
    Entry &entry = entries_[slot];
    entry.line.allocated += units;
    level.allocated += units;
    level.outstanding -= static_cast<Units>(units);
    allocated_ += units;
    outstanding_ -= static_cast<Units>(units);
    if (entry.line.complete()) {
      --waiting_;
      if constexpr (ranks_and_fills) {
        level.cursor = entry.next;
      }
    }
    if constexpr (hand_out == HandOut::FirstFit) {
      level.fit.outstanding.set(entry.position, fit_value(entry.line));
    }
  }

  // The counters first: an Inventory keeps its SKU's key and stock count
  // just before the queue, in the same cache line.
  std::size_t waiting_ = 0;
  Quantity allocated_ = 0;
  /// Units waited for; unsigned so that a push may pass the maximum for a
  /// moment before the hand-out that brings it back (FirstFit keeps free
  /// units while lines wait).
  Units outstanding_ = 0;
  detail::Pool<Entry, &Entry::next> entries_;
  /// Most queues have one level (every policy but Priority): it lives in
  /// the queue itself, so a cold queue's level costs no extra cache miss.
  detail::InlineVector<Level> levels_;
  std::vector<Level> spare_levels_; ///< emptied levels, kept for reuse
  /// ProRata scratch, kept for its capacity.
  [[no_unique_address]] std::conditional_t<
      hand_out == HandOut::ProRata, std::vector<Share>, detail::Nothing<1>>
      shares_{};
  [[no_unique_address]] Policy policy_{};
};

} // namespace BACKORDER_ABI
} // namespace backorder
