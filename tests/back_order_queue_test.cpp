// BackOrderQueue used on its own, as a host that counts stock elsewhere
// would use it.

#include "catch.hpp"
#include "queue_walk.hpp"

#include <backorder/back_order_queue.hpp>
#include <backorder/policies.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace back_order_queue_test {

namespace {

using FifoQueue = backorder::BackOrderQueue<backorder::Fifo>;
using PriorityQueue = backorder::BackOrderQueue<backorder::Priority>;

template <class Queue> void require_sound(const Queue &queue) {
  const auto broken = queue.check();
  INFO((broken ? *broken : std::string("sound")));
  REQUIRE_FALSE(broken.has_value());
}

/// Returns the order ids of the queue's lines in rank order.
template <class Queue> std::vector<std::uint64_t> ranked(const Queue &queue) {
  std::vector<std::uint64_t> ids;
  queue.for_each([&](auto, const auto &line) { ids.push_back(line.order_id); });
  return ids;
}

} // namespace

TEST_CASE("a queue fills lines in arrival order and reports each one") {
  FifoQueue queue;
  const auto first = queue.push(1, 5);
  const auto second = queue.push(2, 2);
  CHECK(queue.waiting_lines() == 2);
  CHECK(queue.units_outstanding() == 7);
  bool told = false;
  CHECK(queue.fill(0, [&](auto, const auto &, auto) { told = true; }) == 0);
  CHECK_FALSE(told); // no units, no line served

  std::vector<std::pair<std::uint64_t, std::int64_t>> served;
  const auto handed = queue.fill(6, [&](auto, const auto &line, auto units) {
    served.emplace_back(line.order_id, units);
  });
  CHECK(handed == 6);
  CHECK(served ==
        std::vector<std::pair<std::uint64_t, std::int64_t>>{{1, 5}, {2, 1}});
  CHECK(queue.line(first).complete());
  CHECK(queue.shippable(first) == 5);
  CHECK(queue.shippable(second) == 0);
  CHECK(queue.units_allocated() == 6);
  CHECK(queue.units_outstanding() == 1);
  CHECK(queue.waiting_lines() == 1);
  require_sound(queue);

  SECTION("more units than lines want are left over") {
    CHECK(queue.fill(10) == 1);
    CHECK(queue.waiting_lines() == 0);
  }
  SECTION("erasing returns the units held, and the handle goes stale") {
    CHECK(queue.erase(first) == 5);
    CHECK_FALSE(queue.contains(first));
    CHECK(queue.units_allocated() == 1);
    const auto reused = queue.push(3, 4); // takes the freed slot
    CHECK(reused.slot == first.slot);
    CHECK_FALSE(queue.contains(first));
    CHECK(queue.contains(reused));
    CHECK(ranked(queue) == std::vector<std::uint64_t>{2, 3});
  }
  SECTION("shipping a complete line removes it") {
    queue.ship(first, 5);
    CHECK_FALSE(queue.contains(first));
    CHECK(queue.size() == 1);
    CHECK(queue.units_allocated() == 1);
  }
  require_sound(queue);
}

TEST_CASE("take_back empties the lowest-ranked holders first") {
  FifoQueue queue;
  const auto a = queue.push(1, 3);
  const auto b = queue.push(2, 3);
  const auto c = queue.push(3, 3);
  REQUIRE(queue.fill(7) == 7); // a: 3, b: 3, c: 1

  std::vector<std::uint64_t> touched;
  CHECK(queue.take_back(2, [&](auto, const auto &line, auto) {
    touched.push_back(line.order_id);
  }) == 2);
  CHECK(touched == std::vector<std::uint64_t>{3, 2});
  CHECK(queue.line(c).allocated == 0);
  CHECK(queue.line(b).allocated == 2);
  CHECK(queue.line(a).allocated == 3);
  CHECK(queue.waiting_lines() == 2);
  require_sound(queue);

  // b ranks ahead of c, so it is served first again.
  CHECK(queue.fill(2) == 2);
  CHECK(queue.line(b).complete());
  CHECK(queue.line(c).allocated == 1);
  CHECK(queue.take_back(100) == 7);
  CHECK(queue.units_allocated() == 0);
  CHECK(queue.waiting_lines() == 3);
  require_sound(queue);
}

TEST_CASE("the Priority queue ranks levels high to low, then by arrival") {
  PriorityQueue queue;
  queue.push(1, 1, 0);
  queue.push(2, 1, 5);
  queue.push(3, 1, 0);
  queue.push(4, 1, 9);
  queue.push(5, 1, 5);
  CHECK(ranked(queue) == std::vector<std::uint64_t>{4, 2, 5, 1, 3});
  std::vector<std::uint64_t> served;
  queue.fill(3, [&](auto, const auto &line, auto) {
    served.push_back(line.order_id);
  });
  CHECK(served == std::vector<std::uint64_t>{4, 2, 5});
  require_sound(queue);
}

TEST_CASE("a fill walks past the positions of lines that left, whose "
          "slots later lines took") {
  // Priority: a higher priority ranks first. The level of priority 1 keeps
  // its lines' slots by position; a line that leaves keeps its slot there.
  PriorityQueue queue;
  const auto a0 = queue.push(10, 2, 1);
  const auto a1 = queue.push(11, 3, 1);
  const auto a2 = queue.push(12, 4, 1);
  const auto b0 = queue.push(20, 5, 0);
  const auto a3 = queue.push(13, 6, 1);
  std::vector<std::uint64_t> served;
  const auto record = [&](auto, const auto &line, auto) {
    served.push_back(line.order_id);
  };

  SECTION("the slot is free") {
    queue.erase(a1);
    CHECK(queue.fill(2 + 4, record) == 6);
    CHECK(served == std::vector<std::uint64_t>{10, 12});
    CHECK(queue.line(a3).allocated == 0);
  }
  SECTION("a later line of the same level took the slot") {
    queue.erase(a1);
    const auto a4 = queue.push(14, 7, 1); // position 4 of the level
    REQUIRE(a4.slot == a1.slot);
    CHECK(queue.fill(2 + 4, record) == 6);
    CHECK(served == std::vector<std::uint64_t>{10, 12});
    CHECK(queue.line(a4).allocated == 0);
    served.clear();
    CHECK(queue.fill(6 + 7 + 5, record) == 18);
    CHECK(served == std::vector<std::uint64_t>{13, 14, 20});
    CHECK(queue.line(a3).complete());
  }
  SECTION("a line of another level took the slot, at the same position") {
    queue.erase(a1);
    const auto b1 = queue.push(21, 8, 0); // position 1 of its own level
    REQUIRE(b1.slot == a1.slot);
    CHECK(queue.fill(2 + 4 + 6 + 1, record) == 13);
    CHECK(served == std::vector<std::uint64_t>{10, 12, 13, 20});
    CHECK(queue.line(b0).allocated == 1);
    CHECK(queue.line(b1).allocated == 0);
    CHECK(queue.line(a3).complete());
  }
  CHECK(queue.line(a0).complete());
  CHECK(queue.line(a2).complete());
  CHECK_FALSE(queue.contains(a1));
  require_sound(queue);
}

TEST_CASE("PartialFill lets a partly served line ship what it holds") {
  backorder::BackOrderQueue<backorder::PartialFill> queue;
  const auto line = queue.push(1, 5);
  queue.fill(2);
  CHECK(queue.shippable(line) == 2);
  queue.ship(line, 2);
  CHECK(queue.line(line).requested == 3);
  CHECK(queue.line(line).allocated == 0);
  CHECK(queue.waiting_lines() == 1);
  queue.fill(3);
  queue.ship(line, 3);
  CHECK(queue.empty());
  require_sound(queue);
}

TEMPLATE_TEST_CASE("a queue stays sound through random changes, under every "
                   "policy",
                   "", backorder::Fifo, backorder::Priority,
                   backorder::PartialFill, backorder::FirstFit,
                   backorder::ProRata) {
  using Queue = backorder::BackOrderQueue<TestType>;
  Queue queue;
  std::vector<typename Queue::Handle> handles;
  std::mt19937_64 random(20261127);
  const auto pick = [&](std::size_t bound) {
    return static_cast<std::size_t>(random() % bound);
  };
  std::int64_t held = 0; // units the lines hold, by the queue's own reports
  std::size_t deepest = 0;
  for (int step = 0; step < 2500; ++step) {
    INFO("step " << step);
    const std::size_t action = pick(11);
    if (action < 4 || handles.empty()) {
      handles.push_back(queue.push(static_cast<std::uint64_t>(step),
                                   static_cast<std::int64_t>(1 + pick(9)),
                                   static_cast<int>(pick(3))));
    } else if (action < 6) {
      const auto units = static_cast<std::int64_t>(pick(12));
      const std::int64_t waited = queue.units_outstanding();
      const std::int64_t given = queue.fill(units);
      REQUIRE(given <= units);
      REQUIRE(queue.units_outstanding() == waited - given);
      held += given;
    } else if (action < 7) {
      held -= queue.take_back(static_cast<std::int64_t>(pick(8)));
    } else if (action == 10) {
      // Many lines join, then every k-th line leaves, so that the pushes
      // after renumber levels of any size (a rebuild that ends on a block
      // boundary included).
      const std::size_t count = 1 + pick(48);
      const auto priority = static_cast<int>(pick(3));
      for (std::size_t line = 0; line < count; ++line) {
        handles.push_back(queue.push(static_cast<std::uint64_t>(step),
                                     static_cast<std::int64_t>(1 + pick(9)),
                                     priority));
      }
      deepest = std::max(deepest, handles.size());
      const std::size_t every = 2 + pick(3);
      std::vector<typename Queue::Handle> kept;
      for (std::size_t index = 0; index < handles.size(); ++index) {
        if (index % every == 0) {
          held -= queue.erase(handles[index]);
        } else {
          kept.push_back(handles[index]);
        }
      }
      handles = std::move(kept);
    } else {
      const std::size_t index = pick(handles.size());
      const auto handle = handles[index];
      if (action < 9 || queue.shippable(handle) == 0) {
        held -= queue.erase(handle);
      } else {
        const std::int64_t units = queue.shippable(handle);
        queue.ship(handle, units);
        held -= units;
      }
      if (!queue.contains(handle)) {
        handles[index] = handles.back();
        handles.pop_back();
      }
    }
    require_sound(queue);
    REQUIRE(queue.units_allocated() == held);
    REQUIRE(queue.size() == handles.size());
    deepest = std::max(deepest, handles.size());
    if (step % 100 == 0) {
      // A copy holds the same lines and goes on alone.
      Queue copy = queue;
      require_sound(copy);
      REQUIRE(ranked(copy) == ranked(queue));
      copy.fill(1000);
      require_sound(copy);
      require_sound(queue);
    }
    const auto mismatch = backorder::testing::walk_mismatch(queue);
    INFO((mismatch ? *mismatch : std::string("as walked")));
    REQUIRE_FALSE(mismatch.has_value());
  }
  REQUIRE(deepest > 100); // deep enough for levels to renumber
}

// --- coverage: paths the tests above do not reach ---------------------------

namespace {

/// Checks that `idle(units)` says exactly whether a fill would hand out
/// nothing, for every amount up to `most`.
template <class Queue>
void require_idle_matches_fill(const Queue &queue, std::int64_t most) {
  for (std::int64_t units = 0; units <= most; ++units) {
    Queue copy = queue;
    INFO("units " << units);
    CHECK(queue.idle(units) == (copy.fill(units) == 0));
  }
}

} // namespace

TEST_CASE("idle tells whether a fill would hand out anything") {
  SECTION("Fifo: any unit goes to the first waiting line") {
    FifoQueue queue;
    CHECK(queue.idle(5)); // nobody waits
    queue.push(1, 3);
    CHECK(queue.idle(0));
    CHECK_FALSE(queue.idle(1));
    require_idle_matches_fill(queue, 4);
  }
  SECTION("FirstFit: only units that complete a line count") {
    backorder::BackOrderQueue<backorder::FirstFit> queue;
    const auto small = queue.push(1, 2);
    queue.push(2, 4);
    REQUIRE(queue.fill(2) == 2);
    CHECK(queue.line(small).complete());
    CHECK(queue.waiting_lines() == 1);
    CHECK(queue.idle(3)); // the 4-unit line does not fit
    CHECK_FALSE(queue.idle(4));
    require_idle_matches_fill(queue, 6);
    require_sound(queue);
  }
  SECTION("FirstFit: a line that blocks must fit itself") {
    backorder::BackOrderQueue<backorder::FirstFit> queue(
        backorder::FirstFit{0});
    queue.push(1, 5);
    queue.push(2, 1);
    CHECK(queue.idle(4)); // the 1-unit line may not overtake
    CHECK_FALSE(queue.idle(5));
    require_idle_matches_fill(queue, 6);
  }
}

} // namespace back_order_queue_test
