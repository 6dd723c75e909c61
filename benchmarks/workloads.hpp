#pragma once

// The workloads, each defined in benchmarks/<workload>.cpp for every
// engine, and registered in a fixed order by benchmarks/main.cpp.
//
// benchmarks/CMakeLists.txt compiles most workload files once per engine,
// each time with BENCH_ENGINE (the engine's class template) and
// BENCH_ENGINE_HEADER defined, so that a translation unit holds one
// engine's code only and no engine changes how the compiler builds
// another's. Without them (benchmarks/main.cpp, memory.cpp) every engine
// is included.

#ifdef BENCH_ENGINE_HEADER
#include BENCH_ENGINE_HEADER
#else
#include "engines/backorder_engine.hpp"
#include "engines/naive_engine.hpp"
#include "engines/pooled_engine.hpp"
#include "engines/sqlite_engine.hpp"
#endif

#include <benchmark/benchmark.h>

#include <cstddef>

namespace bench {

/// Places a one-line order on a back-ordered SKU: it waits at the back.
template <class Engine>
void place_backordered(benchmark::State &state, std::size_t lines);

/// Places a 3-line order on in-stock SKUs: every line is allocated.
template <class Engine>
void place_allocated(benchmark::State &state, std::size_t lines);

/// Receives 2k units on a back-ordered SKU: the k oldest waiting lines
/// complete. Items are lines completed.
template <class Engine>
void receive_fill(benchmark::State &state, std::size_t lines, std::size_t k);

/// Cancels the middle waiting line of a back-ordered SKU.
template <class Engine>
void cancel_middle(benchmark::State &state, std::size_t lines);

/// Ships the oldest complete order of a back-ordered SKU.
template <class Engine>
void ship_ready(benchmark::State &state, std::size_t lines);

/// Asks when a random waiting order will be complete.
template <class Engine>
void promise_query(benchmark::State &state, std::size_t lines);

/// Asks when a random waiting order will be complete, with every line
/// waiting on one SKU that expects 5 deliveries.
template <class Engine>
void promise_one_sku(benchmark::State &state, std::size_t lines);

/// Asks when an order will be complete, 4,096 orders drawn at random asked
/// in turn, with `lines` one-line orders waiting on one SKU (three priority
/// levels, six expected deliveries); the library only.
void promise_scaling(benchmark::State &state, std::size_t lines);

/// Runs a shop's day: 60% place, 20% receive, 10% cancel, 10% ship.
template <class Engine> void mixed(benchmark::State &state, std::size_t lines);

/// Measures the heap bytes per open line of a shop with `lines` lines.
template <class Engine> void memory(benchmark::State &state, std::size_t lines);

/// Measures a dependent random read of a `mebibytes` buffer: the cost of
/// one cache miss to DRAM, the physical limit; with 4 KiB pages a TLB miss
/// is included, with 2 MiB pages (huge_pages) mostly not.
void dram_latency(benchmark::State &state, std::size_t mebibytes,
                  bool huge_pages);

} // namespace bench

/// Instantiates a workload for one engine and both key types.
#define BENCH_INSTANTIATE_FOR(engine, workload, ...)                           \
  template void workload<bench::engine<bench::StringSkus>>(                    \
      benchmark::State &, std::size_t __VA_OPT__(, ) __VA_ARGS__);             \
  template void workload<bench::engine<bench::IntegerSkus>>(                   \
      benchmark::State &, std::size_t __VA_OPT__(, ) __VA_ARGS__)

#ifdef BENCH_ENGINE
/// Instantiates a workload for this translation unit's engine.
#define BENCH_INSTANTIATE(workload, ...)                                       \
  BENCH_INSTANTIATE_FOR(BENCH_ENGINE, workload __VA_OPT__(, ) __VA_ARGS__)
#else
/// Instantiates a workload for the four engines.
#define BENCH_INSTANTIATE(workload, ...)                                       \
  BENCH_INSTANTIATE_FOR(BackorderEngine, workload __VA_OPT__(, ) __VA_ARGS__); \
  BENCH_INSTANTIATE_FOR(NaiveEngine, workload __VA_OPT__(, ) __VA_ARGS__);     \
  BENCH_INSTANTIATE_FOR(PooledEngine, workload __VA_OPT__(, ) __VA_ARGS__);    \
  BENCH_INSTANTIATE_FOR(SqliteEngine, workload __VA_OPT__(, ) __VA_ARGS__)
#endif
