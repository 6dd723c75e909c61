// Supplier deliveries and promised dates.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <random>
#include <vector>

namespace promise_test {

using backorder::Errc;
using backorder::PromiseSource;
using namespace std::chrono_literals;
using namespace backorder::testing;

namespace {

using Traits = backorder::ManualClockTraits;
template <class Policy> using ShopOf = backorder::Inventory<Policy, Traits>;
using Shop = ShopOf<backorder::Fifo>;
using Order = backorder::Order<Traits>;
using TimePoint = Traits::Clock::time_point;

const TimePoint day0 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};

TimePoint day(int n) { return day0 + std::chrono::days{n}; }

Order one_line(std::uint64_t id, const char *sku, std::int64_t quantity,
               int priority = 0) {
  return Order{id, {{sku, quantity}}, priority, false, std::nullopt};
}

template <class Inventory>
backorder::Promise<Traits> promise_of(const Inventory &shop, std::uint64_t id,
                                      std::size_t line = 0) {
  const auto promises = shop.promise(id);
  REQUIRE(promises);
  REQUIRE(line < promises->lines.size());
  return promises->lines[line].promise;
}

} // namespace

TEST_CASE("expected deliveries count as inbound and can change") {
  Shop shop(backorder::Fifo{}, {}, backorder::ManualClock(day0));
  REQUIRE(shop.add_sku("MUG"));
  const auto first = shop.expect("MUG", 10, day(5));
  const auto second = shop.expect("MUG", 4, day(2));
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first == 1);
  CHECK(*second == 2);
  CHECK(stock_of(shop, "MUG").inbound == 14);

  std::vector<backorder::InboundId> order;
  REQUIRE(shop.for_each_inbound(
      "MUG", [&](const auto &delivery) { order.push_back(delivery.id); }));
  CHECK(order == std::vector<backorder::InboundId>{2, 1});

  REQUIRE(shop.reschedule(*second, day(9)));
  CHECK(shop.inbound(*second)->eta == day(9));

  SECTION("a partial receipt leaves the rest expected") {
    REQUIRE(shop.place(one_line(1, "MUG", 3)));
    const auto receipt = shop.receive_inbound(*first, 6);
    REQUIRE(receipt);
    CHECK(receipt->received == 6);
    CHECK(receipt->still_expected == 4);
    CHECK_FALSE(receipt->closed);
    CHECK(receipt->allocated == 3);
    CHECK(receipt->available == 3);
    CHECK(shop.inbound(*first)->units == 4);
    CHECK(stock_of(shop, "MUG").inbound == 8);
    CHECK(stock_of(shop, "MUG").on_hand == 6);
  }
  SECTION("receiving more than expected is allowed and reported") {
    const auto receipt = shop.receive_inbound(*second, 7);
    REQUIRE(receipt);
    CHECK(receipt->over_delivered == 3);
    CHECK(receipt->closed);
    CHECK(shop.inbound(*second).error().code == Errc::UnknownInbound);
    CHECK(stock_of(shop, "MUG").inbound == 10);
    CHECK(stock_of(shop, "MUG").on_hand == 7);
  }
  SECTION("a cancelled delivery is no longer expected") {
    const auto cancelled = shop.cancel_inbound(*first);
    REQUIRE(cancelled);
    CHECK(*cancelled == 10);
    CHECK(stock_of(shop, "MUG").inbound == 4);
  }
  SECTION("unknown deliveries and bad quantities are refused") {
    const auto before = snapshot(shop, {});
    const auto unknown = shop.reschedule(99, day(1));
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == Errc::UnknownInbound);
    CHECK(unknown.error().message.find("99") != std::string::npos);
    CHECK(shop.cancel_inbound(99).error().code == Errc::UnknownInbound);
    CHECK(shop.receive_inbound(99, 1).error().code == Errc::UnknownInbound);
    CHECK(shop.receive_inbound(*first, 0).error().code ==
          Errc::InvalidQuantity);
    CHECK(shop.expect("MUG", -1, day(1)).error().code == Errc::InvalidQuantity);
    CHECK(shop.expect("CUP", 1, day(1)).error().code == Errc::UnknownSku);
    CHECK(shop.expect("MUG", std::numeric_limits<std::int64_t>::max(), day(1))
              .error()
              .code == Errc::QuantityOverflow);
    CHECK(snapshot(shop, {}) == before);
    CHECK(stock_of(shop, "MUG").inbound == 14);
  }
  require_invariants(shop);
}

TEST_CASE("a promise names where its date comes from") {
  Shop shop(backorder::Fifo{}, {}, backorder::ManualClock(day0));
  backorder::SkuConfig<Traits> config;
  config.lead_time = std::chrono::days{21};
  REQUIRE(shop.add_sku("MUG", config));
  REQUIRE(shop.add_sku("TEA"));
  REQUIRE(shop.receive("MUG", 2));
  const auto early = *shop.expect("MUG", 3, day(4));
  const auto late = *shop.expect("MUG", 5, day(10));

  REQUIRE(shop.place(one_line(1, "MUG", 2))); // from stock
  REQUIRE(shop.place(one_line(2, "MUG", 3))); // the early delivery
  REQUIRE(shop.place(one_line(3, "MUG", 1))); // the late one
  REQUIRE(shop.place(one_line(4, "MUG", 5))); // 4 + 5 > 8: lead time
  REQUIRE(shop.place(one_line(5, "TEA", 1))); // no supply at all

  CHECK(promise_of(shop, 1) ==
        backorder::Promise<Traits>{PromiseSource::OnHand, day0, 0});
  CHECK(promise_of(shop, 2) ==
        backorder::Promise<Traits>{PromiseSource::Inbound, day(4), early});
  CHECK(promise_of(shop, 3) ==
        backorder::Promise<Traits>{PromiseSource::Inbound, day(10), late});
  CHECK(promise_of(shop, 4) ==
        backorder::Promise<Traits>{PromiseSource::LeadTime, day(21), 0});
  CHECK(promise_of(shop, 5).source == PromiseSource::Unknown);
  CHECK_FALSE(promise_of(shop, 5).known());

  // The status and the placement carry the same dates.
  CHECK(line_of(shop, 2).promise == promise_of(shop, 2));
  const auto placed =
      shop.place(Order{6, {{"MUG", 1}, {"TEA", 1}}, 0, false, std::nullopt});
  REQUIRE(placed);
  CHECK(placed->promise.source == PromiseSource::Unknown); // TEA dominates
  const auto promises = shop.promise(6);
  REQUIRE(promises);
  CHECK(promises->lines[0].promise.source == PromiseSource::LeadTime);
  CHECK(promises->lines[0].backordered == 1);
  CHECK(promises->complete_by.source == PromiseSource::Unknown);

  // Lead times count from now.
  shop.clock().advance(48h);
  CHECK(promise_of(shop, 4).date == day(23));
  CHECK(shop.promise(99).error().code == Errc::UnknownOrder);
  require_invariants(shop);
}

TEST_CASE(
    "a customer who will not wait that long is refused, nothing changed") {
  ShopOf<backorder::Priority> shop(backorder::Priority{}, {},
                                   backorder::ManualClock(day0));
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEA"));
  REQUIRE(shop.receive("MUG", 2));
  REQUIRE(shop.receive("TEA", 5));
  const auto delivery = *shop.expect("MUG", 10, day(12));
  REQUIRE(shop.place(one_line(1, "MUG", 3)));
  const auto before = snapshot(shop, {1, 2});

  Order impatient{2, {{"TEA", 2}, {"MUG", 4}}, 0, false, std::chrono::days{7}};
  const auto refused = shop.place(impatient);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::WaitTooLong);
  CHECK(refused.error().message.find("order 2") != std::string::npos);
  REQUIRE(refused.error().promise.has_value());
  CHECK(*refused.error().promise ==
        backorder::Promise<Traits>{PromiseSource::Inbound, day(12), delivery});
  CHECK(snapshot(shop, {1, 2}) == before);
  CHECK(stock_of(shop, "TEA").available == 5);
  require_invariants(shop);

  SECTION("a customer with more patience is accepted") {
    impatient.max_wait = std::chrono::days{12};
    const auto placed = shop.place(impatient);
    REQUIRE(placed);
    CHECK(placed->promise.date == day(12));
  }
  SECTION("an unknown date is refused too") {
    REQUIRE(shop.cancel_inbound(delivery));
    const auto unknown = shop.place(impatient);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == Errc::WaitTooLong);
    CHECK(unknown.error().promise->source == PromiseSource::Unknown);
  }
  SECTION("a line served from stock always fits") {
    const auto placed = shop.place(Order{3, {{"TEA", 5}}, 0, false, 0s});
    REQUIRE(placed);
    CHECK(placed->promise.source == PromiseSource::OnHand);
  }
  SECTION("a negative max_wait is refused") {
    const auto negative = shop.place(Order{3, {{"TEA", 1}}, 0, false, -1s});
    REQUIRE_FALSE(negative);
    CHECK(negative.error().code == Errc::InvalidQuantity);
    CHECK(snapshot(shop, {1, 2}) == before);
  }
  require_invariants(shop);
}

TEST_CASE("promises are recomputed after every change that moves them") {
  ShopOf<backorder::Priority> shop(backorder::Priority{}, {},
                                   backorder::ManualClock(day0));
  REQUIRE(shop.add_sku("MUG"));
  const auto first = *shop.expect("MUG", 4, day(3));
  const auto second = *shop.expect("MUG", 4, day(8));
  REQUIRE(shop.place(one_line(1, "MUG", 3)));
  REQUIRE(shop.place(one_line(2, "MUG", 2)));
  CHECK(promise_of(shop, 1).inbound == first);
  CHECK(promise_of(shop, 2).inbound == second);

  SECTION("a higher-priority order placed ahead") {
    REQUIRE(shop.place(one_line(3, "MUG", 2, 5)));
    CHECK(promise_of(shop, 3).inbound == first);
    CHECK(promise_of(shop, 1).inbound == second);
    CHECK(promise_of(shop, 2).inbound == second);
  }
  SECTION("a cancellation ahead") {
    REQUIRE(shop.cancel(1));
    CHECK(promise_of(shop, 2).inbound == first);
  }
  SECTION("a delayed delivery") {
    REQUIRE(shop.reschedule(first, day(20)));
    CHECK(promise_of(shop, 1).inbound == second);
    CHECK(promise_of(shop, 1).date == day(8));
    CHECK(promise_of(shop, 2).inbound == first);
    CHECK(promise_of(shop, 2).date == day(20));
  }
  SECTION("a cancelled delivery") {
    REQUIRE(shop.cancel_inbound(first));
    CHECK(promise_of(shop, 1).inbound == second);
    CHECK(promise_of(shop, 2).source == PromiseSource::Unknown);
  }
  SECTION("an unplanned receipt") {
    REQUIRE(shop.receive("MUG", 3));
    CHECK(promise_of(shop, 1).source == PromiseSource::OnHand);
    CHECK(promise_of(shop, 2).inbound == first);
  }
  SECTION("an adjustment that takes units back") {
    REQUIRE(shop.receive("MUG", 5));
    CHECK(promise_of(shop, 2).source == PromiseSource::OnHand);
    REQUIRE(shop.adjust("MUG", -4));
    CHECK(promise_of(shop, 1).source == PromiseSource::Inbound);
    CHECK(promise_of(shop, 1).inbound == first);
    CHECK(promise_of(shop, 2).inbound == first);
  }
  require_invariants(shop);
}

TEMPLATE_TEST_CASE(
    "delivering in date order completes each line at its promise", "",
    backorder::Fifo, backorder::Priority, backorder::PartialFill,
    backorder::FirstFit, backorder::ProRata) {
  std::mt19937_64 random(7);
  const auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  const char *const skus[] = {"MUG", "TEA", "CUP"};
  // Without prefix sums every promise is a simulation: fewer trials.
  const int trials =
      backorder::BackOrderQueue<TestType, Traits>::ranks_and_fills ? 30 : 4;
  for (int trial = 0; trial < trials; ++trial) {
    INFO("trial " << trial);
    ShopOf<TestType> shop(TestType{}, {}, backorder::ManualClock(day0));
    for (const char *sku : skus) {
      REQUIRE(shop.add_sku(sku));
      REQUIRE(shop.receive(sku, pick(1, 6)));
    }
    std::vector<std::uint64_t> open;
    std::uint64_t next_id = 1;
    for (int step = 0; step < 120; ++step) {
      const int action = pick(0, 9);
      const char *sku = skus[pick(0, 2)];
      if (action < 5) {
        Order order{next_id, {}, pick(0, 3), pick(0, 5) == 0, std::nullopt};
        const int lines = pick(1, 3);
        for (int line = 0; line < lines; ++line) {
          order.lines.push_back({skus[pick(0, 2)], pick(1, 6)});
        }
        REQUIRE(shop.place(order));
        open.push_back(next_id++);
      } else if (action < 7) {
        REQUIRE(shop.expect(sku, pick(1, 12), day(pick(1, 30))));
      } else if (action < 8 && !open.empty()) {
        const auto at = static_cast<std::size_t>(
            pick(0, static_cast<int>(open.size()) - 1));
        REQUIRE(shop.cancel(open[at]));
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(at));
      } else if (action < 9) {
        REQUIRE(shop.receive(sku, pick(1, 4)));
      } else if (!open.empty()) {
        (void)shop.ship(open[static_cast<std::size_t>(
            pick(0, static_cast<int>(open.size()) - 1))]);
        open.erase(
            std::remove_if(open.begin(), open.end(),
                           [&](auto id) { return !shop.contains_order(id); }),
            open.end());
      }
    }
    require_invariants(shop);

    // Every open line's promise, then the deliveries in date order.
    std::map<std::pair<std::uint64_t, std::size_t>, backorder::Promise<Traits>>
        promised;
    for (const auto id : open) {
      const auto promises = shop.promise(id);
      REQUIRE(promises);
      for (std::size_t line = 0; line < promises->lines.size(); ++line) {
        promised[{id, line}] = promises->lines[line].promise;
      }
    }
    std::vector<backorder::InboundDelivery<Traits>> deliveries;
    for (const char *sku : skus) {
      REQUIRE(shop.for_each_inbound(
          sku, [&](const auto &delivery) { deliveries.push_back(delivery); }));
    }
    std::sort(deliveries.begin(), deliveries.end(),
              [](const auto &a, const auto &b) {
                return std::pair(a.eta, a.id) < std::pair(b.eta, b.id);
              });
    std::map<backorder::InboundId, std::size_t> arrival; // id -> rank
    for (std::size_t at = 0; at < deliveries.size(); ++at) {
      arrival[deliveries[at].id] = at;
    }
    const auto check_lines = [&](std::size_t received) {
      std::uint64_t order_id = 0;
      backorder::OrderStatus<Traits> status;
      for (const auto &[key, promise] : promised) {
        if (key.first != order_id) { // one status per order
          order_id = key.first;
          auto fresh = shop.status(order_id);
          REQUIRE(fresh);
          status = std::move(*fresh);
        }
        const auto &line = status.lines.at(key.second);
        const bool complete = line.backordered == 0;
        bool due = promise.source == PromiseSource::OnHand;
        if (promise.source == PromiseSource::Inbound) {
          due = arrival.at(promise.inbound) < received;
        }
        INFO("order " << key.first << " line " << key.second << " after "
                      << received << " deliveries");
        REQUIRE(complete == due);
      }
    };
    check_lines(0);
    for (std::size_t at = 0; at < deliveries.size(); ++at) {
      REQUIRE(shop.receive_inbound(deliveries[at].id, deliveries[at].units));
      check_lines(at + 1);
    }
    require_invariants(shop);
  }
}

TEST_CASE("a lead-time estimate is never earlier than the last delivery") {
  Shop shop(backorder::ManualClock{day0});
  backorder::SkuConfig<Traits> config;
  config.lead_time = std::chrono::days{5};
  REQUIRE(shop.add_sku("MUG", config));
  const auto delivery = *shop.expect("MUG", 2, day(10));
  REQUIRE(shop.place(one_line(1, "MUG", 2)));
  REQUIRE(shop.place(one_line(2, "MUG", 1))); // behind order 1
  CHECK(promise_of(shop, 1).inbound == delivery);
  CHECK(promise_of(shop, 2) ==
        backorder::Promise<Traits>{PromiseSource::LeadTime, day(10), 0});
  shop.clock().advance(std::chrono::days{8});
  CHECK(promise_of(shop, 2).date == day(13));

  config.lead_time = -std::chrono::days{1};
  const auto refused = shop.configure("MUG", config);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::InvalidQuantity);
  CHECK(refused.error().message.find("lead time") != std::string::npos);
  CHECK(shop.add_sku("TEA", config).error().code == Errc::InvalidQuantity);
  require_invariants(shop);
}

TEST_CASE("an unbounded max_wait never overflows") {
  Shop shop(backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.expect("MUG", 5, day(400)));
  const auto placed = shop.place(
      Order{1, {{"MUG", 3}}, 0, false, Traits::Clock::duration::max()});
  REQUIRE(placed);
  CHECK(placed->promise.date == day(400));
  require_invariants(shop);
}

TEST_CASE("dates near the end of the clock's range saturate, never overflow") {
  // Found by the fuzzer (tests/fuzz): now + lead time, and the promise
  // minus now in max_wait's check, overflowed the clock's 64-bit count.
  using Duration = Traits::Clock::duration;
  const TimePoint last = TimePoint::max();
  Shop shop(backorder::ManualClock{last - std::chrono::hours{1}});
  backorder::SkuConfig<Traits> config;
  config.lead_time = std::chrono::hours{2};
  REQUIRE(shop.add_sku("MUG", config));
  REQUIRE(shop.place(one_line(1, "MUG", 2)));
  CHECK(promise_of(shop, 1) ==
        backorder::Promise<Traits>{PromiseSource::LeadTime, last, 0});

  config.lead_time = Duration::max(); // "a very long time"
  REQUIRE(shop.configure("MUG", config));
  shop.clock().set(day0);
  CHECK(promise_of(shop, 1) ==
        backorder::Promise<Traits>{PromiseSource::LeadTime, last, 0});
  // The order waits until the end of time: within an unbounded max_wait,
  // not within a year.
  Order patient = one_line(2, "MUG", 1);
  patient.max_wait = Duration::max();
  const auto placed = shop.place(patient);
  REQUIRE(placed);
  CHECK(placed->promise.date == last);
  Order hurried = one_line(3, "MUG", 1);
  hurried.max_wait = std::chrono::days{365};
  const auto refused = shop.place(hurried);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::WaitTooLong);

  // A clock before the epoch and a delivery at the end of its range: their
  // difference does not fit the clock's count.
  Shop early(backorder::ManualClock{TimePoint{} - std::chrono::hours{1}});
  REQUIRE(early.add_sku("TEA"));
  REQUIRE(early.expect("TEA", 5, last));
  Order soon = one_line(1, "TEA", 2);
  soon.max_wait = Duration::max();
  const auto late = early.place(soon);
  REQUIRE_FALSE(late);
  CHECK(late.error().code == Errc::WaitTooLong);
  REQUIRE(late.error().promise);
  CHECK(late.error().promise->date == last);
  require_invariants(shop);
  require_invariants(early);
}

TEST_CASE("a placement refused for its wait leaves FirstFit's skip counts") {
  // Found with the fuzzer's harness (tests/fuzz): the refused order's line
  // was served past the oldest waiting line, and removing it left that
  // line counted as overtaken, so it blocked the next line that fit.
  ShopOf<backorder::FirstFit> shop(backorder::FirstFit{1}, {},
                                   backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEE"));
  REQUIRE(shop.receive("MUG", 2));
  REQUIRE(shop.place(one_line(1, "MUG", 5))); // the 2 free units do not fit
  const Order hurried{
      2, {{"MUG", 2}, {"TEE", 1}}, 0, false, std::chrono::hours{1}};
  const auto refused = shop.place(hurried); // no date for TEE
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::WaitTooLong);
  // Order 1 has been overtaken by nobody, so one line that fits still may.
  const auto placed = shop.place(one_line(3, "MUG", 2));
  REQUIRE(placed);
  CHECK(placed->allocated == 2);
  CHECK(stock_of(shop, "MUG").available == 0);
  require_invariants(shop);
}

// --- coverage: paths the tests above do not reach ---------------------------

TEST_CASE("a promise source outside the enumeration prints as Unknown") {
  CHECK(backorder::to_string(PromiseSource::OnHand) == "OnHand");
  CHECK(backorder::to_string(PromiseSource::Unknown) == "Unknown");
  CHECK(backorder::to_string(static_cast<PromiseSource>(1000)) == "Unknown");
}

TEST_CASE("free units plus a delivery past the maximum still promise a date") {
  // Under FirstFit free units can wait beside a line they do not complete;
  // the simulated supply saturates instead of overflowing.
  constexpr std::int64_t max_units = std::numeric_limits<std::int64_t>::max();
  ShopOf<backorder::FirstFit> shop(backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", max_units - 10));
  REQUIRE(shop.place(one_line(1, "MUG", max_units)));
  CHECK(line_of(shop, 1).allocated == 0);
  CHECK(promise_of(shop, 1).source == PromiseSource::Unknown);
  const auto delivery = shop.expect("MUG", 20, day(3));
  REQUIRE(delivery);
  CHECK(promise_of(shop, 1) ==
        backorder::Promise<Traits>{PromiseSource::Inbound, day(3), *delivery});
  require_invariants(shop);
}

TEST_CASE("setting the manual clock moves the date of on-hand promises") {
  Shop shop(backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 1));
  REQUIRE(shop.place(one_line(1, "MUG", 1)));
  CHECK(promise_of(shop, 1) ==
        backorder::Promise<Traits>{PromiseSource::OnHand, day0, 0});
  shop.clock().set(day(9));
  CHECK(shop.clock().now() == day(9));
  CHECK(promise_of(shop, 1).date == day(9));
  shop.clock().set(day(2)); // back in time too
  CHECK(promise_of(shop, 1).date == day(2));
}

} // namespace promise_test
