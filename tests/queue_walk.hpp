#pragma once

// A check shared by the random queue test and the queue fuzzer: a walk over
// a queue's lines in rank order against what the queue reports about them.

#include <cstddef>
#include <optional>
#include <string>

namespace backorder::testing {

/// Walks the queue's lines in rank order and returns the first report that
/// differs from the walk, or nothing: the units held, units outstanding and
/// waiting lines in all, each line's holding within what it requested, and
/// under the rank-order policies each line's units to complete and units
/// ahead (the outstanding units of the lines before it, its own included
/// for units to complete).
template <class Queue>
std::optional<std::string> walk_mismatch(const Queue &queue) {
  std::optional<std::string> mismatch;
  const auto note = [&](const char *what) {
    if (!mismatch) {
      mismatch = what;
    }
  };
  typename Queue::Quantity allocated = 0;
  typename Queue::Quantity outstanding = 0;
  std::size_t waiting = 0;
  queue.for_each([&](auto handle, const auto &line) {
    if (!queue.contains(handle)) {
      note("a listed line is not contained");
    }
    if (line.allocated < 0 || line.allocated > line.requested) {
      note("a line holds less than nothing or more than it requested");
    }
    allocated += line.allocated;
    outstanding += line.outstanding();
    waiting += line.complete() ? 0 : 1;
    if constexpr (Queue::ranks_and_fills) {
      if (queue.units_to_complete(handle) !=
          (line.complete() ? 0 : outstanding)) {
        note("units to complete differ from a walk");
      }
      if (queue.units_ahead(handle) !=
          (line.complete() ? 0 : outstanding - line.outstanding())) {
        note("units ahead differ from a walk");
      }
    }
  });
  if (allocated != queue.units_allocated()) {
    note("lines hold other units than the queue says");
  }
  if (outstanding != queue.units_outstanding()) {
    note("outstanding units differ from a walk");
  }
  if (waiting != queue.waiting_lines()) {
    note("waiting lines differ from a walk");
  }
  return mismatch;
}

} // namespace backorder::testing
