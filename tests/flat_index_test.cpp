// The hash index behind SKU, order and delivery lookups (detail/flat_index.hpp)
// and the hash it is fed (detail/hash.hpp), checked against a plain map
// through random inserts and erases, with hashes drawn from a small range
// so that chunks fill, keys pass full chunks and counts go up and down.

#include "catch.hpp"

#include <backorder/detail/flat_index.hpp>
#include <backorder/detail/hash.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace flat_index_test {

namespace {

using backorder::detail::FlatIndex;

/// Keys are slot numbers; each slot's hash is kept beside it, as the
/// inventory keeps keys in its records.
struct Fixture {
  FlatIndex index;
  std::map<std::uint32_t, std::uint32_t> plain; // slot -> hash

  [[nodiscard]] std::uint32_t find(std::uint32_t hash,
                                   std::uint32_t slot) const {
    return index.find(
        hash, [&](std::uint32_t candidate) { return candidate == slot; });
  }

  void check() const {
    REQUIRE(index.size() == plain.size());
    for (const auto &[slot, hash] : plain) {
      REQUIRE(find(hash, slot) == slot);
    }
  }
};

} // namespace

TEST_CASE("the flat index matches a plain map through random changes") {
  // Few distinct hashes: many keys share a home chunk and spill over.
  const std::uint32_t hash_range = GENERATE(8U, 64U, 1U << 20U);
  INFO("hashes drawn from [0, " << hash_range << ")");
  Fixture fixture;
  std::mt19937 random(hash_range);
  std::uint32_t next_slot = 0;
  for (int step = 0; step < 6000; ++step) {
    INFO("step " << step);
    const bool grow = fixture.plain.empty() || random() % 100 < 55;
    if (grow) {
      const auto hash = static_cast<std::uint32_t>(random() % hash_range);
      const std::uint32_t slot = next_slot++;
      REQUIRE(fixture.find(hash, slot) == FlatIndex::npos);
      fixture.index.insert(hash, slot);
      fixture.plain.emplace(slot, hash);
    } else {
      auto victim = fixture.plain.begin();
      std::advance(
          victim, static_cast<std::ptrdiff_t>(random() % fixture.plain.size()));
      const auto [slot, hash] = *victim;
      fixture.index.erase(hash, slot);
      fixture.plain.erase(victim);
      REQUIRE(fixture.find(hash, slot) == FlatIndex::npos);
    }
    if (step % 500 == 0) {
      fixture.check();
    }
  }
  fixture.check();
  // Emptied, every lookup ends at once and nothing is found.
  while (!fixture.plain.empty()) {
    const auto [slot, hash] = *fixture.plain.begin();
    fixture.index.erase(hash, slot);
    fixture.plain.erase(fixture.plain.begin());
  }
  fixture.check();
  for (std::uint32_t hash = 0; hash < 64; ++hash) {
    CHECK(fixture.find(hash, 0) == FlatIndex::npos);
  }
}

TEST_CASE("the flat index keeps at most half its entries in use") {
  FlatIndex index;
  CHECK(index.memory_bytes() == 0);
  for (std::uint32_t slot = 0; slot < 1000; ++slot) {
    index.insert(backorder::detail::mix_hash(slot), slot);
  }
  const std::size_t bytes = index.memory_bytes();
  // 1,000 keys need 2,000 entries of 8 bytes: 256 chunks of 64 bytes, and
  // a count byte per chunk.
  CHECK(bytes == 256 * 64 + 256);
  index.reserve(1000);
  CHECK(index.memory_bytes() == bytes); // enough room already: unchanged
}

TEST_CASE("mix_hash keeps runs of eight consecutive ids together") {
  using backorder::detail::mix_hash;
  // Ids 8k .. 8k+7 differ only in the three bits kept, so they share the
  // rest of the hash (and a home chunk in the index).
  for (std::uint64_t base = 0; base < 8 * 1000; base += 8) {
    const std::uint32_t first = mix_hash(base);
    CHECK((first & 7U) == 0U);
    for (std::uint64_t id = base + 1; id < base + 8; ++id) {
      CHECK((mix_hash(id) & ~7U) == first);
      CHECK((mix_hash(id) & 7U) == (id & 7U));
    }
  }
  // Runs spread evenly: 1,000 consecutive runs fall into 1,024 home
  // chunks with few collisions, where an identity hash would fill
  // consecutive chunks (and strided ids would share one).
  std::set<std::uint32_t> homes;
  for (std::uint64_t base = 0; base < 8 * 1000; base += 8) {
    homes.insert((mix_hash(base) >> 3U) & 1023U);
  }
  CHECK(homes.size() > 550); // about 1024 * (1 - e^(-1000/1024)) = 640
  std::set<std::uint32_t> strided;
  for (std::uint64_t id = 0; id < 1000 * 1024; id += 1024) {
    strided.insert((mix_hash(id) >> 3U) & 1023U);
  }
  CHECK(strided.size() > 550);
}

} // namespace flat_index_test
