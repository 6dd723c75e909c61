#pragma once

#include "../config.hpp"

#include <concepts>
#include <limits>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Returns true when `a + b` fits in T; both must be non-negative.
template <std::signed_integral T>
constexpr bool add_fits(T a, T b) noexcept {
  return b <= std::numeric_limits<T>::max() - a;
}

/// Returns the smaller of two quantities.
template <std::signed_integral T> constexpr T min_of(T a, T b) noexcept {
  return b < a ? b : a;
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
