// Registers every benchmark in a fixed order and runs them.
//
//   bench_backorder [--smoke] [--max_lines=N] [Google Benchmark flags]
//
// --smoke runs every benchmark once, small and quick (1,000 open lines, a
// few milliseconds each), to prove that they all run: for CI, not for
// numbers. --max_lines=N skips shops larger than N lines (the largest,
// 10,000,000 lines, need about 5 GiB). Names read
// <workload>/<sku type>/lines:<open lines>/<engine>, so that a script can
// pair .../backorder with .../naive, .../pooled and .../sqlite (see
// compare.py).

#include "shop.hpp"
#include "workloads.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace bench {
namespace {

struct Options {
  bool smoke = false;
  std::size_t max_lines = 10'000'000;
};

/// Largest shop SQLite runs in: 10,000,000 lines would take an hour to
/// build at one transaction per order.
constexpr std::size_t kSqliteMaxLines = 100'000;

template <class Engine, class Function, class... Args>
benchmark::internal::Benchmark *add(const std::string &workload,
                                    std::size_t lines, Function function,
                                    Args... args) {
  const std::string name = workload + "/" + std::string(Engine::Keys::name) +
                           "/lines:" + std::to_string(lines) + "/" +
                           std::string(Engine::name);
  auto *benchmark =
      benchmark::RegisterBenchmark(name.c_str(), function, lines, args...);
  benchmark->Unit(benchmark::kMicrosecond);
  return benchmark;
}

/// Makes a benchmark report the time of its timed batches only, for at
/// least 0.2 s of them (thousands of batches: plenty for a median), and
/// briefly in a smoke run.
void timed(const Options &options, benchmark::internal::Benchmark *benchmark) {
  benchmark->UseManualTime();
  benchmark->MinTime(options.smoke ? 0.002 : 0.2);
}

// Registers `workload` for the library, the naive and pooled engines and,
// in shops it can build in reasonable time, SQLite.
#define BENCH_EACH_ENGINE(workload, name, ...)                                 \
  do {                                                                         \
    timed(options,                                                             \
          add<BackorderEngine<Keys>>(                                          \
              name, lines,                                                     \
              &workload<BackorderEngine<Keys>> __VA_OPT__(, ) __VA_ARGS__));   \
    timed(options,                                                             \
          add<NaiveEngine<Keys>>(name, lines,                                  \
                                 &workload<NaiveEngine<Keys>> __VA_OPT__(, )   \
                                     __VA_ARGS__));                            \
    timed(options,                                                             \
          add<PooledEngine<Keys>>(name, lines,                                 \
                                  &workload<PooledEngine<Keys>> __VA_OPT__(, ) \
                                      __VA_ARGS__));                           \
    if (lines <= kSqliteMaxLines) {                                            \
      timed(options,                                                           \
            add<SqliteEngine<Keys>>(                                           \
                name, lines,                                                   \
                &workload<SqliteEngine<Keys>> __VA_OPT__(, ) __VA_ARGS__));    \
    }                                                                          \
  } while (false)

std::vector<std::size_t> sizes(const Options &options,
                               std::vector<std::size_t> all) {
  std::vector<std::size_t> kept;
  for (const std::size_t lines : all) {
    if (lines <= options.max_lines) {
      kept.push_back(lines);
    }
  }
  return kept;
}

/// Registers the shop workloads, grouped by shop so that each shop is
/// built once.
template <class Keys> void register_shops(const Options &options) {
  const auto all = options.smoke
                       ? std::vector<std::size_t>{1'000}
                       : std::vector<std::size_t>{1'000, 100'000, 10'000'000};
  for (const std::size_t lines : sizes(options, all)) {
    BENCH_EACH_ENGINE(place_backordered, "place_backordered");
    BENCH_EACH_ENGINE(place_allocated, "place_allocated");
    BENCH_EACH_ENGINE(receive_fill, "receive_fill/k:1", std::size_t{1});
    BENCH_EACH_ENGINE(receive_fill, "receive_fill/k:8", std::size_t{8});
    BENCH_EACH_ENGINE(cancel_middle, "cancel_middle");
    BENCH_EACH_ENGINE(ship_ready, "ship_ready");
    BENCH_EACH_ENGINE(promise_query, "promise");
    BENCH_EACH_ENGINE(mixed, "mixed");
  }
}

/// Registers the promise query on one SKU with many waiting lines.
template <class Keys> void register_one_sku(const Options &options) {
  const auto all = options.smoke ? std::vector<std::size_t>{1'000, 10'000}
                                 : std::vector<std::size_t>{1'000, 1'000'000};
  for (const std::size_t lines : sizes(options, all)) {
    timed(options,
          add<BackorderEngine<Keys>>("promise_one_sku", lines,
                                     &promise_one_sku<BackorderEngine<Keys>>));
    timed(options, add<NaiveEngine<Keys>>("promise_one_sku", lines,
                                          &promise_one_sku<NaiveEngine<Keys>>));
    if (lines <= 10'000) { // SQLite sums every line ahead: 1M is too slow
      timed(options,
            add<SqliteEngine<Keys>>("promise_one_sku", lines,
                                    &promise_one_sku<SqliteEngine<Keys>>));
    }
  }
}

/// Registers the promise query on one SKU, asked about a working set of
/// orders, for the library (the scaling target).
void register_promise_scaling(const Options &options) {
  const auto all = options.smoke ? std::vector<std::size_t>{1'000, 10'000}
                                 : std::vector<std::size_t>{1'000, 1'000'000};
  for (const std::size_t lines : sizes(options, all)) {
    timed(options, add<BackorderEngine<IntegerSkus>>("promise_scaling", lines,
                                                     &promise_scaling));
  }
}

/// Registers the memory measurement.
template <class Keys> void register_memory(const Options &options) {
  const std::size_t lines = options.smoke ? 10'000 : 1'000'000;
  if (lines > options.max_lines) {
    return;
  }
  add<BackorderEngine<Keys>>("memory", lines, &memory<BackorderEngine<Keys>>)
      ->Iterations(1);
  add<NaiveEngine<Keys>>("memory", lines, &memory<NaiveEngine<Keys>>)
      ->Iterations(1);
  add<PooledEngine<Keys>>("memory", lines, &memory<PooledEngine<Keys>>)
      ->Iterations(1);
  add<SqliteEngine<Keys>>("memory", lines, &memory<SqliteEngine<Keys>>)
      ->Iterations(1);
}

void register_all(const Options &options) {
  const std::size_t mebibytes = options.smoke ? 64 : 1024;
  for (const bool huge_pages : {false, true}) {
    auto *latency = benchmark::RegisterBenchmark(
        ("dram_latency/MiB:" + std::to_string(mebibytes) +
         (huge_pages ? "/pages:2M" : "/pages:4k"))
            .c_str(),
        &dram_latency, mebibytes, huge_pages);
    latency->Unit(benchmark::kMicrosecond);
    timed(options, latency);
  }
  register_shops<StringSkus>(options);
  register_shops<IntegerSkus>(options);
  register_one_sku<StringSkus>(options);
  register_one_sku<IntegerSkus>(options);
  register_promise_scaling(options);
  register_memory<StringSkus>(options);
  register_memory<IntegerSkus>(options);
}

/// Removes our own flags from argv, leaving Google Benchmark's.
Options parse(int &argc, char **argv) {
  Options options;
  if (const char *smoke = std::getenv("BACKORDER_BENCH_SMOKE");
      smoke != nullptr && *smoke != '\0' && *smoke != '0') {
    options.smoke = true;
  }
  int kept = 1;
  for (int index = 1; index < argc; ++index) {
    const char *argument = argv[index];
    if (std::strcmp(argument, "--smoke") == 0) {
      options.smoke = true;
    } else if (std::strncmp(argument, "--max_lines=", 12) == 0) {
      options.max_lines = std::strtoull(argument + 12, nullptr, 10);
    } else {
      argv[kept++] = argv[index];
    }
  }
  argc = kept;
  return options;
}

} // namespace
} // namespace bench

int main(int argc, char **argv) {
  const bench::Options options = bench::parse(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  bench::register_all(options);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  bench::ShopCache::clear();
  return 0;
}
