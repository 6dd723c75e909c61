#pragma once

// Vocabulary shared by the benchmark engines and workloads: the two SKU key
// types, a deterministic random generator and a fatal check.

#include <backorder/backorder.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

using OrderId = std::uint64_t;
using Quantity = std::int64_t;
using TimePoint = std::chrono::system_clock::time_point;

/// Describes string SKUs ("SKU-0000012345": 14 characters, so a
/// std::string holds them without a heap block).
struct StringSkus {
  using Traits = backorder::DefaultTraits;
  using Sku = std::string;
  static constexpr std::string_view name = "string";

  /// Returns the i-th SKU of the catalog.
  static Sku key(std::size_t index) {
    char text[32];
    std::snprintf(text, sizeof text, "SKU-%010zu", index);
    return Sku(text);
  }
};

/// Describes integer SKUs (database ids, the fastest key).
struct IntegerSkus {
  using Traits = backorder::IntegerSkuTraits;
  using Sku = std::uint64_t;
  static constexpr std::string_view name = "integer";

  /// Returns the i-th SKU of the catalog.
  static Sku key(std::size_t index) { return 100000U + index; }
};

/// Generates deterministic pseudo-random numbers (splitmix64).
class Rng {
public:
  explicit Rng(std::uint64_t seed) noexcept : state_(seed) {}

  /// Returns the next 64 random bits.
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }

  /// Returns a number in [0, bound), bound > 0.
  std::size_t below(std::size_t bound) noexcept {
    return static_cast<std::size_t>(next() % bound);
  }

private:
  std::uint64_t state_;
};

/// Stops the program when an engine does not do what the workload expects:
/// a wrong result must fail the run, not produce a fast number.
inline void require(bool condition, const char *what) {
  if (!condition) {
    std::fprintf(stderr, "benchmark check failed: %s\n", what);
    std::abort();
  }
}

/// The expected supplier deliveries of one SKU, by date, as the hand-written
/// engines (naive, pooled) keep them.
class Deliveries {
public:
  /// Adds a delivery, after those due at the same date or earlier.
  void add(Quantity units, TimePoint eta) {
    by_date_.insert(std::upper_bound(by_date_.begin(), by_date_.end(), eta,
                                     [](TimePoint when, const Delivery &d) {
                                       return when < d.eta;
                                     }),
                    Delivery{eta, units});
  }

  /// Returns the first date by which the deliveries add up to `needed`
  /// units, or TimePoint::max() when they never do.
  [[nodiscard]] TimePoint covering(Quantity needed) const {
    Quantity supply = 0;
    for (const Delivery &delivery : by_date_) {
      supply += delivery.units;
      if (supply >= needed) {
        return delivery.eta;
      }
    }
    return TimePoint::max();
  }

private:
  struct Delivery {
    TimePoint eta;
    Quantity units;
  };

  std::vector<Delivery> by_date_;
};

/// Returns a date `days` days after a fixed day, for expected deliveries.
inline TimePoint day(int days) {
  using namespace std::chrono;
  return TimePoint(sys_days{year{2026} / 11 / 27}) + std::chrono::days{days};
}

} // namespace bench
