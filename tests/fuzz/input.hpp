#pragma once

// Turns the fuzzer's bytes into the values of operations: mostly small,
// valid-looking values, sometimes the edges of their types, sometimes any
// value at all. Past the end of the input every read gives zero bytes.

#include <backorder/backorder.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

namespace backorder::fuzz {

/// Reads the fuzzer's input one decision at a time.
class Input {
public:
  /// Reads `size` bytes at `data`.
  Input(const std::uint8_t *data, std::size_t size) noexcept
      : data_(data), size_(size) {}

  /// Returns true when every byte has been read.
  [[nodiscard]] bool empty() const noexcept { return at_ >= size_; }

  /// Returns the next byte, or 0 past the end.
  std::uint8_t byte() noexcept { return at_ < size_ ? data_[at_++] : 0; }

  /// Returns the next eight bytes as a little-endian number.
  std::uint64_t raw() noexcept {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 8) {
      value |= std::uint64_t{byte()} << shift;
    }
    return value;
  }

private:
  const std::uint8_t *data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

using Quantity = std::int64_t;
using OrderId = std::uint64_t;
constexpr Quantity max_qty = std::numeric_limits<Quantity>::max();
constexpr Quantity min_qty = std::numeric_limits<Quantity>::min();

/// Returns a quantity: mostly 1 to 40, else zero or a small negative, an
/// edge of the type, or any value.
inline Quantity read_quantity(Input &in) {
  static constexpr std::array<Quantity, 16> edges = {0,
                                                     -1,
                                                     max_qty,
                                                     max_qty - 1,
                                                     max_qty - 2,
                                                     max_qty / 2,
                                                     max_qty / 2 + 1,
                                                     min_qty,
                                                     min_qty + 1,
                                                     -max_qty,
                                                     Quantity{1} << 31,
                                                     Quantity{1} << 32,
                                                     Quantity{1} << 62,
                                                     1000,
                                                     1000000,
                                                     max_qty / 3};
  const std::uint8_t c = in.byte();
  if (c < 160) {
    return 1 + c % 40;
  }
  if (c < 176) {
    return -static_cast<Quantity>(c % 16);
  }
  if (c < 240) {
    return edges[(c - 176U) % edges.size()];
  }
  return static_cast<Quantity>(in.raw());
}

/// Returns an order id: mostly 1 to 12, else an edge or any value.
inline OrderId read_order_id(Input &in) {
  static constexpr std::array<OrderId, 4> edges = {
      0, std::numeric_limits<OrderId>::max(),
      std::numeric_limits<OrderId>::max() - 1, OrderId{1} << 32};
  const std::uint8_t c = in.byte();
  if (c < 224) {
    return 1 + c % 12U;
  }
  if (c < 240) {
    return edges[c % edges.size()];
  }
  return in.raw();
}

/// Returns an inbound delivery id: mostly 0 to 15 (ids start at 1), else
/// any value.
inline InboundId read_inbound_id(Input &in) {
  const std::uint8_t c = in.byte();
  return c < 240 ? c % 16U : in.raw();
}

/// Returns an order priority: mostly -1 to 3, else an edge of int.
inline int read_priority(Input &in) {
  static constexpr std::array<int, 4> edges = {
      std::numeric_limits<int>::min(), std::numeric_limits<int>::max(),
      std::numeric_limits<int>::min() + 1, std::numeric_limits<int>::max() - 1};
  const std::uint8_t c = in.byte();
  return c < 240 ? static_cast<int>(c % 5U) - 1 : edges[c % edges.size()];
}

/// Returns a SKU key: one of seven, or any string or number.
template <class Sku> Sku read_sku(Input &in) {
  const std::uint8_t c = in.byte();
  if constexpr (std::is_same_v<Sku, std::string>) {
    static const std::array<std::string, 7> keys = {
        "MUG",
        "TEE",
        "CAP-RED",
        "",
        "a SKU name longer than any small-string buffer",
        std::string("NUL\0SKU", 7),
        "mug"};
    if (c % 8U < keys.size()) {
      return keys[c % 8U];
    }
    std::string any(in.byte() % 24U, '\0');
    for (char &letter : any) {
      letter = static_cast<char>(in.byte());
    }
    return any;
  } else {
    static constexpr std::array<Sku, 7> keys = {
        0,
        1,
        42,
        Sku{1} << 40,
        std::numeric_limits<Sku>::max(),
        std::numeric_limits<Sku>::max() - 1,
        7};
    return c % 8U < keys.size() ? keys[c % 8U] : static_cast<Sku>(in.raw());
  }
}

/// Returns `base + hours` hours on the clock's scale, held within the
/// range of the time point.
template <class TimePoint>
TimePoint hours_from(TimePoint base, std::int64_t hours) {
  __extension__ using Ticks = __int128;
  using Duration = typename TimePoint::duration;
  using Rep = typename Duration::rep;
  const Ticks step =
      static_cast<Ticks>(
          std::chrono::duration_cast<Duration>(std::chrono::hours(1)).count()) *
      hours;
  const Ticks sum = static_cast<Ticks>(base.time_since_epoch().count()) + step;
  const Ticks top = std::numeric_limits<Rep>::max();
  const Ticks bottom = std::numeric_limits<Rep>::min();
  return TimePoint(Duration(
      static_cast<Rep>(sum > top ? top : (sum < bottom ? bottom : sum))));
}

/// Returns a time point: mostly up to two days after `now`, else a little
/// before it, an edge of the type or any value.
template <class TimePoint> TimePoint read_time(Input &in, TimePoint now) {
  using Duration = typename TimePoint::duration;
  using Rep = typename Duration::rep;
  const std::uint8_t c = in.byte();
  if (c < 192) {
    return hours_from(now, c % 48);
  }
  if (c < 208) {
    return hours_from(now, -static_cast<std::int64_t>(c % 16U));
  }
  if (c < 240) {
    switch (c % 6U) {
    case 0:
      return TimePoint::min();
    case 1:
      return TimePoint::max();
    case 2:
      return TimePoint{};
    case 3:
      return TimePoint::max() - Duration(1);
    case 4:
      return TimePoint::min() + Duration(1);
    default:
      return now;
    }
  }
  return TimePoint(Duration(static_cast<Rep>(in.raw())));
}

/// Returns a duration: mostly 0 to 47 hours, else a little negative, an
/// edge of the type or any value.
template <class Duration> Duration read_duration(Input &in) {
  using Rep = typename Duration::rep;
  const std::uint8_t c = in.byte();
  const auto hours = [](std::int64_t count) {
    return std::chrono::duration_cast<Duration>(std::chrono::hours(count));
  };
  if (c < 192) {
    return hours(c % 48);
  }
  if (c < 208) {
    return -hours(c % 16);
  }
  if (c < 240) {
    switch (c % 5U) {
    case 0:
      return Duration::max();
    case 1:
      return Duration::min();
    case 2:
      return Duration(1);
    case 3:
      return Duration(-1);
    default:
      return Duration::max() - Duration(1);
    }
  }
  return Duration(static_cast<Rep>(in.raw()));
}

} // namespace backorder::fuzz
