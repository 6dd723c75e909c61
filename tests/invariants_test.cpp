// The invariant checkers, Inventory::check_invariants and
// BackOrderQueue::check, catch each kind of broken state. Every other test
// relies on them after every operation, so a check that never fires would
// let those tests pass on a broken state. Each SECTION below breaks one
// private field of a sound object, as a bug would, and expects the checker
// to name the damage.
//
// The private fields are reached through explicit template instantiation,
// which may name private members ([temp.spec.general]). This file is the
// only test that knows the private layout: when the layout changes, it
// stops compiling here and the matching SECTION is updated.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace invariants_test {

namespace {

using FifoQueue = backorder::BackOrderQueue<backorder::Fifo>;
using PriorityQueue = backorder::BackOrderQueue<backorder::Priority>;
using FirstFitQueue = backorder::BackOrderQueue<backorder::FirstFit>;
using Shop = backorder::Inventory<backorder::Fifo>;
static_assert(std::is_same_v<Shop::Queue, FifoQueue>);

/// Defines `pointer_to(Tag)`, which returns the member pointer `Pointer`.
template <class Tag, auto Pointer> struct Steal {
  friend constexpr auto pointer_to(Tag) noexcept { return Pointer; }
};

/// Declares a tag type `Name` for the member `Class::member`.
#define BACKORDER_STEAL(Name, Class, member)                                   \
  struct Name {                                                                \
    friend constexpr auto pointer_to(Name) noexcept;                           \
  };                                                                           \
  template struct Steal<Name, &Class::member>

BACKORDER_STEAL(FifoLevels, FifoQueue, levels_);
BACKORDER_STEAL(FifoEntries, FifoQueue, entries_);
BACKORDER_STEAL(FifoWaiting, FifoQueue, waiting_);
BACKORDER_STEAL(FifoAllocated, FifoQueue, allocated_);
BACKORDER_STEAL(PriorityLevels, PriorityQueue, levels_);
BACKORDER_STEAL(FirstFitLevels, FirstFitQueue, levels_);
BACKORDER_STEAL(ShopSkus, Shop, skus_);
BACKORDER_STEAL(ShopRecords, Shop, records_);

#undef BACKORDER_STEAL

/// Returns the private member named by `Tag` of `object`.
template <class Tag, class Object> auto &member(Object &object) {
  return object.*pointer_to(Tag{});
}

/// Checks that `broken` holds a description containing `damage`.
void require_caught(const std::optional<std::string> &broken,
                    std::string_view damage) {
  REQUIRE(broken.has_value());
  INFO(*broken);
  CHECK(broken->find(damage) != std::string::npos);
}

} // namespace

TEST_CASE("BackOrderQueue::check names each broken structure") {
  FifoQueue queue;
  const auto a = queue.push(1, 2);
  const auto b = queue.push(2, 3);
  const auto c = queue.push(3, 4);
  REQUIRE(queue.fill(3) == 3); // a complete, b holds 1 and waits, c holds 0
  REQUIRE_FALSE(queue.check().has_value());

  auto &levels = member<FifoLevels>(queue);
  auto &entries = member<FifoEntries>(queue);
  REQUIRE(levels.size() == 1);
  auto &level = levels[0];
  REQUIRE(level.cursor == b.slot);

  SECTION("a broken link") {
    entries[b.slot].prev = c.slot;
    require_caught(queue.check(),
                   "broken links at slot " + std::to_string(b.slot));
  }
  SECTION("a line that holds less than nothing") {
    entries[c.slot].line.allocated = -1;
    require_caught(queue.check(), "impossible quantities at slot");
  }
  SECTION("a first waiting line that is complete") {
    entries[b.slot].line.allocated = 3;
    require_caught(queue.check(), "the first waiting line is complete");
  }
  SECTION("a line ahead of the first waiting one that waits") {
    entries[a.slot].line.allocated = 1;
    require_caught(queue.check(), "a line ahead of the first waiting one");
  }
  SECTION("a line behind the first waiting one that holds units") {
    entries[c.slot].line.allocated = 1;
    require_caught(queue.check(), "a line behind the first waiting one");
  }
  SECTION("prefix sums that miss a change of quantity") {
    level.requested.add(entries[c.slot].position, 1);
    require_caught(queue.check(), "prefix sums out of step at slot");
  }
  SECTION("a slot by position that names another line") {
    level.slots[entries[c.slot].position] = a.slot;
    require_caught(queue.check(), "slot by position out of step at slot " +
                                      std::to_string(c.slot));
  }
  SECTION("a tail inside the level") {
    level.tail = b.slot;
    require_caught(queue.check(), "tail or cursor outside the level");
  }
  SECTION("level totals that miss a unit") {
    level.allocated += 1;
    require_caught(queue.check(), "level totals out of step");
  }
  SECTION("a waiting-line count that misses a line") {
    member<FifoWaiting>(queue) += 1;
    require_caught(queue.check(), "waiting-line count out of step");
  }
  SECTION("an allocated total that misses a unit") {
    member<FifoAllocated>(queue) += 1;
    require_caught(queue.check(), "allocated or outstanding sum out of step");
  }
}

TEST_CASE("BackOrderQueue::check names broken levels and fit indexes") {
  SECTION("levels out of rank order") {
    PriorityQueue queue;
    queue.push(1, 1, 5);
    queue.push(2, 1, 0);
    REQUIRE_FALSE(queue.check().has_value());
    auto &levels = member<PriorityLevels>(queue);
    REQUIRE(levels.size() == 2);
    levels[1].rank = 7;
    require_caught(queue.check(), "levels are not in descending rank order");
  }
  SECTION("an emptied level kept beside others") {
    PriorityQueue queue;
    queue.push(1, 1, 5);
    queue.push(2, 1, 0);
    auto &levels = member<PriorityLevels>(queue);
    REQUIRE(levels.size() == 2);
    levels[1].head = 0xffffffffU;
    require_caught(queue.check(), "an empty level was kept beside others");
  }
  FirstFitQueue queue;
  queue.push(1, 5);
  queue.push(2, 1);
  REQUIRE_FALSE(queue.check().has_value());
  auto &levels = member<FirstFitLevels>(queue);
  REQUIRE(levels.size() == 1);
  SECTION("a cursor under a hand-out that keeps none") {
    levels[0].cursor = levels[0].head;
    require_caught(queue.check(), "a cursor kept by a hand-out that has none");
  }
  SECTION("a fit index that misses a change") {
    levels[0].fit.outstanding.set(0, 99);
    require_caught(queue.check(), "fit index out of step at slot");
  }
}

TEST_CASE("a queue that empties keeps its only level for the next line") {
  PriorityQueue queue;
  auto &levels = member<PriorityLevels>(queue);
  const auto first = queue.push(1, 2, 5);
  queue.erase(first);
  REQUIRE(levels.size() == 1); // kept, empty
  CHECK(levels[0].live == 0);
  CHECK_FALSE(queue.check().has_value());

  // The next line takes the level whatever its rank; more ranks add levels
  // in rank order, and the one emptied among several leaves.
  const auto low = queue.push(2, 3, 0);
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].rank == 0);
  const auto high = queue.push(3, 4, 9);
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].rank == 9);
  CHECK_FALSE(queue.check().has_value());
  CHECK(queue.units_to_complete(low) == 7); // the higher rank's 4 first
  CHECK(queue.units_to_complete(high) == 4);
  queue.erase(high);
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].rank == 0);
  CHECK(queue.units_to_complete(low) == 3);
  CHECK(queue.fill(3) == 3);
  CHECK(queue.line(low).complete());
  CHECK_FALSE(queue.check().has_value());
}

TEST_CASE("Inventory::check_invariants names each broken record") {
  using TimePoint = backorder::DefaultTraits::Clock::time_point;
  const TimePoint later = TimePoint{} + std::chrono::hours{24};
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEA"));
  REQUIRE(shop.add_sku("LAMP"));
  REQUIRE(shop.receive("MUG", 5));
  REQUIRE(shop.receive("LAMP", 5));
  REQUIRE(shop.place(backorder::Order<>{1, {{"MUG", 3}, {"TEA", 2}}}));
  REQUIRE(shop.place(backorder::Order<>{2, {{"MUG", 4}}})); // 2 waiting
  REQUIRE(shop.ship(1)); // the MUG line ships, the TEA line stays open
  REQUIRE(shop.expect("TEA", 2, later));
  REQUIRE(shop.expect("TEA", 3, later + std::chrono::hours{24}));
  backorder::testing::require_invariants(shop);

  auto &skus = member<ShopSkus>(shop);
  // An order lives in the record of its first line: one pool for both.
  auto &orders = member<ShopRecords>(shop);
  auto &lines = orders;
  REQUIRE(skus.size() == 3);
  auto &mug = skus[0];
  auto &tea = skus[1];
  auto &lamp = skus[2];
  REQUIRE(mug.sku == "MUG");
  REQUIRE(tea.sku == "TEA");
  REQUIRE(lamp.sku == "LAMP");
  const auto slot_of = [&](std::uint64_t id) {
    for (std::uint32_t slot = 0; slot < orders.slots(); ++slot) {
      if (orders[slot].live && orders[slot].id == id) {
        return slot;
      }
    }
    FAIL("order " << id << " is not open");
    return std::uint32_t{0};
  };
  auto &first = orders[slot_of(1)];
  auto &second = orders[slot_of(2)];
  auto &shipped_line = lines[first.first_line]; // MUG, 3 of 3 shipped
  REQUIRE(shipped_line.shipped == 3);
  auto &waiting_line = lines[second.first_line]; // MUG, 2 of 4 allocated
  REQUIRE(waiting_line.ordered == 4);

  SECTION("an order the index cannot find") {
    first.id = 9;
    require_caught(shop.check_invariants(),
                   "order 9: not found through the order index");
  }
  SECTION("a line of no SKU") {
    shipped_line.sku = 1000;
    require_caught(shop.check_invariants(),
                   "order 1, line 1: refers to no SKU");
  }
  SECTION("a line that shipped more than ordered") {
    shipped_line.shipped = 4;
    require_caught(shop.check_invariants(),
                   "order 1, line 1: shipped 4 of 3 ordered");
  }
  SECTION("a shipped line left in its queue") {
    waiting_line.shipped = waiting_line.ordered;
    require_caught(shop.check_invariants(),
                   "order 2, line 1: fully shipped but still queued");
  }
  SECTION("an open line missing from its queue") {
    waiting_line.handle.generation += 1;
    require_caught(shop.check_invariants(),
                   "order 2, line 1: open but missing from its SKU's queue");
  }
  SECTION("a line out of step with its queue entry") {
    waiting_line.ordered += 1;
    require_caught(shop.check_invariants(),
                   "order 2, line 1: out of step with its queue entry");
  }
  SECTION("a line chain shorter than the order") {
    second.line_count += 1;
    require_caught(shop.check_invariants(),
                   "order 2: its line chain is broken");
  }
  SECTION("an open order marked closed") {
    second.live = false;
    require_caught(shop.check_invariants(),
                   "open order or line counts are out of step");
  }
  SECTION("a SKU the index cannot find") {
    lamp.sku = "LAMPS";
    require_caught(shop.check_invariants(),
                   "SKU \"LAMPS\": not found through the SKU index");
  }
  SECTION("a broken queue") {
    member<FifoWaiting>(mug.queue) += 1;
    require_caught(shop.check_invariants(),
                   "SKU \"MUG\": queue: line or waiting-line count");
  }
  SECTION("a negative count") {
    lamp.on_hand = -1;
    require_caught(shop.check_invariants(), "SKU \"LAMP\": a negative count");
  }
  SECTION("units reserved for no open line") {
    lamp.queue.push(99, 2);
    REQUIRE(lamp.queue.fill(2) == 2);
    require_caught(shop.check_invariants(),
                   "SKU \"LAMP\": reserved 2 is not the units allocated to "
                   "open lines (0)");
  }
  SECTION("units back-ordered for no open line") {
    lamp.queue.push(99, 7);
    require_caught(shop.check_invariants(),
                   "SKU \"LAMP\": backordered 7 is not the units open lines "
                   "wait for (0)");
  }
  SECTION("scratch units of a placement left behind") {
    mug.pending = 2;
    require_caught(shop.check_invariants(),
                   "SKU \"MUG\": scratch units of a placement left behind");
  }
  SECTION("a unit counted twice") {
    mug.received += 1;
    require_caught(shop.check_invariants(), "SKU \"MUG\": units not conserved");
  }
  SECTION("a free unit that a waiting line should have taken") {
    mug.on_hand += 1;
    mug.received += 1;
    require_caught(shop.check_invariants(),
                   "SKU \"MUG\": free units left that the policy would hand "
                   "out");
  }
  REQUIRE(tea.schedule.size() == 2);
  SECTION("a delivery with wrong cumulative units") {
    tea.schedule[1].cumulative += 1;
    require_caught(shop.check_invariants(),
                   "has wrong units or cumulative units");
  }
  SECTION("deliveries out of date order") {
    tea.schedule[1].eta = TimePoint{};
    require_caught(shop.check_invariants(),
                   "SKU \"TEA\": deliveries out of date order");
  }
  SECTION("a delivery date the inbound index does not know") {
    tea.schedule[0].eta = TimePoint{};
    require_caught(shop.check_invariants(),
                   "out of step with the inbound index");
  }
  SECTION("an inbound total that misses a unit") {
    tea.inbound += 1;
    require_caught(shop.check_invariants(),
                   "SKU \"TEA\": inbound is not the units of its expected "
                   "deliveries");
  }
  SECTION("a delivery dropped from its SKU's schedule") {
    tea.inbound -= tea.schedule.back().units;
    tea.schedule.pop_back();
    require_caught(shop.check_invariants(),
                   "expected delivery counts are out of step");
  }
}

} // namespace invariants_test
