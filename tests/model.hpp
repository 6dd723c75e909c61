#pragma once

// A plain reference model of Inventory's bookkeeping, shared by the
// randomized model test (tests/model_test.cpp) and the fuzzer
// (tests/fuzz/). It is written straight from the design's definitions: a
// vector of SKUs, a vector of open orders with their lines and a vector of
// expected deliveries, re-ranked by sorting whenever units are handed out or
// taken back, with each policy's hand-out rule (rank order, FirstFit,
// ProRata) spelled out on its own, and promises found by handing the
// expected deliveries, earliest first, to a copy of the model. It shares
// nothing with the library but the public report types. compare_state()
// checks a library Inventory against it through the public API.

#include <backorder/backorder.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace backorder::testing::model {

using backorder::Errc;
using Quantity = std::int64_t;
using OrderId = std::uint64_t;

constexpr Quantity max_qty = std::numeric_limits<Quantity>::max();
constexpr Quantity min_qty = std::numeric_limits<Quantity>::min();
constexpr std::size_t none = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------
// Text

inline std::string num(Quantity value) { return std::to_string(value); }
inline std::string num(std::size_t value) { return std::to_string(value); }

template <class Sku> std::string sku_text(const Sku &sku) {
  if constexpr (std::is_convertible_v<const Sku &, std::string_view>) {
    return "\"" + std::string(sku) + "\"";
  } else {
    return std::to_string(sku);
  }
}

inline std::string errc_text(const std::optional<Errc> &code) {
  return code ? std::string(backorder::to_string(*code)) : std::string("ok");
}

/// Returns a time point's ticks since the clock's epoch.
template <class TimePoint> Quantity ticks(const TimePoint &point) {
  return static_cast<Quantity>(point.time_since_epoch().count());
}

/// Returns true when a promise's date reads the clock (OnHand: now;
/// LeadTime: now + the lead time).
template <class T> bool reads_clock(const backorder::Promise<T> &promise) {
  return promise.source == backorder::PromiseSource::OnHand ||
         promise.source == backorder::PromiseSource::LeadTime;
}

/// Returns a promise's source, date and delivery as numbers; the date of a
/// promise that reads the clock counts only when `dated` (the clock is
/// known to the model).
template <class T>
std::array<Quantity, 3> promise_values(const backorder::Promise<T> &promise,
                                       bool dated) {
  return {static_cast<Quantity>(promise.source),
          reads_clock(promise) && !dated ? 0 : ticks(promise.date),
          static_cast<Quantity>(promise.inbound)};
}

template <class T> std::string show(const backorder::Promise<T> &promise) {
  std::string out(backorder::to_string(promise.source));
  if (promise.source == backorder::PromiseSource::Inbound) {
    out += "(#" + std::to_string(promise.inbound) + " at " +
           num(ticks(promise.date)) + ")";
  } else if (reads_clock(promise)) {
    out += "(" + num(ticks(promise.date)) + ")";
  }
  return out;
}

/// Returns true when two promises agree; dates that read the clock count
/// only when `dated`.
template <class T>
bool same_promise(const backorder::Promise<T> &a,
                  const backorder::Promise<T> &b, bool dated) {
  return promise_values(a, dated) == promise_values(b, dated);
}

/// A report's name and fields, compared as numbers and printed only when
/// they differ.
struct Report {
  static constexpr std::size_t capacity = 8;

  const char *name = "ok";
  std::array<const char *, capacity> labels{};
  std::array<Quantity, capacity> values{};

  friend bool operator==(const Report &a, const Report &b) {
    return std::string_view(a.name) == b.name && a.values == b.values;
  }

  [[nodiscard]] std::string text() const {
    std::string out = name;
    if (labels[0] == nullptr) {
      return out;
    }
    out += "{";
    for (std::size_t i = 0; i < labels.size() && labels[i] != nullptr; ++i) {
      out +=
          (i == 0 ? "" : " ") + std::string(labels[i]) + "=" + num(values[i]);
    }
    return out + "}";
  }
};

inline Quantity count(std::size_t lines) {
  return static_cast<Quantity>(lines);
}

/// Returns a report of one value, e.g. the id `expect` returns.
inline Report value_report(const char *name, const char *label,
                           Quantity value) {
  return {name, {label}, {value}};
}

/// Returns a report of a promise, e.g. the one a WaitTooLong carries.
template <class T>
Report promise_report(const backorder::Promise<T> &promise, bool dated) {
  const auto values = promise_values(promise, dated);
  return {"Promise",
          {"source", "date", "inbound"},
          {values[0], values[1], values[2]}};
}

template <class T> Report fields(const backorder::Receipt<T> &r) {
  return {"Receipt",
          {"allocated", "available", "lines_served"},
          {r.allocated, r.available, count(r.lines_served)}};
}

template <class T> Report fields(const backorder::Adjustment<T> &a) {
  return {"Adjustment",
          {"on_hand", "allocated", "taken_back", "lines_touched"},
          {a.on_hand, a.allocated, a.taken_back, count(a.lines_touched)}};
}

template <class T> Report fields(const backorder::Placement<T> &p, bool dated) {
  const auto promise = promise_values(p.promise, dated);
  return {"Placement",
          {"allocated", "backordered", "shippable", "promise_source",
           "promise_date", "promise_inbound"},
          {p.allocated, p.backordered, p.shippable, promise[0], promise[1],
           promise[2]}};
}

template <class T> Report fields(const backorder::Cancellation<T> &c) {
  return {"Cancellation",
          {"released", "unfilled", "reallocated"},
          {c.released, c.unfilled, c.reallocated}};
}

template <class T> Report fields(const backorder::Shipment<T> &s) {
  return {"Shipment",
          {"units", "lines", "order_closed"},
          {s.units, count(s.lines), s.order_closed ? 1 : 0}};
}

template <class T> Report fields(const backorder::InboundReceipt<T> &r) {
  return {"InboundReceipt",
          {"received", "over_delivered", "still_expected", "closed",
           "allocated", "available", "lines_served"},
          {r.received, r.over_delivered, r.still_expected, r.closed ? 1 : 0,
           r.allocated, r.available, count(r.lines_served)}};
}

template <class T> std::string show(const backorder::SkuConfig<T> &c) {
  return std::string("SkuConfig{backorderable=") +
         (c.backorderable ? "true" : "false") +
         " limit=" + (c.backorder_limit ? num(*c.backorder_limit) : "none") +
         " lead_time=" +
         (c.lead_time ? num(static_cast<Quantity>(c.lead_time->count()))
                      : "none") +
         "}";
}

/// The fields of a StockLevel.
struct Stock {
  Quantity on_hand = 0;
  Quantity reserved = 0;
  Quantity available = 0;
  Quantity backordered = 0;
  std::size_t waiting_lines = 0;
  Quantity inbound = 0;

  friend bool operator==(const Stock &, const Stock &) = default;
};

template <class Level> Stock stock_fields(const Level &level) {
  return Stock{level.on_hand,     level.reserved,      level.available,
               level.backordered, level.waiting_lines, level.inbound};
}

inline std::string show(const Stock &s) {
  return "{on_hand=" + num(s.on_hand) + " reserved=" + num(s.reserved) +
         " available=" + num(s.available) +
         " backordered=" + num(s.backordered) +
         " waiting_lines=" + num(s.waiting_lines) +
         " inbound=" + num(s.inbound) + "}";
}

/// The fields of a LineStatus.
template <class Traits> struct Line {
  typename Traits::Sku sku{};
  Quantity ordered = 0;
  Quantity allocated = 0;
  Quantity shippable = 0;
  Quantity backordered = 0;
  Quantity shipped = 0;
  backorder::Promise<Traits> promise{};
};

template <class Status> std::string show_line(const Status &l) {
  return "{sku=" + sku_text(l.sku) + " ordered=" + num(l.ordered) +
         " allocated=" + num(l.allocated) + " shippable=" + num(l.shippable) +
         " backordered=" + num(l.backordered) + " shipped=" + num(l.shipped) +
         " promise=" + show(l.promise) + "}";
}

/// What an operation returned: an error code, or its report.
struct Outcome {
  std::optional<Errc> error;
  Report report; ///< for an error, what it carries (WaitTooLong: a promise)
  bool message = true; ///< false for an error without a message

  friend bool operator==(const Outcome &, const Outcome &) = default;

  [[nodiscard]] std::string text() const {
    if (error) {
      return errc_text(error) + (message ? "" : " (without a message)") +
             (report.labels[0] != nullptr ? " " + report.text() : "");
    }
    return report.text();
  }
};

inline Outcome failed(Errc code) { return Outcome{code, {}, true}; }

/// Returns the outcome of a successful operation; the dates in its
/// promise, if any, that read the clock count only when `dated`.
template <class R> Outcome succeeded(const R &report, bool dated = false) {
  if constexpr (requires { report.promise; }) {
    return Outcome{std::nullopt, fields(report, dated), true};
  } else {
    return Outcome{std::nullopt, fields(report), true};
  }
}

// ---------------------------------------------------------------------------
// The reference model

/// Sums non-negative quantities and remembers whether the sum left the
/// Quantity range.
struct CheckedSum {
  Quantity value = 0;
  bool overflow = false;

  void add(Quantity units) {
    if (value > max_qty - units) {
      overflow = true;
    } else {
      value += units;
    }
  }
};

/// Twice as wide as Quantity, for the products of the ProRata shares.
__extension__ using Wide = unsigned __int128;

/// How a policy hands arriving units to the waiting lines of a SKU.
enum class HandOut {
  RankOrder, ///< Fifo, Priority, PartialFill: complete lines in rank order
  FirstFit,  ///< complete the first line that fits, bounded skipping
  ProRata,   ///< shares in proportion to what each line waits for
};

/// How a policy ranks lines, hands out units and when allocated units may
/// ship.
struct Rules {
  HandOut hand_out = HandOut::RankOrder;
  bool by_priority = false;    ///< Priority: order priority, then arrival
  bool ships_partial = false;  ///< PartialFill, ProRata: every allocated unit
  std::uint32_t max_skips = 8; ///< FirstFit
  Quantity min_share = 0;      ///< ProRata
  bool leftover_by_arrival = false; ///< ProRata: Leftover::Arrival

  [[nodiscard]] std::string text() const {
    switch (hand_out) {
    case HandOut::RankOrder:
      return "rank order";
    case HandOut::FirstFit:
      return "max_skips " + std::to_string(max_skips);
    case HandOut::ProRata:
      return "min_share " + num(min_share) + ", leftover by " +
             (leftover_by_arrival ? "arrival" : "largest remainder");
    }
    return "";
  }
};

inline Rules fifo_rules() { return Rules{}; }

inline Rules priority_rules() {
  Rules rules;
  rules.by_priority = true;
  return rules;
}

inline Rules partial_fill_rules() {
  Rules rules;
  rules.ships_partial = true;
  return rules;
}

inline Rules first_fit_rules(std::uint32_t max_skips) {
  Rules rules;
  rules.hand_out = HandOut::FirstFit;
  rules.max_skips = max_skips;
  return rules;
}

inline Rules pro_rata_rules(Quantity min_share, bool leftover_by_arrival) {
  Rules rules;
  rules.hand_out = HandOut::ProRata;
  rules.ships_partial = true;
  rules.min_share = min_share;
  rules.leftover_by_arrival = leftover_by_arrival;
  return rules;
}

/// What the model's operations did, to check that a run reached the
/// refusals and the cases of its policy's hand-out rule.
struct Stats {
  std::size_t order_overflow = 0;     ///< place: the order's units overflow
  std::size_t take_back_overflow = 0; ///< adjust: units taken back overflow
  std::size_t skips = 0;         ///< FirstFit: a line served past the oldest
  std::size_t blocked = 0;       ///< FirstFit: a starving line kept a fit out
  std::size_t left_free = 0;     ///< FirstFit: free units left while lines wait
  std::size_t shared = 0;        ///< ProRata: short supply over 2+ lines
  std::size_t below_min = 0;     ///< ProRata: a share dropped under min_share
  std::size_t bulk_rounds = 0;   ///< ProRata: leftover rounds of Left/open
  std::size_t single_rounds = 0; ///< ProRata: leftover rounds of 1 unit
  std::size_t reordered = 0;     ///< ProRata: leftovers not in arrival order
  std::size_t wide = 0;          ///< ProRata: a product past 64 bits
};

template <class Traits> struct ModelSku {
  typename Traits::Sku name{};
  bool backorderable = true;
  std::optional<Quantity> limit;
  std::optional<typename Traits::Clock::duration> lead_time;
  Quantity on_hand = 0;
};

/// An expected supplier delivery.
template <class Traits> struct ModelDelivery {
  backorder::InboundId id = 0;
  std::size_t sku = 0; ///< index into Model::skus
  Quantity units = 0;  ///< units still expected
  typename Traits::Clock::time_point eta{};
};

struct ModelLine {
  std::size_t sku = 0; ///< index into Model::skus (SKUs are never removed)
  Quantity ordered = 0;
  Quantity allocated = 0; ///< reserved, not shipped
  Quantity shipped = 0;
  std::uint64_t arrival = 0; ///< global placement sequence
  std::uint32_t skips = 0;   ///< FirstFit: lines served past it as oldest

  [[nodiscard]] Quantity outstanding() const {
    return ordered - shipped - allocated;
  }
};

struct ModelOrder {
  OrderId id = 0;
  int priority = 0;
  bool ship_complete = false;
  std::vector<ModelLine> lines;
};

/// The inventory as the design defines it, kept as plainly as possible.
template <class Traits> class Model {
public:
  using Sku = typename Traits::Sku;
  using Config = backorder::SkuConfig<Traits>;
  using OrderType = backorder::Order<Traits>;
  using TimePoint = typename Traits::Clock::time_point;
  using Duration = typename Traits::Clock::duration;
  using PromiseType = backorder::Promise<Traits>;
  using InboundId = backorder::InboundId;

  explicit Model(Rules rules) : rules_(rules) {}

  std::vector<ModelSku<Traits>> skus;
  std::vector<ModelOrder> orders; ///< open orders only
  /// Expected deliveries, in the order they were announced.
  std::vector<ModelDelivery<Traits>> deliveries;
  /// The inventory's clock reading, when the model knows it: then the
  /// dates of OnHand and LeadTime promises are modelled and compared.
  std::optional<TimePoint> clock;
  Stats stats;

  /// Returns true when dates that read the clock are modelled.
  [[nodiscard]] bool dated() const { return clock.has_value(); }

  [[nodiscard]] TimePoint now() const { return clock.value_or(TimePoint{}); }

  [[nodiscard]] std::size_t find_sku(const Sku &name) const {
    for (std::size_t i = 0; i < skus.size(); ++i) {
      if (skus[i].name == name) {
        return i;
      }
    }
    return none;
  }

  [[nodiscard]] std::size_t find_order(OrderId id) const {
    for (std::size_t i = 0; i < orders.size(); ++i) {
      if (orders[i].id == id) {
        return i;
      }
    }
    return none;
  }

  /// Returns every SKU's stock level.
  [[nodiscard]] std::vector<Stock> stocks() const {
    std::vector<Stock> levels(skus.size());
    for (const auto &order : orders) {
      for (const auto &line : order.lines) {
        levels[line.sku].reserved += line.allocated;        // at most on hand
        levels[line.sku].backordered += line.outstanding(); // fits too
        levels[line.sku].waiting_lines += line.outstanding() > 0 ? 1U : 0U;
      }
    }
    for (std::size_t i = 0; i < skus.size(); ++i) {
      levels[i].on_hand = skus[i].on_hand;
      levels[i].available = levels[i].on_hand - levels[i].reserved;
    }
    for (const auto &delivery : deliveries) {
      levels[delivery.sku].inbound +=
          delivery.units; // expect keeps it in range
    }
    return levels;
  }

  [[nodiscard]] Quantity available(std::size_t sku) const {
    Quantity reserved = 0;
    for (const auto &order : orders) {
      for (const auto &line : order.lines) {
        reserved += line.sku == sku ? line.allocated : 0;
      }
    }
    return skus[sku].on_hand - reserved;
  }

  [[nodiscard]] Quantity backordered(std::size_t sku) const {
    Quantity waiting = 0; // fits: place and adjust keep it in range
    for (const auto &order : orders) {
      for (const auto &line : order.lines) {
        waiting += line.sku == sku ? line.outstanding() : 0;
      }
    }
    return waiting;
  }

  /// Returns true when ship_complete holds every line of the order.
  [[nodiscard]] static bool held(const ModelOrder &order) {
    if (!order.ship_complete) {
      return false;
    }
    for (const auto &line : order.lines) {
      if (line.outstanding() > 0) {
        return true;
      }
    }
    return false;
  }

  [[nodiscard]] Quantity shippable(const ModelOrder &order,
                                   const ModelLine &line) const {
    if (held(order)) {
      return 0;
    }
    if (rules_.ships_partial) {
      return line.allocated;
    }
    return line.outstanding() == 0 ? line.allocated : 0;
  }

  /// Returns true when a library LineStatus shows the model's line.
  template <class Status>
  [[nodiscard]] bool same_line(const Line<Traits> &expected,
                               const Status &actual) const {
    return actual.sku == expected.sku && actual.ordered == expected.ordered &&
           actual.allocated == expected.allocated &&
           actual.shippable == expected.shippable &&
           actual.backordered == expected.backordered &&
           actual.shipped == expected.shipped &&
           same_promise(actual.promise, expected.promise, dated());
  }

  /// Returns an open order's lines as `Inventory::status` shows them,
  /// given their promises (see promises()).
  [[nodiscard]] std::vector<Line<Traits>>
  status(const ModelOrder &order,
         const std::vector<PromiseType> &line_promises) const {
    std::vector<Line<Traits>> lines;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      const ModelLine &line = order.lines[i];
      lines.push_back(Line<Traits>{skus[line.sku].name, line.ordered,
                                   line.allocated, shippable(order, line),
                                   line.outstanding(), line.shipped,
                                   line_promises[i]});
    }
    return lines;
  }

  // --- promises ------------------------------------------------------------

  /// Returns the deliveries expected for a SKU, earliest first (by date,
  /// then id).
  [[nodiscard]] std::vector<ModelDelivery<Traits>>
  schedule(std::size_t sku) const {
    std::vector<ModelDelivery<Traits>> out;
    for (const auto &delivery : deliveries) {
      if (delivery.sku == sku) {
        out.push_back(delivery);
      }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
      return a.eta != b.eta ? a.eta < b.eta : a.id < b.id;
    });
    return out;
  }

  /// Returns the promise of every line of every open order, by order and
  /// line: now for a line with nothing outstanding; else the first
  /// delivery after which, handing the SKU's deliveries one by one to a
  /// copy of the model, the line is complete; else now + the SKU's lead
  /// time (never before the last delivery, and the latest time point if
  /// the sum overflows); else unknown.
  [[nodiscard]] std::vector<std::vector<PromiseType>> promises() const {
    std::vector<std::vector<PromiseType>> out(orders.size());
    for (std::size_t o = 0; o < orders.size(); ++o) {
      for (const ModelLine &line : orders[o].lines) {
        out[o].push_back(
            line.outstanding() == 0
                ? PromiseType{backorder::PromiseSource::OnHand, now(), 0}
                : PromiseType{});
      }
    }
    for (std::size_t sku = 0; sku < skus.size(); ++sku) {
      std::vector<std::pair<std::size_t, std::size_t>> waiting;
      for (std::size_t o = 0; o < orders.size(); ++o) {
        for (std::size_t i = 0; i < orders[o].lines.size(); ++i) {
          const ModelLine &line = orders[o].lines[i];
          if (line.sku == sku && line.outstanding() > 0) {
            waiting.emplace_back(o, i);
          }
        }
      }
      if (waiting.empty()) {
        continue;
      }
      const std::vector<ModelDelivery<Traits>> expected = schedule(sku);
      std::vector<bool> covered(waiting.size(), false);
      if (!expected.empty()) {
        Model copy = *this;
        Quantity free_units = available(sku);
        for (const auto &delivery : expected) {
          free_units = free_units > max_qty - delivery.units
                           ? max_qty
                           : free_units + delivery.units;
          free_units -= copy.fill_units(sku, free_units).units;
          for (std::size_t w = 0; w < waiting.size(); ++w) {
            const auto [o, i] = waiting[w];
            if (!covered[w] && copy.orders[o].lines[i].outstanding() == 0) {
              covered[w] = true;
              out[o][i] = PromiseType{backorder::PromiseSource::Inbound,
                                      delivery.eta, delivery.id};
            }
          }
        }
      }
      const PromiseType beyond = beyond_deliveries(sku, expected);
      for (std::size_t w = 0; w < waiting.size(); ++w) {
        if (!covered[w]) {
          out[waiting[w].first][waiting[w].second] = beyond;
        }
      }
    }
    return out;
  }

  /// Returns the promise of a line on `sku` that no expected delivery
  /// completes.
  [[nodiscard]] PromiseType
  beyond_deliveries(std::size_t sku,
                    const std::vector<ModelDelivery<Traits>> &expected) const {
    const auto &lead_time = skus[sku].lead_time;
    if (!lead_time) {
      return PromiseType{};
    }
    __extension__ using Ticks = __int128;
    const Ticks sum = static_cast<Ticks>(now().time_since_epoch().count()) +
                      static_cast<Ticks>(lead_time->count());
    const auto latest = TimePoint::max().time_since_epoch().count();
    TimePoint date =
        sum > static_cast<Ticks>(latest)
            ? TimePoint::max()
            : TimePoint(Duration(static_cast<decltype(latest)>(sum)));
    if (!expected.empty() && expected.back().eta > date) {
      date = expected.back().eta;
    }
    return PromiseType{backorder::PromiseSource::LeadTime, date, 0};
  }

  /// Returns the latest of an order's line promises (unknown is later than
  /// any date; of equal dates, the first line's).
  [[nodiscard]] static PromiseType
  latest(const std::vector<PromiseType> &line_promises) {
    PromiseType out{};
    for (std::size_t i = 0; i < line_promises.size(); ++i) {
      if (i == 0 || line_promises[i].later_than(out)) {
        out = line_promises[i];
      }
    }
    return out;
  }

  /// Returns true when `promise` is known and no later than now + `wait`.
  [[nodiscard]] bool within_wait(const PromiseType &promise,
                                 Duration wait) const {
    __extension__ using Ticks = __int128;
    return promise.known() &&
           static_cast<Ticks>(promise.date.time_since_epoch().count()) -
                   static_cast<Ticks>(now().time_since_epoch().count()) <=
               static_cast<Ticks>(wait.count());
  }

  [[nodiscard]] std::size_t find_delivery(InboundId id) const {
    for (std::size_t i = 0; i < deliveries.size(); ++i) {
      if (deliveries[i].id == id) {
        return i;
      }
    }
    return none;
  }

  // --- operations ----------------------------------------------------------

  Outcome add_sku(const Sku &name, const Config &config) {
    if (find_sku(name) != none) {
      return failed(Errc::DuplicateSku);
    }
    if (!valid(config)) {
      return failed(Errc::InvalidQuantity);
    }
    skus.push_back(ModelSku<Traits>{name, config.backorderable,
                                    config.backorder_limit, config.lead_time,
                                    0});
    return Outcome{};
  }

  Outcome configure(const Sku &name, const Config &config) {
    const std::size_t sku = find_sku(name);
    if (sku == none) {
      return failed(Errc::UnknownSku);
    }
    if (!valid(config)) {
      return failed(Errc::InvalidQuantity);
    }
    skus[sku].backorderable = config.backorderable;
    skus[sku].limit = config.backorder_limit;
    skus[sku].lead_time = config.lead_time;
    return Outcome{};
  }

  Outcome receive(const Sku &name, Quantity units) {
    const std::size_t sku = find_sku(name);
    if (sku == none) { // checked before the quantity, as adjust does
      return failed(Errc::UnknownSku);
    }
    if (units <= 0) {
      return failed(Errc::InvalidQuantity);
    }
    if (skus[sku].on_hand > max_qty - units) {
      return failed(Errc::QuantityOverflow);
    }
    skus[sku].on_hand += units;
    const Handout handout = fill(sku);
    backorder::Receipt<Traits> receipt;
    receipt.allocated = handout.units;
    receipt.available = available(sku);
    receipt.lines_served = handout.lines;
    return succeeded(receipt);
  }

  Outcome adjust(const Sku &name, Quantity delta) {
    const std::size_t sku = find_sku(name);
    if (sku == none) {
      return failed(Errc::UnknownSku);
    }
    if (delta == 0) {
      return failed(Errc::InvalidQuantity);
    }
    backorder::Adjustment<Traits> adjustment;
    if (delta > 0) {
      if (skus[sku].on_hand > max_qty - delta) {
        return failed(Errc::QuantityOverflow);
      }
      skus[sku].on_hand += delta;
      const Handout handout = fill(sku);
      adjustment.allocated = handout.units;
      adjustment.lines_touched = handout.lines;
    } else {
      if (delta == min_qty) {
        return failed(Errc::QuantityOverflow);
      }
      const Quantity removal = -delta;
      if (removal > skus[sku].on_hand) {
        return failed(Errc::InvalidQuantity);
      }
      // The units taken back wait again: the SKU's back-ordered count must
      // still fit.
      const Quantity deficit = removal - available(sku);
      if (deficit > 0 && backordered(sku) > max_qty - deficit) {
        ++stats.take_back_overflow;
        return failed(Errc::QuantityOverflow);
      }
      if (deficit > 0) {
        // Take back from the lowest-ranked lines that hold units (the latest
        // arrivals first, under every policy but Priority).
        Quantity left = deficit;
        const std::vector<Ref> ranks = ranked(sku);
        for (auto at = ranks.rbegin(); at != ranks.rend() && left > 0; ++at) {
          ModelLine &line = orders[at->order].lines[at->line];
          if (line.allocated > 0) {
            const Quantity take = std::min(left, line.allocated);
            line.allocated -= take;
            left -= take;
            ++adjustment.lines_touched;
          }
        }
        adjustment.taken_back = deficit - left;
      }
      skus[sku].on_hand -= removal;
    }
    adjustment.on_hand = skus[sku].on_hand;
    return succeeded(adjustment);
  }

  Outcome place(const OrderType &order) {
    if (order.lines.empty()) {
      return failed(Errc::EmptyOrder);
    }
    if (find_order(order.id) != none) {
      return failed(Errc::DuplicateOrder);
    }
    if (order.max_wait && *order.max_wait < Duration::zero()) {
      return failed(Errc::InvalidQuantity);
    }
    std::vector<std::size_t> order_skus; // in order of first appearance
    std::vector<Quantity> demand;
    Quantity total = 0;
    for (const auto &line : order.lines) {
      const std::size_t sku = find_sku(line.sku);
      if (sku == none) {
        return failed(Errc::UnknownSku);
      }
      if (line.quantity <= 0) {
        return failed(Errc::InvalidQuantity);
      }
      auto seen = std::find(order_skus.begin(), order_skus.end(), sku);
      if (seen == order_skus.end()) {
        order_skus.push_back(sku);
        demand.push_back(0);
        seen = order_skus.end() - 1;
      }
      Quantity &sum =
          demand[static_cast<std::size_t>(seen - order_skus.begin())];
      if (sum > max_qty - line.quantity) {
        return failed(Errc::QuantityOverflow); // the units of one SKU
      }
      sum += line.quantity;
      if (total > max_qty - line.quantity) {
        ++stats.order_overflow;
        return failed(Errc::QuantityOverflow); // the units of the order
      }
      total += line.quantity;
    }
    std::vector<Quantity> waiting; // each SKU's back-ordered units before
    for (const std::size_t sku : order_skus) {
      waiting.push_back(backordered(sku));
    }

    // Place the order, each line served by the policy as soon as it is
    // added; if a SKU cannot take what its new lines do not get, put
    // everything back as it was.
    const std::vector<ModelOrder> orders_before = orders;
    const Stats stats_before = stats;
    const std::uint64_t arrivals_before = arrivals_;
    orders.push_back(
        ModelOrder{order.id, order.priority, order.ship_complete, {}});
    for (const auto &line : order.lines) {
      const std::size_t sku = find_sku(line.sku);
      orders.back().lines.push_back(
          ModelLine{sku, line.quantity, 0, 0, arrivals_++, 0});
      fill(sku);
    }
    for (std::size_t i = 0; i < order_skus.size(); ++i) {
      Quantity shortfall = 0; // the units the SKU's new lines wait for
      for (const auto &line : orders.back().lines) {
        shortfall += line.sku == order_skus[i] ? line.outstanding() : 0;
      }
      if (shortfall == 0) {
        continue;
      }
      const ModelSku<Traits> &sku = skus[order_skus[i]];
      std::optional<Errc> error;
      if (!sku.backorderable) {
        error = Errc::OutOfStock;
      } else if (waiting[i] > max_qty - shortfall) {
        error = Errc::QuantityOverflow;
      } else if (sku.limit && waiting[i] + shortfall > *sku.limit) {
        error = Errc::BackorderLimitExceeded;
      }
      if (error) {
        orders = orders_before;
        stats = stats_before;
        arrivals_ = arrivals_before;
        return failed(*error);
      }
    }

    // Every total is at most the order's units, which fit.
    const ModelOrder &placed = orders.back();
    backorder::Placement<Traits> placement;
    for (const auto &line : placed.lines) {
      placement.allocated += line.allocated;
      placement.backordered += line.outstanding();
      placement.shippable += shippable(placed, line);
    }
    placement.promise = latest(promises().back());
    if (order.max_wait && !within_wait(placement.promise, *order.max_wait)) {
      orders = orders_before;
      stats = stats_before;
      arrivals_ = arrivals_before;
      Outcome outcome = failed(Errc::WaitTooLong);
      outcome.report = promise_report(placement.promise, dated());
      return outcome;
    }
    return succeeded(placement, dated());
  }

  Outcome ship(OrderId id) {
    const std::size_t at = find_order(id);
    if (at == none) {
      return failed(Errc::UnknownOrder);
    }
    ModelOrder &order = orders[at];
    std::vector<Quantity> units;
    Quantity total = 0; // at most the order's units
    for (const auto &line : order.lines) {
      units.push_back(shippable(order, line));
      total += units.back();
    }
    if (total == 0) {
      return failed(Errc::NothingToShip);
    }
    backorder::Shipment<Traits> shipment;
    shipment.order_closed = true;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      ModelLine &line = order.lines[i];
      if (units[i] > 0) {
        skus[line.sku].on_hand -= units[i];
        line.allocated -= units[i];
        line.shipped += units[i];
        shipment.units += units[i];
        ++shipment.lines;
      }
      shipment.order_closed =
          shipment.order_closed && line.shipped == line.ordered;
    }
    if (shipment.order_closed) {
      orders.erase(orders.begin() + static_cast<std::ptrdiff_t>(at));
    }
    return succeeded(shipment);
  }

  Outcome cancel(OrderId id) {
    const std::size_t at = find_order(id);
    if (at == none) {
      return failed(Errc::UnknownOrder);
    }
    backorder::Cancellation<Traits> cancellation;
    std::vector<std::size_t> order_skus;
    for (const auto &line : orders[at].lines) {
      cancellation.released += line.allocated; // at most the order's units
      cancellation.unfilled += line.outstanding();
      if (std::find(order_skus.begin(), order_skus.end(), line.sku) ==
          order_skus.end()) {
        order_skus.push_back(line.sku);
      }
    }
    orders.erase(orders.begin() + static_cast<std::ptrdiff_t>(at));
    CheckedSum reallocated;
    for (const std::size_t sku : order_skus) {
      reallocated.add(fill(sku).units);
    }
    if (reallocated.overflow) {
      // Under FirstFit the released units may let a starving line take the
      // free units it waited for, on several SKUs: a total the report
      // cannot hold. Neither the design nor the library says what then;
      // this outcome matches no library result, so the run stops here.
      Outcome outcome;
      outcome.report.name = "Cancellation whose reallocated units overflow";
      return outcome;
    }
    cancellation.reallocated = reallocated.value;
    return succeeded(cancellation);
  }

  Outcome expect(const Sku &name, Quantity units, TimePoint eta) {
    const std::size_t sku = find_sku(name);
    if (sku == none) {
      return failed(Errc::UnknownSku);
    }
    if (units <= 0) {
      return failed(Errc::InvalidQuantity);
    }
    if (stocks()[sku].inbound > max_qty - units) {
      return failed(Errc::QuantityOverflow);
    }
    const InboundId id = next_inbound_++;
    deliveries.push_back(ModelDelivery<Traits>{id, sku, units, eta});
    return Outcome{std::nullopt,
                   value_report("InboundId", "id", static_cast<Quantity>(id)),
                   true};
  }

  Outcome reschedule(InboundId id, TimePoint eta) {
    const std::size_t at = find_delivery(id);
    if (at == none) {
      return failed(Errc::UnknownInbound);
    }
    deliveries[at].eta = eta;
    return Outcome{};
  }

  Outcome cancel_inbound(InboundId id) {
    const std::size_t at = find_delivery(id);
    if (at == none) {
      return failed(Errc::UnknownInbound);
    }
    const Quantity units = deliveries[at].units;
    deliveries.erase(deliveries.begin() + static_cast<std::ptrdiff_t>(at));
    return Outcome{std::nullopt, value_report("Units", "units", units), true};
  }

  Outcome receive_inbound(InboundId id, Quantity units) {
    const std::size_t at = find_delivery(id);
    if (at == none) {
      return failed(Errc::UnknownInbound);
    }
    const std::size_t sku = deliveries[at].sku;
    if (units <= 0) {
      return failed(Errc::InvalidQuantity);
    }
    if (skus[sku].on_hand > max_qty - units) {
      return failed(Errc::QuantityOverflow);
    }
    backorder::InboundReceipt<Traits> receipt;
    receipt.received = units;
    if (units >= deliveries[at].units) {
      receipt.over_delivered = units - deliveries[at].units;
      receipt.closed = true;
      deliveries.erase(deliveries.begin() + static_cast<std::ptrdiff_t>(at));
    } else {
      deliveries[at].units -= units;
      receipt.still_expected = deliveries[at].units;
    }
    skus[sku].on_hand += units;
    const Handout handout = fill(sku);
    receipt.allocated = handout.units;
    receipt.available = available(sku);
    receipt.lines_served = handout.lines;
    return succeeded(receipt);
  }

private:
  struct Handout {
    Quantity units = 0;
    std::size_t lines = 0;
  };

  /// Names one line of an open order, with what ranks it.
  struct Ref {
    std::size_t order = 0;
    std::size_t line = 0;
    int priority = 0;
    std::uint64_t arrival = 0;
  };

  ModelLine &line_of(const Ref &ref) {
    return orders[ref.order].lines[ref.line];
  }

  /// Returns the not fully shipped lines on a SKU, best-ranked first:
  /// by arrival, or by order priority and then arrival under Priority.
  [[nodiscard]] std::vector<Ref> ranked(std::size_t sku) const {
    std::vector<Ref> refs;
    for (std::size_t o = 0; o < orders.size(); ++o) {
      for (std::size_t l = 0; l < orders[o].lines.size(); ++l) {
        const ModelLine &line = orders[o].lines[l];
        if (line.sku == sku && line.shipped < line.ordered) {
          refs.push_back(Ref{o, l, orders[o].priority, line.arrival});
        }
      }
    }
    const bool by_priority = rules_.by_priority;
    std::sort(refs.begin(), refs.end(),
              [by_priority](const Ref &a, const Ref &b) {
                if (by_priority && a.priority != b.priority) {
                  return a.priority > b.priority;
                }
                return a.arrival < b.arrival;
              });
    return refs;
  }

  /// Returns the lines on a SKU that wait for units, best-ranked first.
  [[nodiscard]] std::vector<Ref> waiting_lines(std::size_t sku) const {
    std::vector<Ref> refs = ranked(sku);
    refs.erase(std::remove_if(
                   refs.begin(), refs.end(),
                   [this](const Ref &ref) {
                     return orders[ref.order].lines[ref.line].outstanding() ==
                            0;
                   }),
               refs.end());
    return refs;
  }

  /// Hands the SKU's free units to its waiting lines by the policy's rule.
  Handout fill(std::size_t sku) { return fill_units(sku, available(sku)); }

  /// Hands `free_units` of a SKU to its waiting lines by the policy's rule.
  Handout fill_units(std::size_t sku, Quantity free_units) {
    if (free_units <= 0) {
      return Handout{};
    }
    switch (rules_.hand_out) {
    case HandOut::RankOrder:
      return fill_in_rank_order(sku, free_units);
    case HandOut::FirstFit:
      return fill_first_fit(sku, free_units);
    case HandOut::ProRata:
      return fill_pro_rata(sku, free_units);
    }
    return Handout{};
  }

  /// Completes the waiting lines one by one in rank order.
  Handout fill_in_rank_order(std::size_t sku, Quantity free_units) {
    Handout handout;
    for (const Ref &ref : waiting_lines(sku)) {
      ModelLine &line = line_of(ref);
      const Quantity given = std::min(free_units, line.outstanding());
      line.allocated += given;
      free_units -= given;
      handout.units += given;
      ++handout.lines;
      if (free_units == 0) {
        break;
      }
    }
    return handout;
  }

  /// FirstFit: gives a line all it waits for, or nothing. The oldest
  /// waiting line may be passed over `max_skips` times; then it takes the
  /// free units first or, if they do not cover it, nobody gets any.
  Handout fill_first_fit(std::size_t sku, Quantity free_units) {
    Handout handout;
    for (;;) {
      const std::vector<Ref> waiting = waiting_lines(sku);
      if (waiting.empty()) {
        break;
      }
      ModelLine &oldest = line_of(waiting.front());
      ModelLine *chosen = nullptr;
      if (oldest.skips >= rules_.max_skips) {
        if (oldest.outstanding() > free_units) {
          for (const Ref &ref : waiting) {
            if (line_of(ref).outstanding() <= free_units) {
              ++stats.blocked; // a line that fits waits behind it
              break;
            }
          }
          stats.left_free += 1;
          break;
        }
        chosen = &oldest;
      } else {
        for (const Ref &ref : waiting) {
          if (line_of(ref).outstanding() <= free_units) {
            chosen = &line_of(ref);
            break;
          }
        }
        if (chosen == nullptr) {
          stats.left_free += 1;
          break;
        }
        if (chosen != &oldest) {
          ++oldest.skips;
          ++stats.skips;
        }
      }
      const Quantity given = chosen->outstanding();
      chosen->allocated += given;
      free_units -= given;
      handout.units += given;
      ++handout.lines;
      if (free_units == 0) {
        break;
      }
    }
    return handout;
  }

  /// ProRata: every waiting line gets its outstanding units when the free
  /// units cover them all; else floor(F x out / T) each (nothing below
  /// min_share), and the units left go round by largest remainder (ties
  /// by arrival) or by arrival.
  Handout fill_pro_rata(std::size_t sku, Quantity free_units) {
    Handout handout;
    const std::vector<Ref> waiting = waiting_lines(sku);
    Wide total = 0;
    for (const Ref &ref : waiting) {
      total += static_cast<Wide>(line_of(ref).outstanding());
    }
    if (waiting.empty()) {
      return handout;
    }
    if (static_cast<Wide>(free_units) >= total) {
      for (const Ref &ref : waiting) {
        ModelLine &line = line_of(ref);
        handout.units += line.outstanding();
        ++handout.lines;
        line.allocated += line.outstanding();
      }
      return handout;
    }
    stats.shared += waiting.size() > 1 ? 1U : 0U;

    struct Part {
      std::size_t index = 0; ///< in arrival order
      Quantity outstanding = 0;
      Quantity share = 0;
      Wide remainder = 0;
      Quantity extra = 0;

      [[nodiscard]] Quantity room() const {
        return outstanding - share - extra;
      }
    };
    std::vector<Part> parts;
    Quantity left = free_units;
    for (std::size_t i = 0; i < waiting.size(); ++i) {
      Part part;
      part.index = i;
      part.outstanding = line_of(waiting[i]).outstanding();
      const Wide product =
          static_cast<Wide>(free_units) * static_cast<Wide>(part.outstanding);
      stats.wide += (product >> 64U) != 0 ? 1U : 0U;
      part.share = static_cast<Quantity>(product / total); // < free units
      part.remainder = product % total;
      if (part.share < rules_.min_share) {
        stats.below_min += part.share > 0 ? 1U : 0U;
        part.share = 0;
      }
      left -= part.share;
      parts.push_back(part);
    }
    if (!rules_.leftover_by_arrival) {
      std::stable_sort(parts.begin(), parts.end(),
                       [](const Part &a, const Part &b) {
                         return a.remainder > b.remainder;
                       });
      for (std::size_t i = 0; left > 0 && i < parts.size(); ++i) {
        if (parts[i].index != i) {
          ++stats.reordered;
          break;
        }
      }
    }
    while (left > 0) {
      Quantity open = 0;
      for (const Part &part : parts) {
        open += part.room() > 0 ? 1 : 0;
      }
      const Quantity each = left >= open ? left / open : 1;
      ++(left >= open ? stats.bulk_rounds : stats.single_rounds);
      for (Part &part : parts) {
        if (left == 0) {
          break;
        }
        const Quantity given = std::min(each, part.room());
        part.extra += given;
        left -= given;
      }
    }
    for (const Part &part : parts) {
      ModelLine &line = line_of(waiting[part.index]);
      const Quantity given = part.share + part.extra;
      if (given > 0) {
        line.allocated += given;
        handout.units += given;
        ++handout.lines;
      }
    }
    return handout;
  }

  /// Returns true when a SKU's settings are valid: no negative limit or
  /// lead time.
  static bool valid(const Config &config) {
    return !(config.backorder_limit && *config.backorder_limit < 0) &&
           !(config.lead_time && *config.lead_time < Duration::zero());
  }

  Rules rules_;
  std::uint64_t arrivals_ = 0;
  InboundId next_inbound_ = 1;
};

/// Turns a library Result into an Outcome, checking that an error says
/// something; the dates in a promise that read the clock count only when
/// `dated`.
template <class R> Outcome outcome_of(const R &result, bool dated = false) {
  using Value = typename R::value_type;
  if (!result) {
    Outcome outcome = failed(result.error().code);
    outcome.message = !result.error().message.empty();
    if constexpr (requires { result.error().promise; }) {
      if (result.error().promise) {
        outcome.report = promise_report(*result.error().promise, dated);
      }
    }
    return outcome;
  }
  if constexpr (std::is_void_v<Value>) {
    return Outcome{};
  } else if constexpr (std::is_same_v<Value, backorder::InboundId>) {
    return Outcome{
        std::nullopt,
        value_report("InboundId", "id", static_cast<Quantity>(*result)), true};
  } else if constexpr (std::is_same_v<Value, Quantity>) {
    return Outcome{std::nullopt, value_report("Units", "units", *result), true};
  } else {
    return succeeded(*result, dated);
  }
}

// ---------------------------------------------------------------------------
// Comparison of the library with the model

/// The counts a refused operation must leave as they were (the model
/// comparison then checks everything else).
template <class Traits> struct Snapshot {
  std::vector<Stock> stock; ///< every registered SKU's, in registration order
  std::size_t orders = 0;
  std::size_t lines = 0;

  friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

template <class Inventory> auto snapshot(const Inventory &inventory) {
  Snapshot<typename Inventory::traits_type> state;
  inventory.for_each_sku([&](const auto &, const auto &level) {
    state.stock.push_back(stock_fields(level));
  });
  state.orders = inventory.open_orders();
  state.lines = inventory.open_lines();
  return state;
}

/// Names what compare_state checks beyond every registered SKU, open order
/// and expected delivery.
template <class Sku> struct Probe {
  /// An order id an operation named: it must be unknown unless the model
  /// has it open.
  OrderId order = 0;
  /// A delivery id an operation named: it must be unknown unless the model
  /// expects it.
  backorder::InboundId inbound = 0;
  /// SKU keys whose settings, or absence, to check; none when null.
  const std::vector<Sku> *names = nullptr;
};

template <class Traits>
std::string show(const backorder::InboundDelivery<Traits> &delivery) {
  return "{#" + std::to_string(delivery.id) + " " + sku_text(delivery.sku) +
         " units=" + num(delivery.units) + " eta=" + num(ticks(delivery.eta)) +
         "}";
}

template <class Traits>
bool same_delivery(const backorder::InboundDelivery<Traits> &a,
                   const backorder::InboundDelivery<Traits> &b) {
  return a.id == b.id && a.sku == b.sku && a.units == b.units && a.eta == b.eta;
}

/// Returns every difference between the library's state and the model's,
/// or an empty string. Builds text only for a difference.
template <class Inventory, class Traits>
std::string compare_state(const Inventory &inventory,
                          const Model<Traits> &model,
                          const std::vector<Stock> &levels,
                          const Probe<typename Traits::Sku> &probe) {
  using Sku = typename Traits::Sku;
  using Delivery = backorder::InboundDelivery<Traits>;
  const bool dated = model.dated();
  std::string out;
  if (const auto broken = inventory.check_invariants()) {
    out += "check_invariants(): " + *broken + "\n";
  }
  if (inventory.sku_count() != model.skus.size()) {
    out += "sku_count() " + num(inventory.sku_count()) + ", model " +
           num(model.skus.size()) + "\n";
  }
  for (std::size_t sku = 0; sku < model.skus.size(); ++sku) {
    const Sku &name = model.skus[sku].name;
    const auto level = inventory.stock(name);
    if (!level) {
      out += "SKU " + sku_text(name) + " is unknown, model: known\n";
      continue;
    }
    const Stock actual = stock_fields(*level);
    if (actual != levels[sku]) {
      out += "stock(" + sku_text(name) + ") " + show(actual) + ", model " +
             show(levels[sku]) + "\n";
    }
    if (levels[sku].inbound == 0 && actual.inbound == 0) {
      continue; // no deliveries to compare
    }
    std::vector<Delivery> expected;
    for (const auto &delivery : model.schedule(sku)) {
      expected.push_back(
          Delivery{delivery.id, name, delivery.units, delivery.eta});
    }
    std::vector<Delivery> listed;
    const auto visited = inventory.for_each_inbound(
        name, [&](const Delivery &delivery) { listed.push_back(delivery); });
    if (!visited || !std::equal(listed.begin(), listed.end(), expected.begin(),
                                expected.end(), same_delivery<Traits>)) {
      out += "for_each_inbound(" + sku_text(name) + "):";
      for (const auto &delivery : listed) {
        out += " " + show(delivery);
      }
      out += "; model:";
      for (const auto &delivery : expected) {
        out += " " + show(delivery);
      }
      out += "\n";
    }
    for (const auto &delivery : expected) {
      const auto found = inventory.inbound(delivery.id);
      if (!found || !same_delivery(*found, delivery)) {
        out += "inbound(" + std::to_string(delivery.id) + ") " +
               (found ? show(*found) : std::string("fails")) + ", model " +
               show(delivery) + "\n";
      }
    }
  }
  if (model.find_delivery(probe.inbound) == none) {
    const auto found = inventory.inbound(probe.inbound);
    if (found || found.error().code != Errc::UnknownInbound) {
      out += "inbound(" + std::to_string(probe.inbound) +
             ") is expected, model: not\n";
    }
  }
  // Settings and SKUs that are not registered change only through
  // add_sku and configure: checked when the caller names SKUs.
  for (std::size_t i = 0; probe.names != nullptr && i < probe.names->size();
       ++i) {
    const Sku &name = (*probe.names)[i];
    const std::size_t sku = model.find_sku(name);
    const auto config = inventory.config(name);
    if (sku == none) {
      const auto level = inventory.stock(name);
      if (inventory.contains_sku(name) || config || level ||
          level.error().code != Errc::UnknownSku) {
        out += "SKU " + sku_text(name) + " is known, model: unknown\n";
      }
    } else if (!config ||
               config->backorderable != model.skus[sku].backorderable ||
               config->backorder_limit != model.skus[sku].limit ||
               config->lead_time != model.skus[sku].lead_time ||
               !inventory.contains_sku(name)) {
      out += "config(" + sku_text(name) + ") " +
             (config ? show(*config) : std::string("fails")) +
             ", model differs\n";
    }
  }
  std::size_t model_lines = 0;
  for (const auto &order : model.orders) {
    model_lines += order.lines.size();
  }
  if (inventory.open_orders() != model.orders.size() ||
      inventory.open_lines() != model_lines) {
    out += "open_orders() " + num(inventory.open_orders()) + ", open_lines() " +
           num(inventory.open_lines()) + "; model " + num(model.orders.size()) +
           " and " + num(model_lines) + "\n";
  }
  const auto promises = model.promises();
  for (std::size_t index = 0; index < model.orders.size(); ++index) {
    const ModelOrder &order = model.orders[index];
    const std::string id = std::to_string(order.id);
    const auto status = inventory.status(order.id);
    const auto promise = inventory.promise(order.id);
    if (!status || !promise || !inventory.contains_order(order.id)) {
      out += "status(" + id + ") or promise(" + id + ") fails, model: open\n";
      continue;
    }
    const std::vector<Line<Traits>> expected =
        model.status(order, promises[index]);
    bool same = status->id == order.id && status->priority == order.priority &&
                status->ship_complete == order.ship_complete &&
                status->lines.size() == expected.size();
    for (std::size_t i = 0; same && i < expected.size(); ++i) {
      same = model.same_line(expected[i], status->lines[i]);
    }
    if (!same) {
      out += "status(" + id + ") differs:";
      for (const auto &line : status->lines) {
        out += " " + show_line(line);
      }
      out += "\n  model:";
      for (const auto &line : expected) {
        out += " " + show_line(line);
      }
      out += "\n";
    }
    const auto complete_by = Model<Traits>::latest(promises[index]);
    same = promise->id == order.id &&
           promise->lines.size() == expected.size() &&
           same_promise(promise->complete_by, complete_by, dated);
    for (std::size_t i = 0; same && i < expected.size(); ++i) {
      const auto &line = promise->lines[i];
      same = line.sku == expected[i].sku &&
             line.backordered == expected[i].backordered &&
             same_promise(line.promise, expected[i].promise, dated);
    }
    if (!same) {
      out += "promise(" + id + ") differs: complete by " +
             show(promise->complete_by) + ", model " + show(complete_by);
      for (const auto &line : promise->lines) {
        out += " {" + sku_text(line.sku) + " " + num(line.backordered) + " " +
               show(line.promise) + "}";
      }
      out += "\n";
    }
  }
  // The order the operation named, if closed (or never placed), is unknown.
  if (model.find_order(probe.order) == none) {
    const auto status = inventory.status(probe.order);
    const auto promise = inventory.promise(probe.order);
    if (inventory.contains_order(probe.order) || status ||
        status.error().code != Errc::UnknownOrder || promise ||
        promise.error().code != Errc::UnknownOrder) {
      out += "order " + std::to_string(probe.order) + " is open, model: not\n";
    }
  }
  return out;
}

} // namespace backorder::testing::model
