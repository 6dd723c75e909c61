// Promises: when will a back order arrive, and what to tell the customer.
//
// A small shop on a manual clock announces its supplier deliveries, takes
// orders it cannot fill yet, promises a date for each, refuses a customer
// who will not wait that long, and tells customers when a supplier's delay
// or a short delivery moves their date. See docs/promises.md.
#include <backorder/backorder.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <utility>

namespace {

using Traits = backorder::ManualClockTraits;
using Shop = backorder::Inventory<backorder::Fifo, Traits>;
using Order = backorder::Order<Traits>;
using Promise = backorder::Promise<Traits>;
using TimePoint = Shop::TimePoint;
using backorder::PromiseSource;

const TimePoint dec_1 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};

TimePoint december(int day) { return dec_1 + std::chrono::days{day - 1}; }

struct Customer {
  std::uint64_t order_id;
  const char *name;
};

constexpr std::array<Customer, 6> customers{{
    {1, "alice"},
    {2, "bob"},
    {3, "carol"},
    {4, "dave"},
    {5, "erin"},
    {6, "frank"},
}};

const char *name_of(std::uint64_t order_id) {
  for (const Customer &customer : customers) {
    if (customer.order_id == order_id) {
      return customer.name;
    }
  }
  return "?";
}

long long n(std::int64_t units) { return static_cast<long long>(units); }
unsigned long long id(std::uint64_t value) { return value; }

/// Returns a date as "12 Dec 2026".
std::string date(TimePoint when) {
  static constexpr std::array<const char *, 12> months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{
      std::chrono::floor<std::chrono::days>(when)};
  char text[32];
  std::snprintf(text, sizeof text, "%u %s %d", static_cast<unsigned>(ymd.day()),
                months[static_cast<unsigned>(ymd.month()) - 1U],
                static_cast<int>(ymd.year()));
  return text;
}

/// Returns how a shop words a promise: "expected 12 Dec 2026 (delivery
/// #2)". A delivery date already past means the delivery is late.
std::string wording(const Promise &promise, TimePoint now) {
  switch (promise.source) {
  case PromiseSource::OnHand:
    return "in stock";
  case PromiseSource::Inbound:
    return (promise.date < now ? "late, was due " : "expected ") +
           date(promise.date) + " (delivery #" +
           std::to_string(promise.inbound) + ")";
  case PromiseSource::LeadTime:
    return "estimated " + date(promise.date) + " (lead time)";
  case PromiseSource::Unknown:
    break;
  }
  return "no date yet";
}

/// Returns the value of a result that must succeed; stops the example if
/// not.
template <class Result> auto must(Result result) {
  if (!result) {
    std::printf("unexpected error: %s\n", result.error().message.c_str());
    std::exit(1);
  }
  if constexpr (!std::is_void_v<typename Result::value_type>) {
    return std::move(result).value();
  }
}

/// Prints each line of an open order with its promised date.
void print_order(const Shop &shop, std::uint64_t order_id) {
  const auto status = must(shop.status(order_id));
  const int indent =
      std::printf("order %llu (%s): ", id(order_id), name_of(order_id));
  bool first = true;
  for (const auto &line : status.lines) {
    if (!first) {
      std::printf("%*s", indent, "");
    }
    first = false;
    if (line.backordered == 0) {
      std::printf("%lld x %s in stock\n", n(line.ordered), line.sku.c_str());
    } else if (line.backordered == line.ordered) {
      std::printf("%lld x %s on back order, %s\n", n(line.ordered),
                  line.sku.c_str(), wording(line.promise, shop.now()).c_str());
    } else {
      std::printf("%lld x %s, %lld on back order, %s\n", n(line.ordered),
                  line.sku.c_str(), n(line.backordered),
                  wording(line.promise, shop.now()).c_str());
    }
  }
  if (status.lines.size() > 1) {
    const auto promises = must(shop.promise(order_id));
    std::printf("%*swhole order: %s\n", indent, "",
                wording(promises.complete_by, shop.now()).c_str());
  }
}

/// Places an order that must be accepted and prints its promised dates.
void place(Shop &shop, const Order &order) {
  must(shop.place(order));
  print_order(shop, order.id);
}

/// Holds each customer's order promise at one moment.
using Promises = std::array<Promise, customers.size()>;

Promises promises_of(const Shop &shop) {
  Promises promises{};
  for (std::size_t i = 0; i < customers.size(); ++i) {
    if (const auto promise = shop.promise(customers[i].order_id)) {
      promises[i] = promise->complete_by;
    }
  }
  return promises;
}

/// Returns true when a customer should hear about a new date. "In stock"
/// reads today's date and a lead-time estimate counts from today, so both
/// slide with the clock without anything having changed.
bool moved(const Promise &before, const Promise &after) {
  if (before.source != after.source) {
    return true;
  }
  return before.source == PromiseSource::Inbound && before.date != after.date;
}

/// Returns a promise in a few words: "12 Dec 2026", "in stock".
std::string short_wording(const Promise &promise) {
  switch (promise.source) {
  case PromiseSource::OnHand:
    return "in stock";
  case PromiseSource::Inbound:
    return date(promise.date);
  case PromiseSource::LeadTime:
    return "about " + date(promise.date);
  case PromiseSource::Unknown:
    break;
  }
  return "no date yet";
}

/// Prints a note for each customer whose date moved since `before`;
/// returns how many.
int notify(const Shop &shop, const Promises &before) {
  const Promises after = promises_of(shop);
  int told = 0;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    if (moved(before[i], after[i])) {
      std::printf("  tell %s (order %llu): expected %s, no longer %s\n",
                  customers[i].name, id(customers[i].order_id),
                  short_wording(after[i]).c_str(),
                  short_wording(before[i]).c_str());
      ++told;
    }
  }
  return told;
}

} // namespace

int main() {
  Shop shop(backorder::Fifo{}, {}, backorder::ManualClock(dec_1));
  std::printf("today is %s\n\n", date(shop.now()).c_str());

  // Kettles come only from announced deliveries; teapots also have a
  // supplier lead time of 14 days for what no delivery covers.
  must(shop.add_sku("KETTLE"));
  backorder::SkuConfig<Traits> teapot;
  teapot.lead_time = std::chrono::days{14};
  must(shop.add_sku("TEAPOT", teapot));
  must(shop.receive("KETTLE", 2));
  must(shop.receive("TEAPOT", 1));

  const auto kettles_5 = must(shop.expect("KETTLE", 3, december(5)));
  const auto kettles_12 = must(shop.expect("KETTLE", 6, december(12)));
  must(shop.expect("TEAPOT", 3, december(9)));
  for (const char *sku : {"KETTLE", "TEAPOT"}) {
    must(shop.for_each_inbound(sku, [](const auto &delivery) {
      std::printf("delivery #%llu: %lld x %s expected %s\n", id(delivery.id),
                  n(delivery.units), delivery.sku.c_str(),
                  date(delivery.eta).c_str());
    }));
  }
  std::printf("\n");

  place(shop, {.id = 1, .lines = {{"KETTLE", 2}}});
  place(shop, {.id = 2, .lines = {{"KETTLE", 3}}});
  place(shop, {.id = 3, .lines = {{"KETTLE", 4}}});
  place(shop, {.id = 4, .lines = {{"KETTLE", 1}, {"TEAPOT", 2}}});

  // Erin will not wait more than a week: the shop refuses the order, changes
  // nothing, and learns the date it could offer instead.
  const auto kettles_before = must(shop.stock("KETTLE"));
  const auto refused = shop.place(
      {.id = 5, .lines = {{"KETTLE", 1}}, .max_wait = std::chrono::days{7}});
  if (refused || refused.error().code != backorder::Errc::WaitTooLong ||
      !refused.error().promise || !refused.error().promise->known() ||
      shop.contains_order(5) || must(shop.stock("KETTLE")) != kettles_before) {
    std::printf("expected a WaitTooLong refusal that changes nothing\n");
    return 1;
  }
  std::printf("order 5 (erin): 1 x KETTLE within 7 days? refused, %s\n",
              std::string(backorder::to_string(refused.error().code)).c_str());
  std::printf("  the shop offers %s; erin accepts and orders again\n",
              date(refused.error().promise->date).c_str());
  place(shop, {.id = 5, .lines = {{"KETTLE", 1}}});
  place(shop, {.id = 6, .lines = {{"TEAPOT", 3}}});
  const Promise told_frank = must(shop.promise(6)).complete_by;

  // The supplier delays the 12 Dec kettles by a week: recompute every
  // promise and tell only the customers whose date moved.
  std::printf("\nsupplier: delivery #%llu moves from %s to %s\n",
              id(kettles_12), date(december(12)).c_str(),
              date(december(19)).c_str());
  Promises before = promises_of(shop);
  must(shop.reschedule(kettles_12, december(19)));
  notify(shop, before);

  // 5 Dec: the first kettle delivery comes short, 2 of 3. The last kettle
  // stays expected on its old date until the shop reschedules it.
  shop.clock().set(december(5));
  before = promises_of(shop);
  const auto receipt = must(shop.receive_inbound(kettles_5, 2));
  std::printf("\n%s: delivery #%llu brings %lld of %lld KETTLE, %lld "
              "allocated, %lld still expected\n",
              date(shop.now()).c_str(), id(kettles_5), n(receipt.received),
              n(receipt.received + receipt.still_expected),
              n(receipt.allocated), n(receipt.still_expected));
  if (notify(shop, before) == 0) {
    std::printf("  no date moved: the missing kettle still counts as due %s\n",
                date(must(shop.inbound(kettles_5)).eta).c_str());
  }
  std::printf("supplier: the missing kettle comes on %s\n",
              date(december(9)).c_str());
  before = promises_of(shop);
  must(shop.reschedule(kettles_5, december(9)));
  notify(shop, before);

  // 10 Dec: the teapots due yesterday have not come. An overdue delivery
  // still counts, so the dates resting on it are in the past: chase it.
  shop.clock().set(december(10));
  std::printf("\n%s:\n", date(shop.now()).c_str());
  must(shop.for_each_inbound("TEAPOT", [&](const auto &delivery) {
    if (delivery.eta < shop.now()) {
      std::printf("  delivery #%llu (%lld x TEAPOT) was due %s and is late\n",
                  id(delivery.id), n(delivery.units),
                  date(delivery.eta).c_str());
    }
  }));
  print_order(shop, 4);
  // A lead-time estimate counts from today, so it slides with the clock;
  // the shop keeps the date it gave frank rather than re-telling him daily.
  print_order(shop, 6);
  std::printf("  (frank was told about %s on 1 Dec: an estimate counts "
              "from today)\n",
              date(told_frank.date).c_str());

  if (const auto broken = shop.check_invariants()) {
    std::printf("\nbroken invariant: %s\n", broken->c_str());
    return 1;
  }
  std::printf("\ninvariants hold\n");
  return 0;
}
