// Randomized test of Inventory against a plain reference model.
//
// Each run drives one Inventory and the reference model of tests/model.hpp
// with the same pseudo-random operations (a fixed seed per run), valid and
// invalid, and after every operation compares the error code or the report,
// every SKU's stock level and settings, every open order's status and
// promise line by line, and the library's own invariant check. The fuzzer
// in tests/fuzz/ drives the same model with operations decoded from its
// input, including the inbound schedule, promises and the clock, which this
// test leaves out.

#include "catch.hpp"
#include "model.hpp"

#include <backorder/backorder.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <ios>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace model_test {

namespace {

using namespace backorder::testing::model;

// ---------------------------------------------------------------------------
// Operations

enum class Kind { AddSku, Configure, Receive, Adjust, Place, Ship, Cancel };
constexpr std::size_t kind_count = 7;

constexpr std::array<const char *, kind_count> kind_names = {
    "add_sku", "configure", "receive", "adjust", "place", "ship", "cancel"};

template <class Traits> struct Op {
  Kind kind = Kind::Receive;
  typename Traits::Sku sku{};
  Quantity units = 0;
  backorder::SkuConfig<Traits> config{};
  backorder::Order<Traits> order{};
  OrderId id = 0;

  [[nodiscard]] std::string text() const {
    std::string out = kind_names[static_cast<std::size_t>(kind)];
    out += "(";
    switch (kind) {
    case Kind::AddSku:
    case Kind::Configure:
      out += sku_text(sku) + ", " + show(config);
      break;
    case Kind::Receive:
    case Kind::Adjust:
      out += sku_text(sku) + ", " + num(units);
      break;
    case Kind::Place:
      out += "id=" + std::to_string(order.id) +
             " priority=" + std::to_string(order.priority) +
             " ship_complete=" + (order.ship_complete ? "true" : "false") +
             " lines=[";
      for (const auto &line : order.lines) {
        out += " " + sku_text(line.sku) + ":" + num(line.quantity);
      }
      out += " ]";
      break;
    case Kind::Ship:
    case Kind::Cancel:
      out += std::to_string(id);
      break;
    }
    return out + ")";
  }
};

template <class Traits>
Outcome apply(Model<Traits> &model, const Op<Traits> &op) {
  switch (op.kind) {
  case Kind::AddSku:
    return model.add_sku(op.sku, op.config);
  case Kind::Configure:
    return model.configure(op.sku, op.config);
  case Kind::Receive:
    return model.receive(op.sku, op.units);
  case Kind::Adjust:
    return model.adjust(op.sku, op.units);
  case Kind::Place:
    return model.place(op.order);
  case Kind::Ship:
    return model.ship(op.id);
  case Kind::Cancel:
    return model.cancel(op.id);
  }
  return failed(Errc::WaitTooLong); // unreachable
}

template <class Inventory, class Traits>
Outcome apply(Inventory &inventory, const Op<Traits> &op) {
  switch (op.kind) {
  case Kind::AddSku:
    return outcome_of(inventory.add_sku(op.sku, op.config));
  case Kind::Configure:
    return outcome_of(inventory.configure(op.sku, op.config));
  case Kind::Receive:
    return outcome_of(inventory.receive(op.sku, op.units));
  case Kind::Adjust:
    return outcome_of(inventory.adjust(op.sku, op.units));
  case Kind::Place:
    return outcome_of(inventory.place(op.order));
  case Kind::Ship:
    return outcome_of(inventory.ship(op.id));
  case Kind::Cancel:
    return outcome_of(inventory.cancel(op.id));
  }
  return failed(Errc::WaitTooLong); // unreachable
}

// ---------------------------------------------------------------------------
// Random operations

/// SKU keys: the first five may be registered, the last never is.
constexpr std::size_t sku_pool = 6;

template <class Sku> Sku sku_key(std::size_t index) {
  if constexpr (std::is_same_v<Sku, std::string>) {
    static const std::array<const char *, sku_pool> names = {
        "MUG", "TEE", "CAP-RED", "CAP-BLUE", "POSTER", ""};
    return names[index];
  } else {
    static const std::array<Sku, sku_pool> keys = {
        0, 1, 42, Sku{1} << 40, std::numeric_limits<Sku>::max(), 7};
    return keys[index];
  }
}

template <class Traits> class Generator {
public:
  using Sku = typename Traits::Sku;

  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  /// The order ids placed so far (each once), open or closed now.
  std::vector<OrderId> used_ids;

  Op<Traits> next(const Model<Traits> &model) {
    Op<Traits> op;
    const std::size_t open = model.orders.size();
    std::uint64_t roll = below(100);
    if (open > 10 && roll >= 34 && roll < 70 && percent(60)) {
      roll = 70 + below(30); // enough open orders: ship or cancel instead
    }
    if (model.skus.size() < 3 || roll < 1) {
      op.kind = Kind::AddSku;
      op.sku = model.skus.size() < 3 ? sku_key<Sku>(model.skus.size())
                                     : sku_key<Sku>(below(sku_pool - 1));
      op.config = config();
    } else if (roll < 4) {
      op.kind = Kind::Configure;
      op.sku = sku(model);
      op.config = config();
    } else if (roll < 22) {
      op.kind = Kind::Receive;
      op.sku = sku(model);
      op.units = percent(92) ? between(1, 40) : quantity();
    } else if (roll < 34) {
      op.kind = Kind::Adjust;
      op.sku = sku(model);
      op.units = delta(model, op.sku);
    } else if (roll < 70) {
      op.kind = Kind::Place;
      op.order = order(model);
    } else if (roll < 90) {
      op.kind = Kind::Ship;
      op.id = target(model, true);
    } else {
      op.kind = Kind::Cancel;
      op.id = target(model, false);
    }
    return op;
  }

private:
  std::uint64_t below(std::uint64_t bound) { return rng_() % bound; }
  bool percent(std::uint64_t chance) { return below(100) < chance; }
  Quantity between(Quantity low, Quantity high) {
    return low + static_cast<Quantity>(
                     below(static_cast<std::uint64_t>(high - low) + 1));
  }
  template <class T> const T &one_of(const std::vector<T> &items) {
    return items[below(items.size())];
  }

  Quantity huge() {
    switch (below(5)) {
    case 0:
      return max_qty;
    case 1:
      return max_qty - 1;
    case 2:
      return max_qty - between(2, 40);
    case 3:
      return max_qty / 2 + 1;
    default:
      return max_qty / 2;
    }
  }

  /// Mostly 1-20, sometimes zero, negative or near the maximum.
  Quantity quantity() {
    const std::uint64_t roll = below(100);
    if (roll < 92) {
      return between(1, 20);
    }
    if (roll < 94) {
      return 0;
    }
    if (roll < 96) {
      return percent(20) ? (percent(50) ? min_qty : -max_qty) : -between(1, 20);
    }
    return huge();
  }

  /// A registered SKU mostly, else one that is not (yet) registered.
  Sku sku(const Model<Traits> &model) {
    if (percent(94) && !model.skus.empty()) {
      return model.skus[below(model.skus.size())].name;
    }
    return sku_key<Sku>(below(sku_pool));
  }

  backorder::SkuConfig<Traits> config() {
    backorder::SkuConfig<Traits> config;
    config.backorderable = percent(75);
    const std::uint64_t roll = below(100);
    if (roll < 50) {
      config.backorder_limit = std::nullopt;
    } else if (roll < 88) {
      config.backorder_limit = between(0, 40);
    } else if (roll < 94) {
      config.backorder_limit = percent(70) ? -between(1, 5) : min_qty;
    } else {
      config.backorder_limit = huge();
    }
    return config;
  }

  Quantity delta(const Model<Traits> &model, const Sku &name) {
    const std::size_t sku = model.find_sku(name);
    const Quantity on_hand = sku == none ? 0 : model.skus[sku].on_hand;
    const Quantity free_units = sku == none ? 0 : model.available(sku);
    if (on_hand > 1000000 && percent(40)) {
      return -(on_hand - between(0, 20)); // back from a huge count
    }
    if (on_hand > free_units && percent(80)) {
      // Units taken back wait again: when the back-ordered count is near
      // the maximum, take back exactly as many as still fit, or one more.
      const Quantity room = max_qty - model.backordered(sku);
      if (room < on_hand - free_units) {
        return -(free_units + room + (percent(25) ? 0 : 1));
      }
    }
    const std::uint64_t roll = below(100);
    if (roll < 30) {
      return between(1, 20);
    }
    if (roll < 55) {
      return -between(1, 10);
    }
    if (roll < 75 && on_hand > free_units) {
      // A shrink beyond the free stock: takes back from reservations.
      return -std::min(on_hand, free_units + between(1, 15));
    }
    if (roll < 80) {
      return -on_hand; // everything (zero when nothing is on hand)
    }
    if (roll < 85 && on_hand < max_qty) {
      return -(on_hand + 1); // more than on hand
    }
    if (roll < 88) {
      return 0;
    }
    if (roll < 91) {
      return min_qty;
    }
    if (roll < 94 && on_hand > 0) {
      return -(on_hand - on_hand / 3); // a large part of a maybe huge count
    }
    return percent(50) ? huge() : -huge();
  }

  backorder::Order<Traits> order(const Model<Traits> &model) {
    backorder::Order<Traits> order;
    const std::uint64_t id_roll = below(100);
    if (id_roll < 8 && !model.orders.empty()) {
      order.id = one_of(model.orders).id; // duplicate of an open order
    } else if (id_roll < 20 && !used_ids.empty()) {
      order.id = one_of(used_ids); // most likely closed: a reused id
    } else if (id_roll < 22) {
      order.id = percent(50) ? 0 : std::numeric_limits<OrderId>::max();
    } else {
      order.id = next_id_++;
    }
    order.priority = static_cast<int>(between(-1, 3));
    order.ship_complete = percent(25);
    const std::size_t count = percent(3) ? 0 : 1 + below(4);
    for (std::size_t i = 0; i < count; ++i) {
      backorder::OrderLine<Traits> line;
      if (i > 0 && percent(20)) {
        line.sku = order.lines[below(i)].sku; // the same SKU again
      } else {
        line.sku = sku(model);
      }
      const std::size_t at = model.find_sku(line.sku);
      if (at != none && percent(4)) {
        // As many units as the SKU's back-ordered count can still take,
        // or one more.
        const Quantity room = max_qty - model.backordered(at);
        line.quantity = room + (room < max_qty ? between(0, 1) : 0);
      } else {
        line.quantity = quantity();
      }
      order.lines.push_back(line);
    }
    return order;
  }

  /// An order id to ship or cancel: mostly an open one (for ship, mostly
  /// one with something to ship), sometimes one that is not open.
  OrderId target(const Model<Traits> &model, bool shipping) {
    if (percent(90) && !model.orders.empty()) {
      if (shipping && percent(60)) {
        std::vector<OrderId> ready;
        for (const auto &order : model.orders) {
          for (const auto &line : order.lines) {
            if (model.shippable(order, line) > 0) {
              ready.push_back(order.id);
              break;
            }
          }
        }
        if (!ready.empty()) {
          return one_of(ready);
        }
      }
      return one_of(model.orders).id;
    }
    if (!used_ids.empty() && percent(70)) {
      return one_of(used_ids);
    }
    return next_id_ + 1000; // never placed
  }

  std::mt19937_64 rng_;
  OrderId next_id_ = 1;
};

/// Counts what a run exercised.
struct Tally {
  std::array<std::size_t, kind_count> succeeded{};
  std::array<std::size_t, kind_count> refused{};
  std::array<std::size_t, static_cast<std::size_t>(Errc::NothingToShip) + 1>
      errors{};
  std::size_t operations = 0;
  std::size_t taken_back = 0;   ///< shrinks that took units back
  std::size_t reused_ids = 0;   ///< placements of an id closed before
  std::size_t repeated_sku = 0; ///< placements with two lines on a SKU
  std::size_t multi_line = 0;   ///< placements of several lines
  std::size_t held_shipped = 0; ///< ship_complete orders shipped
  std::size_t huge_on_hand = 0; ///< operations leaving on hand > max / 2
  std::size_t deep_queues = 0;  ///< operations with 3+ lines waiting on a SKU
  Stats model;                  ///< what the model's operations did
};

/// Returns true when two lines of the order name the same SKU.
template <class Traits>
bool repeats_sku(const backorder::Order<Traits> &order) {
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    for (std::size_t j = i + 1; j < order.lines.size(); ++j) {
      if (order.lines[i].sku == order.lines[j].sku) {
        return true;
      }
    }
  }
  return false;
}

/// Runs `operations` random operations on an Inventory made with `policy`
/// and on the model following `rules`, comparing them after each one, and
/// returns what the run exercised.
template <class Policy, class Traits>
Tally run(std::uint64_t seed, std::size_t operations, Policy policy,
          Rules rules) {
  INFO("policy " << backorder::policy_name<Policy>() << " (" << rules.text()
                 << "), "
                 << (std::is_same_v<typename Traits::Sku, std::string>
                         ? "string"
                         : "integer")
                 << " SKUs, seed 0x" << std::hex << seed << std::dec);
  Tally tally;
  backorder::Inventory<Policy, Traits> inventory(policy);
  Model<Traits> model(rules);
  Generator<Traits> generator(seed);
  // The last operations and what they returned, for a failure's message.
  struct Done {
    std::size_t index = 0;
    Op<Traits> op;
    Outcome outcome;
  };
  std::array<Done, 12> history;
  std::size_t done = 0;                      // operations compared so far
  std::unordered_set<OrderId> placed;        // every id placed so far
  std::unordered_set<OrderId> ship_complete; // of those, ship_complete
  std::vector<typename Traits::Sku> names;   // every SKU key the run uses
  for (std::size_t i = 0; i < sku_pool; ++i) {
    names.push_back(sku_key<typename Traits::Sku>(i));
  }

  for (std::size_t index = 0; index < operations; ++index) {
    const Op<Traits> op = generator.next(model);
    const Outcome expected = apply(model, op);
    std::optional<Snapshot<Traits>> before;
    if (expected.error) {
      before = snapshot(inventory);
    }
    const Outcome actual = apply(inventory, op);

    std::string mismatch;
    if (actual != expected) {
      mismatch +=
          "result " + actual.text() + ", model " + expected.text() + "\n";
    }
    if (expected.error && snapshot(inventory) != *before) {
      mismatch += "a refused operation changed the stock or order counts\n";
    }
    const std::vector<Stock> levels = model.stocks();
    Probe<typename Traits::Sku> probe;
    probe.order = op.kind == Kind::Place ? op.order.id : op.id;
    if (op.kind == Kind::AddSku || op.kind == Kind::Configure ||
        index % 64 == 0) {
      probe.names = &names;
    }
    mismatch += compare_state(inventory, model, levels, probe);

    if (!mismatch.empty()) {
      std::string recent; // oldest first
      for (std::size_t back = std::min(done, history.size()); back > 0;
           --back) {
        const Done &old = history[(done - back) % history.size()];
        recent += "  #" + std::to_string(old.index) + " " + old.op.text() +
                  " -> " + old.outcome.text() + "\n";
      }
      INFO("seed 0x" << std::hex << seed << std::dec << ", operation #" << index
                     << ": " << op.text() << "\nearlier operations:\n"
                     << recent);
      REQUIRE(mismatch == "");
    }
    Done &slot = history[done++ % history.size()];
    slot.index = index;
    slot.op = op;
    slot.outcome = actual;

    ++tally.operations;
    const auto kind = static_cast<std::size_t>(op.kind);
    if (actual.error) {
      ++tally.refused[kind];
      ++tally.errors[static_cast<std::size_t>(*actual.error)];
    } else {
      ++tally.succeeded[kind];
    }
    if (op.kind == Kind::Adjust && !actual.error &&
        actual.report.values[2] > 0) {
      ++tally.taken_back;
    }
    if (op.kind == Kind::Place && !actual.error) {
      if (placed.insert(op.order.id).second) {
        generator.used_ids.push_back(op.order.id);
      } else {
        ++tally.reused_ids;
      }
      tally.repeated_sku += repeats_sku(op.order) ? 1U : 0U;
      tally.multi_line += op.order.lines.size() > 1 ? 1U : 0U;
    }
    if (op.kind == Kind::Ship && !actual.error) {
      tally.held_shipped += ship_complete.count(op.id);
    }
    if (op.kind == Kind::Place && !actual.error && op.order.ship_complete) {
      ship_complete.insert(op.order.id);
    } else if (op.kind == Kind::Place && !actual.error) {
      ship_complete.erase(op.order.id);
    }
    bool huge = false;
    bool deep = false;
    for (const Stock &level : levels) {
      huge = huge || level.on_hand > max_qty / 2;
      deep = deep || level.waiting_lines >= 3;
    }
    tally.huge_on_hand += huge ? 1U : 0U;
    tally.deep_queues += deep ? 1U : 0U;
  }
  tally.model = model.stats;
  return tally;
}

/// Checks that a run exercised every operation, error and edge it is
/// meant to, and the cases of its policy's hand-out rule.
void check_coverage(const Tally &tally, std::size_t operations,
                    const Rules &rules) {
  INFO("policy rules: " << rules.text());
  CHECK(tally.operations == operations);
  for (std::size_t kind = 0; kind < kind_count; ++kind) {
    INFO(kind_names[kind] << ": " << tally.succeeded[kind] << " succeeded, "
                          << tally.refused[kind] << " refused");
    CHECK(tally.succeeded[kind] > 0);
    CHECK(tally.refused[kind] > 0);
  }
  for (const Errc code :
       {Errc::UnknownSku, Errc::DuplicateSku, Errc::UnknownOrder,
        Errc::DuplicateOrder, Errc::InvalidQuantity, Errc::QuantityOverflow,
        Errc::EmptyOrder, Errc::OutOfStock, Errc::BackorderLimitExceeded,
        Errc::NothingToShip}) {
    const std::size_t count = tally.errors[static_cast<std::size_t>(code)];
    INFO(backorder::to_string(code) << " returned " << count << " times");
    CHECK(count > 0);
  }
  const Stats &stats = tally.model;
  INFO("model: order overflows "
       << stats.order_overflow << ", take-back overflows "
       << stats.take_back_overflow << ", skips " << stats.skips << ", blocked "
       << stats.blocked << ", left free " << stats.left_free);
  INFO("model: shared " << stats.shared << ", below min_share "
                        << stats.below_min << ", bulk rounds "
                        << stats.bulk_rounds << ", single rounds "
                        << stats.single_rounds << ", reordered "
                        << stats.reordered << ", wide " << stats.wide);
  CHECK(stats.order_overflow > 0);
  CHECK(stats.take_back_overflow > 0);
  CHECK(tally.taken_back > 0);
  CHECK(tally.reused_ids > 0);
  CHECK(tally.repeated_sku > 0);
  CHECK(tally.multi_line > 0);
  CHECK(tally.held_shipped > 0);
  CHECK(tally.huge_on_hand > 0);
  CHECK(tally.deep_queues > 0);
  if (rules.hand_out == HandOut::FirstFit) {
    CHECK(stats.skips > 0);
    CHECK(stats.blocked > 0);
    CHECK(stats.left_free > 0);
  }
  if (rules.hand_out == HandOut::ProRata) {
    CHECK(stats.shared > 0);
    // Without min_share, fewer units are left than lines (each left less
    // than one unit of its exact share) and every line has room: a single
    // round of one unit each hands them out.
    CHECK((stats.bulk_rounds > 0) == (rules.min_share > 1));
    CHECK(stats.single_rounds > 0);
    CHECK(stats.wide > 0);
    CHECK((stats.reordered > 0) == !rules.leftover_by_arrival);
    CHECK((stats.below_min > 0) == (rules.min_share > 1));
  }
}

/// Operations per run: thirteen runs make 104,000 in all.
constexpr std::size_t operations_per_run = 8000;

template <class Policy, class Traits>
void check_run(std::uint64_t seed, Policy policy, Rules rules) {
  check_coverage(run<Policy, Traits>(seed, operations_per_run, policy, rules),
                 operations_per_run, rules);
}

using backorder::DefaultTraits;
using backorder::IntegerSkuTraits;

} // namespace

TEST_CASE("model test: Fifo with string SKUs") {
  check_run<backorder::Fifo, DefaultTraits>(0x5eed0001, {}, fifo_rules());
}

TEST_CASE("model test: Priority with string SKUs") {
  check_run<backorder::Priority, DefaultTraits>(0x5eed0002, {},
                                                priority_rules());
}

TEST_CASE("model test: PartialFill with string SKUs") {
  check_run<backorder::PartialFill, DefaultTraits>(0x5eed0003, {},
                                                   partial_fill_rules());
}

TEST_CASE("model test: Fifo with integer SKUs") {
  check_run<backorder::Fifo, IntegerSkuTraits>(0x5eed0004, {}, fifo_rules());
}

TEST_CASE("model test: Priority with integer SKUs") {
  check_run<backorder::Priority, IntegerSkuTraits>(0x5eed0005, {},
                                                   priority_rules());
}

TEST_CASE("model test: PartialFill with integer SKUs") {
  check_run<backorder::PartialFill, IntegerSkuTraits>(0x5eed0006, {},
                                                      partial_fill_rules());
}

TEST_CASE("model test: FirstFit with string SKUs") {
  check_run<backorder::FirstFit, DefaultTraits>(0x5eed0007, {},
                                                first_fit_rules(8));
}

TEST_CASE("model test: FirstFit with integer SKUs") {
  check_run<backorder::FirstFit, IntegerSkuTraits>(0x5eed0008, {},
                                                   first_fit_rules(8));
}

TEST_CASE("model test: FirstFit with max_skips 1 and string SKUs") {
  check_run<backorder::FirstFit, DefaultTraits>(
      0x5eed0009, backorder::FirstFit{1}, first_fit_rules(1));
}

TEST_CASE("model test: ProRata with string SKUs") {
  check_run<backorder::ProRata, DefaultTraits>(0x5eed000a, {},
                                               pro_rata_rules(0, false));
}

TEST_CASE("model test: ProRata with integer SKUs") {
  check_run<backorder::ProRata, IntegerSkuTraits>(0x5eed000b, {},
                                                  pro_rata_rules(0, false));
}

TEST_CASE("model test: ProRata by arrival with min_share 3 and string SKUs") {
  backorder::ProRata policy;
  policy.min_share = 3;
  policy.leftover = backorder::Leftover::Arrival;
  check_run<backorder::ProRata, DefaultTraits>(0x5eed000c, policy,
                                               pro_rata_rules(3, true));
}

TEST_CASE("model test: ProRata with min_share 2 and integer SKUs") {
  backorder::ProRata policy;
  policy.min_share = 2;
  check_run<backorder::ProRata, IntegerSkuTraits>(0x5eed000d, policy,
                                                  pro_rata_rules(2, false));
}

} // namespace model_test
