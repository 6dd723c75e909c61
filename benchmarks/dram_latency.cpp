// dram_latency: the physical limit. Follows a random cycle through a 1 GiB
// buffer (far larger than the caches), one 64-byte line per step, each
// read depending on the previous one: the time of a step is the latency of
// one random DRAM access. With 4 KiB pages (pages:4k) every step also
// misses the TLB and walks the page tables, as the engines' own random
// accesses to a multi-GiB shop do; with 2 MiB pages (pages:2M, when the
// kernel grants transparent huge pages) it is closer to DRAM alone.

#include "shop.hpp"
#include "workloads.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace bench {

void dram_latency(benchmark::State &state, std::size_t mebibytes,
                  bool huge_pages) {
  struct alignas(64) Node {
    Node *next;
  };
  constexpr std::size_t kHugePage = std::size_t{2} << 20U;
  const std::size_t bytes = mebibytes << 20U;
  const std::size_t count = bytes / sizeof(Node);
  const std::unique_ptr<void, decltype(&std::free)> buffer(
      std::aligned_alloc(kHugePage, bytes), &std::free);
  require(buffer != nullptr, "dram_latency: 1 GiB buffer");
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  static_cast<void>(madvise(buffer.get(), bytes,
                            huge_pages ? MADV_HUGEPAGE : MADV_NOHUGEPAGE));
#else
  static_cast<void>(huge_pages);
#endif
  auto *nodes = static_cast<Node *>(buffer.get());
  std::vector<std::uint32_t> cycle(count);
  for (std::size_t index = 0; index < count; ++index) {
    cycle[index] = static_cast<std::uint32_t>(index);
  }
  Rng rng(10);
  for (std::size_t index = count - 1; index > 0; --index) { // Sattolo
    std::swap(cycle[index], cycle[rng.below(index)]);
  }
  for (std::size_t index = 0; index < count; ++index) {
    nodes[cycle[index]].next = &nodes[cycle[(index + 1) % count]];
  }
  constexpr std::size_t kSteps = 1024;
  Node *at = &nodes[cycle[0]];
  BatchTimer timer(state);
  for (auto _ : state) {
    timer.time([&] {
      for (std::size_t step = 0; step < kSteps; ++step) {
        at = at->next;
      }
      benchmark::DoNotOptimize(at);
    });
  }
  report_items(state, timer, kSteps);
}

} // namespace bench
