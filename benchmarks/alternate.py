#!/usr/bin/env python3
"""Times two builds of bench_backorder (or one build in two environments)
in alternating runs, and prints the fastest and median time per item of
each with the ratios new/old.

On a shared machine a timing moves by tens of percent from run to run;
runs of the two builds taken in turn see the same load on average, so
their fastest and median times compare where two separate runs would not.
docs/performance.md cites the figures this prints.

  python3 benchmarks/alternate.py OLD NEW --filter REGEX [--runs N]
      [--env-new NAME=VALUE ...]

OLD and NEW are bench_backorder programs (the same one to compare
environments: --env-new sets variables for NEW's runs only, e.g.
GLIBC_TUNABLES=glibc.malloc.hugetlb=1). Each run is one program with
--benchmark_filter=REGEX and one repetition; OLD runs first in each round.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict

from compare import base_name  # compare.py, beside this script


def run_once(program, regex, env):
    """Runs `program` once and returns {benchmark: ns per item}."""
    try:
        result = subprocess.run(
            [program, f"--benchmark_filter={regex}",
             "--benchmark_format=json"],
            env=env, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"alternate.py: {program} failed: {error}")
    times = {}
    if not result.stdout.strip():
        return times  # nothing matched the filter
    for bench in json.loads(result.stdout)["benchmarks"]:
        if "ns_per_item" in bench:
            times[base_name(bench["name"])] = bench["ns_per_item"]
    return times


def parse_env(assignments):
    """Returns the environment for NEW's runs."""
    env = dict(os.environ)
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            sys.exit(f"alternate.py: --env-new wants NAME=VALUE, got "
                     f"{assignment!r}")
        env[name] = value
    return env


def main():
    parser = argparse.ArgumentParser(
        description="Alternating runs of two bench_backorder builds.")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--filter", required=True,
                        help="--benchmark_filter for both programs")
    parser.add_argument("--runs", type=int, default=6,
                        help="runs of each program (default 6)")
    parser.add_argument("--env-new", action="append", default=[],
                        metavar="NAME=VALUE",
                        help="an environment variable for NEW's runs")
    args = parser.parse_args()
    if args.runs < 1:
        sys.exit("alternate.py: --runs must be at least 1")

    environments = {"old": dict(os.environ), "new": parse_env(args.env_new)}
    programs = {"old": args.old, "new": args.new}
    times = defaultdict(lambda: defaultdict(list))
    for round_number in range(args.runs):
        for build in ("old", "new"):
            for name, value in run_once(programs[build], args.filter,
                                        environments[build]).items():
                times[name][build].append(value)
        print(f"round {round_number + 1} of {args.runs} done", file=sys.stderr)

    if not times:
        sys.exit(f"alternate.py: no benchmark matches {args.filter!r}")
    width = max(len(name) for name in times)
    print(f"{'benchmark':<{width}}  {'old fastest':>11} {'median':>9}  "
          f"{'new fastest':>11} {'median':>9}  {'fastest':>7} {'median':>7}")
    for name in sorted(times):
        old, new = times[name]["old"], times[name]["new"]
        if not old or not new:
            print(f"{name:<{width}}  (ran under one build only)")
            continue
        old_fast, old_mid = min(old), statistics.median(old)
        new_fast, new_mid = min(new), statistics.median(new)
        print(f"{name:<{width}}  {old_fast:11.1f} {old_mid:9.1f}  "
              f"{new_fast:11.1f} {new_mid:9.1f}  "
              f"{new_fast / old_fast:6.2f}x {new_mid / old_mid:6.2f}x")


if __name__ == "__main__":
    main()
