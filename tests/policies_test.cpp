// Allocation policies: the AllocationPolicy concept and a user's own policy.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

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
