#pragma once

#include "../config.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Maps hashed keys to 32-bit slot numbers in one flat array (open
/// addressing, linear probing, backward-shift erase). The keys themselves
/// live with their records; lookups compare them through a callback.
class FlatIndex {
public:
  static constexpr std::uint32_t npos = 0xffffffffU;

  /// Returns the slot whose key matches, or npos; `matches(slot)` compares
  /// the stored key with the one looked up. Expected O(1).
  template <class Matches>
  [[nodiscard]] std::uint32_t find(std::uint32_t hash,
                                   Matches &&matches) const noexcept {
    if (buckets_.empty()) {
      return npos;
    }
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Bucket &bucket = buckets_[at];
      if (bucket.slot == npos) {
        return npos;
      }
      if (bucket.hash == hash && matches(bucket.slot)) {
        return bucket.slot;
      }
    }
  }

  /// Makes room for `count` keys in all, so that inserting up to that many
  /// never allocates.
  void reserve(std::size_t count) {
    std::size_t capacity = buckets_.empty() ? 16 : buckets_.size();
    while (count * 2 > capacity) {
      capacity *= 2;
    }
    if (capacity != buckets_.size()) {
      rehash(capacity);
    }
  }

  /// Adds a key known not to be present. Amortised O(1).
  void insert(std::uint32_t hash, std::uint32_t slot) {
    reserve(size_ + 1);
    std::size_t at = hash & mask_;
    while (buckets_[at].slot != npos) {
      at = (at + 1) & mask_;
    }
    buckets_[at] = Bucket{hash, slot};
    ++size_;
  }

  /// Removes the entry for `slot`, which must be present. Expected O(1).
  void erase(std::uint32_t hash, std::uint32_t slot) noexcept {
    std::size_t hole = hash & mask_;
    while (buckets_[hole].slot != slot) {
      BACKORDER_ASSERT(buckets_[hole].slot != npos, "erasing a missing key");
      hole = (hole + 1) & mask_;
    }
    // Shift later members of the probe run back so no lookup stops early.
    for (std::size_t next = (hole + 1) & mask_; buckets_[next].slot != npos;
         next = (next + 1) & mask_) {
      const std::size_t home = buckets_[next].hash & mask_;
      if (((next - home) & mask_) >= ((next - hole) & mask_)) {
        buckets_[hole] = buckets_[next];
        hole = next;
      }
    }
    buckets_[hole] = Bucket{};
    --size_;
  }

  /// Returns the number of keys.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Returns the bytes held by the table.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return buckets_.capacity() * sizeof(Bucket);
  }

private:
  struct Bucket {
    std::uint32_t hash = 0;
    std::uint32_t slot = npos;
  };

  void rehash(std::size_t capacity) {
    std::vector<Bucket> old(capacity);
    old.swap(buckets_);
    mask_ = capacity - 1;
    for (const Bucket &bucket : old) {
      if (bucket.slot != npos) {
        std::size_t at = bucket.hash & mask_;
        while (buckets_[at].slot != npos) {
          at = (at + 1) & mask_;
        }
        buckets_[at] = bucket;
      }
    }
  }

  std::vector<Bucket> buckets_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
