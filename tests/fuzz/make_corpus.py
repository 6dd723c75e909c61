#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus: a few scripted scenarios for every
policy and SKU type, spelled in the input format harness.hpp decodes.

    tests/fuzz/make_corpus.py [<dir>]   (default: tests/fuzz/corpus)

Each file starts with three bytes: the policy and SKU type (pick % 5:
Fifo, Priority, PartialFill, FirstFit, ProRata; (pick / 5) % 2: integer
SKUs), then the policy's parameters; then operations, each an opcode byte
(% 24) and its operands. The fuzzer mutates these into everything else.
"""

import pathlib
import sys

# Opcodes (the first of each range in harness.hpp's step()).
ADD_SKU, CONFIGURE, RECEIVE, ADJUST, PLACE, SHIP, CANCEL = 0, 1, 2, 4, 6, 10, 12
EXPECT, RESCHEDULE, CANCEL_INBOUND, RECEIVE_INBOUND = 13, 15, 16, 17
ADVANCE, SET_CLOCK, RESERVE, QUERY = 19, 20, 21, 22


def qty(n):
    """A quantity of 1 to 40 units."""
    assert 1 <= n <= 40
    return [n - 1]


ZERO, MINUS_ONE, MAX, MAX_MINUS_1 = [176], [177], [178], [179]
MIN = [183]


def sku(i):
    """The i-th SKU key (0 to 6)."""
    return [i]


def oid(n):
    """Order id 1 to 12."""
    return [n - 1]


def hours(h):
    """A time h hours from now, or a duration of h hours (0 to 47)."""
    return [h]


def add_sku(i, backorderable=True, limit=None, lead=None):
    flags = (0 if backorderable else 1) | (2 if limit is not None else 0) | (
        4 if lead is not None else 0)
    out = [ADD_SKU] + sku(i) + [flags]
    if limit is not None:
        out += qty(limit + 1)  # the harness takes one off
    if lead is not None:
        out += hours(lead)
    return out


def place(order, lines, ship_complete=False, priority=None, max_wait=None):
    flags = (1 if ship_complete else 0) | (2 if priority is not None else 0) | (
        4 if max_wait is not None else 0)
    out = [PLACE] + oid(order) + [flags]
    if priority is not None:
        out += [priority + 1]  # -1 to 3
    if max_wait is not None:
        out += hours(max_wait)
    out += [len(lines)]
    for s, n in lines:
        out += [0] + sku(s) + (n if isinstance(n, list) else qty(n))
    return out


def scenario_basic():
    return (add_sku(0) + add_sku(1) + add_sku(2, backorderable=False) +
            [RECEIVE] + sku(0) + qty(5) +
            place(1, [(0, 3), (1, 2)]) +
            place(2, [(0, 4)], priority=3) +
            place(3, [(2, 1)]) +
            [RECEIVE] + sku(1) + qty(10) +
            [SHIP] + oid(1) +
            [RECEIVE] + sku(0) + qty(8) +
            [SHIP] + oid(2) + [CANCEL] + oid(3) +
            [QUERY] + sku(3) + oid(4) + [0])


def scenario_inbound():
    return (add_sku(0, lead=24) + add_sku(1) +
            [EXPECT] + sku(0) + qty(6) + hours(10) +
            [EXPECT] + sku(0) + qty(9) + hours(30) +
            place(1, [(0, 4), (1, 2)], ship_complete=True) +
            place(2, [(0, 8)]) +
            place(3, [(0, 20)]) +
            [RESCHEDULE, 2] + hours(5) +
            [RECEIVE_INBOUND, 1] + qty(3) +
            [ADVANCE] + hours(12) +
            [RECEIVE_INBOUND, 2] + qty(12) +
            [CANCEL_INBOUND, 1] +
            [RECEIVE] + sku(1) + qty(2) +
            [SHIP] + oid(1) + [QUERY] + sku(0) + oid(3) + [1])


def scenario_take_back():
    return (add_sku(0) + add_sku(1, limit=10) +
            [RECEIVE] + sku(0) + qty(12) +
            place(1, [(0, 5)]) + place(2, [(0, 5), (1, 6)]) +
            place(3, [(0, 4), (1, 5)]) +
            [ADJUST] + sku(0) + [200] + qty(9) +
            [ADJUST] + sku(0) + [0] + qty(3) +
            [SHIP] + oid(1) + [CANCEL] + oid(2) +
            [RECEIVE] + sku(1) + qty(11) + [SHIP] + oid(3))


def scenario_max_wait():
    return (add_sku(0) + add_sku(1, lead=48) +
            [EXPECT] + sku(0) + qty(10) + hours(20) +
            place(1, [(0, 4)], max_wait=10) +
            place(2, [(0, 4)], max_wait=30) +
            place(3, [(1, 2), (0, 3)], max_wait=40) +
            [SET_CLOCK] + hours(25) +
            [CONFIGURE] + sku(0) + [4] + hours(3) +
            place(4, [(0, 12)], max_wait=5) +
            [RESERVE, 8, 16] + [RECEIVE_INBOUND, 1] + qty(20))


def scenario_edges():
    return (add_sku(0) + add_sku(1) + add_sku(4) +
            [RECEIVE] + sku(0) + MAX_MINUS_1 +
            [RECEIVE] + sku(0) + qty(2) +
            place(1, [(0, MAX), (1, 3)]) +
            place(2, [(1, MAX), (1, 1)]) +
            place(3, [(4, 3), (4, 2), (4, 1)]) +
            [EXPECT] + sku(1) + MAX + hours(1) +
            [EXPECT] + sku(1) + qty(1) + hours(2) +
            [ADJUST] + sku(0) + [0] + MIN +
            [ADJUST] + sku(0) + [200] + MAX_MINUS_1 +
            [RECEIVE] + sku(4) + qty(4) + [SHIP] + oid(3) +
            [RECEIVE] + sku(2) + ZERO + [CANCEL] + oid(9))


def scenario_refused_wait():
    # A line that could overtake a waiting one, in an order refused for its
    # max_wait, then a line that fits.
    return (add_sku(0) + add_sku(1) + [RECEIVE] + sku(0) + qty(2) +
            place(1, [(0, 5)]) +
            place(2, [(0, 2), (1, 1)], max_wait=1) +
            place(3, [(0, 2)]) + [SHIP] + oid(3))


SCENARIOS = {
    "basic": scenario_basic,
    "inbound": scenario_inbound,
    "take_back": scenario_take_back,
    "max_wait": scenario_max_wait,
    "edges": scenario_edges,
    "refused_wait": scenario_refused_wait,
}

# (name, first three bytes)
POLICIES = [
    ("fifo", 0, 0, 0),
    ("priority", 1, 0, 0),
    ("partial_fill", 2, 0, 0),
    ("first_fit", 3, 1, 0),  # max_skips 1
    ("pro_rata", 4, 3, 0),  # min_share 3, largest remainder
    ("pro_rata_arrival", 4, 0, 1),  # min_share 0, by arrival
]


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).parent / "corpus")
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for policy, pick, a, b in POLICIES:
        for integer in (False, True):
            for name, scenario in SCENARIOS.items():
                head = [pick + (5 if integer else 0), a, b]
                kind = "int" if integer else "str"
                path = out / f"{policy}-{kind}-{name}"
                path.write_bytes(bytes(head + scenario()))
                count += 1
    print(f"wrote {count} seeds to {out}")


if __name__ == "__main__":
    main()
