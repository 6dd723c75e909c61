#pragma once

#include "../config.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Makes `items` hold at least `needed` elements without reallocating,
/// growing geometrically so that repeated calls stay amortised O(1).
template <class Vector>
void reserve_geometric(Vector &items, std::size_t needed) {
  if (needed > items.capacity()) {
    std::size_t capacity = items.capacity() < 8 ? 8 : items.capacity();
    while (capacity < needed) {
      capacity *= 2;
    }
    items.reserve(capacity);
  }
}

/// Stores records in one contiguous vector addressed by 32-bit slot
/// numbers; freed slots are reused last-in first-out, so the slot a record
/// gets depends only on the sequence of operations.
template <class T> class Pool {
public:
  static constexpr std::uint32_t npos = 0xffffffffU;

  /// Makes an empty pool.
  Pool() = default;
  /// Copies a pool, with room to free every slot (`release` relies on it).
  Pool(const Pool &other)
      : items_(other.items_), free_(other.free_), live_(other.live_) {
    free_.reserve(items_.capacity());
  }
  /// Replaces the contents with a copy of `other`; unchanged on failure.
  Pool &operator=(const Pool &other) {
    if (this != &other) {
      *this = Pool(other);
    }
    return *this;
  }
  Pool(Pool &&) noexcept = default;
  Pool &operator=(Pool &&) noexcept = default;
  ~Pool() = default;

  /// Makes room for `count` more records, so that as many `acquire` calls
  /// never allocate.
  void reserve_more(std::size_t count) {
    const std::size_t needed = live_ + count;
    BACKORDER_ASSERT(needed < npos, "a pool holds fewer than 2^32 records");
    reserve_geometric(items_, needed);
    free_.reserve(items_.capacity());
  }

  /// Takes a slot and returns it; a reused slot keeps its old contents for
  /// the caller to overwrite (a generation count survives). Amortised O(1).
  std::uint32_t acquire() {
    reserve_more(1);
    ++live_;
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      return slot;
    }
    items_.emplace_back();
    return static_cast<std::uint32_t>(items_.size() - 1);
  }

  /// Stores `item` and returns its slot. Amortised O(1).
  std::uint32_t acquire(const T &item) {
    reserve_more(1);
    ++live_;
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      items_[slot] = item;
      return slot;
    }
    items_.push_back(item);
    return static_cast<std::uint32_t>(items_.size() - 1);
  }

  /// Returns `slot` to the free list. O(1), never allocates.
  void release(std::uint32_t slot) noexcept {
    BACKORDER_ASSERT(slot < items_.size(), "releasing a slot out of range");
    free_.push_back(slot); // capacity reserved in reserve_more
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
    return items_.capacity() * sizeof(T) +
           free_.capacity() * sizeof(std::uint32_t);
  }

private:
  std::vector<T> items_;
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
