#pragma once

#include "fwd.hpp"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Describes the key and number types of an inventory: string SKUs,
/// 64-bit order ids and signed 64-bit quantities.
struct DefaultTraits {
  using Sku = std::string;
  using OrderId = std::uint64_t;
  using Quantity = std::int64_t;
  using Clock = std::chrono::system_clock;
};

/// Describes an inventory keyed by integer SKUs, the fastest key.
struct IntegerSkuTraits {
  using Sku = std::uint64_t;
  using OrderId = std::uint64_t;
  using Quantity = std::int64_t;
  using Clock = std::chrono::system_clock;
};

namespace detail {

template <class Sku>
using sku_view_t =
    std::conditional_t<std::is_convertible_v<const Sku &, std::string_view>,
                       std::string_view, Sku>;

template <class Key>
concept StdHashable = requires(const Key &key) {
  { std::hash<Key>{}(key) } -> std::convertible_to<std::size_t>;
};

} // namespace detail

/// Checks that a traits type names hashable keys and a signed quantity.
template <class T>
concept InventoryTraits = requires {
  typename T::Sku;
  typename T::OrderId;
  typename T::Quantity;
  typename T::Clock;
}
&&std::signed_integral<typename T::Quantity> &&std::equality_comparable<
    typename T::Sku> &&std::equality_comparable<typename T::OrderId>
    &&detail::StdHashable<detail::sku_view_t<typename T::Sku>>
        &&detail::StdHashable<typename T::OrderId>;

static_assert(InventoryTraits<DefaultTraits>);
static_assert(InventoryTraits<IntegerSkuTraits>);

} // namespace BACKORDER_ABI
} // namespace backorder
