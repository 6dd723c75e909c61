#pragma once

/// Forward declarations; the only place that names default template
/// arguments.

#include "config.hpp"

namespace backorder {
inline namespace BACKORDER_ABI {

struct DefaultTraits;
struct IntegerSkuTraits;
class ManualClock;
struct ManualClockTraits;

struct Fifo;
struct Priority;
struct PartialFill;
struct FirstFit;
struct ProRata;

struct NullListener;
template <class Traits = DefaultTraits> class Callbacks;

template <class Traits = DefaultTraits> struct OrderLine;
template <class Traits = DefaultTraits> struct Order;
template <class Traits = DefaultTraits> struct SkuConfig;
template <class Traits = DefaultTraits> struct Promise;
template <class Traits = DefaultTraits> struct LinePromise;
template <class Traits = DefaultTraits> struct OrderPromise;
template <class Traits = DefaultTraits> struct PlaceError;
template <class Traits = DefaultTraits> struct StockLevel;
template <class Traits = DefaultTraits> struct LineStatus;
template <class Traits = DefaultTraits> struct OrderStatus;
template <class Traits = DefaultTraits> struct Placement;
template <class Traits = DefaultTraits> struct Receipt;
template <class Traits = DefaultTraits> struct Adjustment;
template <class Traits = DefaultTraits> struct Cancellation;
template <class Traits = DefaultTraits> struct ShippedLine;
template <class Traits = DefaultTraits> struct Shipment;
template <class Traits = DefaultTraits> struct InboundDelivery;
template <class Traits = DefaultTraits> struct InboundReceipt;
template <class Traits = DefaultTraits> struct OrderPlaced;
template <class Traits = DefaultTraits> struct LineAllocated;
template <class Traits = DefaultTraits> struct LineBackordered;
template <class Traits = DefaultTraits> struct OrderReady;
template <class Traits = DefaultTraits> struct PromiseMoved;
template <class Traits = DefaultTraits> struct OrderShipped;
template <class Traits = DefaultTraits> struct OrderCancelled;
template <class Traits = DefaultTraits> struct BackInStock;
template <class Traits = DefaultTraits> struct StockChanged;

template <class Policy = Fifo, class Traits = DefaultTraits>
class BackOrderQueue;

template <class Policy = Fifo, class Traits = DefaultTraits,
          class Listener = NullListener>
class Inventory;

struct Error;
template <class T, class E = Error> class Result;

} // namespace BACKORDER_ABI
} // namespace backorder
