// Scenario tests of Inventory: the design's examples with exact numbers.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <cstdint>
#include <limits>

namespace inventory_test {

using backorder::Errc;
using backorder::Order;
using namespace backorder::testing;

namespace {

template <class Policy> using ShopOf = backorder::Inventory<Policy>;
using Shop = ShopOf<backorder::Fifo>;

Order<> one_line(std::uint64_t id, const char *sku, std::int64_t quantity,
                 int priority = 0) {
  return Order<>{id, {{sku, quantity}}, priority, false};
}

} // namespace

TEST_CASE(
    "an order larger than the stock is part allocated, part back-ordered") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 10));

  const auto placed = shop.place(one_line(1, "MUG", 12));
  REQUIRE(placed);
  CHECK(placed->allocated == 10);
  CHECK(placed->backordered == 2);
  CHECK(placed->shippable == 0);
  auto level = stock_of(shop, "MUG");
  CHECK(level.on_hand == 10);
  CHECK(level.reserved == 10);
  CHECK(level.available == 0);
  CHECK(level.backordered == 2);
  CHECK(level.waiting_lines == 1);
  require_invariants(shop);

  const auto receipt = shop.receive("MUG", 5);
  REQUIRE(receipt);
  CHECK(receipt->allocated == 2);
  CHECK(receipt->available == 3);
  CHECK(receipt->lines_served == 1);
  const auto line = line_of(shop, 1);
  CHECK(line.allocated == 12);
  CHECK(line.backordered == 0);
  CHECK(line.shippable == 12);
  level = stock_of(shop, "MUG");
  CHECK(level.on_hand == 15);
  CHECK(level.reserved == 12);
  CHECK(level.available == 3);
  CHECK(level.backordered == 0);
  CHECK(level.waiting_lines == 0);
  require_invariants(shop);

  const auto shipped = shop.ship(1);
  REQUIRE(shipped);
  CHECK(shipped->units == 12);
  CHECK(shipped->order_closed);
  CHECK_FALSE(shop.contains_order(1));
  CHECK(stock_of(shop, "MUG").on_hand == 3);
  require_invariants(shop);
}

TEST_CASE("Fifo serves waiting orders in arrival order") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(one_line(1, "MUG", 4)));
  REQUIRE(shop.place(one_line(2, "MUG", 3)));

  REQUIRE(shop.receive("MUG", 5));
  CHECK(line_of(shop, 1).allocated == 4);
  CHECK(line_of(shop, 1).shippable == 4);
  CHECK(line_of(shop, 2).allocated == 1);
  CHECK(line_of(shop, 2).shippable == 0);
  CHECK(line_of(shop, 2).backordered == 2);
  require_invariants(shop);

  REQUIRE(shop.receive("MUG", 2));
  CHECK(line_of(shop, 2).allocated == 3);
  CHECK(stock_of(shop, "MUG").available == 0);
  require_invariants(shop);
}

TEST_CASE("Priority serves a later VIP first but takes no reserved unit") {
  ShopOf<backorder::Priority> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 3));
  REQUIRE(shop.place(one_line(1, "MUG", 5)));     // holds 3, waits for 2
  REQUIRE(shop.place(one_line(2, "MUG", 4)));     // waits for 4
  REQUIRE(shop.place(one_line(3, "MUG", 2, 10))); // the VIP arrives last

  CHECK(line_of(shop, 1).allocated == 3); // nothing taken from order 1
  CHECK(line_of(shop, 3).allocated == 0);

  REQUIRE(shop.receive("MUG", 3));
  CHECK(line_of(shop, 3).allocated == 2); // served first
  CHECK(line_of(shop, 1).allocated == 4); // then the earliest normal order
  CHECK(line_of(shop, 2).allocated == 0);
  require_invariants(shop);

  REQUIRE(shop.receive("MUG", 5));
  CHECK(line_of(shop, 1).allocated == 5);
  CHECK(line_of(shop, 2).allocated == 4);
  require_invariants(shop);
}

TEST_CASE("PartialFill ships what it has and keeps the rest open") {
  ShopOf<backorder::PartialFill> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 3));
  const auto placed = shop.place(one_line(1, "MUG", 5));
  REQUIRE(placed);
  CHECK(placed->shippable == 3);

  const auto first = shop.ship(1);
  REQUIRE(first);
  CHECK(first->units == 3);
  CHECK_FALSE(first->order_closed);
  auto line = line_of(shop, 1);
  CHECK(line.shipped == 3);
  CHECK(line.allocated == 0);
  CHECK(line.backordered == 2);
  CHECK(stock_of(shop, "MUG").on_hand == 0);
  CHECK(shop.ship(1).error().code == Errc::NothingToShip);
  require_invariants(shop);

  REQUIRE(shop.receive("MUG", 4));
  line = line_of(shop, 1);
  CHECK(line.allocated == 2);
  CHECK(line.shippable == 2);
  const auto second = shop.ship(1);
  REQUIRE(second);
  CHECK(second->units == 2);
  CHECK(second->order_closed);
  CHECK(stock_of(shop, "MUG").available == 2);
  require_invariants(shop);
}

TEST_CASE("cancelling a partly served order passes its units on") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 3));
  REQUIRE(shop.place(one_line(1, "MUG", 5))); // holds 3
  REQUIRE(shop.place(one_line(2, "MUG", 4))); // holds 0

  const auto cancelled = shop.cancel(1);
  REQUIRE(cancelled);
  CHECK(cancelled->released == 3);
  CHECK(cancelled->unfilled == 2);
  CHECK(cancelled->reallocated == 3);
  CHECK_FALSE(shop.contains_order(1));
  CHECK(line_of(shop, 2).allocated == 3);
  CHECK(line_of(shop, 2).backordered == 1);
  const auto level = stock_of(shop, "MUG");
  CHECK(level.reserved == 3);
  CHECK(level.available == 0);
  CHECK(level.backordered == 1);
  require_invariants(shop);
}

TEST_CASE("a receipt hands out exactly the units received") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(one_line(1, "MUG", 5)));
  REQUIRE(shop.place(one_line(2, "MUG", 2)));

  const auto receipt = shop.receive("MUG", 3);
  REQUIRE(receipt);
  CHECK(receipt->allocated == 3);
  CHECK(receipt->lines_served == 1);
  CHECK(line_of(shop, 1).allocated == 3);
  CHECK(line_of(shop, 2).allocated == 0);
  CHECK(stock_of(shop, "MUG").reserved == 3);
  require_invariants(shop);
}

TEST_CASE("cancelling a waiting order that holds nothing fills nobody") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(one_line(1, "MUG", 5)));
  REQUIRE(shop.place(one_line(2, "MUG", 2)));

  const auto cancelled = shop.cancel(1);
  REQUIRE(cancelled);
  CHECK(cancelled->released == 0);
  CHECK(cancelled->unfilled == 5);
  CHECK(cancelled->reallocated == 0);
  CHECK(line_of(shop, 2).allocated == 0);
  CHECK(stock_of(shop, "MUG").backordered == 2);
  require_invariants(shop);
}

TEST_CASE("a shrink larger than the free stock takes back from the last") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 10));
  REQUIRE(shop.place(one_line(1, "MUG", 4))); // complete
  REQUIRE(shop.place(one_line(2, "MUG", 4))); // complete
  REQUIRE(shop.place(one_line(3, "MUG", 5))); // holds 2

  SECTION("the free stock goes first") {
    REQUIRE(shop.adjust("MUG", 4)); // 3 complete order 3, 1 stays free
    CHECK(stock_of(shop, "MUG").available == 1);
    const auto adjusted = shop.adjust("MUG", -1);
    REQUIRE(adjusted);
    CHECK(adjusted->taken_back == 0);
    CHECK(stock_of(shop, "MUG").available == 0);
    CHECK(line_of(shop, 3).allocated == 5);
  }
  SECTION("then the lowest-ranked reservations, which wait again") {
    const auto adjusted = shop.adjust("MUG", -5);
    REQUIRE(adjusted);
    CHECK(adjusted->taken_back == 5);
    CHECK(adjusted->lines_touched == 2);
    CHECK(adjusted->on_hand == 5);
    CHECK(line_of(shop, 1).allocated == 4);
    CHECK(line_of(shop, 2).allocated == 1);
    CHECK(line_of(shop, 2).shippable == 0);
    CHECK(line_of(shop, 3).allocated == 0);
    const auto level = stock_of(shop, "MUG");
    CHECK(level.backordered == 8);
    CHECK(level.waiting_lines == 2);
    require_invariants(shop);

    // Restock serves them again in rank order: order 2 before order 3.
    REQUIRE(shop.receive("MUG", 4));
    CHECK(line_of(shop, 2).allocated == 4);
    CHECK(line_of(shop, 3).allocated == 1);
  }
  SECTION("removing more than is on hand is refused") {
    const auto refused = shop.adjust("MUG", -11);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::InvalidQuantity);
  }
  require_invariants(shop);
}

TEST_CASE("Priority takes back from the lowest priority first") {
  ShopOf<backorder::Priority> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 6));
  REQUIRE(shop.place(one_line(1, "MUG", 3, 0)));
  REQUIRE(shop.place(one_line(2, "MUG", 3, 5)));
  REQUIRE(shop.adjust("MUG", -4));
  CHECK(line_of(shop, 1).allocated == 0);
  CHECK(line_of(shop, 2).allocated == 2);
  require_invariants(shop);
}

TEST_CASE("multi-line orders, repeated SKUs and ship_complete") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEA"));
  REQUIRE(shop.receive("MUG", 10));
  REQUIRE(shop.receive("TEA", 1));

  SECTION("two lines on one SKU are served in line order") {
    REQUIRE(shop.place(Order<>{1, {{"MUG", 8}, {"MUG", 4}}}));
    CHECK(line_of(shop, 1, 0).allocated == 8);
    CHECK(line_of(shop, 1, 1).allocated == 2);
    CHECK(stock_of(shop, "MUG").backordered == 2);

    const auto shipped = shop.ship(1);
    REQUIRE(shipped);
    CHECK(shipped->units == 8);
    CHECK(shipped->lines == 1);
    CHECK_FALSE(shipped->order_closed);
    REQUIRE(shop.receive("MUG", 2));
    REQUIRE(shop.ship(1)->order_closed);
  }
  SECTION("ship_complete holds every line until all are allocated") {
    REQUIRE(shop.place(Order<>{1, {{"MUG", 2}, {"TEA", 3}}, 0, true}));
    auto status = shop.status(1);
    REQUIRE(status);
    CHECK(status->lines[0].allocated == 2);
    CHECK(status->lines[0].shippable == 0);
    CHECK_FALSE(status->ready_to_ship());
    const auto refused = shop.ship(1);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::NothingToShip);

    REQUIRE(shop.receive("TEA", 2));
    status = shop.status(1);
    CHECK(status->ready_to_ship());
    CHECK(status->lines[1].shippable == 3);
    std::vector<std::pair<std::uint32_t, std::int64_t>> lines;
    const auto shipped = shop.ship(1, [&](const auto &line) {
      lines.emplace_back(line.line, line.units);
    });
    REQUIRE(shipped);
    CHECK(shipped->units == 5);
    CHECK(shipped->order_closed);
    CHECK(lines ==
          std::vector<std::pair<std::uint32_t, std::int64_t>>{{0, 2}, {1, 3}});
  }
  SECTION("ship_complete holds partial shipments under PartialFill too") {
    ShopOf<backorder::PartialFill> partial;
    REQUIRE(partial.add_sku("MUG"));
    REQUIRE(partial.receive("MUG", 1));
    REQUIRE(partial.place(Order<>{1, {{"MUG", 2}}, 0, true}));
    CHECK(partial.ship(1).error().code == Errc::NothingToShip);
    REQUIRE(partial.receive("MUG", 1));
    CHECK(partial.ship(1)->units == 2);
    require_invariants(partial);
  }
  require_invariants(shop);
}

TEST_CASE("closed order ids may be placed again") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", 2));
  REQUIRE(shop.place(one_line(7, "MUG", 1)));
  CHECK(shop.place(one_line(7, "MUG", 1)).error().code == Errc::DuplicateOrder);
  REQUIRE(shop.ship(7));
  REQUIRE(shop.place(one_line(7, "MUG", 1)));
  REQUIRE(shop.cancel(7));
  REQUIRE(shop.place(one_line(7, "MUG", 3)));
  CHECK(line_of(shop, 7).allocated == 1);
  CHECK(line_of(shop, 7).backordered == 2);
  require_invariants(shop);
}

TEST_CASE("back order or out of stock, and the back-order limit") {
  Shop shop;
  backorder::SkuConfig<> strict;
  strict.backorderable = false;
  REQUIRE(shop.add_sku("LAMP", strict));
  REQUIRE(shop.receive("LAMP", 2));

  const auto refused = shop.place(one_line(1, "LAMP", 3));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::OutOfStock);
  REQUIRE(shop.place(one_line(1, "LAMP", 2)));

  backorder::SkuConfig<> capped;
  capped.backorder_limit = 5;
  REQUIRE(shop.configure("LAMP", capped));
  REQUIRE(shop.place(one_line(2, "LAMP", 4)));
  const auto over = shop.place(one_line(3, "LAMP", 2));
  REQUIRE_FALSE(over);
  CHECK(over.error().code == Errc::BackorderLimitExceeded);
  REQUIRE(shop.place(one_line(3, "LAMP", 1)));
  CHECK(stock_of(shop, "LAMP").backordered == 5);
  require_invariants(shop);
}

TEST_CASE("integer SKUs work like string SKUs") {
  backorder::Inventory<backorder::Priority, backorder::IntegerSkuTraits> shop;
  REQUIRE(shop.add_sku(1001));
  REQUIRE(shop.add_sku(1002));
  REQUIRE(shop.receive(1001, 4));
  using IntOrder = Order<backorder::IntegerSkuTraits>;
  REQUIRE(shop.place(IntOrder{1, {{1001, 6}, {1002, 1}}, 0, false}));
  REQUIRE(shop.place(IntOrder{2, {{1001, 1}}, 3, false}));
  REQUIRE(shop.receive(1001, 1));
  CHECK(line_of(shop, 2).allocated == 1);
  CHECK(line_of(shop, 1).allocated == 4);
  CHECK(line_of(shop, 1, 1).sku == 1002);
  CHECK(shop.stock(9).error().code == Errc::UnknownSku);
  CHECK(shop.stock(9).error().message == "unknown SKU 9");
  require_invariants(shop);
}

TEST_CASE("a pool slot freed by one order is reused without mixing state") {
  Shop shop;
  REQUIRE(shop.add_sku("MUG"));
  for (std::uint64_t id = 1; id <= 50; ++id) {
    REQUIRE(shop.place(one_line(id, "MUG", 2)));
  }
  for (std::uint64_t id = 1; id <= 50; id += 2) {
    REQUIRE(shop.cancel(id));
  }
  REQUIRE(shop.receive("MUG", 10));
  // The five earliest remaining orders (2, 4, 6, 8, 10) are complete.
  for (std::uint64_t id = 2; id <= 10; id += 2) {
    CHECK(line_of(shop, id).shippable == 2);
  }
  CHECK(line_of(shop, 12).allocated == 0);
  for (std::uint64_t id = 100; id < 120; ++id) {
    REQUIRE(shop.place(one_line(id, "MUG", 1)));
  }
  CHECK(shop.open_orders() == 45);
  CHECK(stock_of(shop, "MUG").waiting_lines == 40);
  require_invariants(shop);
}

// --- coverage: paths the tests above do not reach ---------------------------

TEST_CASE("units handed on by a cancellation saturate at the maximum") {
  // Under FirstFit free units can wait beside a line they do not complete;
  // the units a cancellation releases then complete it, and two SKUs may
  // together hand on more than the quantity type holds.
  constexpr std::int64_t max_units = std::numeric_limits<std::int64_t>::max();
  ShopOf<backorder::FirstFit> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("TEA"));
  REQUIRE(shop.receive("MUG", 1));
  REQUIRE(shop.receive("TEA", 1));
  REQUIRE(shop.place(Order<>{1, {{"MUG", 1}, {"TEA", 1}}}));
  REQUIRE(shop.receive("MUG", max_units - 1));
  REQUIRE(shop.receive("TEA", max_units - 1));
  REQUIRE(shop.place(one_line(2, "MUG", max_units)));
  REQUIRE(shop.place(one_line(3, "TEA", max_units)));
  CHECK(line_of(shop, 2).allocated == 0);
  CHECK(line_of(shop, 3).allocated == 0);
  CHECK(stock_of(shop, "MUG").available == max_units - 1);
  require_invariants(shop);

  const auto cancelled = shop.cancel(1);
  REQUIRE(cancelled);
  CHECK(cancelled->released == 2);
  CHECK(cancelled->unfilled == 0);
  CHECK(cancelled->reallocated == max_units); // 2 x max_units, saturated
  CHECK(line_of(shop, 2).allocated == max_units);
  CHECK(line_of(shop, 3).allocated == max_units);
  CHECK(stock_of(shop, "MUG").available == 0);
  CHECK(stock_of(shop, "TEA").available == 0);
  require_invariants(shop);
}

} // namespace inventory_test
