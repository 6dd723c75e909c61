#pragma once

#include "../config.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Maps hashed keys to 32-bit slot numbers in one flat array of chunks,
/// one cache line each, holding eight (hash, slot) entries. A key lives in
/// the chunk its hash names (its home) or, when that is full, in one of the
/// chunks after it; each chunk counts the keys that passed it full, so a
/// lookup stops at the first chunk that none passed, and an erase only
/// empties an entry and counts down along the way: nothing moves. The keys
/// themselves live with their records; lookups compare them through a
/// callback.
///
/// The home chunk comes from the hash without its lowest three bits, which
/// `mix_hash` keeps from the key: eight consecutive order ids share a
/// chunk, so the lookup and insert of a new order in sequence touch the
/// cache line the previous one did.
class FlatIndex {
public:
  static constexpr std::uint32_t npos = 0xffffffffU;
  /// Entries per chunk.
  static constexpr std::size_t width = 8;

  /// Returns the slot whose key matches, or npos; `matches(slot)` compares
  /// the stored key with the one looked up. Expected O(1): one chunk.
  template <class Matches>
  [[nodiscard]] std::uint32_t find(std::uint32_t hash,
                                   Matches &&matches) const noexcept {
    if (chunks_.empty()) {
      return npos;
    }
    for (std::size_t at = home(hash);; at = (at + 1) & mask_) {
      const Chunk &chunk = chunks_[at];
      // Compare all eight hashes at once (no branch per entry, so no
      // mispredicted one), then check the few entries that agree.
      for (unsigned agree = chunk.agreeing(hash); agree != 0;
           agree &= agree - 1U) {
        const std::uint32_t slot = chunk.slots[std::countr_zero(agree)];
        if (slot != npos && matches(slot)) {
          return slot;
        }
      }
      if (passed_[at] == 0) {
        return npos;
      }
    }
  }

  /// Makes room for `count` keys in all, so that inserting up to that many
  /// never allocates. Keeps at most half the entries in use.
  void reserve(std::size_t count) {
    if (count * 2 > chunks_.size() * width) [[unlikely]] {
      grow(count);
    }
  }

  /// Adds a key known not to be present. Amortised O(1).
  void insert(std::uint32_t hash, std::uint32_t slot) {
    reserve(size_ + 1);
    place(hash, slot);
    ++size_;
  }

  /// Removes the entry for `slot`, which must be present. Expected O(1).
  void erase(std::uint32_t hash, std::uint32_t slot) noexcept {
    for (std::size_t at = home(hash);; at = (at + 1) & mask_) {
      Chunk &chunk = chunks_[at];
      if (const unsigned held = Chunk::equal(chunk.slots, slot); held != 0) {
        const int entry = std::countr_zero(held); // a slot is indexed once
        chunk.slots[entry] = npos;
        chunk.hashes[entry] = 0;
        --size_;
        return;
      }
      // The key passed this chunk full when it was inserted.
      BACKORDER_ASSERT(passed_[at] > 0, "erasing a missing key");
      if (passed_[at] != saturated) {
        --passed_[at];
      }
    }
  }

  /// Returns the number of keys.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Returns the bytes held by the table.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return chunks_.capacity() * sizeof(Chunk) + passed_.capacity();
  }

private:
  struct alignas(64) Chunk {
    std::uint32_t hashes[width] = {};
    std::uint32_t slots[width] = {npos, npos, npos, npos,
                                  npos, npos, npos, npos};

    /// Returns a bit per entry whose hash equals `hash`.
    [[nodiscard]] unsigned agreeing(std::uint32_t hash) const noexcept {
      return equal(hashes, hash);
    }

    /// Returns a bit per element of `values` equal to `value`.
    static unsigned equal(const std::uint32_t (&values)[width],
                          std::uint32_t value) noexcept {
#if defined(__SSE2__)
      const __m128i key = _mm_set1_epi32(static_cast<int>(value));
      const __m128i low = _mm_cmpeq_epi32(
          _mm_load_si128(reinterpret_cast<const __m128i *>(values)), key);
      const __m128i high = _mm_cmpeq_epi32(
          _mm_load_si128(reinterpret_cast<const __m128i *>(values + 4)), key);
      return static_cast<unsigned>(
          _mm_movemask_ps(_mm_castsi128_ps(low)) |
          (_mm_movemask_ps(_mm_castsi128_ps(high)) << 4));
#else
      unsigned bits = 0;
      for (std::size_t entry = 0; entry < width; ++entry) {
        bits |= static_cast<unsigned>(values[entry] == value) << entry;
      }
      return bits;
#endif
    }
  };
  static_assert(sizeof(Chunk) == 64, "a chunk is one cache line");

  /// A count that stopped counting: it never goes down again, so lookups
  /// through its chunk always go on (correct, a little slower).
  static constexpr std::uint8_t saturated = 0xff;

  [[nodiscard]] std::size_t home(std::uint32_t hash) const noexcept {
    return (hash >> 3U) & mask_;
  }

  /// Stores an entry in the first chunk from its home with room.
  void place(std::uint32_t hash, std::uint32_t slot) noexcept {
    for (std::size_t at = home(hash);; at = (at + 1) & mask_) {
      Chunk &chunk = chunks_[at];
      if (const unsigned empty = Chunk::equal(chunk.slots, npos); empty != 0) {
        const int entry = std::countr_zero(empty);
        chunk.hashes[entry] = hash;
        chunk.slots[entry] = slot;
        return;
      }
      if (passed_[at] != saturated) {
        ++passed_[at];
      }
    }
  }

  /// Rehashes into enough chunks for `count` keys (the cold part of
  /// `reserve`, kept out of line so that the check inlines).
  BACKORDER_COLD void grow(std::size_t count) {
    std::size_t chunks = chunks_.empty() ? 2 : chunks_.size();
    while (count * 2 > chunks * width) {
      chunks *= 2;
    }
    rehash(chunks);
  }

  void rehash(std::size_t chunks) {
    std::vector<Chunk> fresh(chunks);
    std::vector<std::uint8_t> passed(chunks, 0);
    fresh.swap(chunks_);
    passed.swap(passed_);
    mask_ = chunks - 1;
    for (const Chunk &chunk : fresh) {
      for (std::size_t entry = 0; entry < width; ++entry) {
        if (chunk.slots[entry] != npos) {
          place(chunk.hashes[entry], chunk.slots[entry]);
        }
      }
    }
  }

  std::vector<Chunk> chunks_;
  std::vector<std::uint8_t> passed_; ///< keys that passed each chunk full
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
