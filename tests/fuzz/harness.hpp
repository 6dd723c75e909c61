#pragma once

// The fuzzer's driver: decodes the input into operations and runs each on
// the reference model of tests/model.hpp and on two inventories (Subjects),
// one without a listener and one whose listener (Callbacks) records every
// event. Included only by harness_strings.cpp and harness_integers.cpp,
// which compile it once per Traits. After each operation it checks that both
// inventories returned what the model returned (a refused operation: the same
// error, nothing changed, nothing told), that their whole state matches the
// model (compare_state, which starts with check_invariants()), and that the
// events told match the state: see check_events().

#include "../model.hpp"
#include "input.hpp"
#include "subject.hpp"

#include <backorder/backorder.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace backorder::fuzz {

/// Names the operations the fuzzer runs.
enum class Op {
  AddSku,
  Configure,
  Receive,
  Adjust,
  Place,
  Ship,
  Cancel,
  Expect,
  Reschedule,
  CancelInbound,
  ReceiveInbound,
  Advance,
  SetClock,
  Reserve,
  Query,
};

/// Names the events a listener is told.
enum class Told {
  Placed,
  Cancelled,
  Shipped,
  Allocated,
  Backordered,
  Ready,
  Moved,
  StockChanged,
  BackInStock,
};

/// Returns where an event comes in an operation's telling: the lead event,
/// allocations, back orders, ready orders, moved promises, stock.
constexpr int phase(Told kind) {
  switch (kind) {
  case Told::Placed:
  case Told::Cancelled:
  case Told::Shipped:
    return 0;
  case Told::Allocated:
    return 1;
  case Told::Backordered:
    return 2;
  case Told::Ready:
    return 3;
  case Told::Moved:
    return 4;
  case Told::StockChanged:
  case Told::BackInStock:
    return 5;
  }
  return 6;
}

/// One event as told, with its SKU copied (a SkuRef dies with the call).
template <class Traits> struct Event {
  Told kind = Told::Placed;
  OrderId order = 0;
  std::uint32_t line = 0;
  typename Traits::Sku sku{};
  Quantity a = 0; ///< units, allocated, released, shippable, available
  Quantity b = 0; ///< allocated, backordered, unfilled, lines
  Quantity c = 0; ///< backordered
  bool flag = false;
  Promise<Traits> from{};
  Promise<Traits> to{};
  StockLevel<Traits> before{};
  StockLevel<Traits> after{};
};

/// Runs the operations an input decodes to, on the model and on two
/// inventories, and aborts with a report at the first difference.
template <class Traits> class Harness {
public:
  using Sku = typename Traits::Sku;
  using TimePoint = typename Traits::Clock::time_point;
  using Duration = typename Traits::Clock::duration;
  using Model = model::Model<Traits>;

  /// Drives `plain` (without a listener) and `told` (with Callbacks), both
  /// empty, and the model following `rules`.
  Harness(Subject<Traits> &plain, Subject<Traits> &told, model::Rules rules,
          std::string name)
      : plain_(plain), told_(told), model_(rules), name_(std::move(name)) {
    model_.clock = TimePoint{};
    listen();
  }

  Harness(const Harness &) = delete;
  Harness &operator=(const Harness &) = delete;

  /// Runs operations until the input is used up.
  void run(Input &in) {
    if (trace_) {
      std::fprintf(stderr, "%s\n", name_.c_str());
    }
    while (!in.empty()) {
      step(in);
    }
  }

private:
  /// What an operation did, for the event checks.
  struct Done {
    Op op = Op::Query;
    bool gain = false; ///< Adjust: a positive delta
    OrderId order = 0; ///< Place, Ship, Cancel
    model::Outcome outcome;
    /// Ship: the units each line of the order may ship, before.
    std::vector<Quantity> shippable;
    std::vector<Sku> order_skus; ///< Ship: the order's SKUs, line by line
  };

  // ---- decoding ----------------------------------------------------------

  SkuConfig<Traits> read_config(Input &in) {
    SkuConfig<Traits> config;
    const std::uint8_t flags = in.byte();
    config.backorderable = (flags & 1U) == 0;
    if ((flags & 2U) != 0) {
      const Quantity limit = read_quantity(in);
      config.backorder_limit = limit == min_qty ? limit : limit - 1; // 0-39
    }
    if ((flags & 4U) != 0) {
      config.lead_time = read_duration<Duration>(in);
    }
    return config;
  }

  Order<Traits> read_order(Input &in) {
    Order<Traits> order;
    order.id = read_order_id(in);
    const std::uint8_t flags = in.byte();
    order.ship_complete = (flags & 1U) != 0;
    order.priority = (flags & 2U) != 0 ? read_priority(in) : 0;
    if ((flags & 4U) != 0) {
      order.max_wait = read_duration<Duration>(in);
    }
    const std::size_t count = in.byte() % 6U; // 0: an empty order
    for (std::size_t i = 0; i < count; ++i) {
      OrderLine<Traits> line;
      const std::uint8_t pick = in.byte();
      if (i > 0 && pick >= 200) {
        line.sku = order.lines[pick % i].sku; // the same SKU again
      } else {
        line.sku = read_sku<Sku>(in);
      }
      line.quantity = read_quantity(in);
      order.lines.push_back(std::move(line));
    }
    return order;
  }

  // ---- one operation -----------------------------------------------------

  void step(Input &in) {
    const std::uint8_t code = in.byte();
    Done done;
    model::Probe<Sku> probe;
    std::vector<Sku> names; // SKUs to probe
    std::string text;
    model::Outcome expected;
    model::Outcome plain;
    model::Outcome told;
    const auto both = [&](auto &&on_model, auto &&on_inventory) {
      expected = on_model();
      plain = on_inventory(plain_);
      told = on_inventory(told_);
    };
    const auto sku_op = [&](const char *what, const Sku &sku,
                            const std::string &rest) {
      text = std::string(what) + "(" + model::sku_text(sku) + rest + ")";
      names.push_back(sku);
      probe.names = &names;
    };

    begin_operation();
    switch (code % 24U) {
    case 0: {
      done.op = Op::AddSku;
      const Sku sku = read_sku<Sku>(in);
      const auto config = read_config(in);
      sku_op("add_sku", sku, ", " + model::show(config));
      both([&] { return model_.add_sku(sku, config); },
           [&](auto &inventory) { return inventory.add_sku(sku, config); });
      break;
    }
    case 1: {
      done.op = Op::Configure;
      const Sku sku = read_sku<Sku>(in);
      const auto config = read_config(in);
      sku_op("configure", sku, ", " + model::show(config));
      both([&] { return model_.configure(sku, config); },
           [&](auto &inventory) { return inventory.configure(sku, config); });
      break;
    }
    case 2:
    case 3: {
      done.op = Op::Receive;
      const Sku sku = read_sku<Sku>(in);
      const Quantity units = read_quantity(in);
      sku_op("receive", sku, ", " + model::num(units));
      both([&] { return model_.receive(sku, units); },
           [&](auto &inventory) { return inventory.receive(sku, units); });
      break;
    }
    case 4:
    case 5: {
      done.op = Op::Adjust;
      const Sku sku = read_sku<Sku>(in);
      const std::uint8_t how = in.byte();
      Quantity delta = read_quantity(in);
      if (how >= 128 && delta != min_qty) {
        delta = -delta; // mostly a loss
      }
      done.gain = delta > 0;
      sku_op("adjust", sku, ", " + model::num(delta));
      both([&] { return model_.adjust(sku, delta); },
           [&](auto &inventory) { return inventory.adjust(sku, delta); });
      break;
    }
    case 6:
    case 7:
    case 8:
    case 9: {
      done.op = Op::Place;
      const Order<Traits> order = read_order(in);
      done.order = order.id;
      probe.order = order.id;
      text = "place(" + show(order) + ")";
      for (const auto &line : order.lines) {
        names.push_back(line.sku);
      }
      probe.names = &names;
      both([&] { return model_.place(order); },
           [&](auto &inventory) { return inventory.place(order); });
      break;
    }
    case 10:
    case 11: {
      done.op = Op::Ship;
      const OrderId id = read_order_id(in);
      done.order = id;
      probe.order = id;
      text = "ship(" + std::to_string(id) + ")";
      const std::size_t at = model_.find_order(id);
      if (at != model::none) {
        for (const auto &line : model_.orders[at].lines) {
          done.shippable.push_back(model_.shippable(model_.orders[at], line));
          done.order_skus.push_back(model_.skus[line.sku].name);
        }
      }
      shipped_.clear();
      expected = model_.ship(id);
      plain = plain_.ship(id, nullptr);
      told = told_.ship(id, &shipped_);
      break;
    }
    case 12: {
      done.op = Op::Cancel;
      const OrderId id = read_order_id(in);
      done.order = id;
      probe.order = id;
      text = "cancel(" + std::to_string(id) + ")";
      both([&] { return model_.cancel(id); },
           [&](auto &inventory) { return inventory.cancel(id); });
      break;
    }
    case 13:
    case 14: {
      done.op = Op::Expect;
      const Sku sku = read_sku<Sku>(in);
      const Quantity units = read_quantity(in);
      const TimePoint eta = read_time(in, now());
      sku_op("expect", sku,
             ", " + model::num(units) + ", " + model::num(model::ticks(eta)));
      both([&] { return model_.expect(sku, units, eta); },
           [&](auto &inventory) { return inventory.expect(sku, units, eta); });
      break;
    }
    case 15: {
      done.op = Op::Reschedule;
      const InboundId id = read_inbound_id(in);
      const TimePoint eta = read_time(in, now());
      probe.inbound = id;
      text = "reschedule(" + std::to_string(id) + ", " +
             model::num(model::ticks(eta)) + ")";
      both([&] { return model_.reschedule(id, eta); },
           [&](auto &inventory) { return inventory.reschedule(id, eta); });
      break;
    }
    case 16: {
      done.op = Op::CancelInbound;
      const InboundId id = read_inbound_id(in);
      probe.inbound = id;
      text = "cancel_inbound(" + std::to_string(id) + ")";
      both([&] { return model_.cancel_inbound(id); },
           [&](auto &inventory) { return inventory.cancel_inbound(id); });
      break;
    }
    case 17:
    case 18: {
      done.op = Op::ReceiveInbound;
      const InboundId id = read_inbound_id(in);
      const Quantity units = read_quantity(in);
      probe.inbound = id;
      text = "receive_inbound(" + std::to_string(id) + ", " +
             model::num(units) + ")";
      both([&] { return model_.receive_inbound(id, units); },
           [&](auto &inventory) {
             return inventory.receive_inbound(id, units);
           });
      break;
    }
    case 19: {
      done.op = Op::Advance;
      const auto by = read_duration<Duration>(in);
      text = "advance(" + model::num(static_cast<Quantity>(by.count())) + ")";
      // ManualClock::advance must not overflow: past an edge, set it.
      __extension__ using Ticks = __int128;
      const Ticks sum = static_cast<Ticks>(model::ticks(now())) +
                        static_cast<Ticks>(by.count());
      if (sum > static_cast<Ticks>(model::ticks(TimePoint::max())) ||
          sum < static_cast<Ticks>(model::ticks(TimePoint::min()))) {
        const TimePoint edge = sum > 0 ? TimePoint::max() : TimePoint::min();
        plain_.set_clock(edge);
        told_.set_clock(edge);
        model_.clock = edge;
      } else {
        plain_.advance_clock(by);
        told_.advance_clock(by);
        model_.clock = *model_.clock + by;
      }
      break;
    }
    case 20: {
      done.op = Op::SetClock;
      const TimePoint to = read_time(in, now());
      text = "set_clock(" + model::num(model::ticks(to)) + ")";
      plain_.set_clock(to);
      told_.set_clock(to);
      model_.clock = to;
      break;
    }
    case 21: {
      done.op = Op::Reserve;
      const std::size_t orders = in.byte() % 64U;
      const std::size_t lines = in.byte();
      text = "reserve(" + std::to_string(orders) + ", " +
             std::to_string(lines) + ")";
      plain_.reserve(orders, lines);
      told_.reserve(orders, lines);
      break;
    }
    default: {
      done.op = Op::Query; // compare_state reads what is named
      const Sku sku = read_sku<Sku>(in);
      probe.order = read_order_id(in);
      probe.inbound = read_inbound_id(in);
      sku_op("query", sku,
             ", order " + std::to_string(probe.order) + ", inbound " +
                 std::to_string(probe.inbound));
      break;
    }
    }
    done.outcome = expected;
    check(text, done, expected, plain, told, probe);
  }

  static std::string show(const Order<Traits> &order) {
    std::string out = "id=" + std::to_string(order.id) +
                      " priority=" + std::to_string(order.priority) +
                      (order.ship_complete ? " ship_complete" : "");
    if (order.max_wait) {
      out += " max_wait=" +
             model::num(static_cast<Quantity>(order.max_wait->count()));
    }
    out += " lines=[";
    for (const auto &line : order.lines) {
      out += " " + model::sku_text(line.sku) + ":" + model::num(line.quantity);
    }
    return out + " ]";
  }

  TimePoint now() const { return *model_.clock; }

  // ---- checks ------------------------------------------------------------

  /// Notes the state an operation starts from.
  void begin_operation() {
    events_.clear();
    before_plain_ = model::snapshot(plain_);
    before_told_ = model::snapshot(told_);
    levels_before_.clear();
    told_.for_each_sku([&](const auto &, const auto &level) {
      levels_before_.push_back(level);
    });
  }

  void check(const std::string &text, const Done &done,
             const model::Outcome &expected, const model::Outcome &plain,
             const model::Outcome &told, const model::Probe<Sku> &probe) {
    ++operations_;
    std::string out;
    if (plain != expected) {
      out += "result " + plain.text() + ", model " + expected.text() + "\n";
    }
    if (told != expected) {
      out += "with a listener: result " + told.text() + ", model " +
             expected.text() + "\n";
    }
    if (expected.error && (model::snapshot(plain_) != before_plain_ ||
                           model::snapshot(told_) != before_told_)) {
      out += "a refused operation changed the stock or order counts\n";
    }
    if (plain_.now() != now() || told_.now() != now()) {
      out += "the inventories' clocks differ from the model's\n";
    }
    const std::vector<model::Stock> levels = model_.stocks();
    out += model::compare_state(plain_, model_, levels, probe);
    const std::string listened =
        model::compare_state(told_, model_, levels, probe);
    if (!listened.empty()) {
      out += "with a listener: " + listened;
    }
    if (out.empty()) {
      out += check_events(done);
    }
    if (done.op == Op::Ship && out.empty()) {
      out += check_shipped_lines(done);
    }
    remember(text + " -> " + told.text());
    if (trace_) {
      std::fprintf(stderr, "#%zu %s\n", operations_,
                   recent_[operations_ % recent_.size()].c_str());
    }
    if (!out.empty()) {
      fail(text, out);
    }
  }

  /// Checks the lines a `ship` visitor was given against the model.
  std::string check_shipped_lines(const Done &done) const {
    if (done.outcome.error) {
      return shipped_.empty() ? "" : "a refused ship called its visitor\n";
    }
    std::size_t at = 0;
    for (std::size_t i = 0; i < done.shippable.size(); ++i) {
      if (done.shippable[i] == 0) {
        continue;
      }
      if (at >= shipped_.size() || std::get<0>(shipped_[at]) != i ||
          std::get<1>(shipped_[at]) != done.order_skus[i] ||
          std::get<2>(shipped_[at]) != done.shippable[i]) {
        return "the ship visitor was not given line " + std::to_string(i) +
               " with " + model::num(done.shippable[i]) + " units\n";
      }
      ++at;
    }
    return at == shipped_.size() ? ""
                                 : "the ship visitor was given extra lines\n";
  }

  /// Returns the model's line `line` of open order `id`, if any.
  const model::ModelLine *model_line(OrderId id, std::uint32_t line) const {
    const std::size_t at = model_.find_order(id);
    if (at == model::none || line >= model_.orders[at].lines.size()) {
      return nullptr;
    }
    return &model_.orders[at].lines[line];
  }

  /// Returns true when a listener would hear the same promise (see
  /// docs/events.md, "When a promise counts as moved").
  static bool told_same(const Promise<Traits> &a, const Promise<Traits> &b) {
    return a.source == b.source &&
           (a.source != PromiseSource::Inbound ||
            (a.inbound == b.inbound && a.date == b.date));
  }

  /// Checks the events told for the operation against the operation's
  /// report and the model's state after it.
  std::string check_events(const Done &done) {
    const model::Outcome &outcome = done.outcome;
    const auto promises = model_.promises();
    if (outcome.error || done.op == Op::AddSku || done.op == Op::Reserve ||
        done.op == Op::Query || done.op == Op::Advance ||
        done.op == Op::SetClock) {
      return events_.empty() ? ""
                             : "an operation that should tell nothing told " +
                                   std::to_string(events_.size()) + " events\n";
    }
    const auto &values = outcome.report.values;
    std::string out;
    int last_phase = 0;
    std::size_t leads = 0;
    Quantity allocated = 0;
    std::size_t allocations = 0;
    std::size_t backorders = 0;
    std::vector<OrderId> ready;       // told OrderReady
    std::vector<OrderId> should_tell; // orders a served line lets ship
    std::vector<std::pair<OrderId, std::uint32_t>> backordered; // told
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const Event<Traits> &event = events_[i];
      const std::string where = "event " + std::to_string(i) + ": ";
      if (phase(event.kind) < last_phase) {
        out += where + "told out of order\n";
      }
      last_phase = phase(event.kind);
      const model::ModelLine *line = model_line(event.order, event.line);
      const std::size_t at = model_.find_order(event.order);
      switch (event.kind) {
      case Told::Placed:
        ++leads;
        if (done.op != Op::Place || event.order != done.order ||
            at == model::none || event.a != values[0] || event.b != values[1] ||
            !model::same_promise(
                event.to, model::Model<Traits>::latest(promises[at]), true)) {
          out += where + "OrderPlaced differs from the placement\n";
        }
        break;
      case Told::Cancelled:
        ++leads;
        if (done.op != Op::Cancel || event.order != done.order ||
            event.a != values[0] || event.b != values[1]) {
          out += where + "OrderCancelled differs from the cancellation\n";
        }
        break;
      case Told::Shipped:
        ++leads;
        if (done.op != Op::Ship || event.order != done.order ||
            event.a != values[0] || event.b != values[1] ||
            event.flag != (values[2] != 0)) {
          out += where + "OrderShipped differs from the shipment\n";
        }
        break;
      case Told::Allocated:
        allocated =
            event.a > max_qty - allocated ? max_qty : allocated + event.a;
        ++allocations;
        if (line == nullptr || event.a <= 0 ||
            model_.skus[line->sku].name != event.sku ||
            event.b != line->allocated || event.c != line->outstanding()) {
          out += where + "LineAllocated for order " +
                 std::to_string(event.order) + " line " +
                 std::to_string(event.line) + " differs from the model\n";
        } else if (model_.shippable(model_.orders[at], *line) > 0 &&
                   std::find(should_tell.begin(), should_tell.end(),
                             event.order) == should_tell.end()) {
          should_tell.push_back(event.order);
        }
        break;
      case Told::Backordered:
        ++backorders;
        backordered.emplace_back(event.order, event.line);
        if (line == nullptr || model_.skus[line->sku].name != event.sku ||
            event.b != line->outstanding() || event.b <= 0 ||
            !model::same_promise(event.to, promises[at][event.line], true)) {
          out += where + "LineBackordered for order " +
                 std::to_string(event.order) + " line " +
                 std::to_string(event.line) + " differs from the model\n";
        }
        promises_[{event.order, event.line}] = event.to;
        break;
      case Told::Ready: {
        if (std::find(ready.begin(), ready.end(), event.order) != ready.end()) {
          out += where + "OrderReady told twice for one order\n";
        }
        ready.push_back(event.order);
        Quantity shippable = 0;
        bool complete = true;
        if (at != model::none) {
          for (const auto &each : model_.orders[at].lines) {
            shippable += model_.shippable(model_.orders[at], each);
            complete = complete && each.outstanding() == 0;
          }
        }
        if (at == model::none || event.a != shippable ||
            event.flag != complete || shippable == 0) {
          out += where + "OrderReady for order " + std::to_string(event.order) +
                 " differs from the model\n";
        }
        break;
      }
      case Told::Moved: {
        const auto key = std::make_pair(event.order, event.line);
        const auto known = promises_.find(key);
        if (line == nullptr || line->outstanding() == 0 ||
            model_.skus[line->sku].name != event.sku ||
            known == promises_.end() || !(known->second == event.from) ||
            told_same(event.from, event.to) ||
            !model::same_promise(event.to, promises[at][event.line], true) ||
            std::find(backordered.begin(), backordered.end(), key) !=
                backordered.end()) {
          out += where + "PromiseMoved for order " +
                 std::to_string(event.order) + " line " +
                 std::to_string(event.line) + " from " +
                 model::show(event.from) + " to " + model::show(event.to) +
                 " is wrong\n";
        }
        promises_[key] = event.to;
        break;
      }
      case Told::StockChanged:
      case Told::BackInStock:
        break; // checked below, SKU by SKU
      }
    }
    if (leads != (done.op == Op::Place || done.op == Op::Cancel ||
                          done.op == Op::Ship
                      ? 1U
                      : 0U) ||
        (leads == 1 && phase(events_.front().kind) != 0)) {
      out += "the operation's own event is missing, repeated or not first\n";
    }
    // What the report says was handed out and sent back to waiting.
    const bool hands_out = done.op == Op::Receive ||
                           done.op == Op::ReceiveInbound ||
                           (done.op == Op::Adjust && done.gain);
    if (hands_out) {
      const std::size_t served = done.op == Op::ReceiveInbound ? 6 : 2;
      const std::size_t units = done.op == Op::ReceiveInbound ? 4 : 0;
      const std::size_t count = done.op == Op::Adjust ? 3 : served;
      const std::size_t total = done.op == Op::Adjust ? 1 : units;
      if (allocated != values[total] ||
          static_cast<Quantity>(allocations) != values[count]) {
        out += "LineAllocated events do not add up to the report\n";
      }
    } else if (done.op == Op::Place || done.op == Op::Cancel) {
      const Quantity reported = values[done.op == Op::Place ? 0 : 2];
      if (allocated != reported) {
        out += "LineAllocated events do not add up to the report\n";
      }
    } else if (allocations != 0) {
      out += "LineAllocated told for an operation that hands out nothing\n";
    }
    if (done.op == Op::Place) {
      const model::ModelOrder &order =
          model_.orders[model_.find_order(done.order)];
      std::vector<std::pair<OrderId, std::uint32_t>> waiting;
      for (std::uint32_t i = 0; i < order.lines.size(); ++i) {
        if (order.lines[i].outstanding() > 0) {
          waiting.emplace_back(order.id, i);
        }
      }
      if (backordered != waiting) {
        out += "LineBackordered is not told for exactly the new lines that "
               "wait, in line order\n";
      }
    } else if (done.op == Op::Adjust && !done.gain) {
      if (static_cast<Quantity>(backorders) != values[3]) {
        out += "LineBackordered is not told for each line taken back from\n";
      }
    } else if (backorders != 0) {
      out += "LineBackordered told for an operation that sends no line back "
             "to waiting\n";
    }
    std::sort(ready.begin(), ready.end());
    std::sort(should_tell.begin(), should_tell.end());
    if (ready != should_tell) {
      out += "OrderReady is not told for exactly the orders a served line "
             "lets ship\n";
    }
    out += check_stock_events();
    // Every waiting line has been told its promise, as the listener
    // would hear it now.
    for (auto known = promises_.begin(); known != promises_.end();) {
      known = model_.find_order(known->first.first) == model::none
                  ? promises_.erase(known)
                  : std::next(known);
    }
    for (std::size_t o = 0; o < model_.orders.size(); ++o) {
      const model::ModelOrder &order = model_.orders[o];
      for (std::uint32_t i = 0; i < order.lines.size(); ++i) {
        if (order.lines[i].outstanding() == 0) {
          continue;
        }
        const auto known = promises_.find({order.id, i});
        if (known == promises_.end() ||
            !told_same(known->second, promises[o][i])) {
          out += "order " + std::to_string(order.id) + " line " +
                 std::to_string(i) + " was last told " +
                 (known == promises_.end() ? std::string("nothing")
                                           : model::show(known->second)) +
                 ", its promise is " + model::show(promises[o][i]) + "\n";
        }
      }
    }
    return out;
  }

  /// Checks StockChanged and BackInStock: one StockChanged, with the
  /// levels before and after, for each SKU whose level changed, then
  /// BackInStock if its free stock went from zero to more; nothing else.
  std::string check_stock_events() const {
    std::string out;
    std::vector<StockLevel<Traits>> after;
    std::vector<Sku> skus;
    told_.for_each_sku([&](const auto &sku, const auto &level) {
      skus.push_back(sku);
      after.push_back(level);
    });
    std::vector<bool> seen(after.size(), false);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const Event<Traits> &event = events_[i];
      if (event.kind != Told::StockChanged && event.kind != Told::BackInStock) {
        continue;
      }
      const auto at = static_cast<std::size_t>(
          std::find(skus.begin(), skus.end(), event.sku) - skus.begin());
      if (at >= levels_before_.size()) {
        out += "a stock event names an unknown SKU\n";
        continue;
      }
      const StockLevel<Traits> &before = levels_before_[at];
      if (event.kind == Told::StockChanged) {
        if (seen[at] || !(event.before == before) ||
            !(event.after == after[at]) || before == after[at]) {
          out += "StockChanged for SKU " + model::sku_text(event.sku) +
                 " is wrong or repeated\n";
        }
        seen[at] = true;
      } else if (i == 0 || events_[i - 1].kind != Told::StockChanged ||
                 events_[i - 1].sku != event.sku || before.available != 0 ||
                 after[at].available <= 0 || event.a != after[at].available) {
        out +=
            "BackInStock for SKU " + model::sku_text(event.sku) + " is wrong\n";
      }
    }
    for (std::size_t at = 0; at < levels_before_.size(); ++at) {
      const bool changed = !(levels_before_[at] == after[at]);
      if (changed != seen[at]) {
        out += "SKU " + model::sku_text(skus[at]) +
               (changed ? ": its level changed untold\n"
                        : ": told of a change that did not happen\n");
      }
      const bool back =
          levels_before_[at].available == 0 && after[at].available > 0;
      std::size_t told = 0;
      for (const auto &event : events_) {
        told +=
            event.kind == Told::BackInStock && event.sku == skus[at] ? 1U : 0U;
      }
      if (told != (back ? 1U : 0U)) {
        out += "SKU " + model::sku_text(skus[at]) + ": BackInStock told " +
               std::to_string(told) + " times\n";
      }
    }
    return out;
  }

  // ---- the listener ------------------------------------------------------

  /// Registers a handler for every event. Each records the event and
  /// checks that the state it may read is complete and consistent.
  void listen() {
    Callbacks<Traits> &callbacks = *told_.callbacks();
    callbacks.template add<OrderPlaced>([this](const auto &e) {
      Event<Traits> event{Told::Placed, e.order_id};
      event.a = e.allocated;
      event.b = e.backordered;
      event.to = e.promise;
      record(event);
    });
    callbacks.template add<OrderCancelled>([this](const auto &e) {
      Event<Traits> event{Told::Cancelled, e.order_id};
      event.a = e.released;
      event.b = e.unfilled;
      record(event);
    });
    callbacks.template add<OrderShipped>([this](const auto &e) {
      Event<Traits> event{Told::Shipped, e.order_id};
      event.a = e.units;
      event.b = static_cast<Quantity>(e.lines);
      event.flag = e.closed;
      record(event);
    });
    callbacks.template add<LineAllocated>([this](const auto &e) {
      Event<Traits> event{Told::Allocated, e.order_id, e.line, Sku(e.sku)};
      event.a = e.units;
      event.b = e.allocated;
      event.c = e.backordered;
      record(event);
    });
    callbacks.template add<LineBackordered>([this](const auto &e) {
      Event<Traits> event{Told::Backordered, e.order_id, e.line, Sku(e.sku)};
      event.b = e.backordered;
      event.to = e.promise;
      record(event);
    });
    callbacks.template add<OrderReady>([this](const auto &e) {
      Event<Traits> event{Told::Ready, e.order_id};
      event.a = e.shippable;
      event.flag = e.complete;
      record(event);
    });
    callbacks.template add<PromiseMoved>([this](const auto &e) {
      Event<Traits> event{Told::Moved, e.order_id, e.line, Sku(e.sku)};
      event.from = e.from;
      event.to = e.to;
      record(event);
    });
    callbacks.template add<StockChanged>([this](const auto &e) {
      Event<Traits> event{Told::StockChanged, 0, 0, Sku(e.sku)};
      event.before = e.before;
      event.after = e.after;
      const auto level = told_.stock(e.sku);
      if (!level || !(*level == e.after)) {
        fail("(listener)", "StockChanged.after is not the SKU's stock now");
      }
      record(event);
    });
    callbacks.template add<BackInStock>([this](const auto &e) {
      Event<Traits> event{Told::BackInStock, 0, 0, Sku(e.sku)};
      event.a = e.available;
      record(event);
    });
  }

  void record(const Event<Traits> &event) {
    // A handler sees the operation's state complete.
    if (const auto broken = told_.check_invariants()) {
      fail("(listener)", "check_invariants() in a handler: " + *broken);
    }
    events_.push_back(event);
  }

  // ---- failure -----------------------------------------------------------

  void remember(std::string text) {
    recent_[operations_ % recent_.size()] = std::move(text);
  }

  [[noreturn]] void fail(const std::string &text,
                         const std::string &what) const {
    std::string history;
    const std::size_t shown = std::min(operations_, recent_.size());
    for (std::size_t back = shown; back > 0; --back) {
      const std::size_t index = operations_ - back + 1;
      history += "  #" + std::to_string(index) + " " +
                 recent_[index % recent_.size()] + "\n";
    }
    std::fprintf(stderr,
                 "backorder fuzz: %s, operation #%zu: %s\n%s"
                 "the operations up to it, with the listened inventory's "
                 "result:\n%s",
                 name_.c_str(), operations_, text.c_str(), what.c_str(),
                 history.c_str());
    std::abort();
  }

  Subject<Traits> &plain_;
  Subject<Traits> &told_;
  Model model_;
  std::string name_;
  std::vector<Event<Traits>> events_;
  /// The promise each open line was last told, by (order id, line).
  std::map<std::pair<OrderId, std::uint32_t>, Promise<Traits>> promises_;
  std::vector<ShippedRecord<Traits>> shipped_;
  model::Snapshot<Traits> before_plain_;
  model::Snapshot<Traits> before_told_;
  std::vector<StockLevel<Traits>> levels_before_;
  std::size_t operations_ = 0;
  std::array<std::string, 16> recent_{};
  /// Prints every operation when BACKORDER_FUZZ_TRACE is set.
  bool trace_ = std::getenv("BACKORDER_FUZZ_TRACE") != nullptr;
};

template <class Traits>
void run_harness(Input &in, Subject<Traits> &plain, Subject<Traits> &told,
                 const model::Rules &rules, const std::string &name) {
  Harness<Traits> harness(plain, told, rules, name);
  harness.run(in);
}

} // namespace backorder::fuzz
