#pragma once

#include "../config.hpp"

#include <cstddef>
#include <new>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// The cache line size the layouts are designed for.
inline constexpr std::size_t cache_line = 64;

/// A standard allocator whose blocks start on a cache line, so that a
/// container's elements can be grouped by cache line (PrefixSums' blocks).
template <class T> struct CacheLineAllocator {
  using value_type = T;

  CacheLineAllocator() noexcept = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U> &) noexcept {} // NOLINT

  [[nodiscard]] T *allocate(std::size_t count) {
    return static_cast<T *>(
        ::operator new (count * sizeof(T), std::align_val_t{alignment()}));
  }
  void deallocate(T *block, std::size_t /*count*/) noexcept {
    // The unsized form: clang declares sized deallocation only with
    // -fsized-deallocation.
    ::operator delete (block, std::align_val_t{alignment()});
  }

  template <class U>
  friend bool operator==(const CacheLineAllocator &,
                         const CacheLineAllocator<U> &) noexcept {
    return true;
  }

private:
  static constexpr std::size_t alignment() noexcept {
    return alignof(T) > cache_line ? alignof(T) : cache_line;
  }
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
