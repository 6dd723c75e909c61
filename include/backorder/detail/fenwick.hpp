#pragma once

#include "../config.hpp"

#include <cstddef>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Keeps prefix sums over a sequence that grows at the back (a Fenwick
/// tree): append, point update and prefix sum each cost O(log n). T should
/// be an unsigned type: sums wrap, and differences of sums stay exact.
template <class T> class Fenwick {
public:
  /// Returns the number of positions.
  [[nodiscard]] std::size_t size() const noexcept { return tree_.size(); }

  /// Removes every position.
  void clear() noexcept { tree_.clear(); }

  /// Makes room for `count` positions.
  void reserve(std::size_t count) { tree_.reserve(count); }

  /// Appends a position holding `value`. O(log n), amortised.
  void push_back(T value) {
    const std::size_t node = tree_.size() + 1; // one-based
    const std::size_t low = node & (~node + 1);
    for (std::size_t child = node - 1; child > node - low;
         child -= child & (~child + 1)) {
      value += tree_[child - 1];
    }
    tree_.push_back(value);
  }

  /// Adds `delta` at `position` (zero-based). O(log n).
  void add(std::size_t position, T delta) noexcept {
    for (std::size_t node = position + 1; node <= tree_.size();
         node += node & (~node + 1)) {
      tree_[node - 1] += delta;
    }
  }

  /// Returns the sum of the first `count` positions. O(log n).
  [[nodiscard]] T prefix(std::size_t count) const noexcept {
    T sum{};
    for (std::size_t node = count; node > 0; node -= node & (~node + 1)) {
      sum += tree_[node - 1];
    }
    return sum;
  }

  /// Replaces the contents with `count` positions, the i-th holding
  /// `value_at(i)`, in O(n); never allocates when `count <= size()`.
  template <class ValueAt> void rebuild(std::size_t count, ValueAt &&value_at) {
    tree_.resize(count);
    for (std::size_t position = 0; position < count; ++position) {
      tree_[position] = value_at(position);
    }
    for (std::size_t node = 1; node <= tree_.size(); ++node) {
      const std::size_t parent = node + (node & (~node + 1));
      if (parent <= tree_.size()) {
        tree_[parent - 1] += tree_[node - 1];
      }
    }
  }

  /// Returns the bytes held.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return tree_.capacity() * sizeof(T);
  }

private:
  std::vector<T> tree_;
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
