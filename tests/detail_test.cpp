// Internal building blocks (backorder::detail), tested directly where the
// library itself does not reach a path.

#include "catch.hpp"

#include <backorder/detail/cache_line.hpp>
#include <backorder/detail/min_tree.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace detail_test {

namespace {

using Tree = backorder::detail::MinTree<std::uint64_t>;

/// Returns the first position of `values` holding at most `limit`, or npos.
std::size_t first_at_most(const std::vector<std::uint64_t> &values,
                          std::uint64_t limit) {
  for (std::size_t position = 0; position < values.size(); ++position) {
    if (values[position] <= limit) {
      return position;
    }
  }
  return Tree::npos;
}

/// Checks every value and every search of `tree` against `values`.
void require_holds(const Tree &tree, const std::vector<std::uint64_t> &values) {
  REQUIRE(tree.size() == values.size());
  for (std::size_t position = 0; position < values.size(); ++position) {
    CHECK(tree.at(position) == values[position]);
  }
  for (std::uint64_t limit = 0; limit <= 60; ++limit) {
    INFO("limit " << limit);
    CHECK(tree.first_at_most(limit) == first_at_most(values, limit));
  }
}

} // namespace

TEST_CASE("MinTree: rebuild past the capacity grows the tree") {
  Tree tree;
  std::vector<std::uint64_t> values{40, 30, 50};
  for (const auto value : values) {
    tree.push_back(value);
  }
  require_holds(tree, values);
  const std::size_t small_bytes = tree.memory_bytes();

  // 40 positions do not fit the first 16: rebuild must grow.
  values.clear();
  for (std::uint64_t index = 0; index < 40; ++index) {
    values.push_back(60 - index % 7 - (index == 33 ? 20 : 0));
  }
  tree.rebuild(values.size(), [&](std::size_t at) { return values[at]; });
  CHECK(tree.memory_bytes() > small_bytes);
  require_holds(tree, values);

  // Shrinking back keeps the storage and forgets the dropped positions.
  const std::size_t large_bytes = tree.memory_bytes();
  values.resize(5);
  tree.rebuild(values.size(), [&](std::size_t at) { return values[at]; });
  CHECK(tree.memory_bytes() == large_bytes);
  require_holds(tree, values);
}

TEST_CASE("CacheLineAllocator: every block starts on a cache line") {
  // PrefixSums keeps one block of sums per cache line only if its storage
  // starts on one, however the vector grows.
  using backorder::detail::cache_line;
  std::vector<std::uint64_t,
              backorder::detail::CacheLineAllocator<std::uint64_t>>
      sums;
  for (std::uint64_t value = 0; value < 1000; ++value) {
    sums.push_back(value);
    REQUIRE(reinterpret_cast<std::uintptr_t>(sums.data()) % cache_line == 0);
  }
  REQUIRE(sums[999] == 999); // the values moved with the storage
  backorder::detail::CacheLineAllocator<char> bytes;
  for (std::size_t count = 1; count <= 3 * cache_line; count += 7) {
    char *const block = bytes.allocate(count);
    REQUIRE(reinterpret_cast<std::uintptr_t>(block) % cache_line == 0);
    std::memset(block, 1, count); // the whole block is usable
    bytes.deallocate(block, count);
  }
  REQUIRE(bytes == backorder::detail::CacheLineAllocator<int>{});
}

} // namespace detail_test
