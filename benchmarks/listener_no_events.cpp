// The listener benchmark's baseline: the library built with every listener
// hook stripped (see listener.cpp).

#define BACKORDER_NO_EVENTS
#include "listener_workload.hpp"

namespace bench::listener {

using BareInventory =
    backorder::Inventory<backorder::Fifo, backorder::IntegerSkuTraits>;

BENCHMARK_TEMPLATE(place_receive_ship, BareInventory)
    ->Name("listener/place_receive_ship/no_listener_code");

} // namespace bench::listener
