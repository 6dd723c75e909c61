#pragma once

#include "../config.hpp"

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Describes a new line to an allocation policy's `rank` function.
struct LineRequest {
  std::int64_t quantity; ///< units ordered on the line
  int priority;          ///< the order's priority (higher is more urgent)
};

/// Checks that a policy ranks lines: `rank(const LineRequest&) const
/// noexcept -> std::int64_t`, where a higher rank is served first and equal
/// ranks are served in arrival order.
// clang-format off
template <class P>
concept RanksLines = requires(const P &policy, const LineRequest &request) {
  { policy.rank(request) } noexcept -> std::same_as<std::int64_t>;
};
// clang-format on

/// Checks that a policy says when allocated units may ship: `static
/// constexpr bool ships_partial`, true when every allocated unit ships at
/// once, false when a line ships only once complete.
template <class P>
concept DeclaresShipping = requires {
  { P::ships_partial } -> std::convertible_to<bool>;
  typename std::bool_constant<P::ships_partial>; // a constant expression
};

/// Names how arriving units are handed to waiting lines.
enum class HandOut {
  /// Complete each line in rank order before the next (Fifo, Priority,
  /// PartialFill and any policy that says nothing).
  RankOrder,
  /// Give a line units only when they complete it, skipping lines that do
  /// not fit; arrival order (FirstFit).
  FirstFit,
  /// Share short supply in proportion to what each line waits for; arrival
  /// order (ProRata).
  ProRata,
};

/// Names who gets the units a ProRata hand-out's proportional pass leaves
/// over.
enum class Leftover {
  LargestRemainder, ///< the largest fractional shares first, ties by arrival
  Arrival,          ///< the earliest lines first, as futures exchanges do
};

/// Checks everything an allocation policy must provide. Waiting lines are
/// served in rank order, and a line keeps the units it was given.
template <class P>
concept AllocationPolicy = std::default_initializable<P> &&
    std::copy_constructible<P> && RanksLines<P> && DeclaresShipping<P>;

namespace detail {

/// Fails to compile, naming the missing piece, when P is no policy.
template <class P> constexpr bool check_policy() noexcept {
  static_assert(std::default_initializable<P> && std::copy_constructible<P>,
                "backorder: an AllocationPolicy must be default-constructible "
                "and copyable");
  static_assert(RanksLines<P>,
                "backorder: an AllocationPolicy needs `std::int64_t "
                "rank(const backorder::LineRequest&) const noexcept` (higher "
                "ranks are served first, equal ranks in arrival order)");
  static_assert(DeclaresShipping<P>,
                "backorder: an AllocationPolicy needs `static constexpr bool "
                "ships_partial` (true: allocated units ship at once; false: "
                "a line ships once complete)");
  if constexpr (requires { HandOut(P::hand_out); }) {
    if constexpr (P::hand_out == HandOut::FirstFit) {
      static_assert(
          requires(const P &policy) {
            { policy.max_skips } -> std::convertible_to<std::uint32_t>;
          },
          "backorder: a policy with hand_out = HandOut::FirstFit needs a "
          "`std::uint32_t max_skips` member (see FirstFit)");
    } else if constexpr (P::hand_out == HandOut::ProRata) {
      static_assert(
          requires(const P &policy) {
            { policy.min_share } -> std::convertible_to<std::int64_t>;
            { policy.leftover } -> std::convertible_to<Leftover>;
          },
          "backorder: a policy with hand_out = HandOut::ProRata needs "
          "`std::int64_t min_share` and `Leftover leftover` members (see "
          "ProRata)");
    }
  }
  return AllocationPolicy<P>;
}

} // namespace detail

namespace detail {

/// Returns the policy's `hand_out` if it declares one, else RankOrder.
template <class P> constexpr HandOut hand_out_of() noexcept {
  if constexpr (requires { HandOut(P::hand_out); }) {
    return P::hand_out;
  } else {
    return HandOut::RankOrder;
  }
}

} // namespace detail

/// Returns the policy's `name` if it has one, else "custom".
template <class P> constexpr std::string_view policy_name() noexcept {
  if constexpr (requires { std::string_view(P::name); }) {
    return P::name;
  } else {
    return "custom";
  }
}

} // namespace BACKORDER_ABI
} // namespace backorder
