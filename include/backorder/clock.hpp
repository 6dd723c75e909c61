#pragma once

#include "fwd.hpp"
#include "traits.hpp"

#include <chrono>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Tells the time it was set to, never the wall clock: for tests,
/// simulations and replays. Its time points are system_clock's, so they
/// read as calendar dates.
class ManualClock {
public:
  using duration = std::chrono::system_clock::duration;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::system_clock::time_point;
  static constexpr bool is_steady = false;

  /// Makes a clock that reads the epoch of system_clock.
  ManualClock() = default;
  /// Makes a clock that reads `start`.
  explicit ManualClock(time_point start) noexcept : now_(start) {}

  /// Returns the time the clock was set to.
  [[nodiscard]] time_point now() const noexcept { return now_; }
  /// Sets the time.
  void set(time_point now) noexcept { now_ = now; }
  /// Moves the time forward (or back, for a negative step).
  void advance(duration step) noexcept { now_ += step; }

private:
  time_point now_{};
};

/// Describes an inventory with string SKUs driven by a ManualClock.
struct ManualClockTraits : DefaultTraits {
  using Clock = ManualClock;
};

static_assert(InventoryTraits<ManualClockTraits>);

} // namespace BACKORDER_ABI
} // namespace backorder
