// A tour of backorder: the same day in a shop under each allocation policy.
//
// Three customers order mugs when there are too few in stock; more mugs
// arrive, one customer cancels, and the shop ships. The policy decides who
// gets the arriving mugs and when they may ship. A listener tells the shop
// which order each mug goes to.
#include <backorder/backorder.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace {

using Quantity = std::int64_t;

struct Customer {
  std::uint64_t order_id;
  const char *name;
  int priority;
  Quantity wants;
};

constexpr std::array<Customer, 3> customers{{
    {1, "alice", 0, 12},
    {2, "bob", 0, 6},
    {3, "carol, VIP", 5, 4},
}};
constexpr const Customer &alice = customers[0];
constexpr const Customer &bob = customers[1];
constexpr const Customer &carol = customers[2];

constexpr const char *sku = "MUG";

long long n(Quantity units) { return static_cast<long long>(units); }
unsigned long long id(const Customer &who) { return who.order_id; }

/// Returns the value of a result that must succeed; stops the tour if not.
template <class Result> auto must(Result result) {
  if (!result) {
    std::printf("unexpected error: %s\n", result.error().message.c_str());
    std::exit(1);
  }
  if constexpr (!std::is_void_v<typename Result::value_type>) {
    return std::move(result).value();
  }
}

/// Tells, while an operation runs, which orders receive units: prints
/// ": 2 go to order 1, 3 go to order 2" in the order the policy serves
/// them. Silent unless `separator` is set.
struct Narrator {
  const char *separator = nullptr;

  void on(const backorder::LineAllocated<backorder::DefaultTraits> &event) {
    if (separator != nullptr) {
      std::printf("%s %lld %s to order %llu", separator, n(event.units),
                  event.units == 1 ? "goes" : "go",
                  static_cast<unsigned long long>(event.order_id));
      separator = ",";
    }
  }
};

/// Runs `operation` with the narrator telling where units go.
template <class Inventory, class Operation>
auto narrated(Inventory &shop, Operation operation) {
  shop.listener().separator = ":";
  auto result = operation();
  shop.listener().separator = nullptr;
  return result;
}

template <class Inventory> void print_stock(const Inventory &shop) {
  const auto level = must(shop.stock(sku));
  std::printf("  %s stock: %2lld on hand = %2lld reserved + %2lld available,"
              " %2lld back-ordered\n",
              sku, n(level.on_hand), n(level.reserved), n(level.available),
              n(level.backordered));
}

template <class Inventory> void arrive(Inventory &shop, Quantity units) {
  std::printf("  %lld units of %s arrive", n(units), sku);
  const auto receipt =
      must(narrated(shop, [&] { return shop.receive(sku, units); }));
  if (receipt.available > 0) {
    std::printf("; %lld stay in stock", n(receipt.available));
  }
  std::printf("\n");
}

template <class Inventory> void order(Inventory &shop, const Customer &who) {
  const auto placed = must(shop.place({.id = who.order_id,
                                       .lines = {{sku, who.wants}},
                                       .priority = who.priority}));
  const std::string name = "(" + std::string(who.name) + ")";
  std::printf("  order %llu %-12s wants %2lld: %2lld allocated, %lld "
              "back-ordered\n",
              id(who), name.c_str(), n(who.wants), n(placed.allocated),
              n(placed.backordered));
}

template <class Inventory> void cancel(Inventory &shop, const Customer &who) {
  Quantity held = 0;
  for (const auto &line : must(shop.status(who.order_id)).lines) {
    held += line.allocated;
  }
  std::printf("  order %llu (%s) is cancelled, ", id(who), who.name);
  if (held == 0) {
    std::printf("it held no units");
  } else {
    std::printf("its %lld units pass on", n(held));
  }
  must(narrated(shop, [&] { return shop.cancel(who.order_id); }));
  std::printf("\n");
}

template <class Inventory> void ship(Inventory &shop, const Customer &who) {
  std::printf("  ship order %llu (%s): ", id(who), who.name);
  const auto shipment = shop.ship(who.order_id);
  if (!shipment) {
    std::printf("refused\n    (%s)\n", shipment.error().message.c_str());
    return;
  }
  std::printf("%lld units leave, order %s\n", n(shipment->units),
              shipment->order_closed ? "closed" : "stays open");
}

/// Runs the shop's day under one policy; returns 1 if the books are wrong.
template <class Policy> int run(const char *rule) {
  const std::string_view name = backorder::policy_name<Policy>();
  std::printf("== %.*s: %s\n", static_cast<int>(name.size()), name.data(),
              rule);

  backorder::Inventory<Policy, backorder::DefaultTraits, Narrator> shop;
  must(shop.add_sku(sku));
  arrive(shop, 10);
  order(shop, alice);
  order(shop, bob);
  order(shop, carol);
  print_stock(shop);
  ship(shop, alice);

  arrive(shop, 5);
  print_stock(shop);
  cancel(shop, bob);
  arrive(shop, 4);
  ship(shop, alice);
  ship(shop, carol);
  print_stock(shop);

  if (const auto broken = shop.check_invariants()) {
    std::printf("  BROKEN BOOKS: %s\n\n", broken->c_str());
    return 1;
  }
  std::printf("  the books balance (check_invariants)\n\n");
  return 0;
}

} // namespace

int main() {
  std::printf("10 mugs in stock; alice orders 12, bob 6, then carol (a VIP) "
              "4.\n\n");
  int failures = 0;
  failures += run<backorder::Fifo>("first come, first served; a line ships "
                                   "once complete");
  failures += run<backorder::Priority>("higher priority first, then arrival; "
                                       "a line ships once complete");
  failures += run<backorder::PartialFill>("first come, first served; "
                                          "allocated units ship at once");
  return failures == 0 ? 0 : 1;
}
