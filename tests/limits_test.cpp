// Quantities at and near the limits of the quantity type, for the default
// std::int64_t and a user's narrower std::int32_t and std::int16_t (whose
// sums C++ computes in int), under every hand-out:
// every operation that adds quantities refuses with QuantityOverflow (and
// changes nothing) or stays exact; nothing wraps. The ci-asan preset runs
// this under UBSan, which aborts on any signed overflow.

#include "catch.hpp"
#include "support.hpp"

#include <backorder/backorder.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

namespace limits_test {

using backorder::Errc;
using namespace backorder::testing;

namespace {

template <class Q> struct LimitTraits {
  using Sku = std::string;
  using OrderId = std::uint64_t;
  using Quantity = Q;
  using Clock = backorder::ManualClock;
};

template <class P, class Q> struct Setup {
  using Policy = P;
  using Quantity = Q;
  using Traits = LimitTraits<Q>;
  using Shop = backorder::Inventory<P, Traits>;
  using Order = backorder::Order<Traits>;
  static constexpr Q max = std::numeric_limits<Q>::max();
  static constexpr Q min = std::numeric_limits<Q>::min();
};

const auto day0 =
    backorder::ManualClock::time_point{} + std::chrono::days{20000};
auto day(int n) { return day0 + std::chrono::days{n}; }

template <class S> typename S::Shop make_shop() {
  typename S::Shop shop(typename S::Policy{}, backorder::NullListener{},
                        backorder::ManualClock{day0});
  for (const char *sku : {"MUG", "TEA", "CUP"}) {
    REQUIRE(shop.add_sku(sku));
  }
  return shop;
}

/// Runs `operation` and checks that it was refused with QuantityOverflow
/// and changed nothing.
template <class Shop, class Operation>
void require_overflow(const Shop &shop, Operation &&operation) {
  const std::vector<std::uint64_t> ids{1, 2, 3, 4, 5};
  const auto before = snapshot(shop, ids);
  const auto result = operation();
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().message);
  CHECK(result.error().code == Errc::QuantityOverflow);
  CHECK(snapshot(shop, ids) == before);
  require_invariants(shop);
}

} // namespace

// Every hand-out rule (rank order, FirstFit, ProRata), and Priority for
// its levels; PartialFill hands out and sums exactly as Fifo does.
#define BACKORDER_LIMIT_SETUPS                                                 \
  (Setup<backorder::Fifo, std::int64_t>),                                      \
      (Setup<backorder::Priority, std::int64_t>),                              \
      (Setup<backorder::FirstFit, std::int64_t>),                              \
      (Setup<backorder::ProRata, std::int64_t>),                               \
      (Setup<backorder::Fifo, std::int32_t>),                                  \
      (Setup<backorder::Priority, std::int32_t>),                              \
      (Setup<backorder::FirstFit, std::int32_t>),                              \
      (Setup<backorder::ProRata, std::int32_t>),                               \
      (Setup<backorder::Fifo, std::int16_t>),                                  \
      (Setup<backorder::Priority, std::int16_t>),                              \
      (Setup<backorder::FirstFit, std::int16_t>),                              \
      (Setup<backorder::ProRata, std::int16_t>)

TEMPLATE_TEST_CASE("receipts and corrections stop at the maximum on hand",
                   "[limits]", BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  auto shop = make_shop<S>();
  REQUIRE(shop.receive("MUG", S::max - 1));
  require_overflow(shop, [&] { return shop.receive("MUG", 2); });
  require_overflow(shop, [&] { return shop.adjust("MUG", 2); });
  REQUIRE(shop.receive("MUG", 1));
  CHECK(stock_of(shop, "MUG").on_hand == S::max);
  CHECK(stock_of(shop, "MUG").available == S::max);
  require_overflow(shop, [&] { return shop.receive("MUG", S::max); });
  require_overflow(shop, [&] { return shop.adjust("MUG", 1); });
  require_overflow(shop, [&] { return shop.adjust("MUG", S::min); });
  REQUIRE(shop.adjust("MUG", -S::max));
  CHECK(stock_of(shop, "MUG").on_hand == 0);
  REQUIRE(shop.adjust("MUG", S::max));
  CHECK(stock_of(shop, "MUG").on_hand == S::max);
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("expected deliveries stop at the maximum inbound",
                   "[limits]", BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  auto shop = make_shop<S>();
  const auto big = shop.expect("TEA", S::max - 1, day(3));
  REQUIRE(big);
  require_overflow(shop, [&] { return shop.expect("TEA", 2, day(4)); });
  const auto small = shop.expect("TEA", 1, day(1));
  REQUIRE(small);
  CHECK(stock_of(shop, "TEA").inbound == S::max);
  require_overflow(shop, [&] { return shop.expect("TEA", S::max, day(2)); });

  // A receipt of an expected delivery enters stock: it overflows on hand.
  REQUIRE(shop.receive("TEA", 2));
  require_overflow(shop,
                   [&] { return shop.receive_inbound(*big, S::max - 1); });
  REQUIRE(shop.adjust("TEA", -2));
  const auto receipt = shop.receive_inbound(*big, S::max - 1);
  REQUIRE(receipt);
  CHECK(receipt->closed);
  CHECK(stock_of(shop, "TEA").on_hand == S::max - 1);
  CHECK(stock_of(shop, "TEA").inbound == 1);

  // Over-delivery at the limit.
  REQUIRE(shop.adjust("TEA", -(S::max - 1)));
  const auto over = shop.receive_inbound(*small, S::max);
  REQUIRE(over);
  CHECK(over->over_delivered == S::max - 1);
  CHECK(stock_of(shop, "TEA").on_hand == S::max);
  CHECK(stock_of(shop, "TEA").inbound == 0);
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("placements stop at the maximum back-ordered", "[limits]",
                   BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  using Order = typename S::Order;
  auto shop = make_shop<S>();
  // One line of the maximum waits in full.
  REQUIRE(shop.place(Order{1, {{"MUG", S::max}}}));
  CHECK(stock_of(shop, "MUG").backordered == S::max);
  // A line more on top of what waits already.
  require_overflow(shop, [&] { return shop.place(Order{2, {{"MUG", 1}}}); });
  // Lines of one SKU that together pass the maximum.
  require_overflow(shop, [&] {
    return shop.place(Order{2, {{"TEA", S::max - 1}, {"TEA", 2}}});
  });
  // Lines of several SKUs whose total passes it (each fits on its own).
  require_overflow(shop, [&] {
    return shop.place(Order{2, {{"TEA", S::max - 1}, {"CUP", 2}}});
  });
  REQUIRE(shop.place(Order{2, {{"TEA", S::max - 1}, {"CUP", 1}}}));

  // The maximum arrives, is allocated in full and ships.
  REQUIRE(shop.receive("MUG", S::max));
  CHECK(line_of(shop, 1).allocated == S::max);
  CHECK(line_of(shop, 1).shippable == S::max);
  require_overflow(shop, [&] { return shop.receive("MUG", 1); });
  const auto shipment = shop.ship(1);
  REQUIRE(shipment);
  CHECK(shipment->units == S::max);
  CHECK(stock_of(shop, "MUG").on_hand == 0);
  // Lifetime tallies keep counting past the maximum (modulo 2^64).
  REQUIRE(shop.receive("MUG", S::max));
  REQUIRE(shop.adjust("MUG", -S::max));
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("a stock loss cannot push the back-ordered count over",
                   "[limits]", BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  using Order = typename S::Order;
  auto shop = make_shop<S>();
  REQUIRE(shop.receive("MUG", 2));
  REQUIRE(shop.place(Order{1, {{"MUG", 2}}}));
  REQUIRE(shop.place(Order{2, {{"MUG", S::max - 1}}}));
  CHECK(stock_of(shop, "MUG").backordered == S::max - 1);
  // Taking the two reserved units back would make them wait too.
  require_overflow(shop, [&] { return shop.adjust("MUG", -2); });
  REQUIRE(shop.adjust("MUG", -1));
  CHECK(stock_of(shop, "MUG").backordered == S::max);
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("hand-outs stay exact when the waiting units reach the "
                   "maximum",
                   "[limits]", BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  using Order = typename S::Order;
  auto shop = make_shop<S>();
  REQUIRE(shop.place(Order{1, {{"MUG", S::max - 2}}}));
  REQUIRE(shop.place(Order{2, {{"MUG", 1}}}));
  REQUIRE(shop.place(Order{3, {{"MUG", 1}}}));
  CHECK(stock_of(shop, "MUG").backordered == S::max);
  // ProRata shares max - 1 units in proportion to lines of max - 2, 1, 1.
  const auto receipt = shop.receive("MUG", S::max - 1);
  REQUIRE(receipt);
  CHECK(receipt->allocated == S::max - 1);
  CHECK(stock_of(shop, "MUG").backordered == 1);
  CHECK(stock_of(shop, "MUG").reserved == S::max - 1);
  require_invariants(shop);

  // Units free while a line of the maximum waits (FirstFit keeps them when
  // the line does not fit); a new line takes them.
  REQUIRE(shop.receive("TEA", 5));
  REQUIRE(shop.place(Order{4, {{"TEA", S::max}}}));
  REQUIRE(shop.place(Order{5, {{"TEA", 5}}}));
  CHECK(stock_of(shop, "TEA").reserved == 5);
  CHECK(stock_of(shop, "TEA").backordered == S::max);
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("a cancellation's reallocated count saturates", "[limits]",
                   BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  using Order = typename S::Order;
  auto shop = make_shop<S>();
  for (const char *sku : {"MUG", "TEA"}) {
    REQUIRE(shop.receive(sku, S::max - 1));
  }
  REQUIRE(shop.place(Order{1, {{"MUG", 1}, {"TEA", 1}}}));
  REQUIRE(shop.receive("MUG", 1));
  REQUIRE(shop.receive("TEA", 1));
  REQUIRE(shop.place(Order{2, {{"MUG", S::max}}}));
  REQUIRE(shop.place(Order{3, {{"TEA", S::max}}}));
  const auto cancelled = shop.cancel(1);
  REQUIRE(cancelled);
  CHECK(cancelled->released == 2);
  if constexpr (std::is_same_v<typename S::Policy, backorder::FirstFit>) {
    // Lines of the maximum did not fit in max - 1 free units; the released
    // unit completes each: 2 x max handed on, reported as max.
    CHECK(cancelled->reallocated == S::max);
  } else {
    CHECK(cancelled->reallocated == 2);
  }
  CHECK(stock_of(shop, "MUG").reserved == S::max);
  CHECK(stock_of(shop, "TEA").reserved == S::max);
  require_invariants(shop);
}

TEMPLATE_TEST_CASE("promises at the limits of quantities and time", "[limits]",
                   BACKORDER_LIMIT_SETUPS) {
  using S = TestType;
  using Order = typename S::Order;
  using Duration = backorder::ManualClock::duration;
  using TimePoint = backorder::ManualClock::time_point;
  auto shop = make_shop<S>();
  REQUIRE(shop.expect("MUG", S::max - 5, day(4)));
  REQUIRE(shop.expect("MUG", 5, day(8)));
  REQUIRE(shop.place(Order{1, {{"MUG", S::max - 5}}, 1, false, {}}));
  REQUIRE(shop.place(Order{2, {{"MUG", 5}}, 2, false, {}}));
  const auto first = shop.promise(1);
  const auto second = shop.promise(2);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->complete_by.known());
  CHECK(second->complete_by.known());
  CHECK(shop.promise(2)->complete_by.date <= day(8));

  // A lead time of the longest duration promises the latest date there is.
  backorder::SkuConfig<typename S::Traits> slow;
  slow.lead_time = Duration::max();
  REQUIRE(shop.configure("TEA", slow));
  REQUIRE(shop.place(Order{3, {{"TEA", S::max}}}));
  const auto far = shop.promise(3);
  REQUIRE(far);
  CHECK(far->complete_by.source == backorder::PromiseSource::LeadTime);
  CHECK(far->complete_by.date == TimePoint::max());
  // A customer who waits the longest duration takes that promise; one who
  // waits a day does not.
  REQUIRE(shop.cancel(3));
  REQUIRE(shop.place(Order{3, {{"TEA", S::max}}, 0, false, Duration::max()}));
  REQUIRE(shop.cancel(3));
  const auto refused =
      shop.place(Order{3, {{"TEA", S::max}}, 0, false, std::chrono::days{1}});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::WaitTooLong);
  // A delivery at the end of time, and a clock at its start: the wait is
  // longer than the longest duration.
  REQUIRE(shop.expect("CUP", S::max, TimePoint::max()));
  shop.clock().set(TimePoint::min());
  const auto endless =
      shop.place(Order{4, {{"CUP", S::max}}, 0, false, Duration::max()});
  REQUIRE_FALSE(endless);
  CHECK(endless.error().code == Errc::WaitTooLong);
  REQUIRE(endless.error().promise);
  CHECK(endless.error().promise->date == TimePoint::max());
  REQUIRE(shop.place(Order{4, {{"CUP", S::max}}}));
  CHECK(shop.promise(4)->complete_by.date == TimePoint::max());
  require_invariants(shop);
}

} // namespace limits_test
