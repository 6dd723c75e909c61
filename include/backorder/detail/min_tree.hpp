#pragma once

#include "../config.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Keeps the minimum over a sequence that grows at the back (a segment
/// tree), to find the first position whose value is at most a limit in
/// O(log n). Empty positions hold `none`.
template <class T> class MinTree {
public:
  static constexpr T none = std::numeric_limits<T>::max();
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Returns the number of positions.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Removes every position, keeping the storage. O(capacity).
  void clear() noexcept {
    std::fill(tree_.begin(), tree_.end(), none);
    size_ = 0;
  }

  /// Returns true when `count` positions fit in the storage held.
  [[nodiscard]] bool has_room(std::size_t count) const noexcept {
    return count <= capacity_;
  }

  /// Makes room for `count` positions, so that as many appends never
  /// allocate.
  void reserve(std::size_t count) {
    if (!has_room(count)) {
      grow(count);
    }
  }

  /// Appends a position holding `value`. O(log n), amortised.
  void push_back(T value) {
    if (size_ == capacity_) {
      grow(capacity_ == 0 ? 16 : capacity_ * 2);
    }
    set(size_++, value);
  }

  /// Sets the value at `position`. O(log n).
  void set(std::size_t position, T value) noexcept {
    std::size_t node = capacity_ + position;
    tree_[node] = value;
    for (node /= 2; node > 0; node /= 2) {
      const T left = tree_[2 * node];
      const T right = tree_[2 * node + 1];
      tree_[node] = left < right ? left : right;
    }
  }

  /// Returns the value at `position`. O(1).
  [[nodiscard]] T at(std::size_t position) const noexcept {
    return tree_[capacity_ + position];
  }

  /// Returns the first position whose value is at most `limit`, or npos.
  /// O(log n).
  [[nodiscard]] std::size_t first_at_most(T limit) const noexcept {
    if (size_ == 0 || tree_[1] > limit) {
      return npos;
    }
    std::size_t node = 1;
    while (node < capacity_) {
      node = tree_[2 * node] <= limit ? 2 * node : 2 * node + 1;
    }
    return node - capacity_;
  }

  /// Replaces the contents with `count` positions, the i-th holding
  /// `value_at(i)`. O(capacity); never allocates when `count <= size()`.
  template <class ValueAt> void rebuild(std::size_t count, ValueAt &&value_at) {
    if (count > capacity_) {
      grow(count);
    }
    std::fill(tree_.begin() + static_cast<std::ptrdiff_t>(capacity_),
              tree_.end(), none);
    for (std::size_t position = 0; position < count; ++position) {
      tree_[capacity_ + position] = value_at(position);
    }
    size_ = count;
    for (std::size_t node = capacity_ - 1; node > 0; --node) {
      const T left = tree_[2 * node];
      const T right = tree_[2 * node + 1];
      tree_[node] = left < right ? left : right;
    }
  }

  /// Returns the bytes held.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return tree_.capacity() * sizeof(T);
  }

private:
  void grow(std::size_t wanted) {
    std::size_t capacity = 16;
    while (capacity < wanted) {
      capacity *= 2;
    }
    std::vector<T> tree(2 * capacity, none);
    for (std::size_t position = 0; position < size_; ++position) {
      tree[capacity + position] = tree_[capacity_ + position];
    }
    for (std::size_t node = capacity - 1; node > 0; --node) {
      tree[node] = tree[2 * node] < tree[2 * node + 1] ? tree[2 * node]
                                                       : tree[2 * node + 1];
    }
    tree_.swap(tree);
    capacity_ = capacity;
  }

  std::vector<T> tree_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
