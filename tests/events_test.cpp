// Events: the complete, ordered list for a scripted day under each policy,
// promise moves told exactly once, and listeners that read or throw.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace events_test {

using backorder::Errc;
using namespace backorder::testing;

namespace {

using Traits = backorder::ManualClockTraits;
using Order = backorder::Order<Traits>;
using TimePoint = Traits::Clock::time_point;

const TimePoint day0 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
TimePoint day(int n) { return day0 + std::chrono::days{n}; }

std::string text(const backorder::Promise<Traits> &promise) {
  const auto days = std::chrono::floor<std::chrono::days>(promise.date - day0);
  const std::string when = "@" + std::to_string(days.count());
  switch (promise.source) {
  case backorder::PromiseSource::OnHand:
    return "OnHand";
  case backorder::PromiseSource::Inbound:
    return "Inbound#" + std::to_string(promise.inbound) + when;
  case backorder::PromiseSource::LeadTime:
    return "LeadTime" + when;
  case backorder::PromiseSource::Unknown:
    return "Unknown";
  }
  return "?";
}

std::string text(const backorder::StockLevel<Traits> &level) {
  return std::to_string(level.on_hand) + "/" + std::to_string(level.reserved) +
         "/" + std::to_string(level.available) + "/" +
         std::to_string(level.backordered) + "/" +
         std::to_string(level.waiting_lines) + "/" +
         std::to_string(level.inbound);
}

std::string where(std::uint64_t order, std::uint32_t line,
                  std::string_view sku) {
  return std::to_string(order) + "." + std::to_string(line) + " " +
         std::string(sku);
}

/// Writes every event as one line of text.
struct Recorder {
  std::vector<std::string> *log;

  void on(const backorder::OrderPlaced<Traits> &e) {
    log->push_back("placed " + std::to_string(e.order_id) + " " +
                   std::to_string(e.allocated) + "/" +
                   std::to_string(e.backordered) + " " + text(e.promise));
  }
  void on(const backorder::LineAllocated<Traits> &e) {
    log->push_back("allocated " + where(e.order_id, e.line, e.sku) + " +" +
                   std::to_string(e.units) + " holds " +
                   std::to_string(e.allocated) + " waits " +
                   std::to_string(e.backordered));
  }
  void on(const backorder::LineBackordered<Traits> &e) {
    log->push_back("backordered " + where(e.order_id, e.line, e.sku) + " " +
                   std::to_string(e.backordered) + " " + text(e.promise));
  }
  void on(const backorder::OrderReady<Traits> &e) {
    log->push_back("ready " + std::to_string(e.order_id) + " " +
                   std::to_string(e.shippable) +
                   (e.complete ? " complete" : " partial"));
  }
  void on(const backorder::PromiseMoved<Traits> &e) {
    log->push_back("moved " + where(e.order_id, e.line, e.sku) + " " +
                   text(e.from) + " -> " + text(e.to));
  }
  void on(const backorder::OrderShipped<Traits> &e) {
    log->push_back("shipped " + std::to_string(e.order_id) + " " +
                   std::to_string(e.units) + " lines=" +
                   std::to_string(e.lines) + (e.closed ? " closed" : " open"));
  }
  void on(const backorder::OrderCancelled<Traits> &e) {
    log->push_back("cancelled " + std::to_string(e.order_id) + " " +
                   std::to_string(e.released) + "/" +
                   std::to_string(e.unfilled));
  }
  void on(const backorder::BackInStock<Traits> &e) {
    log->push_back("back " + std::string(e.sku) + " " +
                   std::to_string(e.available));
  }
  void on(const backorder::StockChanged<Traits> &e) {
    log->push_back("stock " + std::string(e.sku) + " " + text(e.before) +
                   " -> " + text(e.after));
  }
};

template <class Policy>
using Shop = backorder::Inventory<Policy, Traits, Recorder>;

/// Runs the scripted day and returns the events of each step.
template <class Policy> std::vector<std::vector<std::string>> scripted_day() {
  std::vector<std::string> log;
  Shop<Policy> shop(Policy{}, Recorder{&log}, backorder::ManualClock{day0});
  std::vector<std::vector<std::string>> steps;
  const auto step = [&](auto &&operation) {
    log.clear();
    operation();
    require_invariants(shop);
    steps.push_back(log);
  };
  step([&] {
    REQUIRE(shop.add_sku("MUG"));
    REQUIRE(shop.add_sku("TEA"));
  });
  step([&] { REQUIRE(shop.receive("MUG", 5)); });
  step([&] { REQUIRE(shop.expect("MUG", 4, day(5)).value() == 1U); });
  step([&] { REQUIRE(shop.expect("MUG", 10, day(9)).value() == 2U); });
  step([&] { REQUIRE(shop.place(Order{1, {{"MUG", 7}}, 0, false, {}})); });
  step([&] { REQUIRE(shop.place(Order{2, {{"MUG", 4}}, 5, false, {}})); });
  step([&] { REQUIRE(shop.reschedule(1, day(12))); });
  step([&] { REQUIRE(shop.cancel(1)); });
  step([&] { REQUIRE(shop.adjust("MUG", -3)); });
  step([&] { (void)shop.ship(2); });
  step([&] { REQUIRE(shop.receive_inbound(2, 10)); });
  step([&] { REQUIRE(shop.ship(2)); });
  step([&] { // refused operations tell nothing
    REQUIRE_FALSE(shop.place(Order{3, {{"CUP", 1}}, 0, false, {}}));
    REQUIRE_FALSE(
        shop.place(Order{3, {{"TEA", 1}}, 0, false, std::chrono::days{1}}));
    REQUIRE_FALSE(shop.receive("MUG", 0));
  });
  return steps;
}

using Steps = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("a scripted day tells every change, in order, under Fifo") {
  const Steps expected{
      {},
      {"stock MUG 0/0/0/0/0/0 -> 5/0/5/0/0/0", "back MUG 5"},
      {"stock MUG 5/0/5/0/0/0 -> 5/0/5/0/0/4"},
      {"stock MUG 5/0/5/0/0/4 -> 5/0/5/0/0/14"},
      {"placed 1 5/2 Inbound#1@5", "allocated 1.0 MUG +5 holds 5 waits 2",
       "backordered 1.0 MUG 2 Inbound#1@5",
       "stock MUG 5/0/5/0/0/14 -> 5/5/0/2/1/14"},
      {"placed 2 0/4 Inbound#2@9", "backordered 2.0 MUG 4 Inbound#2@9",
       "stock MUG 5/5/0/2/1/14 -> 5/5/0/6/2/14"},
      {"moved 1.0 MUG Inbound#1@5 -> Inbound#2@9"},
      {"cancelled 1 5/2", "allocated 2.0 MUG +4 holds 4 waits 0",
       "ready 2 4 complete", "stock MUG 5/5/0/6/2/14 -> 5/4/1/0/0/14",
       "back MUG 1"},
      {"backordered 2.0 MUG 2 Inbound#2@9",
       "stock MUG 5/4/1/0/0/14 -> 2/2/0/2/1/14"},
      {}, // nothing to ship: a line ships once complete
      {"allocated 2.0 MUG +2 holds 4 waits 0", "ready 2 4 complete",
       "stock MUG 2/2/0/2/1/14 -> 12/4/8/0/0/4", "back MUG 8"},
      {"shipped 2 4 lines=1 closed", "stock MUG 12/4/8/0/0/4 -> 8/0/8/0/0/4"},
      {},
  };
  CHECK(scripted_day<backorder::Fifo>() == expected);
}

TEST_CASE("a scripted day tells every change, in order, under Priority") {
  const Steps expected{
      {},
      {"stock MUG 0/0/0/0/0/0 -> 5/0/5/0/0/0", "back MUG 5"},
      {"stock MUG 5/0/5/0/0/0 -> 5/0/5/0/0/4"},
      {"stock MUG 5/0/5/0/0/4 -> 5/0/5/0/0/14"},
      {"placed 1 5/2 Inbound#1@5", "allocated 1.0 MUG +5 holds 5 waits 2",
       "backordered 1.0 MUG 2 Inbound#1@5",
       "stock MUG 5/0/5/0/0/14 -> 5/5/0/2/1/14"},
      // The VIP order goes ahead and pushes order 1 onto the next delivery.
      {"placed 2 0/4 Inbound#1@5", "backordered 2.0 MUG 4 Inbound#1@5",
       "moved 1.0 MUG Inbound#1@5 -> Inbound#2@9",
       "stock MUG 5/5/0/2/1/14 -> 5/5/0/6/2/14"},
      {"moved 2.0 MUG Inbound#1@5 -> Inbound#2@9"},
      {"cancelled 1 5/2", "allocated 2.0 MUG +4 holds 4 waits 0",
       "ready 2 4 complete", "stock MUG 5/5/0/6/2/14 -> 5/4/1/0/0/14",
       "back MUG 1"},
      {"backordered 2.0 MUG 2 Inbound#2@9",
       "stock MUG 5/4/1/0/0/14 -> 2/2/0/2/1/14"},
      {},
      {"allocated 2.0 MUG +2 holds 4 waits 0", "ready 2 4 complete",
       "stock MUG 2/2/0/2/1/14 -> 12/4/8/0/0/4", "back MUG 8"},
      {"shipped 2 4 lines=1 closed", "stock MUG 12/4/8/0/0/4 -> 8/0/8/0/0/4"},
      {},
  };
  CHECK(scripted_day<backorder::Priority>() == expected);
}

TEST_CASE("a scripted day tells every change, in order, under PartialFill") {
  const Steps expected{
      {},
      {"stock MUG 0/0/0/0/0/0 -> 5/0/5/0/0/0", "back MUG 5"},
      {"stock MUG 5/0/5/0/0/0 -> 5/0/5/0/0/4"},
      {"stock MUG 5/0/5/0/0/4 -> 5/0/5/0/0/14"},
      {"placed 1 5/2 Inbound#1@5", "allocated 1.0 MUG +5 holds 5 waits 2",
       "backordered 1.0 MUG 2 Inbound#1@5", "ready 1 5 partial",
       "stock MUG 5/0/5/0/0/14 -> 5/5/0/2/1/14"},
      {"placed 2 0/4 Inbound#2@9", "backordered 2.0 MUG 4 Inbound#2@9",
       "stock MUG 5/5/0/2/1/14 -> 5/5/0/6/2/14"},
      {"moved 1.0 MUG Inbound#1@5 -> Inbound#2@9"},
      {"cancelled 1 5/2", "allocated 2.0 MUG +4 holds 4 waits 0",
       "ready 2 4 complete", "stock MUG 5/5/0/6/2/14 -> 5/4/1/0/0/14",
       "back MUG 1"},
      {"backordered 2.0 MUG 2 Inbound#2@9",
       "stock MUG 5/4/1/0/0/14 -> 2/2/0/2/1/14"},
      // Ship what you have: the two units held go now.
      {"shipped 2 2 lines=1 open", "stock MUG 2/2/0/2/1/14 -> 0/0/0/2/1/14"},
      {"allocated 2.0 MUG +2 holds 2 waits 0", "ready 2 2 complete",
       "stock MUG 0/0/0/2/1/14 -> 10/2/8/0/0/4", "back MUG 8"},
      {"shipped 2 2 lines=1 closed", "stock MUG 10/2/8/0/0/4 -> 8/0/8/0/0/4"},
      {},
  };
  CHECK(scripted_day<backorder::PartialFill>() == expected);
}

namespace {

/// Keeps, per open line, the promise it was last told, and checks that
/// every move it hears is a real change.
struct PromiseBook {
  std::map<std::pair<std::uint64_t, std::uint32_t>, backorder::Promise<Traits>>
      told;
  std::size_t moves = 0;

  void on(const backorder::LineBackordered<Traits> &e) {
    told[{e.order_id, e.line}] = e.promise;
  }
  void on(const backorder::PromiseMoved<Traits> &e) {
    const auto key = std::pair(e.order_id, e.line);
    REQUIRE(told.count(key) == 1);
    REQUIRE(told[key] == e.from);
    REQUIRE(text(e.from) != text(e.to));
    told[key] = e.to;
    ++moves;
  }
};

} // namespace

TEMPLATE_TEST_CASE("a promise move is told for exactly the lines that moved",
                   "", backorder::Fifo, backorder::Priority,
                   backorder::PartialFill, backorder::FirstFit,
                   backorder::ProRata) {
  backorder::Inventory<TestType, Traits, PromiseBook> shop(
      TestType{}, PromiseBook{}, backorder::ManualClock{day0});
  std::mt19937_64 random(11);
  const auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  const char *const skus[] = {"MUG", "TEA"};
  for (const char *sku : skus) {
    REQUIRE(shop.add_sku(sku));
  }
  std::vector<std::uint64_t> open;
  std::vector<backorder::InboundId> deliveries;
  std::uint64_t next_id = 1;
  // Without prefix sums every promise is a simulation: fewer steps.
  const int steps =
      backorder::BackOrderQueue<TestType, Traits>::ranks_and_fills ? 600 : 250;
  for (int step = 0; step < steps; ++step) {
    INFO("step " << step);
    const char *sku = skus[pick(0, 1)];
    switch (pick(0, 9)) {
    case 0:
    case 1:
    case 2: {
      Order order{next_id, {{sku, pick(1, 5)}}, pick(0, 2), false, {}};
      if (pick(0, 3) == 0) {
        order.lines.push_back({skus[pick(0, 1)], pick(1, 3)});
      }
      REQUIRE(shop.place(order));
      open.push_back(next_id++);
      break;
    }
    case 3:
      deliveries.push_back(*shop.expect(sku, pick(1, 8), day(pick(1, 40))));
      break;
    case 4:
      if (!deliveries.empty()) {
        (void)shop.reschedule(deliveries[static_cast<std::size_t>(pick(
                                  0, static_cast<int>(deliveries.size()) - 1))],
                              day(pick(1, 40)));
      }
      break;
    case 5:
      if (!deliveries.empty()) {
        const auto at = static_cast<std::size_t>(
            pick(0, static_cast<int>(deliveries.size()) - 1));
        if (pick(0, 1) == 0) {
          (void)shop.cancel_inbound(deliveries[at]);
        } else {
          (void)shop.receive_inbound(deliveries[at], pick(1, 6));
        }
      }
      break;
    case 6:
      REQUIRE(shop.receive(sku, pick(1, 4)));
      break;
    case 7:
      (void)shop.adjust(sku, -pick(1, 4));
      break;
    default:
      if (!open.empty()) {
        const auto at = static_cast<std::size_t>(
            pick(0, static_cast<int>(open.size()) - 1));
        if (pick(0, 1) == 0) {
          REQUIRE(shop.cancel(open[at]));
        } else {
          (void)shop.ship(open[at]);
        }
        if (!shop.contains_order(open[at])) {
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(at));
        }
      }
      break;
    }
    // Every waiting line's current promise is the one it was last told.
    std::string stale;
    for (const auto id : open) {
      const auto promises = shop.promise(id);
      REQUIRE(promises);
      for (std::uint32_t line = 0; line < promises->lines.size(); ++line) {
        if (promises->lines[line].backordered > 0) {
          const auto &told = shop.listener().told;
          const auto found = told.find({id, line});
          const std::string now = text(promises->lines[line].promise);
          if (found == told.end() || text(found->second) != now) {
            stale += std::to_string(id) + "." + std::to_string(line) +
                     " is now " + now + "; ";
          }
        }
      }
    }
    INFO(stale);
    REQUIRE(stale.empty());
  }
  CHECK(shop.listener().moves > 5);
  require_invariants(shop);
}

namespace {

struct Reader {
  const backorder::Inventory<backorder::Fifo, Traits, Reader> *shop = nullptr;
  int calls = 0;

  template <class Event> void on(const Event &) {
    ++calls;
    REQUIRE(shop != nullptr);
    REQUIRE_FALSE(shop->check_invariants().has_value());
  }
};

} // namespace

TEST_CASE("a listener sees the complete state from inside a handler") {
  backorder::Inventory<backorder::Fifo, Traits, Reader> shop(
      backorder::ManualClock{day0});
  shop.listener().shop = &shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(Order{1, {{"MUG", 3}}, 0, false, {}}));
  REQUIRE(shop.place(Order{2, {{"MUG", 3}}, 0, false, {}}));
  REQUIRE(shop.receive("MUG", 4));
  REQUIRE(shop.cancel(1));
  CHECK(shop.listener().calls > 8);
}

// Handlers and visitors that throw need exceptions; a build without them
// (backorder_tests_no_exceptions) leaves these tests out.
#if defined(__cpp_exceptions)

namespace {

/// Throws from the LineAllocated handler.
struct Thrower {
  int delivered = 0;
  void on(const backorder::LineAllocated<Traits> &) {
    throw std::runtime_error("the mail server is down");
  }
  void on(const backorder::StockChanged<Traits> &) { ++delivered; }
};

/// Hears every event and throws from the handler of one event type.
struct ThrowOn {
  static constexpr int nobody = -1;
  int kind = nobody; ///< the index of the throwing type in `kind_of`
  int heard = 0;
  int thrown = 0;

  template <class E> static constexpr int kind_of() {
    using namespace backorder;
    if constexpr (std::is_same_v<E, OrderPlaced<Traits>>) {
      return 0;
    } else if constexpr (std::is_same_v<E, LineAllocated<Traits>>) {
      return 1;
    } else if constexpr (std::is_same_v<E, LineBackordered<Traits>>) {
      return 2;
    } else if constexpr (std::is_same_v<E, OrderReady<Traits>>) {
      return 3;
    } else if constexpr (std::is_same_v<E, PromiseMoved<Traits>>) {
      return 4;
    } else if constexpr (std::is_same_v<E, OrderShipped<Traits>>) {
      return 5;
    } else if constexpr (std::is_same_v<E, OrderCancelled<Traits>>) {
      return 6;
    } else if constexpr (std::is_same_v<E, BackInStock<Traits>>) {
      return 7;
    } else {
      static_assert(std::is_same_v<E, StockChanged<Traits>>);
      return 8;
    }
  }

  template <class E> void on(const E &) {
    ++heard;
    if (kind_of<E>() == kind) {
      ++thrown;
      throw std::runtime_error("the mail server is down");
    }
  }
};

} // namespace

TEST_CASE("a throwing handler leaves the committed state consistent") {
  backorder::Inventory<backorder::Fifo, Traits, Thrower> shop(
      backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(Order{1, {{"MUG", 3}}, 0, false, {}}));
  CHECK_THROWS_AS(shop.receive("MUG", 5), std::runtime_error);
  // The receipt took effect; the events after the throwing one were lost.
  const auto level = stock_of(shop, "MUG");
  CHECK(level.on_hand == 5);
  CHECK(level.reserved == 3);
  CHECK(line_of(shop, 1).shippable == 3);
  require_invariants(shop);
  const int before = shop.listener().delivered;
  REQUIRE(shop.ship(1)); // the inventory keeps working and telling
  CHECK(shop.listener().delivered == before + 1);
  require_invariants(shop);
}

TEST_CASE("a handler of any event type that throws leaves the committed "
          "state, consistent") {
  using Shop = backorder::Inventory<backorder::Fifo, Traits, ThrowOn>;
  // A day that tells every event type, some several times.
  const std::vector<std::function<bool(Shop &)>> steps{
      [](Shop &s) { return s.add_sku("MUG").has_value(); },
      [](Shop &s) { return s.add_sku("TEA").has_value(); },
      [](Shop &s) { return s.receive("MUG", 5).has_value(); },
      [](Shop &s) { return s.expect("MUG", 4, day(5)).has_value(); },
      [](Shop &s) { return s.expect("MUG", 10, day(9)).has_value(); },
      [](Shop &s) {
        return s.place(Order{1, {{"MUG", 7}}, 0, false, {}}).has_value();
      },
      [](Shop &s) {
        return s.place(Order{2, {{"MUG", 4}, {"TEA", 1}}, 5, false, {}})
            .has_value();
      },
      [](Shop &s) { return s.reschedule(1, day(12)).has_value(); },
      [](Shop &s) { return s.receive("TEA", 3).has_value(); },
      [](Shop &s) { return s.cancel(1).has_value(); },
      [](Shop &s) { return s.adjust("MUG", -3).has_value(); },
      [](Shop &s) { return s.receive_inbound(2, 10).has_value(); },
      [](Shop &s) { return s.ship(2).has_value(); },
      [](Shop &s) {
        return s.place(Order{3, {{"TEA", 2}}, 0, false, {}}).has_value();
      },
      [](Shop &s) { return s.adjust("TEA", 4).has_value(); },
      [](Shop &s) { return s.cancel_inbound(1).has_value(); },
      [](Shop &s) { return s.ship(3).has_value(); },
  };
  const std::vector<std::uint64_t> ids{1, 2, 3};
  for (int kind = 0; kind <= 8; ++kind) {
    INFO("throwing from the handler of event type " << kind);
    Shop shop(backorder::Fifo{}, ThrowOn{kind}, backorder::ManualClock{day0});
    Shop calm(backorder::Fifo{}, ThrowOn{}, backorder::ManualClock{day0});
    for (std::size_t step = 0; step < steps.size(); ++step) {
      INFO("step " << step);
      const bool accepted = steps[step](calm);
      bool threw = false;
      bool result = false;
      try {
        result = steps[step](shop);
      } catch (const std::runtime_error &) {
        threw = true;
      }
      CHECK((threw || result == accepted));
      // The operation took effect whether or not a handler threw.
      CHECK(snapshot(shop, ids) == snapshot(calm, ids));
      CHECK(shop.open_orders() == calm.open_orders());
      require_invariants(shop);
      if (threw) {
        // A throw cuts the telling short: fewer events were heard.
        CHECK(shop.listener().heard <= calm.listener().heard);
      }
    }
    CHECK(shop.listener().thrown > 0);
    // The inventory keeps working and telling.
    shop.listener().kind = ThrowOn::nobody;
    const int heard = shop.listener().heard;
    REQUIRE(shop.receive("MUG", 2));
    CHECK(shop.listener().heard > heard);
    require_invariants(shop);
  }
}

TEST_CASE("a ship visitor that throws leaves the shipment made") {
  backorder::Inventory<backorder::Fifo, Traits> shop(
      backorder::ManualClock{day0});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 5));
  REQUIRE(shop.place(Order{1, {{"MUG", 3}}, 0, false, {}}));
  CHECK_THROWS_AS(shop.ship(1,
                            [](const backorder::ShippedLine<Traits> &) {
                              throw std::runtime_error("label printer jam");
                            }),
                  std::runtime_error);
  CHECK_FALSE(shop.contains_order(1));
  CHECK(stock_of(shop, "MUG").on_hand == 2);
  require_invariants(shop);
}

#endif // __cpp_exceptions

TEST_CASE("Callbacks registers handlers at run time") {
  backorder::Inventory<backorder::Fifo, Traits, backorder::Callbacks<Traits>>
      shop(backorder::ManualClock{day0});
  std::vector<std::string> heard;
  shop.listener().add<backorder::OrderReady>([&](const auto &ready) {
    heard.push_back("ready " + std::to_string(ready.order_id));
  });
  shop.listener().add<backorder::BackInStock>([&](const auto &back) {
    heard.push_back("back " + std::string(back.sku));
  });
  shop.listener().add<backorder::OrderReady>(
      [&](const auto &) { heard.push_back("second handler"); });
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(Order{1, {{"MUG", 2}}, 0, false, {}}));
  REQUIRE(shop.receive("MUG", 3));
  CHECK(heard ==
        std::vector<std::string>{"ready 1", "second handler", "back MUG"});
  shop.listener().clear();
  REQUIRE(shop.receive("MUG", 1));
  CHECK(heard.size() == 3);
}

TEST_CASE("a listener that handles nothing adds nothing to the inventory") {
  struct Deaf {};
  CHECK(sizeof(backorder::Inventory<backorder::Fifo, Traits, Deaf>) ==
        sizeof(backorder::Inventory<backorder::Fifo, Traits>));
  CHECK(sizeof(backorder::Inventory<backorder::Fifo, Traits>) <
        sizeof(backorder::Inventory<backorder::Fifo, Traits, Recorder>));
}

TEST_CASE("a scripted day tells every change, in order, under FirstFit") {
  const Steps expected{
      {},
      {"stock MUG 0/0/0/0/0/0 -> 5/0/5/0/0/0", "back MUG 5"},
      {"stock MUG 5/0/5/0/0/0 -> 5/0/5/0/0/4"},
      {"stock MUG 5/0/5/0/0/4 -> 5/0/5/0/0/14"},
      // 7 do not fit in 5 free units: the line takes nothing and waits.
      {"placed 1 0/7 Inbound#1@5", "backordered 1.0 MUG 7 Inbound#1@5",
       "stock MUG 5/0/5/0/0/14 -> 5/0/5/7/1/14"},
      // 4 fit: order 2 passes order 1, whose date moves to the next delivery.
      {"placed 2 4/0 OnHand", "allocated 2.0 MUG +4 holds 4 waits 0",
       "ready 2 4 complete", "moved 1.0 MUG Inbound#1@5 -> Inbound#2@9",
       "stock MUG 5/0/5/7/1/14 -> 5/4/1/7/1/14"},
      {},
      {"cancelled 1 0/7", "stock MUG 5/4/1/7/1/14 -> 5/4/1/0/0/14"},
      {"backordered 2.0 MUG 2 Inbound#2@9",
       "stock MUG 5/4/1/0/0/14 -> 2/2/0/2/1/14"},
      {},
      {"allocated 2.0 MUG +2 holds 4 waits 0", "ready 2 4 complete",
       "stock MUG 2/2/0/2/1/14 -> 12/4/8/0/0/4", "back MUG 8"},
      {"shipped 2 4 lines=1 closed", "stock MUG 12/4/8/0/0/4 -> 8/0/8/0/0/4"},
      {},
  };
  CHECK(scripted_day<backorder::FirstFit>() == expected);
}

TEST_CASE("a scripted day tells every change, in order, under ProRata") {
  const Steps expected{
      {},
      {"stock MUG 0/0/0/0/0/0 -> 5/0/5/0/0/0", "back MUG 5"},
      {"stock MUG 5/0/5/0/0/0 -> 5/0/5/0/0/4"},
      {"stock MUG 5/0/5/0/0/4 -> 5/0/5/0/0/14"},
      {"placed 1 5/2 Inbound#1@5", "allocated 1.0 MUG +5 holds 5 waits 2",
       "backordered 1.0 MUG 2 Inbound#1@5", "ready 1 5 partial",
       "stock MUG 5/0/5/0/0/14 -> 5/5/0/2/1/14"},
      // Order 2 will share the first delivery, so neither completes before
      // the second.
      {"placed 2 0/4 Inbound#2@9", "backordered 2.0 MUG 4 Inbound#2@9",
       "moved 1.0 MUG Inbound#1@5 -> Inbound#2@9",
       "stock MUG 5/5/0/2/1/14 -> 5/5/0/6/2/14"},
      {},
      {"cancelled 1 5/2", "allocated 2.0 MUG +4 holds 4 waits 0",
       "ready 2 4 complete", "stock MUG 5/5/0/6/2/14 -> 5/4/1/0/0/14",
       "back MUG 1"},
      {"backordered 2.0 MUG 2 Inbound#2@9",
       "stock MUG 5/4/1/0/0/14 -> 2/2/0/2/1/14"},
      {"shipped 2 2 lines=1 open", "stock MUG 2/2/0/2/1/14 -> 0/0/0/2/1/14"},
      {"allocated 2.0 MUG +2 holds 2 waits 0", "ready 2 2 complete",
       "stock MUG 0/0/0/2/1/14 -> 10/2/8/0/0/4", "back MUG 8"},
      {"shipped 2 2 lines=1 closed", "stock MUG 10/2/8/0/0/4 -> 8/0/8/0/0/4"},
      {},
  };
  CHECK(scripted_day<backorder::ProRata>() == expected);
}

} // namespace events_test
