#pragma once

#include "../config.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// A vector with room for one element inside itself, for a container that
/// usually holds one element: reading that element follows no pointer to
/// another heap block, so a cold read costs the owner's cache lines only.
/// A second element moves every element to the heap, as std::vector grows,
/// and they stay there (until the vector is moved from or destroyed), so
/// that a size that goes up and down allocates once. The inline element is
/// always a live T (a default one when unused: no lifetime to track, which
/// also keeps g++'s may-be-uninitialized analysis quiet). Offers what
/// BackOrderQueue needs of std::vector; T must be default constructible
/// and move without throwing.
template <class T> class InlineVector {
  static_assert(std::is_nothrow_default_constructible_v<T> &&
                    std::is_nothrow_move_constructible_v<T> &&
                    std::is_nothrow_move_assignable_v<T>,
                "backorder: InlineVector moves its elements in noexcept code");

public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T *;
  using const_iterator = const T *;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  InlineVector() noexcept { data_ = &inline_; }

  InlineVector(const InlineVector &other) : InlineVector() {
    reserve(other.size_); // if this throws, the destructor frees nothing
    for (const T &item : other) {
      put(size_, item);
      ++size_;
    }
  }

  InlineVector(InlineVector &&other) noexcept : InlineVector() { take(other); }

  InlineVector &operator=(const InlineVector &other) {
    if (this != &other) {
      InlineVector copy(other); // all or nothing
      reset();
      take(copy);
    }
    return *this;
  }

  InlineVector &operator=(InlineVector &&other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }

  ~InlineVector() { reset(); }

  [[nodiscard]] size_type size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] size_type capacity() const noexcept { return capacity_; }
  /// Returns true while the elements are inside the vector itself.
  [[nodiscard]] bool is_inline() const noexcept { return data_ == &inline_; }
  /// Returns the bytes the vector holds on the heap.
  [[nodiscard]] std::size_t heap_bytes() const noexcept {
    return is_inline() ? 0 : capacity_ * sizeof(T);
  }

  [[nodiscard]] T *data() noexcept { return data_; }
  [[nodiscard]] const T *data() const noexcept { return data_; }
  [[nodiscard]] iterator begin() noexcept { return data_; }
  [[nodiscard]] iterator end() noexcept { return data_ + size_; }
  [[nodiscard]] const_iterator begin() const noexcept { return data_; }
  [[nodiscard]] const_iterator end() const noexcept { return data_ + size_; }
  [[nodiscard]] reverse_iterator rbegin() noexcept {
    return reverse_iterator(end());
  }
  [[nodiscard]] reverse_iterator rend() noexcept {
    return reverse_iterator(begin());
  }
  [[nodiscard]] const_reverse_iterator rbegin() const noexcept {
    return const_reverse_iterator(end());
  }
  [[nodiscard]] const_reverse_iterator rend() const noexcept {
    return const_reverse_iterator(begin());
  }
  [[nodiscard]] T &front() noexcept { return data_[0]; }
  [[nodiscard]] const T &front() const noexcept { return data_[0]; }
  [[nodiscard]] T &back() noexcept { return data_[size_ - 1]; }
  [[nodiscard]] const T &back() const noexcept { return data_[size_ - 1]; }
  [[nodiscard]] T &operator[](size_type index) noexcept { return data_[index]; }
  [[nodiscard]] const T &operator[](size_type index) const noexcept {
    return data_[index];
  }

  /// Makes room for `count` elements; changes nothing if that throws.
  void reserve(size_type count) {
    if (count <= capacity_) {
      return;
    }
    BACKORDER_ASSERT(count <= UINT32_MAX, "an InlineVector of 2^32 elements");
    T *const fresh = std::allocator<T>().allocate(count);
    for (size_type index = 0; index < size_; ++index) {
      std::construct_at(fresh + index, std::move(data_[index]));
      drop(index);
    }
    release();
    data_ = fresh;
    capacity_ = static_cast<std::uint32_t>(count);
  }

  /// Inserts `item` before `at`, growing to twice the capacity when full.
  iterator insert(const_iterator at, T &&item) {
    const auto index = static_cast<size_type>(at - data_);
    if (size_ == capacity_) {
      reserve(2 * size_type{capacity_});
    }
    if (index == size_) {
      put(index, std::move(item));
    } else {
      put(size_, std::move(data_[size_ - 1]));
      std::move_backward(data_ + index, data_ + size_ - 1, data_ + size_);
      data_[index] = std::move(item);
    }
    ++size_;
    return data_ + index;
  }

  void push_back(T &&item) { insert(end(), std::move(item)); }

  /// Removes the element at `at`; the room stays.
  iterator erase(const_iterator at) noexcept {
    T *const position = data_ + (at - data_);
    std::move(position + 1, end(), position);
    pop_back();
    return position;
  }

  void pop_back() noexcept {
    --size_;
    drop(size_);
  }

  /// Removes every element; the room stays.
  void clear() noexcept {
    while (size_ > 0) {
      pop_back();
    }
  }

private:
  /// Puts a new element at `index`, the first unused place.
  template <class U> void put(size_type index, U &&item) {
    if (is_inline()) {
      inline_ = std::forward<U>(item);
    } else {
      std::construct_at(data_ + index, std::forward<U>(item));
    }
  }

  /// Ends the element at `index`: a heap element is destroyed, the inline
  /// one becomes a default T again.
  void drop(size_type index) noexcept {
    if (is_inline()) {
      inline_ = T{};
    } else {
      std::destroy_at(data_ + index);
    }
  }

  /// Frees the heap storage, if any; the elements must be gone.
  void release() noexcept {
    if (!is_inline()) {
      std::allocator<T>().deallocate(data_, capacity_);
      data_ = &inline_;
      capacity_ = 1;
    }
  }

  void reset() noexcept {
    clear();
    release();
  }

  /// Takes the elements of `other` (this one empty, inline), leaving it
  /// empty and inline.
  void take(InlineVector &other) noexcept {
    if (other.is_inline()) {
      if (other.size_ == 1) {
        inline_ = std::move(other.inline_);
        size_ = 1;
        other.pop_back();
      }
      return;
    }
    data_ = std::exchange(other.data_, &other.inline_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 1);
  }

  T *data_; ///< `&inline_`, or the heap block
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;
  T inline_{}; ///< the element while there is at most one, else unused
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
