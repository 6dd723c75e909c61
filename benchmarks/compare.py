#!/usr/bin/env python3
"""Pairs backorder's benchmarks with the naive engine and SQLite.

Reads the JSON that bench_backorder writes (--benchmark_format=json, or
--benchmark_out=FILE --benchmark_out_format=json), and prints, from that one
run: the time per item of each engine and the ratios naive/backorder and
sqlite/backorder, and naive/pooled (how far ahead of the naive engine the
pooled reference engine, the leanest layout, gets: what a ratio target can
hope for); how the time per item grows with the open lines; the heap bytes
per open line; the promise query on one SKU; the DRAM latency and how many
of those accesses each operation costs; and the issue's targets, each
marked met or NOT MET, with what the pooled engine reaches beside them.
Nothing fails: the exit status is 0 unless the input cannot be read.

Benchmark names read <workload>/<sku type>/lines:<N>/<engine>. With
--benchmark_repetitions, the median of the repetitions is used; given the
files of several runs, the median of all their repetitions.

  python3 benchmarks/compare.py results.json [--markdown]
"""

import argparse
import json
import statistics
import sys
from collections import defaultdict

ENGINES = ("backorder", "naive", "pooled", "sqlite")
# Google Benchmark appends these to a registered name.
DECORATIONS = ("min_time:", "manual_time", "real_time", "iterations:",
               "repeats:", "threads:", "process_time", "min_warmup_time:")
TARGET_WORKLOADS = ("place_backordered", "receive_fill/k:1",
                    "receive_fill/k:8", "cancel_middle")
TARGET_LINES = 100_000
# "no more than 3 random memory accesses per operation (about 300-400 ns
# here)": the issue's own figure, checked besides 3 accesses as measured.
ISSUE_LIMIT_NS = 400
LARGEST_LINES = 10_000_000


def base_name(name):
    """Returns a benchmark name without Google Benchmark's additions."""
    parts = [part for part in name.split("/")
             if not part.startswith(DECORATIONS)]
    return "/".join(parts)


def parse(name):
    """Splits a name into (workload, sku type, lines, engine), or None."""
    parts = name.split("/")
    if len(parts) < 4 or parts[-1] not in ENGINES:
        return None
    lines = parts[-2]
    if not lines.startswith("lines:"):
        return None
    return "/".join(parts[:-3]), parts[-3], int(lines[6:]), parts[-1]


def load(paths):
    """Returns {base name: {field: median value}} from benchmark JSON."""
    aggregates = defaultdict(dict)
    runs = defaultdict(lambda: defaultdict(list))
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        for bench in data.get("benchmarks", []):
            if bench.get("error_occurred"):
                continue
            name = base_name(bench.get("run_name", bench["name"]))
            fields = {key: value for key, value in bench.items()
                      if isinstance(value, (int, float))
                      and not isinstance(value, bool)}
            if bench.get("run_type") == "aggregate":
                if bench.get("aggregate_name") == "median":
                    aggregates[name].update(fields)
            else:
                for key, value in fields.items():
                    runs[name][key].append(value)
    # The median of every repetition found, across all the files given (so
    # that several runs combine); Google Benchmark's own median aggregate
    # only where the repetitions were left out of the file.
    results = {name: dict(fields) for name, fields in aggregates.items()}
    for name, fields in runs.items():
        results[name] = {key: statistics.median(values)
                         for key, values in fields.items()}
    return results, (data.get("context", {}) if paths else {})


def ns_per_item(fields):
    """Returns the nanoseconds per item of a benchmark, or None."""
    rate = fields.get("items_per_second")
    if rate:
        return 1e9 / rate
    return fields.get("ns_per_item")


def fmt_ns(value):
    if value is None:
        return "-"
    if value >= 100_000:
        return f"{value / 1000:,.0f} us"
    if value >= 10_000:
        return f"{value / 1000:,.1f} us"
    if value >= 100:
        return f"{value:,.0f} ns"
    return f"{value:,.1f} ns"


def fmt_ratio(value):
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}x"
    return f"{value:,.1f}x"


def fmt_lines(lines):
    if lines >= 1_000_000 and lines % 1_000_000 == 0:
        return f"{lines // 1_000_000}M"
    if lines >= 1_000 and lines % 1_000 == 0:
        return f"{lines // 1_000}k"
    return str(lines)


class Printer:
    """Prints tables as aligned text or as Markdown."""

    def __init__(self, markdown):
        self.markdown = markdown

    def title(self, text):
        print()
        print(f"### {text}" if self.markdown else f"== {text} ==")
        print()

    def table(self, header, rows, right_from=1):
        if self.markdown:
            print("| " + " | ".join(header) + " |")
            print("|" + "|".join("---" if index < right_from else "---:"
                                 for index in range(len(header))) + "|")
            for row in rows:
                print("| " + " | ".join(row) + " |")
            return
        widths = [max(len(str(cell)) for cell in column)
                  for column in zip(header, *rows)]
        for row in [header] + rows:
            cells = [cell.ljust(width) if index < right_from
                     else cell.rjust(width)
                     for index, (cell, width) in enumerate(zip(row, widths))]
            print("  ".join(cells).rstrip())

    def note(self, text):
        print(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="+", help="benchmark JSON output")
    parser.add_argument("--markdown", action="store_true",
                        help="print Markdown tables")
    args = parser.parse_args()
    try:
        results, context = load(args.json)
    except (OSError, ValueError) as error:
        print(f"compare.py: {error}", file=sys.stderr)
        return 1
    out = Printer(args.markdown)

    # (workload, sku, lines) -> engine -> ns per item
    shops = defaultdict(dict)
    memory = defaultdict(dict)
    one_sku = defaultdict(dict)
    for name, fields in results.items():
        parsed = parse(name)
        if parsed is None:
            continue
        workload, sku, lines, engine = parsed
        if workload == "memory":
            memory[(sku, lines)][engine] = fields
        elif workload in ("promise_one_sku", "promise_scaling"):
            one_sku[(workload, sku, engine)][lines] = ns_per_item(fields)
        else:
            shops[(workload, sku, lines)][engine] = ns_per_item(fields)
    # One random DRAM access: with 4 KiB pages (a TLB miss and page walk
    # included, as the engines pay in a multi-GiB shop) and with 2 MiB
    # pages (closer to DRAM alone). The targets count accesses of the
    # latter; both are shown.
    dram = dram_4k = None
    for name, fields in results.items():
        if name.startswith("dram_latency/"):
            if name.endswith("pages:4k"):
                dram_4k = ns_per_item(fields)
            else:
                dram = ns_per_item(fields)
    dram = dram or dram_4k

    if context:
        out.note(f"run: {context.get('date', '?')}, "
                 f"{context.get('num_cpus', '?')} CPUs at "
                 f"{context.get('mhz_per_cpu', '?')} MHz, "
                 f"load average {context.get('load_avg', '?')}")

    workloads = []
    for workload, _, _ in shops:
        if workload not in workloads:
            workloads.append(workload)

    out.title("time per item (median of the repetitions) and ratios")
    rows = []
    for key in sorted(shops, key=lambda k: (k[1] != "string", k[2],
                                            workloads.index(k[0]))):
        workload, sku, lines = key
        ns = shops[key]
        base = ns.get("backorder")
        row = [workload, sku, fmt_lines(lines)]
        row += [fmt_ns(ns.get(engine)) for engine in ENGINES]
        for engine in ("naive", "sqlite"):
            other = ns.get(engine)
            row.append(fmt_ratio(other / base) if other and base else "-")
        naive, pooled = ns.get("naive"), ns.get("pooled")
        row.append(fmt_ratio(naive / pooled) if naive and pooled else "-")
        rows.append(row)
    out.table(["workload", "SKU", "lines", "backorder", "naive", "pooled",
               "sqlite", "naive/backorder", "sqlite/backorder",
               "naive/pooled"], rows, right_from=2)

    out.title("scaling: time per item as open lines grow")
    sizes = sorted({lines for _, _, lines in shops})
    rows = []
    for workload in workloads:
        for sku in ("string", "integer"):
            for engine in ENGINES:
                series = {lines: shops.get((workload, sku, lines), {})
                          .get(engine) for lines in sizes}
                known = [lines for lines in sizes if series[lines]]
                if not known:
                    continue
                growth = (series[known[-1]] / series[known[0]]
                          if len(known) > 1 else None)
                rows.append([workload, sku, engine]
                            + [fmt_ns(series[lines]) for lines in sizes]
                            + [fmt_ratio(growth) if growth else "-"])
    out.table(["workload", "SKU", "engine"]
              + [fmt_lines(lines) for lines in sizes]
              + ["largest/smallest"], rows, right_from=3)

    if dram:
        latencies = [("2M", dram)] + ([("4k", dram_4k)] if dram_4k else [])
        out.title(f"time per operation at {fmt_lines(LARGEST_LINES)} lines "
                  f"in random DRAM accesses (one access here: "
                  + ", ".join(f"{fmt_ns(value)} with {pages} pages"
                              for pages, value in latencies) + ")")
        rows = []
        for (workload, sku, lines), ns in shops.items():
            if lines != LARGEST_LINES:
                continue
            row = [workload, sku]
            for engine in ("backorder", "naive", "pooled"):
                value = ns.get(engine)
                row.append(fmt_ns(value))
                for _, latency in latencies:
                    row.append(f"{value / latency:.1f}" if value else "-")
            rows.append(row)
        rows.sort(key=lambda row: (row[1] != "string",
                                   workloads.index(row[0])))
        header = ["workload", "SKU"]
        for engine in ("backorder", "naive", "pooled"):
            header.append(engine)
            header += [f"/ {pages}" for pages, _ in latencies]
        out.table(header, rows, right_from=2)

    if memory:
        out.title("heap bytes per open line")
        rows = []
        for (sku, lines), engines in sorted(memory.items()):
            row = [sku, fmt_lines(lines)]
            for engine in ENGINES:
                fields = engines.get(engine, {})
                row.append(f"{fields['bytes_per_line']:.0f}"
                           if "bytes_per_line" in fields else "-")
            for engine in ("backorder", "naive"):
                fields = engines.get(engine, {})
                row.append(f"{fields['blocks_per_line']:.2f}"
                           if "blocks_per_line" in fields else "-")
            mine = engines.get("backorder", {}).get("bytes_per_line")
            naive = engines.get("naive", {}).get("bytes_per_line")
            row.append(f"{mine / naive:.2f}" if mine and naive else "-")
            rows.append(row)
        out.table(["SKU", "lines", "backorder B", "naive B", "pooled B",
                   "sqlite B",
                   "backorder blocks", "naive blocks", "backorder/naive"],
                  rows, right_from=2)

    if one_sku:
        out.title("promise query, every line waiting on one SKU "
                  "(promise_scaling: 4,096 orders asked in turn; "
                  "promise_one_sku: orders drawn from all lines)")
        rows = []
        for (workload, sku, engine), series in sorted(one_sku.items()):
            sizes_one = sorted(series)
            row = [workload, sku, engine] + [f"{fmt_lines(lines)}: "
                                   f"{fmt_ns(series[lines])}"
                                   for lines in sizes_one]
            if len(sizes_one) > 1 and series[sizes_one[0]]:
                row.append(fmt_ratio(series[sizes_one[-1]]
                                     / series[sizes_one[0]]))
            rows.append(row)
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        out.table(["workload", "SKU", "engine"]
                  + ["lines: time"] * (width - 4) + ["largest/smallest"],
                  rows, right_from=3)

    targets = []

    # The last column: the same measure for the pooled engine, the leanest
    # layout of the suite (not a target: what one could reach at all).
    def target(text, value, met, pooled="-"):
        if value is None:
            targets.append([text, "not measured", "-", pooled])
        else:
            targets.append([text, value, "met" if met else "NOT MET", pooled])

    def pooled_ratio(ns, engine):
        other, pooled = ns.get(engine), ns.get("pooled")
        return fmt_ratio(other / pooled) if other and pooled else "-"

    for sku in ("string", "integer"):
        for workload in TARGET_WORKLOADS:
            ns = shops.get((workload, sku, TARGET_LINES), {})
            base = ns.get("backorder")
            for engine, wanted in (("sqlite", 100), ("naive", 3)):
                other = ns.get(engine)
                ratio = other / base if other and base else None
                target(f"{workload} {sku} {fmt_lines(TARGET_LINES)}: "
                       f"{engine}/backorder >= {wanted}x",
                       fmt_ratio(ratio) if ratio else None,
                       ratio is not None and ratio >= wanted,
                       pooled_ratio(ns, engine))
    for sku in ("string", "integer"):
        for workload in TARGET_WORKLOADS:
            ns = shops.get((workload, sku, LARGEST_LINES), {})
            base = ns.get("backorder")
            naive = ns.get("naive")
            pooled = ns.get("pooled")
            if dram and base:
                target(f"{workload} {sku} {fmt_lines(LARGEST_LINES)}: "
                       f"<= 3 DRAM accesses ({fmt_ns(3 * dram)})",
                       f"{base / dram:.1f} ({fmt_ns(base)})",
                       base <= 3 * dram,
                       f"{pooled / dram:.1f} ({fmt_ns(pooled)})"
                       if pooled else "-")
            else:
                target(f"{workload} {sku} {fmt_lines(LARGEST_LINES)}: "
                       f"<= 3 DRAM accesses", None, False)
            target(f"{workload} {sku} {fmt_lines(LARGEST_LINES)}: "
                   f"<= {fmt_ns(ISSUE_LIMIT_NS)} (the issue's 3 accesses)",
                   fmt_ns(base) if base else None,
                   base is not None and base <= ISSUE_LIMIT_NS, fmt_ns(pooled))
            ratio = naive / base if naive and base else None
            target(f"{workload} {sku} {fmt_lines(LARGEST_LINES)}: "
                   f"naive/backorder >= 3x",
                   fmt_ratio(ratio) if ratio else None,
                   ratio is not None and ratio >= 3, pooled_ratio(ns, "naive"))
    for (sku, lines), engines in sorted(memory.items()):
        mine = engines.get("backorder", {}).get("bytes_per_line")
        naive = engines.get("naive", {}).get("bytes_per_line")
        pooled = engines.get("pooled", {}).get("bytes_per_line")
        target(f"bytes per line {sku} {fmt_lines(lines)}: "
               f"backorder <= naive / 2",
               f"{mine:.0f} vs {naive:.0f} B" if mine and naive else None,
               bool(mine and naive and mine <= naive / 2),
               f"{pooled:.0f} B" if pooled else "-")
    # The issue's target: the median query at 1,000,000 lines within 5x of
    # the query at 1,000 (promise_scaling). Orders drawn from all the lines
    # (promise_one_sku) add the DRAM latency of finding the order; that is
    # shown in DRAM accesses, not held to the target.
    for (workload, sku, engine), series in sorted(one_sku.items()):
        if engine != "backorder" or len(series) < 2:
            continue
        sizes_one = sorted(series)
        ratio = series[sizes_one[-1]] / series[sizes_one[0]]
        if workload == "promise_scaling":
            target(f"{workload} {sku}: {fmt_lines(sizes_one[-1])} within "
                   f"5x of {fmt_lines(sizes_one[0])}", fmt_ratio(ratio),
                   ratio <= 5)
        elif dram:
            accesses = series[sizes_one[-1]] / dram
            targets.append([f"{workload} {sku}: {fmt_lines(sizes_one[-1])} "
                            f"vs {fmt_lines(sizes_one[0])} (information)",
                            f"{fmt_ratio(ratio)}, {accesses:.1f} DRAM "
                            f"accesses", "-", "-"])
    out.title("targets")
    out.table(["target", "measured", "", "pooled engine"], targets,
              right_from=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
