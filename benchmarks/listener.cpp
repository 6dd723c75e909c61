// Listener cost: a NullListener and a listener that counts every event,
// against the same workload built with no listener code at all
// (listener_no_events.cpp). Names end in the variant.

#include "listener_workload.hpp"

#include <type_traits>

namespace bench::listener {

/// Handles every event and counts it: what listening costs.
struct Counting {
  std::uint64_t events = 0;
  template <class Event> void on(const Event &) { ++events; }
};

/// Counts every event but promise moves, whose tracking walks the waiting
/// lines of each changed SKU (see docs/events.md).
struct CountingButPromises {
  std::uint64_t events = 0;
  template <class Event>
  requires(!std::is_same_v<
           Event, backorder::PromiseMoved<
                      backorder::IntegerSkuTraits>>) void on(const Event &) {
    ++events;
  }
};

using NullInventory =
    backorder::Inventory<backorder::Fifo, backorder::IntegerSkuTraits>;
using CountingInventory =
    backorder::Inventory<backorder::Fifo, backorder::IntegerSkuTraits,
                         Counting>;

BENCHMARK_TEMPLATE(place_receive_ship, NullInventory)
    ->Name("listener/place_receive_ship/null_listener");
using CountingButPromisesInventory =
    backorder::Inventory<backorder::Fifo, backorder::IntegerSkuTraits,
                         CountingButPromises>;

BENCHMARK_TEMPLATE(place_receive_ship, CountingButPromisesInventory)
    ->Name("listener/place_receive_ship/counting_listener_no_promise_moves");
BENCHMARK_TEMPLATE(place_receive_ship, CountingInventory)
    ->Name("listener/place_receive_ship/counting_listener");

} // namespace bench::listener
