#pragma once

#include "../config.hpp"

#include <cstdint>
#include <functional>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Returns `hash` with its bits mixed, so that keys such as sequential or
/// strided integers spread evenly over a power-of-two table.
constexpr std::uint32_t mix_hash(std::uint64_t hash) noexcept {
  hash ^= hash >> 33U;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33U;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33U;
  return static_cast<std::uint32_t>(hash);
}

/// Returns the mixed hash of a key (a SKU view or an order id).
template <class Key> std::uint32_t hash_key(const Key &key) noexcept {
  return mix_hash(static_cast<std::uint64_t>(std::hash<Key>{}(key)));
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
