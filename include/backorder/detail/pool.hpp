#pragma once

#include "../config.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Grows `items` to a capacity of at least `needed`, doubling from the
/// current one, and at least `minimum`. The slow half of
/// `reserve_geometric`, kept out of line.
template <class Vector>
[[gnu::noinline]] void grow_geometric(Vector &items, std::size_t needed,
                                      std::size_t minimum) {
  std::size_t capacity =
      items.capacity() < minimum ? minimum : items.capacity();
  while (capacity < needed) {
    capacity *= 2;
  }
  items.reserve(capacity);
}

/// Makes `items` hold at least `needed` elements without reallocating,
/// growing geometrically so that repeated calls stay amortised O(1), from
/// `minimum` elements (more for small elements saves early regrowth; 1 for
/// large ones that a container usually holds one of). When the room is
/// there, as it is in steady state, this is one comparison.
template <class Vector>
inline void reserve_geometric(Vector &items, std::size_t needed,
                              std::size_t minimum = 8) {
  if (needed > items.capacity()) [[unlikely]] {
    grow_geometric(items, needed, minimum);
  }
}

/// Stores records in one contiguous vector addressed by 32-bit slot
/// numbers. Freed slots are reused last-in first-out, so the slot a record
/// gets depends only on the sequence of operations, and the record a new
/// one replaces is the one most likely still cached. The free slots form a
/// list threaded through the records themselves: `Link` names a member
/// that a free record does not use, which holds the next free slot, so
/// the free list costs no memory and releasing never allocates. (`Link`
/// may name a member of a base class of T.)
template <class T, auto Link> class Pool {
public:
  static constexpr std::uint32_t npos = 0xffffffffU;

  /// Makes room for `count` more records, so that as many `acquire` calls
  /// never allocate.
  void reserve_more(std::size_t count) {
    const std::size_t needed = std::size_t{live_} + count;
    BACKORDER_ASSERT(needed < npos, "a pool holds fewer than 2^32 records");
    reserve_geometric(items_, needed);
  }

  /// Takes a slot and returns it; a reused slot keeps its old contents for
  /// the caller to overwrite (a generation count survives), `Link`
  /// included. Amortised O(1).
  std::uint32_t acquire() {
    reserve_more(1);
    ++live_;
    if (free_ != npos) {
      const std::uint32_t slot = free_;
      free_ = items_[slot].*Link;
      return slot;
    }
    return append();
  }

  /// Stores `item` and returns its slot. Amortised O(1).
  std::uint32_t acquire(const T &item) {
    reserve_more(1);
    ++live_;
    if (free_ != npos) {
      const std::uint32_t slot = free_;
      free_ = items_[slot].*Link;
      items_[slot] = item;
      return slot;
    }
    items_.push_back(item);
    return static_cast<std::uint32_t>(items_.size() - 1);
  }

  /// Returns `slot` to the free list; the record's `Link` member now holds
  /// the next free slot. O(1), never allocates.
  void release(std::uint32_t slot) noexcept {
    BACKORDER_ASSERT(slot < items_.size(), "releasing a slot out of range");
    items_[slot].*Link = free_;
    free_ = slot;
    --live_;
  }

  T &operator[](std::uint32_t slot) noexcept { return items_[slot]; }
  const T &operator[](std::uint32_t slot) const noexcept {
    return items_[slot];
  }

  /// Returns the number of slots ever used (live and free).
  [[nodiscard]] std::size_t slots() const noexcept { return items_.size(); }
  /// Returns the number of live records.
  [[nodiscard]] std::size_t size() const noexcept { return live_; }
  /// Returns the bytes held by the pool.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return items_.capacity() * sizeof(T);
  }

private:
  /// Takes a slot never used (room reserved): out of line, so that the
  /// common case, a slot from the free list, inlines where it is used.
  BACKORDER_COLD std::uint32_t append() {
    items_.emplace_back();
    return static_cast<std::uint32_t>(items_.size() - 1);
  }

  std::vector<T> items_;
  std::uint32_t free_ = npos; ///< the free slot released last
  std::uint32_t live_ = 0;    ///< below npos, as every slot number
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
