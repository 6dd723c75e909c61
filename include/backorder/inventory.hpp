#pragma once

#include "back_order_queue.hpp"
#include "clock.hpp"
#include "config.hpp"
#include "detail/arithmetic.hpp"
#include "detail/describe.hpp"
#include "detail/flat_index.hpp"
#include "detail/hash.hpp"
#include "detail/pool.hpp"
#include "events.hpp"
#include "fwd.hpp"
#include "order.hpp"
#include "policies/policy.hpp"
#include "promise.hpp"
#include "reports.hpp"
#include "result.hpp"
#include "sku_config.hpp"
#include "traits.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Keeps the stock of every SKU, the open orders, and one BackOrderQueue
/// per SKU: the ledger a shop engine keeps in memory. Every operation that
/// can be refused returns a Result and changes nothing when it is refused.
/// One writer at a time; concurrent reads of a const Inventory are safe.
template <class Policy, class Traits, class Listener> class Inventory {
  static_assert(InventoryTraits<Traits>,
                "backorder: Traits must name Sku, OrderId, a signed integral "
                "Quantity and Clock (see DefaultTraits)");
  static_assert(detail::check_policy<Policy>());

public:
  using policy_type = Policy;
  using traits_type = Traits;
  using listener_type = Listener;
  using Sku = typename Traits::Sku;
  /// The type SKUs are looked up by: std::string_view for string SKUs.
  using SkuView = detail::sku_view_t<Sku>;
  using OrderId = typename Traits::OrderId;
  using Quantity = typename Traits::Quantity;
  using Config = SkuConfig<Traits>;
  using OrderType = Order<Traits>;
  using Queue = BackOrderQueue<Policy, Traits>;
  using Clock = typename Traits::Clock;
  using TimePoint = typename Clock::time_point;
  using Duration = typename Clock::duration;
  using PromiseType = Promise<Traits>;

  /// Makes an empty inventory.
  Inventory() = default;
  /// Makes an empty inventory that reads time from `clock`.
  explicit Inventory(Clock clock) requires(!std::is_same_v<Clock, Policy> &&
                                           !std::is_same_v<Clock, Listener>)
      : clock_(std::move(clock)) {}
  /// Makes an empty inventory with the given policy, listener and clock
  /// objects. The clock is the only source of time the inventory reads.
  explicit Inventory(Policy policy, Listener listener = Listener{},
                     Clock clock = Clock{})
      : policy_(std::move(policy)), listener_(std::move(listener)),
        clock_(std::move(clock)) {}

  /// Registers a SKU. Fails with DuplicateSku, or InvalidQuantity for a
  /// negative backorder limit or lead time. Amortised O(1).
  Result<void> add_sku(SkuView sku, Config config = Config{}) {
    check_not_publishing();
    if (find_sku(sku) != npos) {
      return detail::make_error(Errc::DuplicateSku,
                                detail::message("SKU ", detail::describe(sku),
                                                " is already registered"));
    }
    if (auto error = validate(sku, config)) {
      return std::move(*error);
    }
    sku_index_.reserve(skus_.size() + 1);
    detail::reserve_geometric(skus_, skus_.size() + 1);
    skus_.push_back(
        SkuRecord{.sku = Sku(sku), .queue = Queue(policy_), .config = config});
    sku_index_.insert(detail::hash_key(sku),
                      static_cast<std::uint32_t>(skus_.size() - 1));
    return {};
  }

  /// Changes a SKU's settings; lines already waiting stay. Fails with
  /// UnknownSku, or InvalidQuantity for a negative limit or lead time. O(1).
  Result<void> configure(SkuView sku, Config config) {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    if (auto error = validate(sku, config)) {
      return std::move(*error);
    }
    begin_journal();
    note_sku(slot);
    skus_[slot].config = config;
    publish();
    return {};
  }

  /// Adds arriving units; the policy hands them to waiting lines and the
  /// rest becomes free stock. O(lines served + priority levels).
  Result<Receipt<Traits>> receive(SkuView sku, Quantity units) {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    SkuRecord &record = skus_[slot];
    if (units <= 0) {
      return not_positive(
          detail::message("receipt of SKU ", detail::describe(sku)), units);
    }
    if (!detail::add_fits(record.on_hand, units)) {
      return on_hand_overflow(record, units);
    }
    begin_journal();
    note_sku(slot);
    reserve_journal(record.queue.waiting_lines(), 0);
    record.queue.reserve_fill();
    record.on_hand += units;
    record.received += static_cast<std::uint64_t>(units);
    const Handout handout = hand_out(record);
    const Receipt<Traits> receipt{handout.units, available(record),
                                  handout.lines};
    publish();
    return receipt;
  }

  /// Corrects the stock count by `delta` units. A gain is handed to waiting
  /// lines like a receipt; a loss larger than the free stock takes units
  /// back from the lowest-ranked reservations, which wait again. Fails with
  /// InvalidQuantity for zero or for removing more than is on hand.
  /// O(lines touched + priority levels).
  Result<Adjustment<Traits>> adjust(SkuView sku, Quantity delta) {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    SkuRecord &record = skus_[slot];
    if (delta == 0) {
      return detail::make_error(Errc::InvalidQuantity,
                                detail::message("adjustment of SKU ",
                                                detail::describe(sku),
                                                ": a change of 0 units"));
    }
    Adjustment<Traits> adjustment;
    if (delta > 0) {
      if (!detail::add_fits(record.on_hand, delta)) {
        return on_hand_overflow(record, delta);
      }
      begin_journal();
      note_sku(slot);
      reserve_journal(record.queue.waiting_lines(), 0);
      record.queue.reserve_fill();
      record.on_hand += delta;
      record.added += static_cast<std::uint64_t>(delta);
      const Handout handout = hand_out(record);
      adjustment.allocated = handout.units;
      adjustment.lines_touched = handout.lines;
    } else {
      if (delta == std::numeric_limits<Quantity>::min()) {
        return detail::make_error(Errc::QuantityOverflow,
                                  detail::message("adjustment of SKU ",
                                                  detail::describe(sku), ": ",
                                                  detail::describe(delta),
                                                  " units cannot be negated"));
      }
      const Quantity removal = -delta;
      if (removal > record.on_hand) {
        return detail::make_error(
            Errc::InvalidQuantity,
            detail::message("adjustment of SKU ", detail::describe(sku),
                            " removes ", detail::describe(removal),
                            " units but only ",
                            detail::describe(record.on_hand), " are on hand"));
      }
      const Quantity deficit = removal - available(record);
      if (deficit > 0 &&
          !detail::add_fits(record.queue.units_outstanding(), deficit)) {
        return detail::make_error(
            Errc::QuantityOverflow,
            detail::message("adjustment of SKU ", detail::describe(sku),
                            ": taking back ", detail::describe(deficit),
                            " units would overflow its back-ordered count"));
      }
      begin_journal();
      note_sku(slot);
      reserve_journal(0, record.queue.size());
      if (deficit > 0) {
        adjustment.taken_back = record.queue.take_back(
            deficit, [&](auto, const auto &line, Quantity) {
              ++adjustment.lines_touched;
              note_waiting(line.tag);
            });
      }
      record.on_hand -= removal;
      record.removed += static_cast<std::uint64_t>(removal);
    }
    adjustment.on_hand = record.on_hand;
    publish();
    return adjustment;
  }

  /// Places an order atomically: every line is allocated from free stock
  /// and/or back-ordered, or the whole order is refused and nothing
  /// changes. Fails with EmptyOrder, DuplicateOrder, UnknownSku,
  /// InvalidQuantity, QuantityOverflow, OutOfStock (a SKU that is not
  /// backorderable cannot fill the line now), BackorderLimitExceeded, or
  /// WaitTooLong (the order's promise is later than now + max_wait, or
  /// unknown; the error carries that promise).
  /// O(lines of the order x (levels + log lines + log deliveries)).
  Result<Placement<Traits>, PlaceError<Traits>> place(const OrderType &order) {
    if (order.lines.empty()) {
      return detail::make_error(Errc::EmptyOrder,
                                detail::message("order ",
                                                detail::describe(order.id),
                                                " has no lines"));
    }
    const std::uint32_t order_hash = detail::hash_key(order.id);
    if (find_order(order.id, order_hash) != npos) {
      return detail::make_error(Errc::DuplicateOrder,
                                detail::message("order ",
                                                detail::describe(order.id),
                                                " is already open"));
    }
    BACKORDER_ASSERT(order.lines.size() < npos, "too many lines in one order");
    if (order.max_wait && *order.max_wait < Duration::zero()) {
      return detail::make_error(
          Errc::InvalidQuantity,
          detail::message("order ", detail::describe(order.id),
                          ": max_wait must not be negative"));
    }
    std::optional<Error> error;
    {
      const PendingReset reset(*this); // even if building an error fails
      error = resolve_lines(order);
    }
    if (error) {
      return std::move(*error);
    }

    // Reserve every container first: from here on nothing can fail but the
    // simulated promise of FirstFit and ProRata, which withdraws the order.
    const std::size_t count = order.lines.size();
    records_.reserve_more(count);
    order_index_.reserve(open_orders_ + 1);
    for (std::size_t index = 0; index < count; ++index) {
      SkuRecord &record = skus_[scratch_[index]];
      record.queue.reserve_push(order.lines[index].quantity, order.priority,
                                record.lines);
      record.queue.reserve_fill(record.lines);
    }
    begin_journal();
    for (const std::uint32_t slot : scratch_) {
      note_sku(slot);
    }
    reserve_journal(count, count);

    // The first line's record holds the order.
    const std::uint32_t order_slot = records_.acquire();
    Record &opened = records_[order_slot];
    opened.id = order.id;
    opened.priority = order.priority;
    opened.first_line = order_slot;
    opened.line_count = 0;
    opened.ship_complete = order.ship_complete;
    opened.live = true;
    opened.ready_told = {};
    order_index_.insert(order_hash, order_slot);
    ++open_orders_;
    std::uint32_t previous = npos;
    for (std::size_t index = 0; index < count; ++index) {
      const std::uint32_t sku_slot = scratch_[index];
      SkuRecord &record = skus_[sku_slot];
      const Quantity quantity = order.lines[index].quantity;
      std::uint32_t line_slot = order_slot;
      if (previous != npos) {
        line_slot = records_.acquire();
        records_[line_slot].live = false; // holds a line, not an order
        records_[previous].next = line_slot;
      }
      // Every line field is set here, none kept from the slot's last use
      // (assigning a whole Record{} would build it on the stack first).
      Record &line = records_[line_slot];
      line.sku = sku_slot;
      line.next = npos;
      line.order = order_slot;
      line.index = static_cast<std::uint32_t>(index);
      line.ordered = quantity;
      line.shipped = 0;
      line.told = {};
      line.handle =
          record.queue.push(order.id, quantity, order.priority, line_slot);
      previous = line_slot;
      ++records_[order_slot].line_count;
      hand_out(record);
    }

    Placement<Traits> placement;
    const Today today(clock_);
    const OrderRecord &record = records_[order_slot];
    const bool hold = holds_shipment(record);
    bool first = true;
    const auto add_line = [&](const LineRecord &line,
                              const PromiseType &promise) {
      const auto &queued = queue_line(line);
      placement.allocated += queued.allocated;
      placement.backordered += queued.outstanding();
      placement.shippable +=
          hold ? Quantity{0} : queue_of(line).shippable(line.handle);
      if (first || promise.later_than(placement.promise)) {
        placement.promise = promise; // the latest line's (unknown beats all)
        first = false;
      }
    };
#if defined(__cpp_exceptions)
    try {
      for_each_line_promise(order_slot, today, add_line);
    } catch (...) {
      withdraw(order_slot); // a simulated promise could not allocate
      throw;
    }
#else
    for_each_line_promise(order_slot, today, add_line);
#endif
    if (order.max_wait &&
        !within_wait(placement.promise, *order.max_wait, today)) {
      withdraw(order_slot);
      return PlaceError<Traits>(
          detail::make_error(
              Errc::WaitTooLong,
              detail::message("order ", detail::describe(order.id),
                              placement.promise.known()
                                  ? " would wait past its max_wait"
                                  : " has no known delivery date")),
          placement.promise);
    }
    if constexpr (tells_waiting) {
      for_each_line(record, [&](std::uint32_t, std::uint32_t line_slot,
                                const LineRecord &line) {
        if (queue_line(line).outstanding() > 0) {
          note_waiting(line_slot);
        }
      });
    }
    publish([&] {
      emit(OrderPlaced<Traits>{order.id, placement.allocated,
                               placement.backordered, placement.promise});
    });
    return placement;
  }

  /// Cancels everything of an order that has not shipped: reserved units
  /// return to stock and flow on to the next waiting lines, and the order
  /// closes. Fails with UnknownOrder. O(lines of the order x log priority
  /// levels + lines served by the released units).
  Result<Cancellation<Traits>> cancel(OrderId id) {
    const std::uint32_t order_hash = detail::hash_key(id);
    const std::uint32_t order_slot = find_order(id, order_hash);
    if (order_slot == npos) {
      return unknown_order(id);
    }
    Cancellation<Traits> cancellation;
    const OrderRecord &order = records_[order_slot];
    begin_journal();
    std::size_t could_serve = 0;
    for_each_line(order,
                  [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
                    note_sku(line.sku);
                    could_serve += skus_[line.sku].queue.waiting_lines();
                    skus_[line.sku].queue.reserve_fill();
                  });
    reserve_journal(could_serve, 0);
    for_each_line(
        order, [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
          if (line.shipped < line.ordered) {
            Queue &queue = queue_of(line);
            cancellation.unfilled += queue.line(line.handle).outstanding();
            cancellation.released += queue.erase(line.handle);
          }
        });
    // Hand on only once every line of the order has left its queue, so a
    // line of the cancelled order never receives units.
    for_each_line(order,
                  [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
                    // Several SKUs may each hand out up to the maximum:
                    // saturate.
                    const Quantity handed = hand_out(skus_[line.sku]).units;
                    cancellation.reallocated =
                        detail::add_fits(cancellation.reallocated, handed)
                            ? cancellation.reallocated + handed
                            : std::numeric_limits<Quantity>::max();
                  });
    close(order_slot, order_hash);
    publish([&] {
      emit(OrderCancelled<Traits>{id, cancellation.released,
                                  cancellation.unfilled});
    });
    return cancellation;
  }

  /// Ships every unit of the order that may ship now (per the policy and
  /// `ship_complete`), removing it from stock; an order with nothing left
  /// open closes. Fails with UnknownOrder or NothingToShip. O(lines of the
  /// order x log priority levels).
  Result<Shipment<Traits>> ship(OrderId id) {
    return ship(id, [](const ShippedLine<Traits> &) noexcept {});
  }

  /// Ships like `ship(id)` and calls `on_line(const ShippedLine&)` for
  /// each line that shipped units, in line order.
  template <class OnLine>
  Result<Shipment<Traits>> ship(OrderId id, OnLine &&on_line) {
    const std::uint32_t order_hash = detail::hash_key(id);
    const std::uint32_t order_slot = find_order(id, order_hash);
    if (order_slot == npos) {
      return unknown_order(id);
    }
    const OrderRecord &order = records_[order_slot];
    const bool hold = holds_shipment(order);
    Quantity total = 0;
    Quantity waiting = 0;
    for_each_line(
        order, [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
          if (line.shipped < line.ordered) {
            total += hold ? Quantity{0} : queue_of(line).shippable(line.handle);
            waiting += queue_line(line).outstanding();
          }
        });
    if (total == 0) {
      return detail::make_error(
          Errc::NothingToShip,
          detail::message("order ", detail::describe(id),
                          " has nothing to ship: ", detail::describe(waiting),
                          " units still back-ordered",
                          hold ? " and it ships complete" : ""));
    }
    Shipment<Traits> shipment;
    bool open = false;
    begin_journal();
    for_each_line(order, [&](std::uint32_t, std::uint32_t,
                             const LineRecord &line) { note_sku(line.sku); });
    shipped_.clear();
    detail::reserve_geometric(shipped_, order.line_count);
    for_each_line(order, [&](std::uint32_t index, std::uint32_t line_slot,
                             const LineRecord &) {
      LineRecord &line = records_[line_slot];
      if (line.shipped == line.ordered) {
        return;
      }
      SkuRecord &record = skus_[line.sku];
      const Quantity units = record.queue.shippable(line.handle);
      if (units > 0) {
        record.queue.ship(line.handle, units);
        line.shipped += units;
        record.on_hand -= units;
        record.shipped += static_cast<std::uint64_t>(units);
        shipment.units += units;
        ++shipment.lines;
        shipped_.push_back(Shipped{index, line.sku, units});
      }
      open = open || line.shipped < line.ordered;
    });
    shipment.order_closed = !open;
    if (!open) {
      close(order_slot, order_hash);
    }
    // The visitor runs once the shipment is complete, so a visitor that
    // throws cannot leave it half done.
    for (const Shipped &line : shipped_) {
      on_line(ShippedLine<Traits>{line.index, skus_[line.sku].sku, line.units});
    }
    publish([&] {
      emit(OrderShipped<Traits>{id, shipment.units, shipment.lines,
                                shipment.order_closed});
    });
    return shipment;
  }

  /// Records a supplier delivery of `units` expected at `eta` and returns
  /// its id. Fails with UnknownSku, InvalidQuantity or QuantityOverflow.
  /// O(deliveries of the SKU).
  Result<InboundId> expect(SkuView sku, Quantity units, TimePoint eta) {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    SkuRecord &record = skus_[slot];
    if (units <= 0) {
      return not_positive(
          detail::message("expected delivery of SKU ", detail::describe(sku)),
          units);
    }
    if (!detail::add_fits(record.inbound, units)) {
      return detail::make_error(
          Errc::QuantityOverflow,
          detail::message("SKU ", detail::describe(sku), ": expecting ",
                          detail::describe(units), " more units on top of ",
                          detail::describe(record.inbound),
                          " overflows the quantity type"));
    }
    detail::reserve_geometric(record.schedule, record.schedule.size() + 1);
    inbound_.reserve_more(1);
    inbound_index_.reserve(inbound_.size() + 1);

    begin_journal();
    note_sku(slot);
    const InboundId id = next_inbound_id_++;
    const std::uint32_t inbound_slot =
        inbound_.acquire(InboundRecord{id, slot, eta, true});
    inbound_index_.insert(detail::hash_key(id), inbound_slot);
    const auto at = schedule_position(record, eta, id);
    const auto index = static_cast<std::size_t>(at - record.schedule.begin());
    record.schedule.insert(at, Scheduled{eta, id, units, 0});
    refresh_cumulative(record, index);
    record.inbound += units;
    publish();
    return id;
  }

  /// Moves an expected delivery to a new date. Fails with UnknownInbound.
  /// O(deliveries of the SKU).
  Result<void> reschedule(InboundId id, TimePoint eta) {
    const std::uint32_t inbound_slot = find_inbound(id);
    if (inbound_slot == npos) {
      return unknown_inbound(id);
    }
    InboundRecord &inbound = inbound_[inbound_slot];
    SkuRecord &record = skus_[inbound.sku];
    begin_journal();
    note_sku(inbound.sku);
    const auto from = schedule_position(record, inbound.eta, id);
    Scheduled moved = *from;
    const auto first = static_cast<std::size_t>(from - record.schedule.begin());
    record.schedule.erase(from);
    moved.eta = eta;
    inbound.eta = eta;
    const auto to = schedule_position(record, eta, id);
    const auto second = static_cast<std::size_t>(to - record.schedule.begin());
    record.schedule.insert(to, moved); // capacity kept: never allocates
    refresh_cumulative(record, std::min(first, second));
    publish();
    return {};
  }

  /// Cancels an expected delivery and returns the units no longer expected.
  /// Fails with UnknownInbound. O(deliveries of the SKU).
  Result<Quantity> cancel_inbound(InboundId id) {
    const std::uint32_t inbound_slot = find_inbound(id);
    if (inbound_slot == npos) {
      return unknown_inbound(id);
    }
    begin_journal();
    note_sku(inbound_[inbound_slot].sku);
    const Quantity units = remove_delivery(inbound_slot);
    publish();
    return units;
  }

  /// Receives `units` of an expected delivery: they enter stock like a
  /// receipt. A partial receipt leaves the rest expected; receiving more
  /// than expected is allowed and reported. Fails with UnknownInbound,
  /// InvalidQuantity or QuantityOverflow. O(deliveries of the SKU + lines
  /// served + levels).
  Result<InboundReceipt<Traits>> receive_inbound(InboundId id, Quantity units) {
    const std::uint32_t inbound_slot = find_inbound(id);
    if (inbound_slot == npos) {
      return unknown_inbound(id);
    }
    SkuRecord &record = skus_[inbound_[inbound_slot].sku];
    if (units <= 0) {
      return not_positive(
          detail::message("receipt of inbound delivery ", detail::describe(id)),
          units);
    }
    if (!detail::add_fits(record.on_hand, units)) {
      return on_hand_overflow(record, units);
    }
    begin_journal();
    note_sku(inbound_[inbound_slot].sku);
    reserve_journal(record.queue.waiting_lines(), 0);
    record.queue.reserve_fill();
    InboundReceipt<Traits> receipt;
    receipt.received = units;
    auto at = schedule_position(record, inbound_[inbound_slot].eta, id);
    if (units >= at->units) {
      receipt.over_delivered = units - at->units;
      receipt.closed = true;
      remove_delivery(inbound_slot);
    } else {
      at->units -= units;
      record.inbound -= units;
      refresh_cumulative(
          record, static_cast<std::size_t>(at - record.schedule.begin()));
      receipt.still_expected = at->units;
    }
    record.on_hand += units;
    record.received += static_cast<std::uint64_t>(units);
    const Handout handout = hand_out(record);
    receipt.allocated = handout.units;
    receipt.available = available(record);
    receipt.lines_served = handout.lines;
    publish();
    return receipt;
  }

  /// Returns an expected delivery. Fails with UnknownInbound.
  /// O(log deliveries of the SKU).
  [[nodiscard]] Result<InboundDelivery<Traits>> inbound(InboundId id) const {
    const std::uint32_t inbound_slot = find_inbound(id);
    if (inbound_slot == npos) {
      return unknown_inbound(id);
    }
    const InboundRecord &inbound = inbound_[inbound_slot];
    const SkuRecord &record = skus_[inbound.sku];
    const auto at = schedule_position(record, inbound.eta, id);
    return InboundDelivery<Traits>{id, record.sku, at->units, at->eta};
  }

  /// Calls `visit(const InboundDelivery&)` for each delivery expected for a
  /// SKU, earliest first. Fails with UnknownSku.
  template <class Visit>
  Result<void> for_each_inbound(SkuView sku, Visit &&visit) const {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    for (const Scheduled &delivery : skus_[slot].schedule) {
      visit(InboundDelivery<Traits>{delivery.id, skus_[slot].sku,
                                    delivery.units, delivery.eta});
    }
    return {};
  }

  /// Returns when each line of an open order is expected to be complete:
  /// now for allocated lines, else the first delivery by which cumulative
  /// expected supply covers every unit ranked ahead plus the line's own,
  /// else now + the SKU's lead time, else unknown. Fails with UnknownOrder.
  /// O(lines of the order x (levels + log lines + log deliveries)).
  [[nodiscard]] Result<OrderPromise<Traits>> promise(OrderId id) const {
    const std::uint32_t order_slot = find_order(id);
    if (order_slot == npos) {
      return unknown_order(id);
    }
    const OrderRecord &order = records_[order_slot];
    OrderPromise<Traits> promises{order.id, {}, PromiseType{}};
    promises.lines.reserve(order.line_count);
    const Today today(clock_);
    for_each_line_promise(
        order_slot, today,
        [&](const LineRecord &line, const PromiseType &promise) {
          const Quantity waiting =
              line.shipped < line.ordered ? queue_line(line).outstanding() : 0;
          promises.lines.push_back(
              LinePromise<Traits>{skus_[line.sku].sku, waiting, promise});
        });
    promises.complete_by = latest(promises.lines);
    return promises;
  }

  /// Returns the time on the inventory's clock.
  [[nodiscard]] TimePoint now() const noexcept { return clock_.now(); }
  /// Returns the clock, e.g. to advance a ManualClock.
  [[nodiscard]] Clock &clock() noexcept { return clock_; }
  /// Returns the clock.
  [[nodiscard]] const Clock &clock() const noexcept { return clock_; }

  /// Returns the stock of a SKU. Fails with UnknownSku. O(1).
  [[nodiscard]] Result<StockLevel<Traits>> stock(SkuView sku) const {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    return stock_of(skus_[slot]);
  }

  /// Returns a SKU's settings. Fails with UnknownSku. O(1).
  [[nodiscard]] Result<Config> config(SkuView sku) const {
    const std::uint32_t slot = find_sku(sku);
    if (slot == npos) {
      return unknown_sku(sku);
    }
    return skus_[slot].config;
  }

  /// Returns an open order, line by line, with each line's promise. Fails
  /// with UnknownOrder. O(lines of the order x (levels + log lines + log
  /// deliveries)), as `promise`.
  [[nodiscard]] Result<OrderStatus<Traits>> status(OrderId id) const {
    const std::uint32_t order_slot = find_order(id);
    if (order_slot == npos) {
      return unknown_order(id);
    }
    const OrderRecord &order = records_[order_slot];
    OrderStatus<Traits> status{
        order.id, order.priority, order.ship_complete, {}};
    status.lines.reserve(order.line_count);
    const bool hold = holds_shipment(order);
    const Today today(clock_);
    for_each_line_promise(
        order_slot, today,
        [&](const LineRecord &line, const PromiseType &promise) {
          LineStatus<Traits> line_status{
              skus_[line.sku].sku, line.ordered, 0, 0, 0,
              line.shipped,        promise};
          if (line.shipped < line.ordered) {
            const auto &queued = queue_line(line);
            line_status.allocated = queued.allocated;
            line_status.backordered = queued.outstanding();
            line_status.shippable =
                hold ? 0 : queue_of(line).shippable(line.handle);
          }
          status.lines.push_back(std::move(line_status));
        });
    return status;
  }

  /// Returns true when the SKU is registered. O(1).
  [[nodiscard]] bool contains_sku(SkuView sku) const noexcept {
    return find_sku(sku) != npos;
  }
  /// Returns true when the order is open. O(1).
  [[nodiscard]] bool contains_order(OrderId id) const noexcept {
    return find_order(id) != npos;
  }
  /// Returns the number of registered SKUs.
  [[nodiscard]] std::size_t sku_count() const noexcept { return skus_.size(); }
  /// Returns the number of open orders.
  [[nodiscard]] std::size_t open_orders() const noexcept {
    return open_orders_;
  }
  /// Returns the number of open order lines.
  [[nodiscard]] std::size_t open_lines() const noexcept {
    return records_.size();
  }

  /// Calls `visit(sku, stock_level)` for every SKU in registration order.
  template <class Visit> void for_each_sku(Visit &&visit) const {
    for (const SkuRecord &record : skus_) {
      visit(std::as_const(record.sku), stock_of(record));
    }
  }

  /// Makes room for `orders` open orders with `lines` lines in all, so that
  /// placing them allocates nothing more in the ledger itself.
  void reserve(std::size_t orders, std::size_t lines) {
    check_not_publishing();
    records_.reserve_more(lines > records_.size() ? lines - records_.size()
                                                  : 0);
    order_index_.reserve(orders);
  }

  /// Returns the policy.
  [[nodiscard]] const Policy &policy() const noexcept { return policy_; }
  /// Returns the listener.
  [[nodiscard]] Listener &listener() noexcept { return listener_; }
  /// Returns the listener.
  [[nodiscard]] const Listener &listener() const noexcept { return listener_; }

  /// Returns a description of the first broken bookkeeping invariant, or
  /// nothing when all hold: per SKU on_hand = reserved + available,
  /// reserved = units allocated to open lines, backordered = units those
  /// lines wait for, no count negative, received + adjustments = on_hand +
  /// shipped, free stock only when no line waits; and every open order and
  /// line consistent with its queue. O(SKUs + open lines); for tests and
  /// debug builds.
  [[nodiscard]] std::optional<std::string> check_invariants() const {
    struct Sums {
      Quantity reserved = 0;
      Quantity backordered = 0;
    };
    std::vector<Sums> sums(skus_.size());
    std::size_t open = 0;
    std::size_t line_total = 0;
    for (std::uint32_t slot = 0; slot < records_.slots(); ++slot) {
      const OrderRecord &order = records_[slot];
      if (!order.live) {
        continue;
      }
      ++open;
      const std::string name = "order " + detail::describe(order.id);
      if (find_order(order.id) != slot) {
        return name + ": not found through the order index";
      }
      std::uint32_t count = 0;
      for (std::uint32_t at = order.first_line; at != npos;
           at = records_[at].next) {
        const LineRecord &line = records_[at];
        ++count;
        const std::string where =
            name + ", line " + std::to_string(count) + ": ";
        if (line.sku >= skus_.size()) {
          return where + "refers to no SKU";
        }
        if (line.ordered <= 0 || line.shipped < 0 ||
            line.shipped > line.ordered) {
          return where + "shipped " + detail::describe(line.shipped) + " of " +
                 detail::describe(line.ordered) + " ordered";
        }
        const Queue &queue = skus_[line.sku].queue;
        if (line.shipped == line.ordered) {
          if (queue.contains(line.handle)) {
            return where + "fully shipped but still queued";
          }
          continue;
        }
        if (!queue.contains(line.handle)) {
          return where + "open but missing from its SKU's queue";
        }
        const auto &queued = queue.line(line.handle);
        if (queued.requested != line.ordered - line.shipped ||
            queued.order_id != order.id || queued.tag != at) {
          return where + "out of step with its queue entry";
        }
        Sums &sku_sums = sums[line.sku];
        sku_sums.reserved += queued.allocated;
        sku_sums.backordered += queued.outstanding();
      }
      if (count != order.line_count || count == 0) {
        return name + ": its line chain is broken";
      }
      line_total += count;
    }
    if (open != open_orders_ || open != order_index_.size() ||
        line_total != records_.size()) {
      return std::string("open order or line counts are out of step");
    }
    std::size_t deliveries = 0;
    for (std::size_t index = 0; index < skus_.size(); ++index) {
      const SkuRecord &record = skus_[index];
      const std::string name = "SKU " + detail::describe(record.sku) + ": ";
      if (find_sku(SkuView(record.sku)) != index) {
        return name + "not found through the SKU index";
      }
      if (auto broken = record.queue.check()) {
        return name + "queue: " + *broken;
      }
      const StockLevel<Traits> level = stock_of(record);
      if (level.on_hand < 0 || level.reserved < 0 || level.available < 0 ||
          level.backordered < 0) {
        return name + "a negative count (on hand " +
               detail::describe(level.on_hand) + ", reserved " +
               detail::describe(level.reserved) + ", backordered " +
               detail::describe(level.backordered) + ")";
      }
      if (level.reserved != sums[index].reserved) {
        return name + "reserved " + detail::describe(level.reserved) +
               " is not the units allocated to open lines (" +
               detail::describe(sums[index].reserved) + ")";
      }
      if (level.backordered != sums[index].backordered) {
        return name + "backordered " + detail::describe(level.backordered) +
               " is not the units open lines wait for (" +
               detail::describe(sums[index].backordered) + ")";
      }
      if (record.pending != 0) {
        return name + "scratch units of a placement left behind";
      }
      // A queued line of no open order holds or awaits units, so one of
      // the two checks above catches it.
      // Lifetime tallies wrap modulo 2^64, so compare them the same way.
      if (record.received + record.added !=
          static_cast<std::uint64_t>(record.on_hand) + record.shipped +
              record.removed) {
        return name + "units not conserved: received + adjustments != on "
                      "hand + shipped";
      }
      if (!record.queue.idle(level.available)) {
        return name + "free units left that the policy would hand out";
      }
      Quantity expected = 0;
      for (std::size_t at = 0; at < record.schedule.size(); ++at) {
        const Scheduled &delivery = record.schedule[at];
        const std::uint32_t inbound_slot = find_inbound(delivery.id);
        expected += delivery.units;
        if (delivery.units <= 0 || delivery.cumulative != expected) {
          return name + "delivery " + detail::describe(delivery.id) +
                 " has wrong units or cumulative units";
        }
        if (at > 0 && !(std::pair(record.schedule[at - 1].eta,
                                  record.schedule[at - 1].id) <
                        std::pair(delivery.eta, delivery.id))) {
          return name + "deliveries out of date order";
        }
        if (inbound_slot == npos || inbound_[inbound_slot].sku != index ||
            inbound_[inbound_slot].eta != delivery.eta) {
          return name + "delivery " + detail::describe(delivery.id) +
                 " out of step with the inbound index";
        }
        ++deliveries;
      }
      if (expected != record.inbound) {
        return name + "inbound is not the units of its expected deliveries";
      }
    }
    if (deliveries != inbound_.size() || deliveries != inbound_index_.size()) {
      return std::string("expected delivery counts are out of step");
    }
    return std::nullopt;
  }

private:
  static constexpr std::uint32_t npos = 0xffffffffU;

  /// One expected delivery in a SKU's schedule.
  struct Scheduled {
    TimePoint eta{};
    InboundId id = 0;
    Quantity units = 0;      ///< units still expected
    Quantity cumulative = 0; ///< units expected by this delivery, inclusive
  };

  struct InboundRecord {
    InboundId id = 0;
    std::uint32_t sku = npos;
    TimePoint eta{};
    bool live = false;
  };

  /// A SKU's record, laid out for what each operation reads: its key, its
  /// stock, the tally of units received and the head of its queue (the
  /// queue's counters, its line pool and its first level's counters) fill
  /// the first two cache lines, one 128-byte block with integer SKUs, which
  /// the hardware fetches as a pair, so that a receipt that completes one
  /// line reads and writes nothing else of the record; the level's prefix
  /// sums, its slots by position and the other tallies, the rest of what
  /// receive, cancel and ship read, fill the next block; the settings, the
  /// scratch of `place` and the expected deliveries the last.
  struct alignas(128) SkuRecord {
    Sku sku;
    Quantity on_hand = 0;
    /// Lifetime tallies, modulo 2^64: units received here, where a receipt
    /// writes it with the stock; units added, removed and shipped below.
    std::uint64_t received = 0;
    Queue queue;
    std::uint64_t added = 0;
    std::uint64_t removed = 0;
    std::uint64_t shipped = 0;
    Config config;
    Quantity pending = 0;    ///< scratch: units of the order being placed
    Quantity shortfall = 0;  ///< scratch: units of it that would wait
    std::uint32_t lines = 0; ///< scratch: the order's lines of this SKU
    typename Queue::Forecast forecast{}; ///< scratch: the queue as placed
    std::vector<Scheduled> schedule{};   ///< expected deliveries by (eta, id)
    Quantity inbound = 0;                ///< units expected from suppliers
  };

  template <class E> static constexpr bool handles = Handles<Listener, E>;
  static constexpr bool tells_allocation =
      handles<LineAllocated<Traits>> || handles<OrderReady<Traits>>;
  static constexpr bool tells_promises = handles<PromiseMoved<Traits>>;
  static constexpr bool tells_waiting =
      tells_promises || handles<LineBackordered<Traits>>;
  static constexpr bool tells_stock =
      handles<StockChanged<Traits>> || handles<BackInStock<Traits>>;
  static constexpr bool tells_anything =
      tells_allocation || tells_waiting || tells_stock ||
      handles<OrderPlaced<Traits>> || handles<OrderShipped<Traits>> ||
      handles<OrderCancelled<Traits>>;

  /// One line of an order, in one pooled slot; the slot of an order's first
  /// line also holds the order (`live` marks it), so that finding an order
  /// and reading its first line, all of a one-line order, is one cache line
  /// (64 bytes, aligned, with integer order ids and no listener).
  struct RecordFields {
    // The order, in the slot of its first line.
    OrderId id{};
    int priority = 0;
    std::uint32_t first_line = npos; ///< the slot itself, while live
    std::uint32_t line_count = 0;
    bool ship_complete = false;
    bool live = false; ///< the slot holds an open order
    // The line.
    std::uint32_t sku = npos;
    std::uint32_t next = npos;  ///< the order's next line
    std::uint32_t order = npos; ///< the slot of the order's first line
    std::uint32_t index = 0;    ///< the line's position in its order
    Quantity ordered = 0;
    Quantity shipped = 0;
    typename Queue::Handle handle{};
    /// The journal serial of the last OrderReady told, if anyone listens.
    [[no_unique_address]] std::conditional_t<tells_allocation, std::uint64_t,
                                             detail::Empty>
        ready_told{};
    /// The promise last told to the listener, if it listens for moves.
    [[no_unique_address]] std::conditional_t<tells_promises, PromiseType,
                                             detail::Nothing<1>>
        told{};
  };
  struct alignas(sizeof(RecordFields) <= 64 ? 64 : alignof(RecordFields)) Record
      : RecordFields {};
  static_assert(sizeof(OrderId) > 8 || sizeof(Quantity) > 8 ||
                    tells_allocation || tells_promises || sizeof(Record) == 64,
                "a record with nothing to remember for a listener fits one "
                "cache line");
  /// The order part of a record.
  using OrderRecord = Record;
  /// The line part of a record.
  using LineRecord = Record;

  /// What an operation changed, kept until it is told to the listener.
  struct Journal {
    std::vector<std::pair<std::uint32_t, Quantity>> served; ///< line, units
    std::vector<std::uint32_t> waiting; ///< lines that started to wait
    std::vector<std::pair<std::uint32_t, StockLevel<Traits>>> skus; ///< before
    std::uint64_t serial = 0;
    bool publishing = false;
  };

  struct Handout {
    Quantity units = 0;
    std::size_t lines = 0;
  };

  /// Reads the clock once, when first asked: the `now` of one operation,
  /// however many of its promises need it (none, mostly).
  class Today {
  public:
    explicit Today(const Clock &clock) noexcept : clock_(clock) {}
    TimePoint operator()() const {
      if (!read_) {
        value_ = clock_.now();
        read_ = true;
      }
      return value_;
    }

  private:
    const Clock &clock_;
    mutable TimePoint value_{};
    mutable bool read_ = false;
  };

  [[nodiscard]] std::uint32_t find_sku(SkuView sku) const noexcept {
    return sku_index_.find(detail::hash_key(sku), [&](std::uint32_t slot) {
      return skus_[slot].sku == sku;
    });
  }

  [[nodiscard]] std::uint32_t find_order(const OrderId &id) const noexcept {
    return find_order(id, detail::hash_key(id));
  }
  /// As find_order(id), with the id's hash already computed.
  [[nodiscard]] std::uint32_t find_order(const OrderId &id,
                                         std::uint32_t hash) const noexcept {
    return order_index_.find(
        hash, [&](std::uint32_t slot) { return records_[slot].id == id; });
  }

  [[nodiscard]] static Quantity available(const SkuRecord &record) noexcept {
    return record.on_hand - record.queue.units_allocated();
  }

  [[nodiscard]] static StockLevel<Traits>
  stock_of(const SkuRecord &record) noexcept {
    return StockLevel<Traits>{record.on_hand,
                              record.queue.units_allocated(),
                              available(record),
                              record.queue.units_outstanding(),
                              record.queue.waiting_lines(),
                              record.inbound};
  }

  Queue &queue_of(const LineRecord &line) noexcept {
    return skus_[line.sku].queue;
  }
  const Queue &queue_of(const LineRecord &line) const noexcept {
    return skus_[line.sku].queue;
  }
  const typename Queue::Line &
  queue_line(const LineRecord &line) const noexcept {
    return queue_of(line).line(line.handle);
  }

  /// Calls `visit(index, slot, line)` for each line of the order, in line
  /// order.
  template <class Visit>
  void for_each_line(const OrderRecord &order, Visit &&visit) const {
    std::uint32_t index = 0;
    for (std::uint32_t at = order.first_line; at != npos;
         at = records_[at].next) {
      visit(index++, at, records_[at]);
    }
  }

  /// Returns true when `ship_complete` holds the order back: some line
  /// still waits for units.
  [[nodiscard]] bool holds_shipment(const OrderRecord &order) const noexcept {
    if (!order.ship_complete) {
      return false;
    }
    bool waiting = false;
    for_each_line(order, [&](std::uint32_t, std::uint32_t,
                             const LineRecord &line) {
      waiting = waiting ||
                (line.shipped < line.ordered && !queue_line(line).complete());
    });
    return waiting;
  }

  /// Hands a SKU's free units to its waiting lines.
  Handout hand_out(SkuRecord &record) {
    Handout handout;
    const Quantity free_units = available(record);
    if (free_units > 0 && record.queue.waiting_lines() > 0) {
      handout.units = record.queue.fill(
          free_units, [&](auto, const auto &line, Quantity units) {
            ++handout.lines;
            note_served(line.tag, units);
          });
    }
    return handout;
  }

  /// Clears the `pending` units of the SKUs in `scratch_` on leaving scope.
  struct PendingReset {
    Inventory &inventory;
    explicit PendingReset(Inventory &owner) noexcept : inventory(owner) {}
    PendingReset(const PendingReset &) = delete;
    PendingReset &operator=(const PendingReset &) = delete;
    ~PendingReset() {
      for (const std::uint32_t slot : inventory.scratch_) {
        inventory.skus_[slot].pending = 0;
      }
    }
  };

  /// Checks the order's lines and sums each SKU's units into `pending`;
  /// fills `scratch_` with the SKU slot of each line.
  std::optional<Error> resolve_lines(const OrderType &order) {
    scratch_.clear();
    detail::reserve_geometric(scratch_, order.lines.size());
    Quantity order_total = 0; // bounds every sum over the order's lines
    for (std::size_t index = 0; index < order.lines.size(); ++index) {
      const auto &line = order.lines[index];
      const std::uint32_t slot = find_sku(SkuView(line.sku));
      const auto where = [&] {
        return detail::message("order ", detail::describe(order.id), ", line ",
                               std::to_string(index + 1));
      };
      if (slot == npos) {
        return detail::make_error(Errc::UnknownSku,
                                  detail::message(where(), ": unknown SKU ",
                                                  detail::describe(line.sku)));
      }
      if (line.quantity <= 0) {
        return detail::make_error(
            Errc::InvalidQuantity,
            detail::message(where(), " (SKU ", detail::describe(line.sku),
                            "): quantity ", detail::describe(line.quantity),
                            " must be positive"));
      }
      scratch_.push_back(slot);
      SkuRecord &record = skus_[slot];
      if (record.pending == 0) { // the first line of the order on this SKU
        record.forecast = record.queue.forecast(available(record));
        record.shortfall = 0;
        record.lines = 0;
      }
      ++record.lines;
      if (!detail::add_fits(record.pending, line.quantity)) {
        return detail::make_error(
            Errc::QuantityOverflow,
            detail::message("order ", detail::describe(order.id),
                            ": the units ordered of SKU ",
                            detail::describe(line.sku),
                            " overflow the quantity type"));
      }
      record.pending += line.quantity;
      if (!detail::add_fits(order_total, line.quantity)) {
        return detail::make_error(
            Errc::QuantityOverflow,
            detail::message("order ", detail::describe(order.id),
                            ": its total units overflow the quantity type"));
      }
      order_total += line.quantity;
      // What the line would receive, line by line as `place` pushes them.
      // At most `pending`, checked above (the cast is for a Quantity
      // narrower than int, whose sums C++ computes in int).
      record.shortfall = static_cast<Quantity>(
          record.shortfall +
          (line.quantity -
           record.queue.predict(record.forecast, line.quantity)));
    }
    for (const std::uint32_t slot : scratch_) {
      SkuRecord &record = skus_[slot];
      const Quantity demand = record.pending;
      if (demand == 0) {
        continue; // a SKU that appears twice, already checked
      }
      record.pending = 0;
      const Quantity free_units = available(record);
      const Quantity shortfall = record.shortfall;
      if (shortfall == 0) {
        continue;
      }
      const Quantity waiting = record.queue.units_outstanding();
      if (!record.config.backorderable) {
        return detail::make_error(
            Errc::OutOfStock,
            detail::message("SKU ", detail::describe(record.sku),
                            " is out of stock: order ",
                            detail::describe(order.id), " needs ",
                            detail::describe(demand), ", ",
                            detail::describe(free_units), " available"));
      }
      if (!detail::add_fits(waiting, shortfall)) {
        return detail::make_error(
            Errc::QuantityOverflow,
            detail::message("SKU ", detail::describe(record.sku),
                            ": back-ordering ", detail::describe(shortfall),
                            " more units overflows the quantity type"));
      }
      if (record.config.backorder_limit &&
          waiting + shortfall > *record.config.backorder_limit) {
        return detail::make_error(
            Errc::BackorderLimitExceeded,
            detail::message(
                "SKU ", detail::describe(record.sku), ": back-ordering ",
                detail::describe(shortfall), " more units for order ",
                detail::describe(order.id), " would pass its limit of ",
                detail::describe(*record.config.backorder_limit), " (",
                detail::describe(waiting), " already waiting)"));
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] std::uint32_t find_inbound(InboundId id) const noexcept {
    return inbound_index_.find(detail::hash_key(id), [&](std::uint32_t slot) {
      return inbound_[slot].id == id;
    });
  }

  /// Returns where (eta, id) is, or belongs, in a SKU's schedule.
  template <class Record>
  static auto schedule_position(Record &record, TimePoint eta,
                                InboundId id) noexcept {
    return std::lower_bound(record.schedule.begin(), record.schedule.end(),
                            std::pair<TimePoint, InboundId>(eta, id),
                            [](const Scheduled &delivery, const auto &key) {
                              return delivery.eta < key.first ||
                                     (delivery.eta == key.first &&
                                      delivery.id < key.second);
                            });
  }

  /// Recomputes cumulative units from `from` to the end of the schedule.
  static void refresh_cumulative(SkuRecord &record, std::size_t from) noexcept {
    Quantity running = from > 0 ? record.schedule[from - 1].cumulative : 0;
    for (std::size_t index = from; index < record.schedule.size(); ++index) {
      running += record.schedule[index].units;
      record.schedule[index].cumulative = running;
    }
  }

  /// Removes an expected delivery and returns the units it still expected.
  Quantity remove_delivery(std::uint32_t inbound_slot) noexcept {
    InboundRecord &inbound = inbound_[inbound_slot];
    SkuRecord &record = skus_[inbound.sku];
    const auto at = schedule_position(record, inbound.eta, inbound.id);
    const Quantity units = at->units;
    const auto index = static_cast<std::size_t>(at - record.schedule.begin());
    record.schedule.erase(at);
    refresh_cumulative(record, index);
    record.inbound -= units;
    inbound_index_.erase(detail::hash_key(inbound.id), inbound_slot);
    inbound.live = false;
    inbound_.release(inbound_slot);
    return units;
  }

  /// Returns when `needed` more units will have arrived for a SKU.
  [[nodiscard]] PromiseType supply_promise(const SkuRecord &record,
                                           Quantity needed,
                                           const Today &today) const noexcept {
    const auto covering =
        std::lower_bound(record.schedule.begin(), record.schedule.end(), needed,
                         [](const Scheduled &delivery, Quantity units) {
                           return delivery.cumulative < units;
                         });
    if (covering != record.schedule.end()) {
      return PromiseType{PromiseSource::Inbound, covering->eta, covering->id};
    }
    if (record.config.lead_time) {
      // Units are served in rank order, so a line no delivery covers cannot
      // complete before the last expected delivery either.
      TimePoint date = later_by(today(), *record.config.lead_time);
      if (!record.schedule.empty() && record.schedule.back().eta > date) {
        date = record.schedule.back().eta;
      }
      return PromiseType{PromiseSource::LeadTime, date, 0};
    }
    return PromiseType{};
  }

  /// Returns when a line is expected to be complete: from prefix sums
  /// under RankOrder, else by running the deliveries through a copy of the
  /// queue (O(lines of the SKU x deliveries)).
  [[nodiscard]] PromiseType line_promise(const LineRecord &line,
                                         const Today &today) const {
    if (line.shipped == line.ordered || queue_line(line).complete()) {
      return PromiseType{PromiseSource::OnHand, today(), 0};
    }
    const SkuRecord &record = skus_[line.sku];
    if constexpr (Queue::ranks_and_fills) {
      return supply_promise(
          record, queue_of(line).units_to_complete(line.handle), today);
    } else {
      const std::uint32_t slot = queue_line(line).tag;
      std::size_t completes = record.schedule.size();
      simulate(record, [&](std::uint32_t line_slot, std::size_t delivery) {
        if (line_slot == slot) {
          completes = delivery;
          return true; // found: stop
        }
        return false;
      });
      return delivery_promise(record, completes, today);
    }
  }

  /// Returns the promise of a line that completes with the schedule's
  /// delivery at `index` (the schedule's size for none).
  [[nodiscard]] PromiseType
  delivery_promise(const SkuRecord &record, std::size_t index,
                   const Today &today) const noexcept {
    if (index < record.schedule.size()) {
      const Scheduled &delivery = record.schedule[index];
      return PromiseType{PromiseSource::Inbound, delivery.eta, delivery.id};
    }
    return supply_promise(record, std::numeric_limits<Quantity>::max(), today);
  }

  /// Hands a SKU's expected deliveries, earliest first, to a copy of its
  /// queue and calls `completed(line_slot, delivery_index)` for each line
  /// as it completes, until it returns true. O(lines of the SKU x
  /// deliveries); allocates the copy.
  template <class Completed>
  void simulate(const SkuRecord &record, Completed &&completed) const {
    Queue copy = record.queue;
    Quantity free_units = available(record);
    bool done = false;
    for (std::size_t index = 0;
         !done && index < record.schedule.size() && copy.waiting_lines() > 0;
         ++index) {
      const Quantity units = record.schedule[index].units;
      free_units = detail::add_fits(free_units, units)
                       ? free_units + units
                       : std::numeric_limits<Quantity>::max();
      free_units -=
          copy.fill(free_units, [&](auto, const auto &queued, Quantity) {
            if (queued.complete() && !done) {
              done = completed(queued.tag, index);
            }
          });
    }
  }

  /// Returns true when `promise` is known and no later than now + wait
  /// (which stops at the latest time point rather than overflow).
  [[nodiscard]] static bool within_wait(const PromiseType &promise,
                                        Duration wait, const Today &today) {
    return promise.known() && promise.date <= later_by(today(), wait);
  }

  /// Returns `time + wait` for a wait that is not negative, or the latest
  /// time point when that would pass it.
  [[nodiscard]] static TimePoint later_by(TimePoint time,
                                          Duration wait) noexcept {
    return time.time_since_epoch() > Duration::max() - wait ? TimePoint::max()
                                                            : time + wait;
  }

  /// Returns the latest of some line promises (unknown beats any date).
  template <class Lines>
  [[nodiscard]] static PromiseType latest(const Lines &lines) noexcept {
    PromiseType result{};
    bool first = true;
    for (const auto &line : lines) {
      if (first || line.promise.later_than(result)) {
        result = line.promise;
        first = false;
      }
    }
    return result;
  }

  /// Calls `visit(line, promise)` for each line of an order, in line order.
  /// Without prefix sums (FirstFit, ProRata) each SKU of the order is
  /// simulated once, not once per line.
  template <class Visit>
  void for_each_line_promise(std::uint32_t order_slot, const Today &today,
                             Visit &&visit) const {
    const OrderRecord &order = records_[order_slot];
    if constexpr (Queue::ranks_and_fills) {
      for_each_line(order,
                    [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
                      visit(line, line_promise(line, today));
                    });
    } else {
      std::vector<std::uint32_t> simulated; // SKU slots
      std::vector<std::pair<std::uint32_t, std::size_t>> completes;
      for_each_line(
          order, [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
            if (line.shipped == line.ordered || queue_line(line).complete() ||
                std::find(simulated.begin(), simulated.end(), line.sku) !=
                    simulated.end()) {
              return;
            }
            simulated.push_back(line.sku);
            std::size_t waiting = 0; // this order's lines on the SKU
            for_each_line(order, [&](std::uint32_t, std::uint32_t,
                                     const LineRecord &each) {
              waiting += each.sku == line.sku && each.shipped < each.ordered &&
                                 !queue_line(each).complete()
                             ? 1U
                             : 0U;
            });
            simulate(skus_[line.sku], [&](std::uint32_t line_slot,
                                          std::size_t delivery) {
              if (records_[line_slot].order == order_slot) {
                completes.emplace_back(line_slot, delivery);
                return --waiting == 0; // stop once the order's lines are done
              }
              return false;
            });
          });
      for_each_line(order, [&](std::uint32_t, std::uint32_t line_slot,
                               const LineRecord &line) {
        if (line.shipped == line.ordered || queue_line(line).complete()) {
          visit(line, PromiseType{PromiseSource::OnHand, today(), 0});
          return;
        }
        const SkuRecord &record = skus_[line.sku];
        std::size_t delivery = record.schedule.size();
        for (const auto &[slot, at] : completes) {
          if (slot == line_slot) {
            delivery = at;
          }
        }
        visit(line, delivery_promise(record, delivery, today));
      });
    }
  }

  // ---- Events: what an operation changed is noted while it runs and told
  // to the listener once the state is complete. With a listener that
  // handles nothing, every function here compiles to nothing.

  template <class E> void emit(const E &event) {
    if constexpr (handles<E>) {
      listener_.on(event);
    }
  }

  void check_not_publishing() const noexcept {
    if constexpr (tells_anything) {
      BACKORDER_ASSERT(
          !journal_.publishing,
          "a listener must not change the inventory it listens to");
    }
  }

  void begin_journal() noexcept {
    check_not_publishing();
    discard_journal();
  }

  /// Makes room in the journal for the lines an operation may serve or
  /// send back to waiting, before it changes anything, so that noting them
  /// cannot fail half way.
  void reserve_journal(std::size_t served, std::size_t waiting) {
    if constexpr (tells_allocation) {
      detail::reserve_geometric(journal_.served, served);
    }
    if constexpr (tells_waiting) {
      detail::reserve_geometric(journal_.waiting, waiting);
    }
    static_cast<void>(served);
    static_cast<void>(waiting);
  }

  void discard_journal() noexcept {
    if constexpr (tells_anything) {
      journal_.served.clear();
      journal_.waiting.clear();
      journal_.skus.clear();
    }
  }

  /// Notes a SKU about to change, with its stock level before the change.
  void note_sku(std::uint32_t slot) {
    if constexpr (tells_stock || tells_promises) {
      for (const auto &[seen, level] : journal_.skus) {
        if (seen == slot) {
          return;
        }
      }
      journal_.skus.emplace_back(slot, stock_of(skus_[slot]));
    }
  }

  void note_served(std::uint32_t line_slot, Quantity units) {
    if constexpr (tells_allocation) {
      journal_.served.emplace_back(line_slot, units);
    }
  }

  void note_waiting(std::uint32_t line_slot) {
    if constexpr (tells_waiting) {
      journal_.waiting.push_back(line_slot);
    }
  }

  /// Tells the listener what the operation changed: `lead()` first (the
  /// operation's own event), then lines allocated, lines back-ordered,
  /// orders ready, promises moved, and stock changes, SKU by SKU.
  template <class Lead> void publish(Lead &&lead) {
    if constexpr (tells_anything) {
      struct Guard {
        bool &flag;
        ~Guard() { flag = false; }
      } guard{journal_.publishing = true};
      ++journal_.serial;
      lead();
      tell_allocations();
      tell_waiting();
      tell_ready();
      tell_promises();
      tell_stock();
    } else {
      static_cast<void>(lead);
    }
  }

  void publish() {
    publish([] {});
  }

  void tell_allocations() {
    if constexpr (handles<LineAllocated<Traits>>) {
      for (const auto &[line_slot, units] : journal_.served) {
        const LineRecord &line = records_[line_slot];
        const auto &queued = queue_line(line);
        emit(LineAllocated<Traits>{records_[line.order].id, line.index,
                                   sku_ref(line), units, queued.allocated,
                                   queued.outstanding()});
      }
    }
  }

  void tell_waiting() {
    if constexpr (tells_waiting) {
      const Today today(clock_);
      for (const std::uint32_t line_slot : journal_.waiting) {
        LineRecord &line = records_[line_slot];
        const PromiseType promise = line_promise(line, today);
        if constexpr (tells_promises) {
          line.told = promise;
        }
        emit(LineBackordered<Traits>{records_[line.order].id, line.index,
                                     sku_ref(line),
                                     queue_line(line).outstanding(), promise});
      }
    }
  }

  /// Tells OrderReady once per order whose shippable units grew: a line
  /// served now may ship (it completed, or the policy ships partial units)
  /// and `ship_complete` does not hold the order.
  void tell_ready() {
    if constexpr (handles<OrderReady<Traits>>) {
      for (const auto &[line_slot, units] : journal_.served) {
        const LineRecord &line = records_[line_slot];
        OrderRecord &order = records_[line.order];
        if (order.ready_told == journal_.serial ||
            queue_of(line).shippable(line.handle) == 0 ||
            holds_shipment(order)) {
          continue;
        }
        order.ready_told = journal_.serial;
        OrderReady<Traits> ready{order.id, 0, true};
        for_each_line(
            order, [&](std::uint32_t, std::uint32_t, const LineRecord &each) {
              if (each.shipped < each.ordered) {
                ready.shippable += queue_of(each).shippable(each.handle);
                ready.complete = ready.complete && queue_line(each).complete();
              }
            });
        emit(ready);
      }
    }
  }

  /// Tells PromiseMoved for every waiting line of the changed SKUs whose
  /// promise differs from the one last told. O(levels + waiting lines of
  /// those SKUs + their deliveries), plus a search of the deliveries for
  /// each line no delivery covers.
  void tell_promises() {
    if constexpr (tells_promises) {
      if (!listening<PromiseMoved<Traits>>(listener_)) {
        return; // told promises go stale until someone listens again
      }
      const Today today(clock_);
      for (const auto &[slot, before] : journal_.skus) {
        const SkuRecord &record = skus_[slot];
        auto covering = record.schedule.begin();
        if constexpr (!Queue::ranks_and_fills) {
          completes_.assign(records_.slots(), record.schedule.size());
          simulate(record, [&](std::uint32_t line_slot, std::size_t delivery) {
            completes_[line_slot] = delivery;
            return false;
          });
        }
        record.queue.for_each_waiting([&](auto, const auto &queued,
                                          Quantity needed) {
          PromiseType promise;
          if constexpr (Queue::ranks_and_fills) {
            while (covering != record.schedule.end() &&
                   covering->cumulative < needed) {
              ++covering;
            }
            promise = covering != record.schedule.end()
                          ? PromiseType{PromiseSource::Inbound, covering->eta,
                                        covering->id}
                          : supply_promise(record, needed, today);
          } else {
            promise = delivery_promise(record, completes_[queued.tag], today);
          }
          LineRecord &line = records_[queued.tag];
          if (!same_promise(line.told, promise)) {
            const PromiseType from = line.told;
            line.told = promise;
            emit(PromiseMoved<Traits>{records_[line.order].id, line.index,
                                      sku_ref(line), from, promise});
          }
        });
      }
    }
  }

  void tell_stock() {
    if constexpr (tells_stock) {
      for (const auto &[slot, before] : journal_.skus) {
        const SkuRecord &record = skus_[slot];
        const StockLevel<Traits> after = stock_of(record);
        if (after != before) {
          emit(StockChanged<Traits>{SkuView(record.sku), before, after});
        }
        if (before.available == 0 && after.available > 0) {
          emit(BackInStock<Traits>{SkuView(record.sku), after.available});
        }
      }
    }
  }

  /// Returns true when a customer would hear the same promise: the same
  /// delivery and date, or the same source for dates that read the clock.
  static bool same_promise(const PromiseType &a,
                           const PromiseType &b) noexcept {
    if (a.source != b.source) {
      return false;
    }
    return a.source != PromiseSource::Inbound ||
           (a.inbound == b.inbound && a.date == b.date);
  }

  SkuRef<Traits> sku_ref(const LineRecord &line) const noexcept {
    return SkuRef<Traits>(skus_[line.sku].sku);
  }

  /// Takes back an order that `place` has just added. Its lines took only
  /// free units and pushed nobody's allocation aside, so withdrawing them
  /// restores the state exactly.
  void withdraw(std::uint32_t order_slot) noexcept {
    for_each_line(records_[order_slot],
                  [&](std::uint32_t, std::uint32_t, const LineRecord &line) {
                    queue_of(line).withdraw(line.handle);
                  });
    close(order_slot, detail::hash_key(records_[order_slot].id));
    discard_journal();
  }

  /// Removes a closed order and its lines; `order_hash` is the hash of its
  /// id, which the caller computed to find it.
  void close(std::uint32_t order_slot, std::uint32_t order_hash) noexcept {
    OrderRecord &order = records_[order_slot];
    BACKORDER_ASSERT(order_hash == detail::hash_key(order.id),
                     "an order closed with another id's hash");
    order_index_.erase(order_hash, order_slot);
    order.live = false;
    --open_orders_;
    for (std::uint32_t at = order.first_line; at != npos;) {
      const std::uint32_t next = records_[at].next;
      records_.release(at); // the order's own slot too, first
      at = next;
    }
  }

  [[nodiscard]] static std::optional<Error> validate(SkuView sku,
                                                     const Config &config) {
    if (config.backorder_limit && *config.backorder_limit < 0) {
      return detail::make_error(
          Errc::InvalidQuantity,
          detail::message("SKU ", detail::describe(sku), ": backorder limit ",
                          detail::describe(*config.backorder_limit),
                          " must not be negative"));
    }
    if (config.lead_time && *config.lead_time < Duration::zero()) {
      return detail::make_error(
          Errc::InvalidQuantity,
          detail::message("SKU ", detail::describe(sku),
                          ": lead time must not be negative"));
    }
    return std::nullopt;
  }

  BACKORDER_COLD static Error unknown_sku(SkuView sku) {
    return detail::make_error(
        Errc::UnknownSku,
        detail::message("unknown SKU ", detail::describe(sku)));
  }

  /// Refuses a quantity that is zero or negative; `what` names the input.
  BACKORDER_COLD static Error not_positive(const std::string &what,
                                           Quantity units) {
    return detail::make_error(Errc::InvalidQuantity,
                              detail::message(what, ": quantity ",
                                              detail::describe(units),
                                              " must be positive"));
  }

  BACKORDER_COLD static Error unknown_inbound(InboundId id) {
    return detail::make_error(
        Errc::UnknownInbound,
        detail::message("inbound delivery ", detail::describe(id),
                        " is not expected (never announced, received or "
                        "cancelled)"));
  }

  BACKORDER_COLD static Error unknown_order(const OrderId &id) {
    return detail::make_error(
        Errc::UnknownOrder,
        detail::message("order ", detail::describe(id),
                        " is not open (never placed, shipped or cancelled)"));
  }

  BACKORDER_COLD static Error on_hand_overflow(const SkuRecord &record,
                                               Quantity units) {
    return detail::make_error(
        Errc::QuantityOverflow,
        detail::message("SKU ", detail::describe(record.sku), ": adding ",
                        detail::describe(units), " units to ",
                        detail::describe(record.on_hand),
                        " on hand overflows the quantity type"));
  }

  std::vector<SkuRecord> skus_;
  detail::FlatIndex sku_index_;
  /// Open orders and their lines, a record per line (see Record).
  detail::Pool<Record, &Record::next> records_;
  std::size_t open_orders_ = 0;
  detail::FlatIndex order_index_;
  detail::Pool<InboundRecord, &InboundRecord::sku> inbound_;
  detail::FlatIndex inbound_index_;
  InboundId next_inbound_id_ = 1;
  std::vector<std::uint32_t> scratch_;
  struct Shipped {
    std::uint32_t index;
    std::uint32_t sku;
    Quantity units;
  };
  std::vector<Shipped> shipped_; ///< scratch: the lines of the last shipment
  /// Scratch for simulated promises: the delivery completing each line.
  std::vector<std::size_t> completes_;
  [[no_unique_address]] std::conditional_t<tells_anything, Journal,
                                           detail::Empty>
      journal_{};
  [[no_unique_address]] Policy policy_{};
  [[no_unique_address]] Listener listener_{};
  [[no_unique_address]] Clock clock_{};
};

} // namespace BACKORDER_ABI
} // namespace backorder
