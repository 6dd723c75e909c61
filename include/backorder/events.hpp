#pragma once

#include "fwd.hpp"
#include "promise.hpp"
#include "reports.hpp"
#include "traits.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Listens to nothing; the default Listener, which costs nothing.
struct NullListener {};

/// The type an event names a SKU by: std::string_view for string SKUs,
/// valid only during the call.
template <class Traits> using SkuRef = detail::sku_view_t<typename Traits::Sku>;

/// Tells that an order was accepted.
template <class Traits> struct OrderPlaced {
  typename Traits::OrderId order_id{};
  typename Traits::Quantity allocated = 0;   ///< units reserved at once
  typename Traits::Quantity backordered = 0; ///< units left waiting
  Promise<Traits> promise;                   ///< when the order is complete
};

/// Tells that a line received units (fully or partly).
template <class Traits> struct LineAllocated {
  typename Traits::OrderId order_id{};
  std::uint32_t line = 0; ///< the line's position in the order
  SkuRef<Traits> sku{};
  typename Traits::Quantity units = 0;       ///< units received now
  typename Traits::Quantity allocated = 0;   ///< units the line holds now
  typename Traits::Quantity backordered = 0; ///< units it still waits for
};

/// Tells that a line waits for units: a new line the stock could not fill,
/// or a line whose units a stock correction took back.
template <class Traits> struct LineBackordered {
  typename Traits::OrderId order_id{};
  std::uint32_t line = 0;
  SkuRef<Traits> sku{};
  typename Traits::Quantity backordered = 0; ///< units it waits for
  Promise<Traits> promise;                   ///< when it should be complete
};

/// Tells that more of an order may ship: everything its policy and
/// `ship_complete` allow.
template <class Traits> struct OrderReady {
  typename Traits::OrderId order_id{};
  typename Traits::Quantity shippable = 0; ///< units that may ship now
  bool complete = false;                   ///< true when no line waits any more
};

/// Tells that a waiting line's promised date moved.
template <class Traits> struct PromiseMoved {
  typename Traits::OrderId order_id{};
  std::uint32_t line = 0;
  SkuRef<Traits> sku{};
  Promise<Traits> from; ///< the promise last told
  Promise<Traits> to;   ///< the promise now
};

/// Tells that units of an order shipped.
template <class Traits> struct OrderShipped {
  typename Traits::OrderId order_id{};
  typename Traits::Quantity units = 0;
  std::size_t lines = 0; ///< lines that shipped units
  bool closed = false;   ///< true when nothing is left open
};

/// Tells that an order was cancelled.
template <class Traits> struct OrderCancelled {
  typename Traits::OrderId order_id{};
  typename Traits::Quantity released = 0; ///< reserved units returned
  typename Traits::Quantity unfilled = 0; ///< back-ordered units dropped
};

/// Tells that a SKU's free stock went from zero to more.
template <class Traits> struct BackInStock {
  SkuRef<Traits> sku{};
  typename Traits::Quantity available = 0;
};

/// Tells that a SKU's stock level changed.
template <class Traits> struct StockChanged {
  SkuRef<Traits> sku{};
  StockLevel<Traits> before;
  StockLevel<Traits> after;
};

/// Returns true unless the listener says, through an optional
/// `listens<E>()` member, that no one listens to E at run time.
template <class E, class Listener>
constexpr bool listening(const Listener &listener) noexcept {
  if constexpr (requires { listener.template listens<E>(); }) {
    return listener.template listens<E>();
  } else {
    return true;
  }
}

/// Checks that a listener handles events of type E: `on(const E&)`.
template <class Listener, class E>
concept Handles =
#ifdef BACKORDER_NO_EVENTS
    false &&
#endif
    requires(Listener &listener, const E &event) {
  listener.on(event);
};

/// Holds std::function handlers registered at run time, per event type: a
/// ready listener for hosts that want runtime registration. Every event is
/// tracked when it is the listener, since any may gain a handler.
template <class Traits> class Callbacks {
public:
  /// Adds a handler for events of type Event<Traits>, called in the order
  /// handlers were added, e.g. `add<backorder::OrderReady>(handler)`.
  template <template <class> class Event, class Handler>
  void add(Handler &&handler) {
    std::get<Handlers<Event<Traits>>>(handlers_).emplace_back(
        std::forward<Handler>(handler));
  }

  /// Removes every handler.
  void clear() noexcept {
    std::apply([](auto &...lists) { (lists.clear(), ...); }, handlers_);
  }

  /// Returns true when a handler is registered for the event type; the
  /// inventory skips work for events nobody listens to at run time.
  template <class Event> [[nodiscard]] bool listens() const noexcept {
    return !std::get<Handlers<Event>>(handlers_).empty();
  }

  /// Calls the handlers registered for the event's type.
  template <class Event> void on(const Event &event) const {
    for (const auto &handler : std::get<Handlers<Event>>(handlers_)) {
      handler(event);
    }
  }

private:
  template <class Event>
  using Handlers = std::vector<std::function<void(const Event &)>>;

  std::tuple<Handlers<OrderPlaced<Traits>>, Handlers<LineAllocated<Traits>>,
             Handlers<LineBackordered<Traits>>, Handlers<OrderReady<Traits>>,
             Handlers<PromiseMoved<Traits>>, Handlers<OrderShipped<Traits>>,
             Handlers<OrderCancelled<Traits>>, Handlers<BackInStock<Traits>>,
             Handlers<StockChanged<Traits>>>
      handlers_;
};

} // namespace BACKORDER_ABI
} // namespace backorder
