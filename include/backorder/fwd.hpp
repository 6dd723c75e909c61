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

template <class Policy = Fifo, class Traits = DefaultTraits>
class BackOrderQueue;

template <class Policy = Fifo, class Traits = DefaultTraits,
          class Listener = NullListener>
class Inventory;

struct Error;
template <class T, class E = Error> class Result;

} // namespace BACKORDER_ABI
} // namespace backorder
