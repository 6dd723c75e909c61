// Steady state allocates nothing: once its pools are warm, an inventory
// places, receives, cancels and ships without a single heap allocation.
//
// This file replaces the global operator new and delete of the test
// program with ones that count the allocations of the calling thread; a
// test reads the count only as a difference around the code it measures,
// so allocations by Catch2 or other tests do not matter. (Under
// AddressSanitizer our operator new still wins over the sanitizer's, and
// the blocks still come from its malloc, so the counts stay exact and the
// checks keep running.)
//
// status() and promise() return vectors and so allocate by design; they
// are not measured here.

#include "catch.hpp"
#include "replaced_new.hpp"

#include <backorder/backorder.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

namespace {

thread_local std::size_t allocations = 0;

} // namespace

namespace replaced_new {

void *allocate(std::size_t size) noexcept {
  ++allocations;
  return system_allocate(size);
}

void *allocate_aligned(std::size_t size, std::align_val_t align) noexcept {
  ++allocations;
  return system_allocate_aligned(size, align);
}

void release(void *block) noexcept { std::free(block); }

} // namespace replaced_new

namespace allocation_test {

namespace {

/// Returns the allocations `run` makes on this thread.
template <class Run> std::size_t allocations_in(Run &&run) {
  const std::size_t before = allocations;
  run();
  return allocations - before;
}

template <class Traits> typename Traits::Sku sku_named(int index);

template <> std::string sku_named<backorder::DefaultTraits>(int index) {
  // Up to 15 characters: std::string keeps them without a heap block.
  return "SKU-" + std::to_string(100000 + index);
}

template <> std::uint64_t sku_named<backorder::IntegerSkuTraits>(int index) {
  return 7000U + static_cast<std::uint64_t>(index);
}

constexpr int kSkus = 8;
constexpr int kDepth = 40;

/// Drives a shop of back-ordered SKUs: each keeps kDepth one-line orders
/// of 2 units, oldest first, so every queue stays non-empty. One round
/// places two lines on every SKU, receives 2 units (the oldest waiting
/// line completes), ships that line's order, and cancels a waiting line
/// from the middle of the queue; the shop ends the round as it began.
template <class Traits> class BackorderedShop {
public:
  using Shop = backorder::Inventory<backorder::Fifo, Traits>;

  BackorderedShop() {
    order_.lines.resize(1);
    for (int index = 0; index < kSkus; ++index) {
      skus_.push_back(sku_named<Traits>(index));
      REQUIRE(shop_.add_sku(skus_.back()));
      REQUIRE(shop_.expect(skus_.back(), 10'000,
                           std::chrono::system_clock::now() +
                               std::chrono::hours(24 * 7)));
      queues_.emplace_back();
    }
    for (int round = 0; round < kDepth; ++round) {
      for (int index = 0; index < kSkus; ++index) {
        REQUIRE(place(index));
      }
    }
  }

  /// Runs one round; returns false if any operation failed.
  bool round() {
    bool done = true;
    for (int index = 0; index < kSkus; ++index) {
      auto &queue = queues_[static_cast<std::size_t>(index)];
      done = place(index) && done;
      done = place(index) && done;
      const auto receipt =
          shop_.receive(skus_[static_cast<std::size_t>(index)], 2);
      done = receipt && receipt->allocated == 2 && done;
      const auto shipment = shop_.ship(queue[0]);
      done = shipment && shipment->units == 2 && shipment->order_closed && done;
      queue.erase(queue.begin());
      const std::size_t middle = queue.size() / 2;
      done = static_cast<bool>(shop_.cancel(queue[middle])) && done;
      queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(middle));
    }
    return done &&
           shop_.open_lines() == static_cast<std::size_t>(kSkus) * kDepth;
  }

  Shop &shop() { return shop_; }

private:
  bool place(int index) {
    order_.id = next_id_++;
    order_.lines[0] = {skus_[static_cast<std::size_t>(index)], 2};
    const bool placed = shop_.place(order_).has_value();
    auto &queue = queues_[static_cast<std::size_t>(index)];
    if (queue.size() == queue.capacity()) {
      queue.reserve(2 * kDepth); // the model must not allocate while counted
    }
    queue.push_back(order_.id);
    return placed;
  }

  Shop shop_;
  std::vector<typename Traits::Sku> skus_;
  std::vector<std::vector<std::uint64_t>> queues_;
  backorder::Order<Traits> order_;
  std::uint64_t next_id_ = 1;
};

template <class Traits> void check_backordered_steady_state() {
  BackorderedShop<Traits> shop;
  bool done = true;
  for (int warm = 0; warm < 200; ++warm) { // past every pool's high mark
    done = shop.round() && done;
  }
  REQUIRE(done);
  const std::size_t counted = allocations_in([&] {
    for (int round = 0; round < 200; ++round) {
      done = shop.round() && done;
    }
  });
  REQUIRE(done);
  CHECK(counted == 0);
  REQUIRE_FALSE(shop.shop().check_invariants().has_value());
}

/// Drives SKUs that are in stock: nobody waits, so each order's lines are
/// allocated at once, then shipped (or cancelled), and the SKUs' queues
/// empty again after every order.
template <class Traits> void check_in_stock_steady_state() {
  backorder::Inventory<backorder::Fifo, Traits> shop;
  std::vector<typename Traits::Sku> skus;
  for (int index = 0; index < kSkus; ++index) {
    skus.push_back(sku_named<Traits>(index));
    REQUIRE(shop.add_sku(skus.back()));
    REQUIRE(shop.receive(skus.back(), 1'000'000));
  }
  backorder::Order<Traits> order;
  order.lines.resize(3);
  std::uint64_t next_id = 1;
  const auto round = [&] {
    bool done = true;
    for (int index = 0; index < kSkus; ++index) {
      for (std::size_t line = 0; line < 3; ++line) {
        order.lines[line] = {
            skus[(static_cast<std::size_t>(index) + line) % skus.size()], 1};
      }
      order.id = next_id++;
      const auto placed = shop.place(order);
      done = placed && placed->allocated == 3 && done;
      if (index % 2 == 0) {
        const auto shipment = shop.ship(order.id);
        done = shipment && shipment->units == 3 && done;
      } else {
        done = static_cast<bool>(shop.cancel(order.id)) && done;
      }
      done = static_cast<bool>(
                 shop.receive(skus[static_cast<std::size_t>(index)], 1)) &&
             done;
    }
    return done && shop.open_lines() == 0;
  };
  bool done = true;
  for (int warm = 0; warm < 100; ++warm) {
    done = round() && done;
  }
  REQUIRE(done);
  const std::size_t counted = allocations_in([&] {
    for (int count = 0; count < 100; ++count) {
      done = round() && done;
    }
  });
  REQUIRE(done);
  CHECK(counted == 0);
  REQUIRE_FALSE(shop.check_invariants().has_value());
}

} // namespace

TEST_CASE("the allocation counter sees an allocation") {
  const std::size_t counted = allocations_in([] {
    auto *block = new std::vector<int>(100);
    delete block;
  });
  CHECK(counted == 2);
}

TEST_CASE("the allocation counter sees an over-aligned allocation") {
  // The library's records and index chunks are aligned to cache lines, so
  // their vectors allocate through the aligned operator new.
  struct alignas(64) Line {
    char bytes[64];
  };
  const std::size_t counted = allocations_in([] {
    std::vector<Line> lines(3);
    CHECK(reinterpret_cast<std::uintptr_t>(lines.data()) % 64 == 0);
  });
  CHECK(counted == 1);
}

TEST_CASE("steady state on back-ordered SKUs allocates nothing (string SKUs)") {
  check_backordered_steady_state<backorder::DefaultTraits>();
}

TEST_CASE(
    "steady state on back-ordered SKUs allocates nothing (integer SKUs)") {
  check_backordered_steady_state<backorder::IntegerSkuTraits>();
}

// Placing a line on a SKU whose queue emptied reuses the emptied level's
// storage (BackOrderQueue keeps spare levels), so this allocates nothing.
TEST_CASE("steady state on in-stock SKUs allocates nothing (string SKUs)") {
  check_in_stock_steady_state<backorder::DefaultTraits>();
}

TEST_CASE("steady state on in-stock SKUs allocates nothing (integer SKUs)") {
  check_in_stock_steady_state<backorder::IntegerSkuTraits>();
}

} // namespace allocation_test
