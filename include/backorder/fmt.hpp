#pragma once

/// Formats backorder's public types with {fmt} 9 or later: errors, promises,
/// stock levels, order status, reports and every event, one readable line
/// each. Opt-in: include it only where {fmt} is linked; the core headers
/// need nothing but the standard library.
///
/// Dates read as YYYY-MM-DD when the traits' clock uses system_clock time
/// points (DefaultTraits, ManualClockTraits), else as the raw tick count
/// since the clock's epoch. SKUs and order ids print with {fmt}'s own
/// formatting of their type. No format spec is accepted: "{}" only.

#include "events.hpp"
#include "promise.hpp"
#include "reports.hpp"
#include "result.hpp"

#include <fmt/format.h>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Parses an empty format spec and refuses any other: the base of every
/// backorder formatter.
struct FmtNoSpec {
  /// Returns the end of the (empty) spec; throws fmt::format_error, or
  /// fails to compile for a checked format string, on a non-empty one.
  constexpr auto parse(fmt::format_parse_context &ctx)
      -> decltype(ctx.begin()) {
    const auto at = ctx.begin();
    if (at != ctx.end() && *at != '}') {
      FMT_THROW(fmt::format_error("backorder types take no format spec"));
    }
    return at;
  }
};

/// Writes a time point as YYYY-MM-DD for system_clock time points, else as
/// its tick count since the clock's epoch.
template <class TimePoint, class Out>
Out format_date(Out out, const TimePoint &when) {
  if constexpr (std::is_same_v<typename TimePoint::clock,
                               std::chrono::system_clock>) {
    const std::chrono::year_month_day date{
        std::chrono::floor<std::chrono::days>(when)};
    return fmt::format_to(
        out, "{:04}-{:02}-{:02}", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  } else {
    return fmt::format_to(out, "{}", when.time_since_epoch().count());
  }
}

/// Returns the singular or the plural, as `count` asks.
constexpr std::string_view plural(std::size_t count, std::string_view one,
                                  std::string_view many) noexcept {
  return count == 1 ? one : many;
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder

namespace fmt {

/// Formats an error code as its enumerator's name: "OutOfStock".
template <> struct formatter<backorder::Errc> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(backorder::Errc code, FormatContext &ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}", backorder::to_string(code));
  }
};

/// Formats an Error, or a type derived from it such as PlaceError, as
/// "<Code>: <message>"; a PlaceError that carries a known promise adds
/// " (could deliver 2026-12-12)", or "around <date>" for a lead-time one.
template <class E>
requires std::derived_from<E, backorder::Error>
struct formatter<E, char> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const E &error, FormatContext &ctx) const -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "{}: {}", error.code, error.message);
    if constexpr (requires(const E &refused) { refused.promise->known(); }) {
      if (error.promise && error.promise->known()) {
        out = fmt::format_to(out, " (could deliver {}",
                             error.promise->source ==
                                     backorder::PromiseSource::LeadTime
                                 ? "around "
                                 : "");
        out = backorder::detail::format_date(out, error.promise->date);
        out = fmt::format_to(out, ")");
      }
    }
    return out;
  }
};

/// Formats a promise source as its enumerator's name: "Inbound".
template <>
struct formatter<backorder::PromiseSource> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(backorder::PromiseSource source, FormatContext &ctx) const
      -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}", backorder::to_string(source));
  }
};

/// Formats a promise: "2026-12-12 (inbound #3)", "2026-12-01 (on hand)",
/// "around 2026-12-22 (lead time)" or "unknown".
template <class Traits>
struct formatter<backorder::Promise<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Promise<Traits> &promise,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    using backorder::PromiseSource;
    auto out = ctx.out();
    switch (promise.source) {
    case PromiseSource::OnHand:
      out = backorder::detail::format_date(out, promise.date);
      return fmt::format_to(out, " (on hand)");
    case PromiseSource::Inbound:
      out = backorder::detail::format_date(out, promise.date);
      return fmt::format_to(out, " (inbound #{})", promise.inbound);
    case PromiseSource::LeadTime:
      out = fmt::format_to(out, "around ");
      out = backorder::detail::format_date(out, promise.date);
      return fmt::format_to(out, " (lead time)");
    case PromiseSource::Unknown:
      break;
    }
    return fmt::format_to(out, "unknown");
  }
};

/// Formats a stock level: "on hand 15, reserved 12, available 3,
/// back-ordered 0 (0 lines), inbound 8".
template <class Traits>
struct formatter<backorder::StockLevel<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::StockLevel<Traits> &level,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(),
        "on hand {}, reserved {}, available {}, back-ordered {} ({} {}), "
        "inbound {}",
        level.on_hand, level.reserved, level.available, level.backordered,
        level.waiting_lines,
        backorder::detail::plural(level.waiting_lines, "line", "lines"),
        level.inbound);
  }
};

/// Formats one line of an order's status: "MUG: ordered 10, allocated 8,
/// shippable 0, back-ordered 2, shipped 0, promise 2026-12-12 (inbound #3)".
template <class Traits>
struct formatter<backorder::LineStatus<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::LineStatus<Traits> &line,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "{}: ordered {}, allocated {}, shippable {}, "
                          "back-ordered {}, shipped {}, promise {}",
                          line.sku, line.ordered, line.allocated,
                          line.shippable, line.backordered, line.shipped,
                          line.promise);
  }
};

/// Formats an order's status on one line: "order 1 (priority 2, ships
/// complete): " then each line's status, joined with "; ". The priority
/// shows when it is not 0.
template <class Traits>
struct formatter<backorder::OrderStatus<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderStatus<Traits> &status,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "order {}", status.id);
    if (status.priority != 0 && status.ship_complete) {
      out = fmt::format_to(out, " (priority {}, ships complete)",
                           status.priority);
    } else if (status.priority != 0) {
      out = fmt::format_to(out, " (priority {})", status.priority);
    } else if (status.ship_complete) {
      out = fmt::format_to(out, " (ships complete)");
    }
    *out++ = ':';
    std::string_view separator = " ";
    for (const auto &line : status.lines) {
      out = fmt::format_to(out, "{}{}", separator, line);
      separator = "; ";
    }
    return out;
  }
};

/// Formats when one line of an order is expected: "MUG: 2 back-ordered,
/// promise 2026-12-12 (inbound #3)".
template <class Traits>
struct formatter<backorder::LinePromise<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::LinePromise<Traits> &line,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}: {} back-ordered, promise {}",
                          line.sku, line.backordered, line.promise);
  }
};

/// Formats when an order is expected: "order 1 complete by 2026-12-12
/// (inbound #3): " then each line's promise, joined with "; ".
template <class Traits>
struct formatter<backorder::OrderPromise<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderPromise<Traits> &promise,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "order {} complete by {}:", promise.id,
                              promise.complete_by);
    std::string_view separator = " ";
    for (const auto &line : promise.lines) {
      out = fmt::format_to(out, "{}{}", separator, line);
      separator = "; ";
    }
    return out;
  }
};

/// Formats an expected supplier delivery: "inbound #3: 8 x MUG due
/// 2026-12-12".
template <class Traits>
struct formatter<backorder::InboundDelivery<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::InboundDelivery<Traits> &delivery,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "inbound #{}: {} x {} due ",
                              delivery.id, delivery.units, delivery.sku);
    return backorder::detail::format_date(out, delivery.eta);
  }
};

/// Formats what `place` did: "10 allocated, 2 back-ordered, 10 shippable,
/// promise 2026-12-12 (inbound #3)".
template <class Traits>
struct formatter<backorder::Placement<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Placement<Traits> &placement,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "{} allocated, {} back-ordered, {} shippable, promise {}",
        placement.allocated, placement.backordered, placement.shippable,
        placement.promise);
  }
};

/// Formats what `receive` did: "8 allocated to 2 lines, 3 available".
template <class Traits>
struct formatter<backorder::Receipt<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Receipt<Traits> &receipt,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "{} allocated to {} {}, {} available", receipt.allocated,
        receipt.lines_served,
        backorder::detail::plural(receipt.lines_served, "line", "lines"),
        receipt.available);
  }
};

/// Formats what `receive_inbound` did: "received 6, 0 over, 2 still
/// expected, 6 allocated to 2 lines, 0 available"; "closed" replaces the
/// units still expected once the delivery is complete.
template <class Traits>
struct formatter<backorder::InboundReceipt<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::InboundReceipt<Traits> &receipt,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    auto out = fmt::format_to(ctx.out(), "received {}, {} over, ",
                              receipt.received, receipt.over_delivered);
    out = receipt.closed ? fmt::format_to(out, "closed")
                         : fmt::format_to(out, "{} still expected",
                                          receipt.still_expected);
    return fmt::format_to(
        out, ", {} allocated to {} {}, {} available", receipt.allocated,
        receipt.lines_served,
        backorder::detail::plural(receipt.lines_served, "line", "lines"),
        receipt.available);
  }
};

/// Formats what `adjust` did: "on hand 12, 0 allocated, 3 taken back,
/// 1 line touched".
template <class Traits>
struct formatter<backorder::Adjustment<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Adjustment<Traits> &adjustment,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "on hand {}, {} allocated, {} taken back, {} {} touched",
        adjustment.on_hand, adjustment.allocated, adjustment.taken_back,
        adjustment.lines_touched,
        backorder::detail::plural(adjustment.lines_touched, "line", "lines"));
  }
};

/// Formats what `cancel` did: "5 released, 2 back-ordered dropped,
/// 5 handed on".
template <class Traits>
struct formatter<backorder::Cancellation<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Cancellation<Traits> &cancellation,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "{} released, {} back-ordered dropped, {} handed on",
        cancellation.released, cancellation.unfilled, cancellation.reallocated);
  }
};

/// Formats what `ship` did: "10 units on 2 lines, order closed" or
/// "..., order still open".
template <class Traits>
struct formatter<backorder::Shipment<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::Shipment<Traits> &shipment,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "{} {} on {} {}, order {}", shipment.units,
        shipment.units == 1 ? "unit" : "units", shipment.lines,
        backorder::detail::plural(shipment.lines, "line", "lines"),
        shipment.order_closed ? "closed" : "still open");
  }
};

/// Formats an OrderPlaced event: "order 1 placed: 10 allocated,
/// 2 back-ordered, promise 2026-12-12 (inbound #3)".
template <class Traits>
struct formatter<backorder::OrderPlaced<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderPlaced<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "order {} placed: {} allocated, {} back-ordered, promise {}",
        event.order_id, event.allocated, event.backordered, event.promise);
  }
};

/// Formats a LineAllocated event: "order 1 line 0 (MUG): 10 allocated now,
/// holds 10, waits for 2".
template <class Traits>
struct formatter<backorder::LineAllocated<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::LineAllocated<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "order {} line {} ({}): {} allocated now, holds {}, "
                          "waits for {}",
                          event.order_id, event.line, event.sku, event.units,
                          event.allocated, event.backordered);
  }
};

/// Formats a LineBackordered event: "order 1 line 0 (MUG): back-ordered,
/// waits for 2, promise 2026-12-12 (inbound #3)".
template <class Traits>
struct formatter<backorder::LineBackordered<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::LineBackordered<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "order {} line {} ({}): back-ordered, waits for {}, "
                          "promise {}",
                          event.order_id, event.line, event.sku,
                          event.backordered, event.promise);
  }
};

/// Formats an OrderReady event: "order 1 ready to ship: 10 units
/// (complete)", or "(partial)" while some line still waits.
template <class Traits>
struct formatter<backorder::OrderReady<Traits>> : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderReady<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "order {} ready to ship: {} {} ({})",
                          event.order_id, event.shippable,
                          event.shippable == 1 ? "unit" : "units",
                          event.complete ? "complete" : "partial");
  }
};

/// Formats a PromiseMoved event: "order 1 line 0 (MUG): promise moved from
/// 2026-12-05 (inbound #1) to 2026-12-09 (inbound #2)".
template <class Traits>
struct formatter<backorder::PromiseMoved<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::PromiseMoved<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "order {} line {} ({}): promise moved from {} to {}",
        event.order_id, event.line, event.sku, event.from, event.to);
  }
};

/// Formats an OrderShipped event: "order 1 shipped: 10 units on 2 lines,
/// closed", or "still open".
template <class Traits>
struct formatter<backorder::OrderShipped<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderShipped<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(
        ctx.out(), "order {} shipped: {} {} on {} {}, {}", event.order_id,
        event.units, event.units == 1 ? "unit" : "units", event.lines,
        backorder::detail::plural(event.lines, "line", "lines"),
        event.closed ? "closed" : "still open");
  }
};

/// Formats an OrderCancelled event: "order 1 cancelled: 5 reserved units
/// released, 2 back-ordered units dropped".
template <class Traits>
struct formatter<backorder::OrderCancelled<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::OrderCancelled<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(),
                          "order {} cancelled: {} reserved units released, {} "
                          "back-ordered units dropped",
                          event.order_id, event.released, event.unfilled);
  }
};

/// Formats a BackInStock event: "MUG back in stock: 8 available".
template <class Traits>
struct formatter<backorder::BackInStock<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::BackInStock<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} back in stock: {} available",
                          event.sku, event.available);
  }
};

/// Formats a StockChanged event: "MUG stock: on hand 0, ... -> on hand 5,
/// ...", both levels as StockLevel formats them.
template <class Traits>
struct formatter<backorder::StockChanged<Traits>>
    : backorder::detail::FmtNoSpec {
  template <class FormatContext>
  auto format(const backorder::StockChanged<Traits> &event,
              FormatContext &ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{} stock: {} -> {}", event.sku,
                          event.before, event.after);
  }
};

} // namespace fmt
