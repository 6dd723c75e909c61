// The prefix sums behind promises (detail/prefix_sums.hpp), checked against
// a plain vector through random appends, updates and rebuilds that cross
// many block boundaries.

#include "catch.hpp"

#include <backorder/detail/prefix_sums.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace prefix_sums_test {

TEST_CASE("prefix sums match a plain sum through random changes") {
  using Sums = backorder::detail::PrefixSums<std::uint64_t>;
  Sums sums;
  std::vector<std::uint64_t> plain;
  std::mt19937_64 random(27112026);
  const auto pick = [&](std::size_t bound) {
    return static_cast<std::size_t>(random() % bound);
  };
  const auto check = [&] {
    REQUIRE(sums.size() == plain.size());
    std::uint64_t running = 0;
    REQUIRE(sums.prefix(0) == 0);
    for (std::size_t count = 1; count <= plain.size(); ++count) {
      running += plain[count - 1];
      REQUIRE(sums.prefix(count) == running);
    }
  };
  std::size_t largest = 0;
  std::size_t front = 0; // positions before it were removed from the front
  for (int step = 0; step < 4000; ++step) {
    INFO("step " << step << ", size " << plain.size());
    const std::size_t action = pick(1000);
    if (action < 600 || plain.empty()) {
      const std::uint64_t value = pick(1000);
      sums.push_back(value);
      plain.push_back(value);
    } else if (action < 700 && front < plain.size()) {
      // The first position that holds anything leaves, as a queue's first
      // line does: in O(1), behind a front no change reaches again.
      std::size_t position = front;
      while (position + 1 < plain.size() && plain[position] == 0) {
        ++position;
      }
      sums.remove_front(position, plain[position]);
      plain[position] = 0;
      front = position + 1;
    } else if (action < 998 && front < plain.size()) {
      // Negative deltas wrap, as the queue's removals do.
      const std::size_t position = front + pick(plain.size() - front);
      const std::uint64_t delta =
          pick(2) == 0 ? pick(50) : std::uint64_t{0} - plain[position];
      sums.add(position, delta);
      plain[position] += delta;
    } else {
      // Keep every other position, as the queue's renumbering does.
      std::vector<std::uint64_t> kept;
      for (std::size_t at = 0; at < plain.size(); at += 2) {
        kept.push_back(plain[at]);
      }
      sums.rebuild(kept.size(), [&](std::size_t at) { return kept[at]; });
      plain = kept;
      front = 0;
    }
    largest = std::max(largest, plain.size());
    if (step % 50 == 0) {
      check();
    } else {
      const std::size_t count = pick(plain.size() + 1);
      std::uint64_t expected = 0;
      for (std::size_t at = 0; at < count; ++at) {
        expected += plain[at];
      }
      REQUIRE(sums.prefix(count) == expected);
    }
  }
  check();
  REQUIRE(largest > 8 * Sums::block); // many blocks were crossed
  sums.clear();
  REQUIRE(sums.size() == 0);
  REQUIRE(sums.prefix(0) == 0);
}

TEST_CASE("prefix sums stay right when appends follow a rebuild of any size") {
  // A rebuild leaves the last block out of the tree until it is complete,
  // as appends do: after a rebuild that ends on a block boundary, the next
  // append must not add that block a second time.
  using Sums = backorder::detail::PrefixSums<std::uint64_t>;
  for (std::size_t size = 0; size <= 3 * Sums::block; ++size) {
    INFO("rebuilt to " << size << " positions");
    Sums sums;
    std::vector<std::uint64_t> plain;
    for (std::size_t at = 0; at < 4 * Sums::block; ++at) {
      sums.push_back(at + 1);
    }
    for (std::size_t at = 0; at < size; ++at) {
      plain.push_back(3 * at + 2);
    }
    sums.rebuild(size, [&](std::size_t at) { return plain[at]; });
    for (std::size_t more = 0; more < 2 * Sums::block; ++more) {
      sums.push_back(5 * more + 1);
      plain.push_back(5 * more + 1);
      sums.add(plain.size() / 2, 7);
      plain[plain.size() / 2] += 7;
    }
    std::uint64_t running = 0;
    for (std::size_t count = 1; count <= plain.size(); ++count) {
      running += plain[count - 1];
      REQUIRE(sums.prefix(count) == running);
    }
  }
}

TEMPLATE_TEST_CASE("an update changes the sums from its position on, at every "
                   "position of whole and partial blocks",
                   "", std::uint16_t, std::uint64_t) {
  // A whole block is updated by masked loops of fixed length, the last
  // (partial) block by a plain loop: try every position of both kinds, in
  // each half of a block, with a delta that wraps as removals do.
  using Sums = backorder::detail::PrefixSums<TestType>;
  const std::size_t size = 2 * Sums::block + Sums::block / 2 + 3;
  for (std::size_t position = 0; position < size; ++position) {
    INFO("update at position " << position);
    Sums sums;
    std::vector<TestType> plain;
    for (std::size_t at = 0; at < size; ++at) {
      plain.push_back(static_cast<TestType>(at % 7 + 1));
      sums.push_back(plain.back());
    }
    const auto delta = static_cast<TestType>(TestType{0} - plain[position]);
    sums.add(position, delta);
    plain[position] = static_cast<TestType>(plain[position] + delta);
    TestType running = 0;
    for (std::size_t count = 1; count <= size; ++count) {
      running = static_cast<TestType>(running + plain[count - 1]);
      REQUIRE(sums.prefix(count) == running);
    }
  }
}

} // namespace prefix_sums_test
