// The {fmt} add-on: the exact text of every formatter, with values taken
// from a real inventory on a manual clock so that dates are fixed.

#include "catch.hpp"

#include <backorder/backorder.hpp>
#include <backorder/fmt.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace fmt_test {

namespace {

using Traits = backorder::ManualClockTraits;
using TimePoint = Traits::Clock::time_point;
using Promise = backorder::Promise<Traits>;
using backorder::PromiseSource;

const TimePoint dec_1 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
TimePoint december(int day) { return dec_1 + std::chrono::days{day - 1}; }

/// Formats every event it hears, in order.
struct Transcript {
  std::vector<std::string> *lines = nullptr;

  template <class Event> void on(const Event &event) {
    lines->push_back(fmt::format("{}", event));
  }
};

template <class Policy = backorder::Fifo>
using Shop = backorder::Inventory<Policy, Traits, Transcript>;

/// Describes integer SKUs on a manual clock.
struct IntegerManualTraits : backorder::IntegerSkuTraits {
  using Clock = backorder::ManualClock;
};

/// Counts seconds from its own epoch: its time points are not
/// system_clock's (only its types matter to a Promise).
struct TickClock {
  using duration = std::chrono::seconds;
  using time_point = std::chrono::time_point<TickClock>;
};

struct TickTraits : backorder::DefaultTraits {
  using Clock = TickClock;
};

} // namespace

TEST_CASE("fmt: error codes and promise sources print their names") {
  CHECK(fmt::format("{}", backorder::Errc::OutOfStock) == "OutOfStock");
  CHECK(fmt::format("{}", backorder::Errc::WaitTooLong) == "WaitTooLong");
  CHECK(fmt::format("{}", backorder::Errc::BackorderLimitExceeded) ==
        "BackorderLimitExceeded");
  CHECK(fmt::format("{}", PromiseSource::OnHand) == "OnHand");
  CHECK(fmt::format("{}", PromiseSource::Inbound) == "Inbound");
  CHECK(fmt::format("{}", PromiseSource::LeadTime) == "LeadTime");
  CHECK(fmt::format("{}", PromiseSource::Unknown) == "Unknown");
}

TEST_CASE("fmt: promises print a date and where it comes from") {
  CHECK(fmt::format("{}", Promise{PromiseSource::Inbound, december(12), 3}) ==
        "2026-12-12 (inbound #3)");
  CHECK(fmt::format("{}", Promise{PromiseSource::OnHand, dec_1, 0}) ==
        "2026-12-01 (on hand)");
  CHECK(fmt::format("{}", Promise{PromiseSource::LeadTime, december(22), 0}) ==
        "around 2026-12-22 (lead time)");
  CHECK(fmt::format("{}", Promise{}) == "unknown");
  // A time of day does not show; only the calendar date.
  CHECK(fmt::format("{}", Promise{PromiseSource::OnHand,
                                  december(9) + std::chrono::hours{23}, 0}) ==
        "2026-12-09 (on hand)");

  SECTION("a clock that is not system_clock prints raw ticks") {
    using TickPromise = backorder::Promise<TickTraits>;
    const TickClock::time_point at{std::chrono::seconds{86400}};
    CHECK(fmt::format("{}", TickPromise{PromiseSource::Inbound, at, 2}) ==
          "86400 (inbound #2)");
    CHECK(fmt::format("{}", TickPromise{PromiseSource::LeadTime, at, 0}) ==
          "around 86400 (lead time)");
  }
}

TEST_CASE("fmt: a format spec is refused") {
  CHECK_THROWS_AS(
      fmt::format(fmt::runtime("{:>10}"), backorder::Errc::EmptyOrder),
      fmt::format_error);
  CHECK_THROWS_AS(fmt::format(fmt::runtime("{:x}"), Promise{}),
                  fmt::format_error);
  CHECK(fmt::format(fmt::runtime("{}"), Promise{}) == "unknown");
}

TEST_CASE("fmt: errors print their code and message") {
  Shop<> shop(backorder::Fifo{}, {}, backorder::ManualClock{dec_1});
  std::vector<std::string> heard;
  shop.listener().lines = &heard;
  REQUIRE(shop.add_sku("MUG"));
  backorder::SkuConfig<Traits> no_backorders;
  no_backorders.backorderable = false;
  REQUIRE(shop.add_sku("TEA", no_backorders));
  REQUIRE(shop.expect("MUG", 4, december(12)).value_or(0) == 1U);

  const auto unknown = shop.receive("CUP", 1);
  REQUIRE_FALSE(unknown);
  CHECK(fmt::format("{}", unknown.error()) ==
        "UnknownSku: unknown SKU \"CUP\"");

  const auto out_of_stock = shop.place({.id = 1, .lines = {{"TEA", 2}}});
  REQUIRE_FALSE(out_of_stock);
  CHECK(fmt::format("{}", out_of_stock.error()) ==
        "OutOfStock: SKU \"TEA\" is out of stock: order 1 needs 2, 0 "
        "available");

  SECTION("a refusal for waiting too long tells the date it could offer") {
    const auto refused = shop.place(
        {.id = 2, .lines = {{"MUG", 2}}, .max_wait = std::chrono::days{7}});
    REQUIRE_FALSE(refused);
    CHECK(fmt::format("{}", refused.error()) ==
          "WaitTooLong: order 2 would wait past its max_wait (could deliver "
          "2026-12-12)");
    // Through its base class it is a plain Error.
    const backorder::Error &plain = refused.error();
    CHECK(fmt::format("{}", plain) ==
          "WaitTooLong: order 2 would wait past its max_wait");
  }

  SECTION("a lead-time promise is an estimate") {
    backorder::SkuConfig<Traits> slow;
    slow.lead_time = std::chrono::days{21};
    REQUIRE(shop.add_sku("POT", slow));
    const auto refused = shop.place(
        {.id = 3, .lines = {{"POT", 1}}, .max_wait = std::chrono::days{7}});
    REQUIRE_FALSE(refused);
    CHECK(fmt::format("{}", refused.error()) ==
          "WaitTooLong: order 3 would wait past its max_wait (could deliver "
          "around 2026-12-22)");
  }

  SECTION("no known date adds nothing to the message") {
    const auto refused = shop.place(
        {.id = 4, .lines = {{"MUG", 9}}, .max_wait = std::chrono::days{30}});
    REQUIRE_FALSE(refused);
    CHECK(fmt::format("{}", refused.error()) ==
          "WaitTooLong: order 4 has no known delivery date");
  }
  CHECK(heard == std::vector<std::string>{
                     "MUG stock: on hand 0, reserved 0, available 0, "
                     "back-ordered 0 (0 lines), inbound 0 -> on hand 0, "
                     "reserved 0, available 0, back-ordered 0 (0 lines), "
                     "inbound 4"});
}

TEST_CASE("fmt: a day at the shop, event by event") {
  std::vector<std::string> heard;
  Shop<> shop(backorder::Fifo{}, Transcript{&heard},
              backorder::ManualClock{dec_1});
  backorder::SkuConfig<Traits> slow;
  slow.lead_time = std::chrono::days{21};
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEA", slow));

  const auto receipt = shop.receive("MUG", 5);
  REQUIRE(receipt);
  CHECK(fmt::format("{}", *receipt) == "0 allocated to 0 lines, 5 available");
  CHECK(heard == std::vector<std::string>{
                     "MUG stock: on hand 0, reserved 0, available 0, "
                     "back-ordered 0 (0 lines), inbound 0 -> on hand 5, "
                     "reserved 0, available 5, back-ordered 0 (0 lines), "
                     "inbound 0",
                     "MUG back in stock: 5 available"});

  REQUIRE(shop.expect("MUG", 4, december(5)).value_or(0) == 1U);
  REQUIRE(shop.expect("MUG", 10, december(12)).value_or(0) == 2U);
  const auto delivery = shop.inbound(2);
  REQUIRE(delivery);
  CHECK(fmt::format("{}", *delivery) == "inbound #2: 10 x MUG due 2026-12-12");

  heard.clear();
  const auto placed = shop.place({.id = 1, .lines = {{"MUG", 7}, {"TEA", 2}}});
  REQUIRE(placed);
  CHECK(fmt::format("{}", *placed) ==
        "5 allocated, 4 back-ordered, 0 shippable, promise around 2026-12-22 "
        "(lead time)");
  CHECK(heard ==
        std::vector<std::string>{
            "order 1 placed: 5 allocated, 4 back-ordered, promise around "
            "2026-12-22 (lead time)",
            "order 1 line 0 (MUG): 5 allocated now, holds 5, waits for 2",
            "order 1 line 0 (MUG): back-ordered, waits for 2, promise "
            "2026-12-05 (inbound #1)",
            "order 1 line 1 (TEA): back-ordered, waits for 2, promise around "
            "2026-12-22 (lead time)",
            "MUG stock: on hand 5, reserved 0, available 5, back-ordered 0 (0 "
            "lines), inbound 14 -> on hand 5, reserved 5, available 0, "
            "back-ordered 2 (1 line), inbound 14",
            "TEA stock: on hand 0, reserved 0, available 0, back-ordered 0 (0 "
            "lines), inbound 0 -> on hand 0, reserved 0, available 0, "
            "back-ordered 2 (1 line), inbound 0"});

  const auto status = shop.status(1);
  REQUIRE(status);
  CHECK(fmt::format("{}", status->lines[0]) ==
        "MUG: ordered 7, allocated 5, shippable 0, back-ordered 2, shipped 0, "
        "promise 2026-12-05 (inbound #1)");
  CHECK(fmt::format("{}", *status) ==
        "order 1: MUG: ordered 7, allocated 5, shippable 0, back-ordered 2, "
        "shipped 0, promise 2026-12-05 (inbound #1); TEA: ordered 2, "
        "allocated 0, shippable 0, back-ordered 2, shipped 0, promise around "
        "2026-12-22 (lead time)");
  const auto promise = shop.promise(1);
  REQUIRE(promise);
  CHECK(fmt::format("{}", *promise) ==
        "order 1 complete by around 2026-12-22 (lead time): MUG: 2 "
        "back-ordered, promise 2026-12-05 (inbound #1); TEA: 2 back-ordered, "
        "promise around 2026-12-22 (lead time)");

  heard.clear();
  REQUIRE(shop.reschedule(1, december(14)));
  CHECK(heard == std::vector<std::string>{
                     "order 1 line 0 (MUG): promise moved from 2026-12-05 "
                     "(inbound #1) to 2026-12-12 (inbound #2)"});

  heard.clear();
  const auto tea = shop.receive("TEA", 2);
  REQUIRE(tea);
  CHECK(fmt::format("{}", *tea) == "2 allocated to 1 line, 0 available");
  // MUG still waits, so order 1 may not ship yet under Fifo.
  CHECK(heard == std::vector<std::string>{
                     "order 1 line 1 (TEA): 2 allocated now, holds 2, waits "
                     "for 0",
                     "order 1 ready to ship: 2 units (partial)",
                     "TEA stock: on hand 0, reserved 0, available 0, "
                     "back-ordered 2 (1 line), inbound 0 -> on hand 2, "
                     "reserved 2, available 0, back-ordered 0 (0 lines), "
                     "inbound 0"});

  heard.clear();
  const auto arrived = shop.receive_inbound(2, 6);
  REQUIRE(arrived);
  CHECK(fmt::format("{}", *arrived) ==
        "received 6, 0 over, 4 still expected, 2 allocated to 1 line, 4 "
        "available");
  CHECK(heard == std::vector<std::string>{
                     "order 1 line 0 (MUG): 2 allocated now, holds 7, waits "
                     "for 0",
                     "order 1 ready to ship: 9 units (complete)",
                     "MUG stock: on hand 5, reserved 5, available 0, "
                     "back-ordered 2 (1 line), inbound 14 -> on hand 11, "
                     "reserved 7, available 4, back-ordered 0 (0 lines), "
                     "inbound 8",
                     "MUG back in stock: 4 available"});

  heard.clear();
  const auto lost = shop.adjust("MUG", -1);
  REQUIRE(lost);
  CHECK(fmt::format("{}", *lost) ==
        "on hand 10, 0 allocated, 0 taken back, 0 lines touched");

  heard.clear();
  const auto shipped = shop.ship(1);
  REQUIRE(shipped);
  CHECK(fmt::format("{}", *shipped) == "9 units on 2 lines, order closed");
  CHECK(heard.size() == 3);
  CHECK(heard[0] == "order 1 shipped: 9 units on 2 lines, closed");

  heard.clear();
  REQUIRE(shop.place({.id = 2, .lines = {{"MUG", 6}}}));
  const auto cancelled = shop.cancel(2);
  REQUIRE(cancelled);
  CHECK(fmt::format("{}", *cancelled) ==
        "3 released, 3 back-ordered dropped, 0 handed on");
  CHECK(heard[0] == "order 2 placed: 3 allocated, 3 back-ordered, promise "
                    "2026-12-12 (inbound #2)");
  CHECK(heard[heard.size() - 3] ==
        "order 2 cancelled: 3 reserved units released, 3 back-ordered units "
        "dropped");
  CHECK(heard.back() == "MUG back in stock: 3 available");
  CHECK_FALSE(shop.check_invariants().has_value());
}

TEST_CASE("fmt: more shapes of reports and events") {
  std::vector<std::string> heard;
  backorder::Inventory<backorder::PartialFill, Traits, Transcript> shop(
      backorder::PartialFill{}, Transcript{&heard},
      backorder::ManualClock{dec_1});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 1));
  REQUIRE(shop.place({.id = 5, .lines = {{"MUG", 3}}, .priority = 2}));
  const auto status = shop.status(5);
  REQUIRE(status);
  CHECK(fmt::format("{}", *status) ==
        "order 5 (priority 2): MUG: ordered 3, allocated 1, shippable 1, "
        "back-ordered 2, shipped 0, promise unknown");

  heard.clear();
  const auto shipped = shop.ship(5);
  REQUIRE(shipped);
  CHECK(fmt::format("{}", *shipped) == "1 unit on 1 line, order still open");
  CHECK(heard[0] == "order 5 shipped: 1 unit on 1 line, still open");

  heard.clear();
  const auto found = shop.adjust("MUG", 1);
  REQUIRE(found);
  CHECK(fmt::format("{}", *found) ==
        "on hand 1, 1 allocated, 0 taken back, 1 line touched");
  CHECK(heard[0] == "order 5 line 0 (MUG): 1 allocated now, holds 1, waits "
                    "for 1");
  CHECK(heard[1] == "order 5 ready to ship: 1 unit (partial)");

  heard.clear();
  const auto taken = shop.adjust("MUG", -1);
  REQUIRE(taken);
  CHECK(fmt::format("{}", *taken) ==
        "on hand 0, 0 allocated, 1 taken back, 1 line touched");
  CHECK(heard[0] ==
        "order 5 line 0 (MUG): back-ordered, waits for 2, promise unknown");

  REQUIRE(shop.place(
      {.id = 6, .lines = {{"MUG", 1}}, .priority = 0, .ship_complete = true}));
  const auto held = shop.status(6);
  REQUIRE(held);
  CHECK(fmt::format("{}", *held) ==
        "order 6 (ships complete): MUG: ordered 1, allocated 0, shippable 0, "
        "back-ordered 1, shipped 0, promise unknown");
}

TEST_CASE("fmt: integer SKUs print as numbers") {
  using IntegerShop =
      backorder::Inventory<backorder::Fifo, IntegerManualTraits, Transcript>;
  std::vector<std::string> heard;
  IntegerShop shop(backorder::Fifo{}, Transcript{&heard},
                   backorder::ManualClock{dec_1});
  REQUIRE(shop.add_sku(4711));
  REQUIRE(shop.expect(4711, 5, december(3)).value_or(0) == 1U);
  heard.clear();
  REQUIRE(shop.place({.id = 9, .lines = {{4711, 2}}}));
  CHECK(heard ==
        std::vector<std::string>{
            "order 9 placed: 0 allocated, 2 back-ordered, promise 2026-12-03 "
            "(inbound #1)",
            "order 9 line 0 (4711): back-ordered, waits for 2, promise "
            "2026-12-03 (inbound #1)",
            "4711 stock: on hand 0, reserved 0, available 0, back-ordered 0 (0 "
            "lines), inbound 5 -> on hand 0, reserved 0, available 0, "
            "back-ordered 2 (1 line), inbound 5"});
  const auto status = shop.status(9);
  REQUIRE(status);
  CHECK(fmt::format("{}", *status) ==
        "order 9: 4711: ordered 2, allocated 0, shippable 0, back-ordered 2, "
        "shipped 0, promise 2026-12-03 (inbound #1)");
  const auto delivery = shop.inbound(1);
  REQUIRE(delivery);
  CHECK(fmt::format("{}", *delivery) == "inbound #1: 5 x 4711 due 2026-12-03");
  const auto unknown = shop.receive(42, 1);
  REQUIRE_FALSE(unknown);
  CHECK(fmt::format("{}", unknown.error()) == "UnknownSku: unknown SKU 42");
}

// --- coverage: paths the tests above do not reach ---------------------------

TEST_CASE("fmt: an order with a priority that ships complete shows both") {
  std::vector<std::string> heard;
  Shop<backorder::Priority> shop(backorder::Priority{}, Transcript{&heard},
                                 backorder::ManualClock{dec_1});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 1));
  REQUIRE(shop.place(
      {.id = 7, .lines = {{"MUG", 2}}, .priority = 3, .ship_complete = true}));
  const auto status = shop.status(7);
  REQUIRE(status);
  CHECK(fmt::format("{}", *status) ==
        "order 7 (priority 3, ships complete): MUG: ordered 2, allocated 1, "
        "shippable 0, back-ordered 1, shipped 0, promise unknown");
}

} // namespace fmt_test
