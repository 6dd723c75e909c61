// Fault injection: every operation of a scripted shop day, under every
// policy, with a listener that hears every event (and under FirstFit and
// ProRata also without one), is run once for each heap allocation it
// makes, with that allocation failing (std::bad_alloc). Each
// failed run must leave the inventory exactly as it was before the
// operation (every stock level, configuration, expected delivery, order
// line, status and promise, and the events told so far), with every
// invariant holding; the same object must then perform the operation
// exactly as an undisturbed copy does.
//
// One documented exception (docs/getting-started.md, "When memory runs out"):
// under FirstFit and ProRata, telling LineBackordered or PromiseMoved
// simulates deliveries on a copy of the queue, after the operation has
// taken effect. If that copy cannot be allocated, the operation stands
// (the state is the committed one, invariants hold), std::bad_alloc
// escapes, and events of that operation not yet told are lost. The test
// accepts exactly that, only there.
//
// This program replaces the global operator new, so it is its own
// executable (the unit tests replace it too, to count allocations). It
// uses no test framework: the framework would allocate while a fault is
// armed. Usage: backorder_fault_tests [fifo|priority|partial_fill|
// first_fit|pro_rata]... (no argument: all five).

#include "../replaced_new.hpp"

#include <backorder/backorder.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// ---- the failing allocator ----------------------------------------------

namespace fault {

/// The allocation that fails (1 = the first after arm()), 0 when disarmed.
thread_local std::size_t fail_at = 0;
/// Allocations counted since arm().
thread_local std::size_t seen = 0;
/// True once the armed allocation has failed.
thread_local bool fired = false;

void arm(std::size_t at) {
  seen = 0;
  fired = false;
  fail_at = at;
}

void disarm() { fail_at = 0; }

/// Counts an allocation; returns false for the one that must fail.
bool may_allocate() {
  if (fail_at == 0) {
    return true;
  }
  if (++seen == fail_at) {
    fail_at = 0; // one failure per run: unwinding may allocate
    fired = true;
    return false;
  }
  return true;
}

} // namespace fault

namespace replaced_new {

void *allocate(std::size_t size) noexcept {
  return fault::may_allocate() ? system_allocate(size) : nullptr;
}

void *allocate_aligned(std::size_t size, std::align_val_t align) noexcept {
  return fault::may_allocate() ? system_allocate_aligned(size, align) : nullptr;
}

void release(void *block) noexcept { std::free(block); }

} // namespace replaced_new

namespace {

using Traits = backorder::ManualClockTraits;
using Quantity = Traits::Quantity;
using Order = backorder::Order<Traits>;
using Config = backorder::SkuConfig<Traits>;
using TimePoint = Traits::Clock::time_point;

const TimePoint day0 = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
TimePoint day(int n) { return day0 + std::chrono::days{n}; }

// SKU names longer than a short-string buffer, so that copying one
// allocates too.
const std::string mug = "MUG-STONEWARE-350ML-BLUE";
const std::string tea = "TEA-ASSAM-LOOSE-LEAF-500G";
const std::string lamp = "LAMP-DESK-LED-DIMMABLE-BLACK"; // not backorderable
const std::string cup = "CUP-ESPRESSO-90ML-WHITE-SET";   // back-order limit 6
const std::string unknown = "CUP-THAT-NOBODY-EVER-REGISTERED";

// ---- text renderings (made while no fault is armed) ----------------------

std::string text(const backorder::Promise<Traits> &promise) {
  const auto hours =
      std::chrono::floor<std::chrono::hours>(promise.date - day0).count();
  return std::string(backorder::to_string(promise.source)) + "@" +
         std::to_string(hours) + "h#" + std::to_string(promise.inbound);
}

std::string text(const backorder::StockLevel<Traits> &level) {
  return std::to_string(level.on_hand) + "/" + std::to_string(level.reserved) +
         "/" + std::to_string(level.available) + "/" +
         std::to_string(level.backordered) + "/" +
         std::to_string(level.waiting_lines) + "/" +
         std::to_string(level.inbound);
}

std::string text(const Config &config) {
  return std::string(config.backorderable ? "backorderable" : "strict") +
         " limit=" +
         (config.backorder_limit ? std::to_string(*config.backorder_limit)
                                 : std::string("none")) +
         " lead=" +
         (config.lead_time
              ? std::to_string(
                    std::chrono::floor<std::chrono::hours>(*config.lead_time)
                        .count())
              : std::string("none"));
}

std::string text(const backorder::OrderStatus<Traits> &status) {
  std::string out = "order " + std::to_string(status.id) + " p" +
                    std::to_string(status.priority) +
                    (status.ship_complete ? " complete" : "") + ":";
  for (const auto &line : status.lines) {
    out += " [" + line.sku + " " + std::to_string(line.ordered) + " a" +
           std::to_string(line.allocated) + " s" +
           std::to_string(line.shippable) + " b" +
           std::to_string(line.backordered) + " x" +
           std::to_string(line.shipped) + " " + text(line.promise) + "]";
  }
  return out;
}

std::string text(const backorder::OrderPromise<Traits> &promise) {
  std::string out = "promise " + std::to_string(promise.id) + ":";
  for (const auto &line : promise.lines) {
    out += " [" + line.sku + " " + std::to_string(line.backordered) + " " +
           text(line.promise) + "]";
  }
  return out + " by " + text(promise.complete_by);
}

std::string text(const backorder::Placement<Traits> &placement) {
  return "placed " + std::to_string(placement.allocated) + "/" +
         std::to_string(placement.backordered) + "/" +
         std::to_string(placement.shippable) + " " + text(placement.promise);
}

std::string text(const backorder::Receipt<Traits> &receipt) {
  return "receipt " + std::to_string(receipt.allocated) + "/" +
         std::to_string(receipt.available) + "/" +
         std::to_string(receipt.lines_served);
}

std::string text(const backorder::Adjustment<Traits> &adjustment) {
  return "adjustment " + std::to_string(adjustment.on_hand) + "/" +
         std::to_string(adjustment.allocated) + "/" +
         std::to_string(adjustment.taken_back) + "/" +
         std::to_string(adjustment.lines_touched);
}

std::string text(const backorder::Cancellation<Traits> &cancellation) {
  return "cancellation " + std::to_string(cancellation.released) + "/" +
         std::to_string(cancellation.unfilled) + "/" +
         std::to_string(cancellation.reallocated);
}

std::string text(const backorder::Shipment<Traits> &shipment) {
  return "shipment " + std::to_string(shipment.units) + "/" +
         std::to_string(shipment.lines) +
         (shipment.order_closed ? " closed" : " open");
}

std::string text(const backorder::InboundReceipt<Traits> &receipt) {
  return "inbound receipt " + std::to_string(receipt.received) + "/" +
         std::to_string(receipt.over_delivered) + "/" +
         std::to_string(receipt.still_expected) + "/" +
         (receipt.closed ? "closed/" : "open/") +
         std::to_string(receipt.allocated) + "/" +
         std::to_string(receipt.available) + "/" +
         std::to_string(receipt.lines_served);
}

std::string text(const backorder::InboundDelivery<Traits> &delivery) {
  return "delivery " + std::to_string(delivery.id) + " " + delivery.sku + " " +
         std::to_string(delivery.units) + " " +
         std::to_string(
             std::chrono::floor<std::chrono::hours>(delivery.eta - day0)
                 .count()) +
         "h";
}

std::string text(const backorder::StockLevel<Traits> *level) {
  return "stock " + text(*level);
}
std::string text(std::uint64_t number) { return std::to_string(number); }
std::string text(std::int64_t number) { return std::to_string(number); }
std::string text(const Config *config) { return text(*config); }

/// Renders an operation's result: its value, or its error code and message
/// (and, for a refused placement, the promise it carries).
template <class T, class E>
std::string text(const backorder::Result<T, E> &result) {
  if (!result) {
    std::string out = "error " +
                      std::string(backorder::to_string(result.error().code)) +
                      ": " + result.error().message;
    if constexpr (requires { result.error().promise; }) {
      if (result.error().promise) {
        out += " (would be " + text(*result.error().promise) + ")";
      }
    }
    return out;
  }
  if constexpr (std::is_same_v<T, backorder::StockLevel<Traits>> ||
                std::is_same_v<T, Config>) {
    return text(&result.value());
  } else {
    return text(result.value());
  }
}
std::string text(const backorder::Result<void> &result) {
  return result ? std::string("ok")
                : "error " +
                      std::string(backorder::to_string(result.error().code)) +
                      ": " + result.error().message;
}

/// Disarms the fault, then renders the result: what an operation returns.
template <class R> std::string outcome(const R &result) {
  fault::disarm();
  return text(result);
}

// ---- a listener that hears everything and never allocates ---------------

/// Counts every event and folds its fields into a checksum.
struct Tally {
  std::uint64_t events = 0;
  std::uint64_t sum = 0;

  void mix(std::uint64_t value) noexcept {
    sum = (sum ^ value) * 1099511628211ULL;
  }
  void mix(std::string_view sku) noexcept {
    for (const char c : sku) {
      mix(static_cast<std::uint64_t>(static_cast<unsigned char>(c)));
    }
  }
  void mix(Quantity value) noexcept { mix(static_cast<std::uint64_t>(value)); }
  void mix(const backorder::Promise<Traits> &promise) noexcept {
    mix(static_cast<std::uint64_t>(promise.source));
    mix(static_cast<std::uint64_t>(promise.date.time_since_epoch().count()));
    mix(promise.inbound);
  }
  void mix(const backorder::StockLevel<Traits> &level) noexcept {
    mix(level.on_hand);
    mix(level.reserved);
    mix(level.backordered);
    mix(static_cast<std::uint64_t>(level.waiting_lines));
    mix(level.inbound);
  }
  void tick(std::uint64_t kind) noexcept {
    ++events;
    mix(kind);
  }

  void on(const backorder::OrderPlaced<Traits> &e) noexcept {
    tick(1);
    mix(e.order_id);
    mix(e.allocated);
    mix(e.backordered);
    mix(e.promise);
  }
  void on(const backorder::LineAllocated<Traits> &e) noexcept {
    tick(2);
    mix(e.order_id);
    mix(std::uint64_t{e.line});
    mix(e.sku);
    mix(e.units);
    mix(e.allocated);
    mix(e.backordered);
  }
  void on(const backorder::LineBackordered<Traits> &e) noexcept {
    tick(3);
    mix(e.order_id);
    mix(std::uint64_t{e.line});
    mix(e.sku);
    mix(e.backordered);
    mix(e.promise);
  }
  void on(const backorder::OrderReady<Traits> &e) noexcept {
    tick(4);
    mix(e.order_id);
    mix(e.shippable);
    mix(std::uint64_t{e.complete});
  }
  void on(const backorder::PromiseMoved<Traits> &e) noexcept {
    tick(5);
    mix(e.order_id);
    mix(std::uint64_t{e.line});
    mix(e.sku);
    mix(e.from);
    mix(e.to);
  }
  void on(const backorder::OrderShipped<Traits> &e) noexcept {
    tick(6);
    mix(e.order_id);
    mix(e.units);
    mix(static_cast<std::uint64_t>(e.lines));
    mix(std::uint64_t{e.closed});
  }
  void on(const backorder::OrderCancelled<Traits> &e) noexcept {
    tick(7);
    mix(e.order_id);
    mix(e.released);
    mix(e.unfilled);
  }
  void on(const backorder::BackInStock<Traits> &e) noexcept {
    tick(8);
    mix(e.sku);
    mix(e.available);
  }
  void on(const backorder::StockChanged<Traits> &e) noexcept {
    tick(9);
    mix(e.sku);
    mix(e.before);
    mix(e.after);
  }
};

// ---- the driver -----------------------------------------------------------

struct Figures {
  std::size_t steps = 0;       ///< operations run
  std::size_t faults = 0;      ///< runs with an allocation failing
  std::size_t rolled_back = 0; ///< ... that left the state as before
  std::size_t committed = 0;   ///< ... failing while telling events
  std::size_t allocating = 0;  ///< operations that allocated at all
};

[[noreturn]] void fail(const std::string &what) {
  fault::disarm();
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  std::exit(EXIT_FAILURE);
}

/// Runs a script on one inventory, fault-testing every step.
template <class Policy, class Listener> class Driver {
public:
  using Shop = backorder::Inventory<Policy, Traits, Listener>;

  /// True when telling events may allocate after an operation took effect
  /// (see the top of this file).
  static constexpr bool tells_after_commit =
      !backorder::BackOrderQueue<Policy, Traits>::ranks_and_fills &&
      (backorder::Handles<Listener, backorder::LineBackordered<Traits>> ||
       backorder::Handles<Listener, backorder::PromiseMoved<Traits>>);

  explicit Driver(std::string name)
      : name_(std::move(name)),
        shop_(Policy{}, Listener{}, backorder::ManualClock{day0}) {}

  Shop &shop() { return shop_; }
  const Figures &figures() const { return figures_; }

  /// Runs `op(shop) -> std::string` (which must call outcome()) once
  /// undisturbed on a copy, then once per allocation it makes with that
  /// allocation failing, then on the inventory itself.
  void step(const std::string &what,
            const std::function<std::string(Shop &)> &op) {
    ++figures_.steps;
    const std::string where =
        name_ + ", step " + std::to_string(figures_.steps) + " (" + what + ")";
    const Shop pristine = shop_;
    const std::string before = state_of(pristine);
    const std::string before_events = events_of(pristine);
    Shop reference = pristine;
    const std::string expected = op(reference);
    const std::string after = state_of(reference);
    const std::string after_events = events_of(reference);
    require_invariants(reference, where + ", undisturbed");

    for (std::size_t at = 1;; ++at) {
      Shop trial = pristine;
      std::string result;
      bool threw = false;
      fault::arm(at);
      try {
        result = op(trial);
      } catch (const std::bad_alloc &) {
        threw = true;
      }
      fault::disarm();
      const std::string attempt =
          where + ", allocation " + std::to_string(at) + " failing";
      if (!fault::fired) { // the operation made fewer allocations
        if (threw) {
          fail(attempt + ": bad_alloc with no failed allocation");
        }
        figures_.allocating += at > 1 ? 1U : 0U;
        break;
      }
      ++figures_.faults;
      require_invariants(trial, attempt);
      const std::string now = state_of(trial);
      if (!threw) {
        // A nothrow allocation failed and the operation coped.
        compare(attempt + ", coped", result, expected, now, after);
        continue;
      }
      if (now == before && events_of(trial) == before_events) {
        ++figures_.rolled_back;
        // The same object, after the failure, does what a copy does.
        const std::string again = op(trial);
        compare(attempt + ", then retried", again, expected, state_of(trial),
                after);
        require_invariants(trial, attempt + ", then retried");
        continue;
      }
      if (tells_after_commit && now == after) {
        ++figures_.committed; // documented: events of the operation lost
        continue;
      }
      fail(attempt + ": the state changed\n--- before:\n" + before +
           "\n--- after the failure:\n" + now + "\n--- events before: " +
           before_events + ", after the failure: " + events_of(trial));
    }

    const std::string result = op(shop_);
    compare(where + ", on the inventory itself", result, expected,
            state_of(shop_), after);
    if (events_of(shop_) != after_events) {
      fail(where + ": events differ from the undisturbed copy's");
    }
    require_invariants(shop_, where);
  }

  /// Records an order id whose status the state includes.
  void track(std::uint64_t id) { orders_.push_back(id); }

private:
  static void require_invariants(const Shop &shop, const std::string &where) {
    if (const auto broken = shop.check_invariants()) {
      fail(where + ": invariant broken: " + *broken);
    }
  }

  static void compare(const std::string &where, const std::string &result,
                      const std::string &expected, const std::string &state,
                      const std::string &expected_state) {
    if (result != expected) {
      fail(where + ": returned\n  " + result + "\ninstead of\n  " + expected);
    }
    if (state != expected_state) {
      fail(where + ": left\n" + state + "\ninstead of\n" + expected_state);
    }
  }

  /// Renders everything the public API shows of the inventory.
  std::string state_of(const Shop &shop) const {
    std::string out = "skus " + std::to_string(shop.sku_count()) + ", orders " +
                      std::to_string(shop.open_orders()) + ", lines " +
                      std::to_string(shop.open_lines()) + "\n";
    shop.for_each_sku([&](const std::string &sku, const auto &level) {
      out += sku + " " + text(level) + " " + text(&*shop.config(sku)) + "\n";
      const auto listed = shop.for_each_inbound(sku, [&](const auto &delivery) {
        out += "  " + text(delivery) + "\n";
        const auto found = shop.inbound(delivery.id);
        if (!found || text(*found) != text(delivery)) {
          fail(name_ + ": inbound(" + std::to_string(delivery.id) +
               ") disagrees with for_each_inbound");
        }
      });
      if (!listed) {
        fail(name_ + ": for_each_inbound refused a listed SKU");
      }
    });
    for (const std::uint64_t id : orders_) {
      const auto status = shop.status(id);
      if (!status) {
        out += "order " + std::to_string(id) + " closed\n";
        continue;
      }
      out += text(*status) + "\n" + text(*shop.promise(id)) + "\n";
    }
    return out;
  }

  static std::string events_of(const Shop &shop) {
    if constexpr (std::is_same_v<Listener, Tally>) {
      return std::to_string(shop.listener().events) + " events, sum " +
             std::to_string(shop.listener().sum);
    } else {
      return "no listener";
    }
  }

  std::string name_;
  Shop shop_;
  std::vector<std::uint64_t> orders_;
  Figures figures_;
};

Config strict() {
  Config config;
  config.backorderable = false;
  return config;
}

Config capped(Quantity limit) {
  Config config;
  config.backorder_limit = limit;
  return config;
}

Config lead(int days) {
  Config config;
  config.lead_time = std::chrono::days{days};
  return config;
}

/// The scripted day: every public operation, accepted and refused, on
/// queues that grow, split into priority levels, empty and refill.
template <class Policy, class Listener> Figures run(const std::string &name) {
  Driver<Policy, Listener> driver(name);
  using Shop = typename Driver<Policy, Listener>::Shop;
  // One std::function type for every step: compiles step() once.
  const auto step = [&](const std::string &what,
                        const std::function<std::string(Shop &)> &op) {
    driver.step(what, op);
  };

  // SKUs.
  for (const std::string *sku : {&mug, &tea}) {
    step("add_sku", [&](Shop &s) { return outcome(s.add_sku(*sku)); });
  }
  step("add_sku strict",
       [&](Shop &s) { return outcome(s.add_sku(lamp, strict())); });
  step("add_sku capped",
       [&](Shop &s) { return outcome(s.add_sku(cup, capped(6))); });
  step("add_sku duplicate", [&](Shop &s) { return outcome(s.add_sku(mug)); });
  step("add_sku negative limit",
       [&](Shop &s) { return outcome(s.add_sku(unknown, capped(-1))); });
  step("configure",
       [&](Shop &s) { return outcome(s.configure(tea, lead(7))); });
  step("configure unknown",
       [&](Shop &s) { return outcome(s.configure(unknown, lead(7))); });
  step("reserve", [&](Shop &s) {
    s.reserve(4, 8);
    fault::disarm();
    return std::string("reserved");
  });

  // Stock and expected deliveries.
  step("receive", [&](Shop &s) { return outcome(s.receive(mug, 5)); });
  step("receive strict", [&](Shop &s) { return outcome(s.receive(lamp, 3)); });
  step("receive zero", [&](Shop &s) { return outcome(s.receive(mug, 0)); });
  step("receive unknown",
       [&](Shop &s) { return outcome(s.receive(unknown, 1)); });
  step("receive overflowing", [&](Shop &s) {
    return outcome(s.receive(mug, std::numeric_limits<Quantity>::max()));
  });
  step("expect", [&](Shop &s) { return outcome(s.expect(mug, 4, day(5))); });
  step("expect", [&](Shop &s) { return outcome(s.expect(mug, 10, day(9))); });
  step("expect", [&](Shop &s) { return outcome(s.expect(tea, 6, day(3))); });
  step("expect", [&](Shop &s) { return outcome(s.expect(cup, 2, day(4))); });
  step("expect negative",
       [&](Shop &s) { return outcome(s.expect(mug, -1, day(5))); });
  step("expect overflowing", [&](Shop &s) {
    return outcome(s.expect(mug, std::numeric_limits<Quantity>::max(), day(6)));
  });

  // Orders: accepted, waiting, refused.
  std::vector<Order> orders{
      Order{1, {{mug, 7}}, 0, false, {}},
      Order{2, {{mug, 2}, {tea, 3}}, 1, false, {}},
      Order{3, {{tea, 2}, {mug, 1}, {tea, 4}}, 2, true, {}},
      Order{4, {{lamp, 2}}, 0, false, {}},
      Order{5, {{cup, 4}}, 3, false, std::chrono::days{5}},
      Order{6, {{mug, 3}}, 1, false, {}},
      Order{7, {{mug, 1}, {tea, 1}}, 0, false, std::chrono::days{20}},
      // Refused:
      Order{8, {{lamp, 5}}, 0, false, {}},                    // out of stock
      Order{8, {{cup, 7}}, 0, false, {}},                     // limit
      Order{8, {{mug, 50}}, 0, false, std::chrono::days{1}},  // wait
      Order{8, {{unknown, 1}}, 0, false, {}},                 // SKU
      Order{8, {{mug, 1}, {tea, 0}}, 0, false, {}},           // quantity
      Order{8, {}, 0, false, {}},                             // empty
      Order{1, {{mug, 1}}, 0, false, {}},                     // duplicate
      Order{8, {{mug, 1}}, 0, false, std::chrono::hours{-1}}, // max_wait
      Order{8,
            {{mug, std::numeric_limits<Quantity>::max()}, {mug, 1}},
            0,
            false,
            {}}, // overflow
  };
  for (std::uint64_t id = 1; id <= 12; ++id) {
    driver.track(id);
  }
  for (const Order &order : orders) {
    step("place " + std::to_string(order.id),
         [&](Shop &s) { return outcome(s.place(order)); });
  }

  // Queries never change anything, even when they fail.
  step("status", [&](Shop &s) { return outcome(s.status(3)); });
  step("promise", [&](Shop &s) { return outcome(s.promise(2)); });
  step("promise unknown", [&](Shop &s) { return outcome(s.promise(99)); });
  step("stock", [&](Shop &s) { return outcome(s.stock(mug)); });
  step("config", [&](Shop &s) { return outcome(s.config(cup)); });
  step("inbound", [&](Shop &s) { return outcome(s.inbound(2)); });

  // Supplier changes.
  step("reschedule",
       [&](Shop &s) { return outcome(s.reschedule(1, day(12))); });
  step("reschedule unknown",
       [&](Shop &s) { return outcome(s.reschedule(77, day(2))); });
  step("receive_inbound partial",
       [&](Shop &s) { return outcome(s.receive_inbound(2, 6)); });
  step("receive_inbound over",
       [&](Shop &s) { return outcome(s.receive_inbound(3, 9)); });
  step("receive_inbound zero",
       [&](Shop &s) { return outcome(s.receive_inbound(2, 0)); });
  step("receive_inbound unknown",
       [&](Shop &s) { return outcome(s.receive_inbound(3, 1)); });
  step("cancel_inbound", [&](Shop &s) { return outcome(s.cancel_inbound(4)); });
  step("cancel_inbound unknown",
       [&](Shop &s) { return outcome(s.cancel_inbound(4)); });
  step("expect again",
       [&](Shop &s) { return outcome(s.expect(tea, 5, day(2))); });

  // Stock corrections.
  step("adjust gain", [&](Shop &s) { return outcome(s.adjust(mug, 3)); });
  step("adjust loss", [&](Shop &s) { return outcome(s.adjust(mug, -4)); });
  step("adjust loss", [&](Shop &s) { return outcome(s.adjust(tea, -2)); });
  step("adjust zero", [&](Shop &s) { return outcome(s.adjust(mug, 0)); });
  step("adjust too much",
       [&](Shop &s) { return outcome(s.adjust(mug, -999)); });
  step("adjust minimum", [&](Shop &s) {
    return outcome(s.adjust(mug, std::numeric_limits<Quantity>::min()));
  });

  // Many more orders: pools, indexes and priority levels grow past their
  // first capacity; then supply arrives.
  std::vector<Order> more;
  for (std::uint64_t id = 20; id < 44; ++id) {
    const auto n = static_cast<Quantity>(id);
    Order order{id,
                {{id % 3 == 0 ? tea : mug, 1 + n % 4}},
                static_cast<int>(id % 5),
                id % 7 == 0,
                {}};
    if (id % 4 == 0) {
      order.lines.push_back({cup, 1});
    }
    more.push_back(order);
    driver.track(id);
  }
  for (const Order &order : more) {
    step("place " + std::to_string(order.id),
         [&](Shop &s) { return outcome(s.place(order)); });
  }
  step("receive", [&](Shop &s) { return outcome(s.receive(mug, 17)); });
  step("receive", [&](Shop &s) { return outcome(s.receive(tea, 9)); });
  step("receive", [&](Shop &s) { return outcome(s.receive(cup, 3)); });
  step("clock", [&](Shop &s) {
    s.clock().advance(std::chrono::days{1});
    fault::disarm();
    return std::string("a day later");
  });

  // Shipping and cancelling, which empty levels and return slots.
  std::uint64_t visited = 0;
  const auto visitor = [&](const backorder::ShippedLine<Traits> &line) {
    visited += static_cast<std::uint64_t>(line.units);
  };
  for (const std::uint64_t id : std::initializer_list<std::uint64_t>{
           1, 2, 3, 6, 7, 20, 21, 22, 24, 25, 26, 30}) {
    step("ship " + std::to_string(id),
         [&](Shop &s) { return outcome(s.ship(id)); });
  }
  for (const std::uint64_t id :
       std::initializer_list<std::uint64_t>{5, 23, 27, 28, 31, 99}) {
    step("cancel " + std::to_string(id),
         [&](Shop &s) { return outcome(s.cancel(id)); });
  }
  step("receive", [&](Shop &s) { return outcome(s.receive(mug, 40)); });
  step("receive", [&](Shop &s) { return outcome(s.receive(tea, 40)); });
  step("receive", [&](Shop &s) { return outcome(s.receive(cup, 40)); });
  for (std::uint64_t id = 20; id < 44; ++id) {
    step("ship with a visitor " + std::to_string(id),
         [&](Shop &s) { return outcome(s.ship(id, visitor)); });
  }
  if (visited == 0) {
    fail(name + ": the ship visitor saw no unit");
  }
  for (std::uint64_t id = 1; id < 44; ++id) {
    if (driver.shop().contains_order(id)) {
      step("cancel " + std::to_string(id),
           [&](Shop &s) { return outcome(s.cancel(id)); });
    }
  }
  // The emptied queues take orders again (their levels are reused).
  for (std::uint64_t id = 50; id < 56; ++id) {
    const Order order{
        id, {{mug, 30}, {tea, 50}}, static_cast<int>(id % 3), false, {}};
    driver.track(id);
    step("place again " + std::to_string(id),
         [&](Shop &s) { return outcome(s.place(order)); });
  }
  step("adjust loss", [&](Shop &s) { return outcome(s.adjust(mug, -30)); });
  step("adjust gain", [&](Shop &s) { return outcome(s.adjust(tea, 11)); });
  step("expect", [&](Shop &s) { return outcome(s.expect(mug, 100, day(8))); });
  step("receive_inbound all",
       [&](Shop &s) { return outcome(s.receive_inbound(7, 100)); });

  if (driver.shop().check_invariants() || driver.shop().open_orders() == 0) {
    fail(name + ": the script did not end in the expected state");
  }
  return driver.figures();
}

void print(const std::string &name, const char *label, const Figures &figures) {
  std::printf("%-13s %-11s %3zu steps (%3zu allocating), %5zu failed "
              "allocations: %5zu rolled back, %4zu committed with events "
              "lost\n",
              name.c_str(), label, figures.steps, figures.allocating,
              figures.faults, figures.rolled_back, figures.committed);
}

/// Runs the day with a listener that hears everything. Under FirstFit and
/// ProRata, where that listener's promise events may fail after the
/// operation took effect, also without a listener, where nothing may. (A
/// rank-order policy without a listener meets no allocation that the
/// listening run does not fail too.)
template <class Policy> void run_policy(const std::string &name) {
  print(name, "listener", run<Policy, Tally>(name + " with a listener"));
  if constexpr (!backorder::BackOrderQueue<Policy, Traits>::ranks_and_fills) {
    print(name, "no listener", run<Policy, backorder::NullListener>(name));
  }
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> names;
  for (int index = 1; index < argc; ++index) {
    names.emplace_back(argv[index]);
  }
  if (names.empty()) {
    names = {"fifo", "priority", "partial_fill", "first_fit", "pro_rata"};
  }
  for (const std::string &name : names) {
    if (name == "fifo") {
      run_policy<backorder::Fifo>(name);
    } else if (name == "priority") {
      run_policy<backorder::Priority>(name);
    } else if (name == "partial_fill") {
      run_policy<backorder::PartialFill>(name);
    } else if (name == "first_fit") {
      run_policy<backorder::FirstFit>(name);
    } else if (name == "pro_rata") {
      run_policy<backorder::ProRata>(name);
    } else {
      std::fprintf(stderr, "unknown policy %s\n", name.c_str());
      return EXIT_FAILURE;
    }
  }
  return EXIT_SUCCESS;
}
