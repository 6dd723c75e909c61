// Randomized test of Inventory against a plain reference model.
//
// Each run drives one Inventory and a reference model with the same
// pseudo-random operations (a fixed seed per run), valid and invalid, and
// after every operation compares the error code or the report, every SKU's
// stock level and settings, every open order's status line by line, and the
// library's own invariant check. The model is written straight from the
// design's definitions: a vector of SKUs and a vector of open orders with
// their lines, re-ranked by sorting whenever units are handed out or taken
// back, with each policy's hand-out rule (rank order, FirstFit, ProRata)
// spelled out on its own; it shares nothing with the library but the public
// report types.

#include "catch.hpp"

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

namespace {

using backorder::Errc;
using Quantity = std::int64_t;
using OrderId = std::uint64_t;

constexpr Quantity max_qty = std::numeric_limits<Quantity>::max();
constexpr Quantity min_qty = std::numeric_limits<Quantity>::min();
constexpr std::size_t none = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------
// Text

std::string num(Quantity value) { return std::to_string(value); }
std::string num(std::size_t value) { return std::to_string(value); }

template <class Sku> std::string sku_text(const Sku &sku) {
  if constexpr (std::is_convertible_v<const Sku &, std::string_view>) {
    return "\"" + std::string(sku) + "\"";
  } else {
    return std::to_string(sku);
  }
}

std::string errc_text(const std::optional<Errc> &code) {
  return code ? std::string(backorder::to_string(*code)) : std::string("ok");
}

/// A report's name and fields, compared as numbers and printed only when
/// they differ.
struct Report {
  const char *name = "ok";
  std::array<const char *, 4> labels{};
  std::array<Quantity, 4> values{};

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

Quantity count(std::size_t lines) { return static_cast<Quantity>(lines); }

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

template <class T> Report fields(const backorder::Placement<T> &p) {
  return {"Placement",
          {"allocated", "backordered", "shippable"},
          {p.allocated, p.backordered, p.shippable}};
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

template <class T> std::string show(const backorder::SkuConfig<T> &c) {
  return std::string("SkuConfig{backorderable=") +
         (c.backorderable ? "true" : "false") +
         " limit=" + (c.backorder_limit ? num(*c.backorder_limit) : "none") +
         "}";
}

/// The fields of a StockLevel the model predicts (no inbound supply is
/// ever expected here).
struct Stock {
  Quantity on_hand = 0;
  Quantity reserved = 0;
  Quantity available = 0;
  Quantity backordered = 0;
  std::size_t waiting_lines = 0;

  friend bool operator==(const Stock &, const Stock &) = default;
};

template <class Level> Stock stock_fields(const Level &level) {
  return Stock{level.on_hand, level.reserved, level.available,
               level.backordered, level.waiting_lines};
}

std::string show(const Stock &s) {
  return "{on_hand=" + num(s.on_hand) + " reserved=" + num(s.reserved) +
         " available=" + num(s.available) +
         " backordered=" + num(s.backordered) +
         " waiting_lines=" + num(s.waiting_lines) + "}";
}

/// The fields of a LineStatus the model predicts (promises are not
/// modelled).
template <class Sku> struct Line {
  Sku sku{};
  Quantity ordered = 0;
  Quantity allocated = 0;
  Quantity shippable = 0;
  Quantity backordered = 0;
  Quantity shipped = 0;
};

template <class Status> std::string show_line(const Status &l) {
  return "{sku=" + sku_text(l.sku) + " ordered=" + num(l.ordered) +
         " allocated=" + num(l.allocated) + " shippable=" + num(l.shippable) +
         " backordered=" + num(l.backordered) + " shipped=" + num(l.shipped) +
         "}";
}

/// What an operation returned: an error code, or its report.
struct Outcome {
  std::optional<Errc> error;
  Report report;
  bool message = true; ///< false for an error without a message

  friend bool operator==(const Outcome &, const Outcome &) = default;

  [[nodiscard]] std::string text() const {
    if (error) {
      return errc_text(error) + (message ? "" : " (without a message)");
    }
    return report.text();
  }
};

Outcome failed(Errc code) { return Outcome{code, {}, true}; }

template <class R> Outcome succeeded(const R &report) {
  return Outcome{std::nullopt, fields(report), true};
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

Rules fifo_rules() { return Rules{}; }

Rules priority_rules() {
  Rules rules;
  rules.by_priority = true;
  return rules;
}

Rules partial_fill_rules() {
  Rules rules;
  rules.ships_partial = true;
  return rules;
}

Rules first_fit_rules(std::uint32_t max_skips) {
  Rules rules;
  rules.hand_out = HandOut::FirstFit;
  rules.max_skips = max_skips;
  return rules;
}

Rules pro_rata_rules(Quantity min_share, bool leftover_by_arrival) {
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

template <class Sku> struct ModelSku {
  Sku name{};
  bool backorderable = true;
  std::optional<Quantity> limit;
  Quantity on_hand = 0;
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

  explicit Model(Rules rules) : rules_(rules) {}

  std::vector<ModelSku<Sku>> skus;
  std::vector<ModelOrder> orders; ///< open orders only
  Stats stats;

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

  /// Returns true when a library LineStatus shows line `index` of `order`.
  template <class Status>
  [[nodiscard]] bool same_line(const ModelOrder &order, std::size_t index,
                               const Status &actual) const {
    const ModelLine &line = order.lines[index];
    return actual.sku == skus[line.sku].name &&
           actual.ordered == line.ordered &&
           actual.allocated == line.allocated &&
           actual.shippable == shippable(order, line) &&
           actual.backordered == line.outstanding() &&
           actual.shipped == line.shipped;
  }

  [[nodiscard]] std::vector<Line<Sku>> status(const ModelOrder &order) const {
    std::vector<Line<Sku>> lines;
    for (const auto &line : order.lines) {
      lines.push_back(Line<Sku>{skus[line.sku].name, line.ordered,
                                line.allocated, shippable(order, line),
                                line.outstanding(), line.shipped});
    }
    return lines;
  }

  // --- operations ----------------------------------------------------------

  Outcome add_sku(const Sku &name, const Config &config) {
    if (find_sku(name) != none) {
      return failed(Errc::DuplicateSku);
    }
    if (config.backorder_limit && *config.backorder_limit < 0) {
      return failed(Errc::InvalidQuantity);
    }
    skus.push_back(
        ModelSku<Sku>{name, config.backorderable, config.backorder_limit, 0});
    return Outcome{};
  }

  Outcome configure(const Sku &name, const Config &config) {
    const std::size_t sku = find_sku(name);
    if (sku == none) {
      return failed(Errc::UnknownSku);
    }
    if (config.backorder_limit && *config.backorder_limit < 0) {
      return failed(Errc::InvalidQuantity);
    }
    skus[sku].backorderable = config.backorderable;
    skus[sku].limit = config.backorder_limit;
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
      const ModelSku<Sku> &sku = skus[order_skus[i]];
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
    return succeeded(placement);
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
  Handout fill(std::size_t sku) {
    const Quantity free_units = available(sku);
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

  Rules rules_;
  std::uint64_t arrivals_ = 0;
};

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

/// Turns a library Result into an Outcome, checking that an error says
/// something.
template <class R> Outcome outcome_of(const R &result) {
  if (!result) {
    Outcome outcome = failed(result.error().code);
    outcome.message = !result.error().message.empty();
    return outcome;
  }
  if constexpr (std::is_void_v<typename R::value_type>) {
    return Outcome{};
  } else {
    return succeeded(*result);
  }
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

/// Returns every difference between the library's state and the model's,
/// or an empty string. Builds text only for a difference.
template <class Inventory, class Traits>
std::string compare_state(const Inventory &inventory,
                          const Model<Traits> &model,
                          const std::vector<Stock> &levels, OrderId touched,
                          bool settings) {
  using Sku = typename Traits::Sku;
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
  }
  // Settings and SKUs that are not registered change only through
  // add_sku and configure: checked after those and now and then.
  for (std::size_t i = 0; settings && i < sku_pool; ++i) {
    const Sku name = sku_key<Sku>(i);
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
               config->backorder_limit != model.skus[sku].limit) {
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
  for (const auto &order : model.orders) {
    const auto status = inventory.status(order.id);
    if (!status) {
      out += "status(" + std::to_string(order.id) + ") fails, model: open\n";
      continue;
    }
    bool same = status->id == order.id && status->priority == order.priority &&
                status->ship_complete == order.ship_complete &&
                status->lines.size() == order.lines.size();
    for (std::size_t i = 0; same && i < order.lines.size(); ++i) {
      same = model.same_line(order, i, status->lines[i]);
    }
    if (!same) {
      const auto expected = model.status(order);
      out += "status(" + std::to_string(order.id) + ") differs:";
      for (const auto &line : status->lines) {
        out += " " + show_line(line);
      }
      out += "\n  model:";
      for (const auto &line : expected) {
        out += " " + show_line(line);
      }
      out += "\n";
    }
  }
  // The order the operation named, if closed (or never placed), is unknown.
  if (model.find_order(touched) == none) {
    const auto status = inventory.status(touched);
    if (inventory.contains_order(touched) || status ||
        status.error().code != Errc::UnknownOrder) {
      out += "order " + std::to_string(touched) + " is open, model: not\n";
    }
  }
  return out;
}

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
    mismatch += compare_state(
        inventory, model, levels, op.kind == Kind::Place ? op.order.id : op.id,
        op.kind == Kind::AddSku || op.kind == Kind::Configure ||
            index % 64 == 0);

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
