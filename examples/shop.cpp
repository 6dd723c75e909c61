// A shop engine that talks to its customers through events.
//
// The inventory tells a listener what changed; the listener maps order ids
// to customers and writes the messages a shop would send: "on back order,
// expected 12 Dec", "good news, ready to ship", "delayed", "cancelled,
// refunded", "back in stock". An incentive rides on the same events: every
// back-ordered line earns its order free shipping. A handler may read the
// inventory but must never change it; the shop acts on what it heard only
// after the operation returns. See docs/events.md.
#include <backorder/backorder.hpp>
#include <backorder/fmt.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using Traits = backorder::ManualClockTraits;
using TimePoint = Traits::Clock::time_point;
using OrderId = Traits::OrderId;
using Promise = backorder::Promise<Traits>;
using backorder::PromiseSource;

const TimePoint dec_1 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
TimePoint december(int day) { return dec_1 + std::chrono::days{day - 1}; }

/// Returns a date as a shop writes it: "12 Dec".
std::string short_date(TimePoint when) {
  static constexpr std::array<std::string_view, 12> months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day date{
      std::chrono::floor<std::chrono::days>(when)};
  return fmt::format("{} {}", static_cast<unsigned>(date.day()),
                     months[static_cast<unsigned>(date.month()) - 1U]);
}

/// Returns how a customer hears a promise: "expected 12 Dec".
std::string expected(const Promise &promise) {
  switch (promise.source) {
  case PromiseSource::OnHand:
    return "in stock";
  case PromiseSource::Inbound:
    return "expected " + short_date(promise.date);
  case PromiseSource::LeadTime:
    return "expected around " + short_date(promise.date);
  case PromiseSource::Unknown:
    break;
  }
  return "date to be confirmed";
}

/// Holds what the shop knows outside the inventory: who placed which
/// order, who waits for which SKU, and the free-shipping vouchers.
struct Shopfront {
  std::map<OrderId, std::string> customers;
  std::multimap<std::string, std::string, std::less<>> subscribers;
  std::set<OrderId> free_shipping;
  int sent = 0;

  void send(std::string_view to, std::string_view text) {
    fmt::print("  to {}: {}\n", to, text);
    ++sent;
  }
  [[nodiscard]] const std::string &customer(OrderId order) const {
    return customers.at(order);
  }
};

/// Turns events into customer messages. It handles five events; the
/// inventory does no bookkeeping for the ones it ignores. Handlers touch
/// only the Shopfront, never the inventory.
struct Mailer {
  Shopfront *shop = nullptr;

  void on(const backorder::LineBackordered<Traits> &e) {
    std::string text =
        fmt::format("order {}: {} x {} on back order, {}.", e.order_id,
                    e.backordered, e.sku, expected(e.promise));
    if (shop->free_shipping.insert(e.order_id).second) {
      text += " Sorry for the wait: shipping on this order is free.";
    }
    shop->send(shop->customer(e.order_id), text);
  }
  void on(const backorder::OrderReady<Traits> &e) {
    if (e.complete) {
      shop->send(shop->customer(e.order_id),
                 fmt::format("order {}: good news, ready to ship{}.",
                             e.order_id,
                             shop->free_shipping.contains(e.order_id)
                                 ? ", shipping free"
                                 : ""));
    }
  }
  void on(const backorder::PromiseMoved<Traits> &e) {
    shop->send(shop->customer(e.order_id),
               fmt::format("order {}: {} {}, now {}.", e.order_id, e.sku,
                           e.to.later_than(e.from) ? "delayed" : "comes sooner",
                           expected(e.to)));
  }
  void on(const backorder::OrderCancelled<Traits> &e) {
    shop->free_shipping.erase(e.order_id);
    shop->send(shop->customer(e.order_id),
               fmt::format("order {}: cancelled, refunded.", e.order_id));
  }
  void on(const backorder::BackInStock<Traits> &e) {
    const auto [first, last] = shop->subscribers.equal_range(e.sku);
    for (auto it = first; it != last; ++it) {
      shop->send(it->second, fmt::format("{} is back in stock.", e.sku));
    }
  }
};

using Inventory = backorder::Inventory<backorder::Fifo, Traits, Mailer>;

/// Returns the value of a result that must succeed; stops the example if
/// not.
template <class Result> auto must(Result result) {
  if (!result) {
    fmt::print("unexpected error: {}\n", result.error());
    std::exit(1);
  }
  if constexpr (!std::is_void_v<typename Result::value_type>) {
    return std::move(result).value();
  }
}

/// Places an order for a customer, who must be known before any event.
void order(Inventory &inventory, Shopfront &shop, OrderId id,
           std::string customer, backorder::Order<Traits>::Line line) {
  fmt::print("{} orders {} x {} (order {})\n", customer, line.quantity,
             line.sku, id);
  shop.customers[id] = std::move(customer);
  must(inventory.place({.id = id, .lines = {std::move(line)}}));
}

/// Ships an order and says how; a voucher is used up by the shipment.
void ship(Inventory &inventory, Shopfront &shop, OrderId id) {
  const auto shipment = must(inventory.ship(id));
  fmt::print("ship order {} to {}: {}{}\n", id, shop.customer(id), shipment,
             shop.free_shipping.erase(id) > 0 ? ", free shipping" : "");
}

} // namespace

int main() {
  Shopfront shop;
  Inventory inventory(backorder::Fifo{}, Mailer{&shop},
                      backorder::ManualClock{dec_1});
  backorder::SkuConfig<Traits> teapots;
  teapots.lead_time = std::chrono::days{14};
  backorder::SkuConfig<Traits> mugs;
  mugs.backorderable = false;
  must(inventory.add_sku("KETTLE"));
  must(inventory.add_sku("TEAPOT", teapots));
  must(inventory.add_sku("MUG", mugs));
  must(inventory.receive("KETTLE", 2));
  const auto kettles = must(inventory.expect("KETTLE", 6, december(12)));
  fmt::print("-- {}: supplier Acme will deliver 6 KETTLE on {}\n",
             short_date(inventory.now()), short_date(december(12)));

  order(inventory, shop, 1, "alice", {"KETTLE", 1});
  order(inventory, shop, 2, "bob", {"KETTLE", 3});
  order(inventory, shop, 3, "carol", {"KETTLE", 2});
  order(inventory, shop, 4, "dave", {"TEAPOT", 1});
  shop.customers[5] = "erin";
  const auto refused = inventory.place({.id = 5, .lines = {{"MUG", 2}}});
  fmt::print("erin orders 2 x MUG: refused ({})\n", refused.error());
  shop.subscribers.emplace("MUG", "erin");
  fmt::print("  erin asks to hear when MUG is back\n");
  ship(inventory, shop, 1);

  fmt::print("-- Acme moves the kettles to {}; Potter's announces teapots "
             "for {}\n",
             short_date(december(19)), short_date(december(8)));
  must(inventory.reschedule(kettles, december(19)));
  const auto pots = must(inventory.expect("TEAPOT", 4, december(8)));
  fmt::print("bob cancels order 2\n");
  must(inventory.cancel(2));

  inventory.clock().set(december(8));
  fmt::print("-- {}: teapots and mugs arrive\n", short_date(inventory.now()));
  must(inventory.receive_inbound(pots, 4));
  must(inventory.receive("MUG", 10));
  ship(inventory, shop, 4);

  inventory.clock().set(december(19));
  fmt::print("-- {}: Acme delivers\n", short_date(inventory.now()));
  must(inventory.receive_inbound(kettles, 6));
  ship(inventory, shop, 3);
  inventory.for_each_sku([](const auto &sku, const auto &level) {
    fmt::print("stock {}: {}\n", sku, level);
  });
  fmt::print("{} messages sent\n", shop.sent);

  // The same events through Callbacks: handlers registered at run time,
  // e.g. by plugins, at the price of a std::function call per event.
  using Depot = backorder::Inventory<backorder::Fifo, Traits,
                                     backorder::Callbacks<Traits>>;
  Depot depot(backorder::ManualClock{december(19)});
  depot.listener().add<backorder::OrderReady>(
      [](const auto &e) { fmt::print("  pick list: {}\n", e); });
  depot.listener().add<backorder::BackInStock>(
      [](const auto &e) { fmt::print("  storefront: {}\n", e); });
  fmt::print("-- depot (Callbacks listener)\n");
  must(depot.add_sku("KETTLE"));
  must(depot.place({.id = 7, .lines = {{"KETTLE", 2}}}));
  must(depot.receive("KETTLE", 5));

  if (const auto broken = inventory.check_invariants()) {
    fmt::print("broken invariant: {}\n", *broken);
    return 1;
  }
  if (const auto broken = depot.check_invariants()) {
    fmt::print("broken invariant in the depot: {}\n", *broken);
    return 1;
  }
  fmt::print("invariants hold\n");
  return 0;
}
