#pragma once

#include "../config.hpp"

#include <cstdint>
#include <functional>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Returns `hash` with its bits mixed, so that keys such as sequential or
/// strided integers spread evenly over a power-of-two table, except for
/// the lowest three bits, which are kept: keys that differ only there
/// (eight consecutive order ids) land in neighbouring buckets, one cache
/// line of an index, so a shop that numbers its orders in sequence finds
/// the bucket of a new order next to the last one's, most likely cached.
constexpr std::uint32_t mix_hash(std::uint64_t hash) noexcept {
  constexpr std::uint64_t kept = 7U;
  const std::uint64_t low = hash & kept;
  hash >>= 3U;
  hash ^= hash >> 33U;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33U;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33U;
  return static_cast<std::uint32_t>((hash & ~kept) | low);
}

/// Returns the mixed hash of a key (a SKU view or an order id).
template <class Key> std::uint32_t hash_key(const Key &key) noexcept {
  return mix_hash(static_cast<std::uint64_t>(std::hash<Key>{}(key)));
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
