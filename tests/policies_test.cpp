// Allocation policies: the AllocationPolicy concept and a user's own policy.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

namespace policies_test {

namespace {

/// Serves the smallest lines first, so many customers get something soon.
struct SmallestFirst {
  static constexpr std::string_view name = "SmallestFirst";
  static constexpr bool ships_partial = false;

  [[nodiscard]] std::int64_t
  rank(const backorder::LineRequest &request) const noexcept {
    return -request.quantity;
  }
};

struct MissingRank {
  [[maybe_unused]] static constexpr bool ships_partial = false;
};

struct MissingShipping {
  [[nodiscard]] std::int64_t
  rank(const backorder::LineRequest &) const noexcept {
    return 0;
  }
};

struct NotConstexprShipping {
  static inline bool ships_partial = false;
  [[nodiscard]] std::int64_t
  rank(const backorder::LineRequest &) const noexcept {
    return 0;
  }
};

} // namespace

static_assert(backorder::AllocationPolicy<backorder::Fifo>);
static_assert(backorder::AllocationPolicy<backorder::Priority>);
static_assert(backorder::AllocationPolicy<backorder::PartialFill>);
static_assert(backorder::AllocationPolicy<SmallestFirst>);
static_assert(!backorder::AllocationPolicy<MissingRank>);
static_assert(!backorder::AllocationPolicy<MissingShipping>);
static_assert(!backorder::AllocationPolicy<NotConstexprShipping>);
static_assert(backorder::policy_name<SmallestFirst>() == "SmallestFirst");
static_assert(backorder::policy_name<MissingRank>() == "custom");

TEST_CASE("a user-written policy ranks the waiting lines") {
  backorder::Inventory<SmallestFirst> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(backorder::Order<>{1, {{"MUG", 6}}}));
  REQUIRE(shop.place(backorder::Order<>{2, {{"MUG", 2}}}));
  REQUIRE(shop.place(backorder::Order<>{3, {{"MUG", 3}}}));
  REQUIRE(shop.place(backorder::Order<>{4, {{"MUG", 2}}}));

  REQUIRE(shop.receive("MUG", 6));
  using backorder::testing::line_of;
  CHECK(line_of(shop, 2).shippable == 2); // smallest, earliest
  CHECK(line_of(shop, 4).shippable == 2); // smallest, later
  CHECK(line_of(shop, 3).allocated == 2); // next size up, partly served
  CHECK(line_of(shop, 1).allocated == 0);
  backorder::testing::require_invariants(shop);

  // A shrink takes back from the lowest rank: the largest line first, then
  // the 3-unit line.
  REQUIRE(shop.adjust("MUG", -3));
  CHECK(line_of(shop, 3).allocated == 0);
  CHECK(line_of(shop, 4).allocated == 1);
  backorder::testing::require_invariants(shop);
}

TEST_CASE("FirstFit serves small lines past a large one") {
  backorder::Inventory<backorder::FirstFit> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(backorder::Order<>{1, {{"MUG", 10}}}));
  REQUIRE(shop.place(backorder::Order<>{2, {{"MUG", 3}}}));
  REQUIRE(shop.place(backorder::Order<>{3, {{"MUG", 5}}}));
  REQUIRE(shop.place(backorder::Order<>{4, {{"MUG", 2}}}));

  const auto receipt = shop.receive("MUG", 6);
  REQUIRE(receipt);
  using backorder::testing::line_of;
  CHECK(receipt->allocated == 5); // 3 then 2: order 3 (5) no longer fits
  CHECK(line_of(shop, 1).allocated == 0);
  CHECK(line_of(shop, 2).shippable == 3);
  CHECK(line_of(shop, 3).allocated == 0); // never part-filled
  CHECK(line_of(shop, 4).shippable == 2);
  CHECK(shop.stock("MUG")->available == 1);
  backorder::testing::require_invariants(shop);

  SECTION("a new line that fits the free units takes them at once") {
    const auto placed = shop.place(backorder::Order<>{5, {{"MUG", 1}}});
    REQUIRE(placed);
    CHECK(placed->allocated == 1);
  }
  SECTION("a new line that does not fit takes nothing") {
    const auto placed = shop.place(backorder::Order<>{5, {{"MUG", 2}}});
    REQUIRE(placed);
    CHECK(placed->allocated == 0);
    CHECK(placed->backordered == 2);
  }
  backorder::testing::require_invariants(shop);
}

TEST_CASE("FirstFit stops skipping a line that has waited too long") {
  backorder::Inventory<backorder::FirstFit> shop(backorder::FirstFit{2});
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(backorder::Order<>{1, {{"MUG", 4}}}));
  for (std::uint64_t id = 2; id <= 5; ++id) {
    REQUIRE(shop.place(backorder::Order<>{id, {{"MUG", 1}}}));
  }
  using backorder::testing::line_of;
  REQUIRE(shop.receive("MUG", 1)); // order 2 passes order 1: one skip
  REQUIRE(shop.receive("MUG", 1)); // order 3 passes it: two skips
  CHECK(line_of(shop, 3).allocated == 1);
  REQUIRE(shop.receive("MUG", 3)); // order 1 now blocks: 3 units wait free
  CHECK(line_of(shop, 4).allocated == 0);
  CHECK(line_of(shop, 1).allocated == 0);
  CHECK(shop.stock("MUG")->available == 3);
  backorder::testing::require_invariants(shop);

  // A non-backorderable SKU refuses what a blocked queue would not fill.
  REQUIRE(shop.receive("MUG", 1)); // order 1 completes, the rest flows on
  CHECK(line_of(shop, 1).shippable == 4);
  CHECK(line_of(shop, 4).allocated == 0);
  REQUIRE(shop.receive("MUG", 2));
  CHECK(line_of(shop, 4).allocated == 1);
  CHECK(line_of(shop, 5).allocated == 1);
  backorder::testing::require_invariants(shop);
}

TEST_CASE("FirstFit refuses an order a non-backorderable SKU cannot fit") {
  backorder::Inventory<backorder::FirstFit> shop;
  backorder::SkuConfig<> strict;
  strict.backorderable = false;
  REQUIRE(shop.add_sku("LAMP", strict));
  REQUIRE(shop.receive("LAMP", 5));
  CHECK(shop.place(backorder::Order<>{1, {{"LAMP", 6}}}).error().code ==
        backorder::Errc::OutOfStock);
  CHECK(shop.place(backorder::Order<>{1, {{"LAMP", 3}, {"LAMP", 3}}})
            .error()
            .code == backorder::Errc::OutOfStock);
  REQUIRE(shop.place(backorder::Order<>{1, {{"LAMP", 3}, {"LAMP", 2}}}));
  backorder::testing::require_invariants(shop);
}

TEST_CASE("ProRata shares short supply in proportion") {
  backorder::Inventory<backorder::ProRata> shop;
  REQUIRE(shop.add_sku("MUG"));
  REQUIRE(shop.place(backorder::Order<>{1, {{"MUG", 6}}}));
  REQUIRE(shop.place(backorder::Order<>{2, {{"MUG", 3}}}));
  REQUIRE(shop.place(backorder::Order<>{3, {{"MUG", 1}}}));
  using backorder::testing::line_of;

  SECTION("rounded down, then the largest remainders") {
    // 5 units over 10 wanted: 3, 1.5, 0.5 -> 3, 1, 0, then one unit left
    // goes to the largest remainder, order 2 (0.5 ties with order 3; order
    // 2 came first).
    REQUIRE(shop.receive("MUG", 5));
    CHECK(line_of(shop, 1).allocated == 3);
    CHECK(line_of(shop, 2).allocated == 2);
    CHECK(line_of(shop, 3).allocated == 0);
    CHECK(line_of(shop, 1).shippable == 3); // allocated units ship at once
  }
  SECTION("enough for everyone fills every line") {
    REQUIRE(shop.receive("MUG", 12));
    CHECK(line_of(shop, 1).allocated == 6);
    CHECK(line_of(shop, 3).allocated == 1);
    CHECK(shop.stock("MUG")->available == 2);
  }
  SECTION("a minimum share and leftovers by arrival") {
    backorder::Inventory<backorder::ProRata> exchange(
        backorder::ProRata{2, backorder::Leftover::Arrival});
    REQUIRE(exchange.add_sku("MUG"));
    REQUIRE(exchange.place(backorder::Order<>{1, {{"MUG", 6}}}));
    REQUIRE(exchange.place(backorder::Order<>{2, {{"MUG", 3}}}));
    REQUIRE(exchange.place(backorder::Order<>{3, {{"MUG", 1}}}));
    // 4 units: shares 2.4, 1.2, 0.4 -> 2, below 2 -> 0, 0; two left over
    // go one each by arrival: orders 1 and 2.
    REQUIRE(exchange.receive("MUG", 4));
    CHECK(line_of(exchange, 1).allocated == 3);
    CHECK(line_of(exchange, 2).allocated == 1);
    CHECK(line_of(exchange, 3).allocated == 0);
    backorder::testing::require_invariants(exchange);
  }
  backorder::testing::require_invariants(shop);
}

} // namespace policies_test
