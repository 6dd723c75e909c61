// Every refused operation: its code, a message naming the culprit, and a
// state left exactly as it was.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <chrono>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace errors_test {

using backorder::Errc;
using backorder::Order;
using namespace backorder::testing;

namespace {

constexpr std::int64_t max_units = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min_units = std::numeric_limits<std::int64_t>::min();

/// Builds a small shop with stock, a waiting order and a ready order.
template <class Policy> backorder::Inventory<Policy> small_shop() {
  backorder::Inventory<Policy> shop;
  backorder::SkuConfig<> strict;
  strict.backorderable = false;
  backorder::SkuConfig<> capped;
  capped.backorder_limit = 3;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.add_sku("LAMP", strict));
  REQUIRE(shop.add_sku("TEA", capped));
  REQUIRE(shop.receive("MUG", 5));
  REQUIRE(shop.receive("LAMP", 2));
  REQUIRE(shop.place(Order<>{1, {{"MUG", 7}}})); // 5 allocated, 2 waiting
  REQUIRE(shop.place(Order<>{2, {{"TEA", 2}}})); // nothing allocated
  return shop;
}

/// Checks that `result` failed with `code`, that its message contains
/// every `culprit`, and that the shop did not change.
template <class Shop, class R>
void require_refused(const Shop &shop,
                     const Snapshot<backorder::DefaultTraits> &before,
                     const R &result, Errc code,
                     std::initializer_list<std::string> culprits) {
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().message);
  CHECK(result.error().code == code);
  for (const auto &culprit : culprits) {
    CHECK(result.error().message.find(culprit) != std::string::npos);
  }
  CHECK(snapshot(shop, {1, 2, 3, 4}) == before);
  require_invariants(shop);
}

} // namespace

TEMPLATE_TEST_CASE("refused operations name the culprit and change nothing", "",
                   backorder::Fifo, backorder::Priority, backorder::PartialFill,
                   backorder::FirstFit, backorder::ProRata) {
  auto shop = small_shop<TestType>();
  const auto before = snapshot(shop, {1, 2, 3, 4});

  SECTION("UnknownSku") {
    require_refused(shop, before, shop.receive("CUP", 1), Errc::UnknownSku,
                    {"\"CUP\""});
    require_refused(shop, before, shop.adjust("CUP", 1), Errc::UnknownSku,
                    {"\"CUP\""});
    require_refused(shop, before, shop.stock("CUP"), Errc::UnknownSku,
                    {"\"CUP\""});
    require_refused(shop, before, shop.configure("CUP", {}), Errc::UnknownSku,
                    {"\"CUP\""});
    require_refused(shop, before, shop.place(Order<>{3, {{"CUP", 1}}}),
                    Errc::UnknownSku, {"\"CUP\"", "order 3", "line 1"});
  }
  SECTION("DuplicateSku") {
    require_refused(shop, before, shop.add_sku("MUG"), Errc::DuplicateSku,
                    {"\"MUG\""});
  }
  SECTION("UnknownOrder") {
    require_refused(shop, before, shop.cancel(9), Errc::UnknownOrder,
                    {"order 9"});
    require_refused(shop, before, shop.ship(9), Errc::UnknownOrder,
                    {"order 9"});
    require_refused(shop, before, shop.status(9), Errc::UnknownOrder,
                    {"order 9"});
  }
  SECTION("DuplicateOrder") {
    require_refused(shop, before, shop.place(Order<>{2, {{"MUG", 1}}}),
                    Errc::DuplicateOrder, {"order 2"});
  }
  SECTION("InvalidQuantity") {
    require_refused(shop, before, shop.receive("MUG", 0), Errc::InvalidQuantity,
                    {"\"MUG\"", "0"});
    require_refused(shop, before, shop.receive("MUG", -4),
                    Errc::InvalidQuantity, {"\"MUG\"", "-4"});
    require_refused(shop, before, shop.adjust("MUG", 0), Errc::InvalidQuantity,
                    {"\"MUG\""});
    require_refused(shop, before, shop.adjust("MUG", -6), Errc::InvalidQuantity,
                    {"\"MUG\"", "6", "5"});
    require_refused(shop, before, shop.place(Order<>{3, {{"MUG", 0}}}),
                    Errc::InvalidQuantity, {"order 3", "\"MUG\"", "0"});
    require_refused(shop, before, shop.place(Order<>{3, {{"MUG", -2}}}),
                    Errc::InvalidQuantity, {"order 3", "-2"});
    backorder::SkuConfig<> negative;
    negative.backorder_limit = -1;
    require_refused(shop, before, shop.configure("MUG", negative),
                    Errc::InvalidQuantity, {"\"MUG\"", "-1"});
    require_refused(shop, before, shop.add_sku("CUP", negative),
                    Errc::InvalidQuantity, {"\"CUP\"", "-1"});
  }
  SECTION("QuantityOverflow") {
    require_refused(shop, before, shop.receive("MUG", max_units),
                    Errc::QuantityOverflow, {"\"MUG\""});
    require_refused(shop, before, shop.adjust("MUG", max_units),
                    Errc::QuantityOverflow, {"\"MUG\""});
    require_refused(shop, before, shop.adjust("MUG", min_units),
                    Errc::QuantityOverflow, {"\"MUG\""});
    require_refused(shop, before,
                    shop.place(Order<>{3, {{"MUG", max_units}, {"MUG", 1}}}),
                    Errc::QuantityOverflow, {"order 3", "\"MUG\""});
    // Two units wait on MUG already: back-ordering max more overflows.
    require_refused(shop, before, shop.place(Order<>{3, {{"MUG", max_units}}}),
                    Errc::QuantityOverflow, {"\"MUG\""});
  }
  SECTION("EmptyOrder") {
    require_refused(shop, before, shop.place(Order<>{3, {}}), Errc::EmptyOrder,
                    {"order 3"});
  }
  SECTION("OutOfStock") {
    require_refused(shop, before, shop.place(Order<>{3, {{"LAMP", 3}}}),
                    Errc::OutOfStock, {"\"LAMP\"", "order 3", "3", "2"});
    // Two lines that fit one by one but not together.
    require_refused(shop, before,
                    shop.place(Order<>{3, {{"LAMP", 2}, {"LAMP", 1}}}),
                    Errc::OutOfStock, {"\"LAMP\"", "order 3"});
  }
  SECTION("BackorderLimitExceeded") {
    require_refused(shop, before, shop.place(Order<>{3, {{"TEA", 2}}}),
                    Errc::BackorderLimitExceeded,
                    {"\"TEA\"", "order 3", "limit of 3"});
  }
  SECTION("NothingToShip") {
    require_refused(shop, before, shop.ship(2), Errc::NothingToShip,
                    {"order 2"});
  }
  SECTION("a place whose third line fails leaves the first two untouched") {
    require_refused(
        shop, before,
        shop.place(Order<>{3, {{"MUG", 1}, {"TEA", 1}, {"LAMP", 9}}}),
        Errc::OutOfStock, {"\"LAMP\""});
    require_refused(
        shop, before,
        shop.place(Order<>{3, {{"MUG", 1}, {"TEA", 1}, {"NOPE", 1}}}),
        Errc::UnknownSku, {"\"NOPE\"", "line 3"});
    // The refused order left nothing behind: the same id places normally.
    REQUIRE(shop.place(Order<>{3, {{"MUG", 1}, {"TEA", 1}}}));
    CHECK(shop.stock("TEA")->backordered == 3);
  }
}

TEST_CASE("every error code has a name") {
  CHECK(backorder::to_string(Errc::OutOfStock) == "OutOfStock");
  CHECK(backorder::to_string(Errc::BackorderLimitExceeded) ==
        "BackorderLimitExceeded");
  CHECK(backorder::to_string(Errc::NothingToShip) == "NothingToShip");
}

TEST_CASE("a narrower quantity type overflows at its own limit") {
  struct SmallTraits {
    using Sku = std::string;
    using OrderId = std::uint32_t;
    using Quantity = std::int32_t;
    using Clock = std::chrono::system_clock;
  };
  backorder::Inventory<backorder::Fifo, SmallTraits> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.receive("MUG", std::numeric_limits<std::int32_t>::max() - 1));
  const auto refused = shop.receive("MUG", 2);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::QuantityOverflow);
  REQUIRE(shop.receive("MUG", 1));
  using SmallOrder = Order<SmallTraits>;
  REQUIRE(shop.place(
      SmallOrder{1, {{"MUG", std::numeric_limits<std::int32_t>::max()}}}));
  CHECK(
      shop.place(SmallOrder{2,
                            {{"MUG", std::numeric_limits<std::int32_t>::max()},
                             {"MUG", 1}}})
          .error()
          .code == Errc::QuantityOverflow);
  REQUIRE_FALSE(shop.check_invariants().has_value());
}

TEST_CASE("a refused placement leaves FirstFit's skip counts as they were") {
  // The oldest line may be passed over once. An order whose first line is
  // served past it, then refused (WaitTooLong), must not use that up.
  const auto later_small_order = [](bool refused_first) {
    backorder::Inventory<backorder::FirstFit> shop(backorder::FirstFit{1});
    REQUIRE(shop.add_sku("MUG"));
    REQUIRE(shop.add_sku("TEA")); // no supply, no lead time: no promise
    REQUIRE(shop.receive("MUG", 5));
    REQUIRE(shop.place(Order<>{1, {{"MUG", 10}}})); // does not fit: waits
    if (refused_first) {
      const auto before = snapshot(shop, {1, 2, 3});
      const auto refused = shop.place(Order<>{
          2, {{"MUG", 1}, {"TEA", 1}}, 0, false, std::chrono::hours{1}});
      REQUIRE_FALSE(refused);
      CHECK(refused.error().code == Errc::WaitTooLong);
      CHECK(snapshot(shop, {1, 2, 3}) == before);
      require_invariants(shop);
    }
    const auto placed = shop.place(Order<>{3, {{"MUG", 1}}});
    REQUIRE(placed);
    return placed->allocated;
  };
  CHECK(later_small_order(false) == 1);
  CHECK(later_small_order(true) == 1);
}

// --- coverage: paths the tests above do not reach ---------------------------

TEST_CASE("every error code names itself, and an unknown code says so") {
  const std::pair<Errc, std::string_view> names[] = {
      {Errc::UnknownSku, "UnknownSku"},
      {Errc::DuplicateSku, "DuplicateSku"},
      {Errc::UnknownOrder, "UnknownOrder"},
      {Errc::DuplicateOrder, "DuplicateOrder"},
      {Errc::UnknownInbound, "UnknownInbound"},
      {Errc::InvalidQuantity, "InvalidQuantity"},
      {Errc::QuantityOverflow, "QuantityOverflow"},
      {Errc::EmptyOrder, "EmptyOrder"},
      {Errc::OutOfStock, "OutOfStock"},
      {Errc::BackorderLimitExceeded, "BackorderLimitExceeded"},
      {Errc::WaitTooLong, "WaitTooLong"},
      {Errc::NothingToShip, "NothingToShip"},
  };
  for (const auto &[code, name] : names) {
    CHECK(backorder::to_string(code) == name);
  }
  // A value outside the enumeration (e.g. read from a newer peer).
  CHECK(backorder::to_string(static_cast<Errc>(1000)) == "Unknown");
}

TEST_CASE("receiving an inbound delivery that overflows on hand changes "
          "nothing") {
  backorder::Inventory<backorder::Fifo> shop;
  REQUIRE(shop.add_sku("MUG"));
  const auto id = shop.expect("MUG", 10, {});
  REQUIRE(id);
  REQUIRE(shop.receive("MUG", max_units - 5));
  const auto before = snapshot(shop, {});

  const auto refused = shop.receive_inbound(*id, 10);
  REQUIRE_FALSE(refused);
  INFO(refused.error().message);
  CHECK(refused.error().code == Errc::QuantityOverflow);
  CHECK(refused.error().message.find("MUG") != std::string::npos);
  CHECK(refused.error().message.find(std::to_string(max_units - 5)) !=
        std::string::npos);
  CHECK(snapshot(shop, {}) == before);
  const auto still_expected = shop.inbound(*id);
  REQUIRE(still_expected);
  CHECK(still_expected->units == 10);
  require_invariants(shop);

  // Five units still fit; the other five stay expected.
  REQUIRE(shop.receive_inbound(*id, 5));
  CHECK(shop.stock("MUG")->on_hand == max_units);
  CHECK(shop.stock("MUG")->inbound == 5);
  require_invariants(shop);
}

TEST_CASE("listing the deliveries of an unknown SKU fails with UnknownSku") {
  backorder::Inventory<backorder::Fifo> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.expect("MUG", 3, {}));
  int visited = 0;
  const auto listed =
      shop.for_each_inbound("LAMP", [&](const auto &) { ++visited; });
  REQUIRE_FALSE(listed);
  CHECK(listed.error().code == Errc::UnknownSku);
  CHECK(listed.error().message.find("LAMP") != std::string::npos);
  CHECK(visited == 0);
  REQUIRE(shop.for_each_inbound("MUG", [&](const auto &) { ++visited; }));
  CHECK(visited == 1);
}

} // namespace errors_test
