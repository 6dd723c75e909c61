#pragma once

#include "../config.hpp"

#include <concepts>
#include <cstdint>
#include <limits>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Returns true when `a + b` fits in T; both must be non-negative.
template <std::signed_integral T> constexpr bool add_fits(T a, T b) noexcept {
  return b <= std::numeric_limits<T>::max() - a;
}

/// Returns the smaller of two quantities.
template <std::signed_integral T> constexpr T min_of(T a, T b) noexcept {
  return b < a ? b : a;
}

/// Returns floor(a * b / c) and (a * b) mod c for unsigned 64-bit values,
/// without overflow; c must not be zero.
struct MulDiv {
  std::uint64_t quotient;
  std::uint64_t remainder;
};
constexpr MulDiv mul_div(std::uint64_t a, std::uint64_t b,
                         std::uint64_t c) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ using Wide = unsigned __int128;
  const Wide product = static_cast<Wide>(a) * b;
  return MulDiv{static_cast<std::uint64_t>(product / c),
                static_cast<std::uint64_t>(product % c)};
#else
  // Long multiplication into two halves, then long division bit by bit.
  const std::uint64_t a_lo = a & 0xffffffffU, a_hi = a >> 32U;
  const std::uint64_t b_lo = b & 0xffffffffU, b_hi = b >> 32U;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo;
  const std::uint64_t lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t middle = (lo_lo >> 32U) + (hi_lo & 0xffffffffU) + lo_hi;
  std::uint64_t high = hi_hi + (hi_lo >> 32U) + (middle >> 32U);
  std::uint64_t low = (middle << 32U) | (lo_lo & 0xffffffffU);
  std::uint64_t quotient = 0;
  std::uint64_t remainder = 0;
  for (int bit = 127; bit >= 0; --bit) {
    const bool carry = (remainder >> 63U) != 0;
    const std::uint64_t next =
        bit >= 64 ? (high >> (bit - 64)) & 1U : (low >> bit) & 1U;
    remainder = (remainder << 1U) | next;
    if (carry || remainder >= c) {
      remainder -= c;
      if (bit < 64) {
        quotient |= std::uint64_t{1} << bit;
      }
    }
  }
  static_cast<void>(high);
  return MulDiv{quotient, remainder};
#endif
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
