// dram_latency: the physical limit. Follows a random cycle through a large
// buffer, one 64-byte line per step, each read depending on the previous
// one: the time of a step is the latency of a random DRAM access (with
// its TLB miss, 4 KiB pages), what a cache-missing lookup pays.

#include "shop.hpp"
#include "workloads.hpp"

#include <cstdint>
#include <vector>

namespace bench {

void dram_latency(benchmark::State &state, std::size_t mebibytes) {
  struct alignas(64) Node {
    Node *next;
  };
  const std::size_t count = (mebibytes << 20U) / sizeof(Node);
  std::vector<Node> nodes(count);
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
