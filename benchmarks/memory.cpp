// memory: heap bytes per open order line, counted by replacing the global
// operator new and delete of this program. Only the engine's own calls run
// while counting, so the shop model of the other benchmarks is not in it.
// Bytes are what malloc hands out (malloc_usable_size: the request rounded
// up to malloc's 16-byte steps); glibc adds 8 bytes of header per block,
// reported separately as blocks per line. SQLite allocates with malloc, not
// operator new: its figure comes from sqlite3_memory_used().

#include "../tests/replaced_new.hpp"
#include "shop.hpp"
#include "workloads.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <new>
#include <type_traits>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace bench {
namespace {

bool counting = false;
std::ptrdiff_t live_bytes = 0;
std::ptrdiff_t live_blocks = 0;

std::ptrdiff_t block_size([[maybe_unused]] void *block, std::size_t size) {
#if defined(__GLIBC__)
  static_cast<void>(size);
  return static_cast<std::ptrdiff_t>(malloc_usable_size(block));
#else
  return static_cast<std::ptrdiff_t>(size);
#endif
}

/// Counts a block that malloc or aligned_alloc returned (nullptr is
/// not counted).
void *counted(void *block, std::size_t size) noexcept {
  if (block != nullptr && counting) {
    live_bytes += block_size(block, size);
    ++live_blocks;
  }
  return block;
}

} // namespace
} // namespace bench

namespace replaced_new {

void *allocate(std::size_t size) noexcept {
  return bench::counted(system_allocate(size), size);
}

void *allocate_aligned(std::size_t size, std::align_val_t align) noexcept {
  return bench::counted(system_allocate_aligned(size, align), size);
}

void release(void *block) noexcept {
  if (block != nullptr && bench::counting) {
    bench::live_bytes -= bench::block_size(block, 0);
    --bench::live_blocks;
  }
  std::free(block);
}

} // namespace replaced_new

namespace bench {

template <class Engine>
void memory(benchmark::State &state, std::size_t lines) {
  ShopCache::clear();
  using Keys = typename Engine::Keys;
  constexpr bool is_sqlite =
      std::is_same_v<Engine, SqliteEngine<typename Engine::Keys>>;
  const std::size_t skus = lines / kDepth;
  std::vector<typename Keys::Sku> keys;
  for (std::size_t index = 0; index < skus; ++index) {
    keys.push_back(Keys::key(index));
  }
  Rng rng(9);
  std::vector<std::size_t> shuffled(skus);
  for (std::size_t index = 0; index < skus; ++index) {
    shuffled[index] = index;
  }
  for (std::size_t index = skus; index > 1; --index) {
    std::swap(shuffled[index - 1], shuffled[rng.below(index)]);
  }
  typename Engine::Order order;
  order.lines = {{keys[0], kLineUnits}};
  double bytes = 0;
  double blocks = 0;
  for (auto _ : state) {
    // The same shape as the shop of the other benchmarks, without the
    // in-stock SKUs (they hold no lines).
    const std::int64_t sqlite_before = sqlite3_memory_used();
    counting = true;
    live_bytes = 0;
    live_blocks = 0;
    {
      auto engine = std::make_unique<Engine>();
      for (const std::size_t sku : shuffled) {
        engine->add_sku(keys[sku], true);
        for (std::size_t delivery = 1; delivery <= kDeliveries; ++delivery) {
          engine->expect(keys[sku], kDeliveryUnits,
                         day(7 * static_cast<int>(delivery)));
        }
      }
      OrderId id = 1;
      for (std::size_t round = 0; round < kDepth; ++round) {
        for (const std::size_t sku : shuffled) {
          order.id = id++;
          order.lines[0].sku = keys[sku];
          require(engine->place(order), "memory: place");
        }
      }
      for (const std::size_t sku : shuffled) {
        require(engine->receive(keys[sku], kLineUnits * kReady) ==
                    kLineUnits * kReady,
                "memory: receive");
      }
      require(engine->open_lines() == lines, "memory: open lines");
      bytes = static_cast<double>(live_bytes);
      blocks = static_cast<double>(live_blocks);
      if constexpr (is_sqlite) {
        bytes += static_cast<double>(sqlite3_memory_used() - sqlite_before);
      }
      counting = false;
    }
  }
  state.counters["bytes_per_line"] = bytes / static_cast<double>(lines);
  state.counters["blocks_per_line"] = blocks / static_cast<double>(lines);
  state.counters["open_lines"] = static_cast<double>(lines);
}

BENCH_INSTANTIATE(memory);

} // namespace bench
