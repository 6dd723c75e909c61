#pragma once

#include "../config.hpp"
#include "cache_line.hpp"
#include "pool.hpp"

#include <cstddef>
#include <limits>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Keeps prefix sums over a sequence that grows at the back, laid out so
/// that a query or an update touches one cache line of the (large)
/// sequence: positions are grouped in blocks of one cache line (the
/// sequence starts on one), each position holds the running
/// sum of its block up to it, and a small Fenwick tree over the totals of
/// the blocks before the last one (one value per block, so it stays in
/// cache) adds the blocks before. A block joins the tree when the position
/// after it is appended, so an append within a block writes one value
/// only. Prefix sum: O(log(n / block)) in cache plus one access; append:
/// O(1) amortised; point update: O(block + log(n / block)), on contiguous
/// memory.
/// T should be an unsigned type: sums wrap, and differences stay exact.
template <class T> class PrefixSums {
public:
  /// Positions per block: one cache line of values, so that a change in
  /// the middle of a level rewrites one cache line.
  static constexpr std::size_t block =
      sizeof(T) < cache_line ? cache_line / sizeof(T) : 1;

  /// Returns the number of positions.
  [[nodiscard]] std::size_t size() const noexcept { return running_.size(); }

  /// Removes every position.
  void clear() noexcept {
    running_.clear();
    blocks_.clear();
    front_ = 0;
    removed_ = T{};
  }

  /// Returns true when `count` positions fit in the storage held.
  [[nodiscard]] bool has_room(std::size_t count) const noexcept {
    return count <= running_.capacity() &&
           blocks_before(count) <= blocks_.capacity();
  }

  /// Makes room for `count` positions, so that as many appends never
  /// allocate.
  void reserve(std::size_t count) {
    if (count > running_.capacity()) [[unlikely]] {
      running_.reserve(count);
    }
    if (blocks_before(count) > blocks_.capacity()) [[unlikely]] {
      blocks_.reserve(blocks_before(count));
    }
  }

  /// Appends a position holding `value`. O(1), amortised.
  void push_back(T value) {
    const std::size_t position = running_.size();
    if (position % block != 0) {
      running_.push_back(running_.back() + value);
    } else if (position == 0) {
      running_.push_back(value);
    } else {
      // The block before is complete: its total joins the tree. Room
      // first, so that a throw changes nothing.
      reserve_geometric(blocks_, blocks_.size() + 1);
      running_.push_back(value);
      append_block(running_[position - 1]);
    }
  }

  /// Adds `delta` at `position` (zero-based). O(block + log(n / block)).
  void add(std::size_t position, T delta) noexcept {
    BACKORDER_ASSERT(position < running_.size(), "a position out of range");
    const std::size_t first = position / block * block;
    if (first + block <= running_.size()) {
      // A whole block: a loop of fixed length without branches, which the
      // compiler vectorises, where a loop from `position` to the block's
      // end would stop at a different count each time (a mispredicted
      // branch per call). offset - 1 - at wraps, setting its top bit,
      // where at >= offset: a mask rather than a comparison, so that the
      // compiler keeps one loop instead of splitting it at `offset`.
      constexpr int top = std::numeric_limits<std::size_t>::digits - 1;
      T *const values = running_.data() + first;
      const std::size_t offset = position - first;
      for (std::size_t at = 0; at < block; ++at) {
        const auto mask = static_cast<T>(T{} - ((offset - 1 - at) >> top));
        values[at] += delta & mask;
      }
    } else {
      for (std::size_t at = position; at < running_.size(); ++at) {
        running_[at] += delta;
      }
    }
    if (position / block < blocks_.size()) { // a block in the tree
      add_to_block(position / block, delta);
    }
  }

  /// Sets the value at `position` to zero in O(1), where every position
  /// before it holds zero (a queue's first line leaving): the value joins
  /// a total of values removed from the front, which later sums subtract,
  /// instead of being subtracted from the rest of its block.
  void remove_front(std::size_t position, T value) noexcept {
    BACKORDER_ASSERT(position >= front_ && position < running_.size(),
                     "a front removal behind the front or out of range");
    front_ = position + 1;
    removed_ += value;
  }

  /// Returns the sum of the first `count` positions. O(log(n / block)).
  [[nodiscard]] T prefix(std::size_t count) const noexcept {
    if (count <= front_) {
      return T{}; // every position before the front holds zero
    }
    const std::size_t last = count - 1;
    T sum = running_[last];
    // The Fenwick prefix over the blocks before last's.
    for (std::size_t node = last / block; node > 0;
         node -= node & (~node + 1)) {
      sum += blocks_[node - 1];
    }
    return sum - removed_;
  }

  /// Replaces the contents with `count` positions, the i-th holding
  /// `value_at(i)`, in O(n); never allocates when `count <= size()`.
  template <class ValueAt> void rebuild(std::size_t count, ValueAt &&value_at) {
    front_ = 0;
    removed_ = T{};
    running_.resize(count);
    blocks_.resize(blocks_before(count));
    T total{};
    for (std::size_t position = 0; position < count; ++position) {
      if (position % block == 0) {
        if (position > 0) {
          blocks_[position / block - 1] = total;
        }
        total = T{};
      }
      total += value_at(position);
      running_[position] = total;
    }
    for (std::size_t node = 1; node <= blocks_.size(); ++node) {
      const std::size_t parent = node + (node & (~node + 1));
      if (parent <= blocks_.size()) {
        blocks_[parent - 1] += blocks_[node - 1];
      }
    }
  }

  /// Returns the bytes held.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (running_.capacity() + blocks_.capacity()) * sizeof(T);
  }

private:
  /// Returns the number of blocks before the one that holds the last of
  /// `count` positions: those the tree holds (a block joins it when the
  /// position after it is appended).
  static constexpr std::size_t blocks_before(std::size_t count) noexcept {
    return count == 0 ? 0 : (count - 1) / block;
  }

  /// Appends a block total to the Fenwick tree (capacity reserved).
  void append_block(T value) {
    const std::size_t node = blocks_.size() + 1; // one-based
    const std::size_t low = node & (~node + 1);
    for (std::size_t child = node - 1; child > node - low;
         child -= child & (~child + 1)) {
      value += blocks_[child - 1];
    }
    blocks_.push_back(value);
  }

  void add_to_block(std::size_t index, T delta) noexcept {
    for (std::size_t node = index + 1; node <= blocks_.size();
         node += node & (~node + 1)) {
      blocks_[node - 1] += delta;
    }
  }

  // What a query or an update reads first, `blocks_`'s capacity last, which
  // only an append may need.
  std::size_t front_ = 0; ///< positions before it are removed (zero)
  T removed_{};           ///< the values removed from the front
  /// Running sum of each position's block, from a cache line boundary.
  std::vector<T, CacheLineAllocator<T>> running_;
  std::vector<T> blocks_; ///< Fenwick tree over complete blocks' totals
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
