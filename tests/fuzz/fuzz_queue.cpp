// libFuzzer entry point for a BackOrderQueue on its own, as a host that
// counts stock elsewhere uses it. The first byte picks the policy (and its
// parameters, from the next two); the rest is a sequence of operations:
// push (one line, reserved or not, withdrawn at once or not, or many),
// fill, take back, erase (one line, or every k-th), ship, copy and move
// between two queues. After each one, both
// queues must pass their own structural check and agree with what the
// operations reported: the units their lines hold, the units they wait
// for, the lines they hold, each hand-out's calls against its total, and,
// under the rank-order policies, every line's units ahead against a walk
// of the queue. Queues here grow to hundreds of lines, where the
// inventory fuzzer's stay short, so levels renumber and Priority levels
// come and go.

#include "../queue_walk.hpp"
#include "input.hpp"

#include <backorder/back_order_queue.hpp>
#include <backorder/policies.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace backorder::fuzz {
namespace {

void require(bool holds, const char *what) {
  if (!holds) {
    std::fprintf(stderr, "queue fuzzer: %s\n", what);
    std::abort();
  }
}

/// A queue, the handles of its lines and the units they hold, as reported
/// by the operations so far.
template <class Policy> struct Tracked {
  using Queue = BackOrderQueue<Policy>;

  Queue queue;
  std::vector<typename Queue::Handle> handles;
  Quantity held = 0;

  explicit Tracked(Policy policy) : queue(std::move(policy)) {}

  void check() const {
    if (const auto broken = queue.check()) {
      std::fprintf(stderr, "queue fuzzer: %s\n", broken->c_str());
      std::abort();
    }
    require(queue.units_allocated() == held, "units held out of step");
    require(queue.size() == handles.size(), "line count out of step");
    if (const auto mismatch = backorder::testing::walk_mismatch(queue)) {
      require(false, mismatch->c_str());
    }
    for (const auto handle : handles) {
      require(queue.contains(handle), "a handle went stale");
    }
  }

  /// Removes the handle at `index` if its line left.
  void forget_if_gone(std::size_t index) {
    if (!queue.contains(handles[index])) {
      handles[index] = handles.back();
      handles.pop_back();
    }
  }
};

/// Returns a line's quantity: mostly 1 to 40, sometimes large.
Quantity read_line_quantity(Input &in) {
  const std::uint8_t c = in.byte();
  return c < 248 ? 1 + c % 40 : Quantity{1000} << (c % 8U);
}

template <class Policy> void run_queue(Input &in, const Policy &policy) {
  Tracked<Policy> one(policy);
  Tracked<Policy> two(policy);
  std::uint64_t next_id = 1;
  while (!in.empty()) {
    Tracked<Policy> &subject = in.byte() % 4U == 0 ? two : one;
    auto &queue = subject.queue;
    const std::uint8_t op = in.byte();
    switch (op % 12U) {
    case 0:
    case 1: {
      const Quantity quantity = read_line_quantity(in);
      const int priority = static_cast<int>(in.byte() % 4U) - 1;
      if (op % 12U == 1) {
        queue.reserve_push(quantity, priority, 1 + in.byte() % 3U);
      }
      const auto handle = queue.push(next_id++, quantity, priority);
      if (op % 12U == 1 && in.byte() % 4U == 0) {
        // A placement the host refuses: the line goes before anything else
        // happens, as `withdraw` requires.
        require(queue.withdraw(handle) == 0, "a new line held units");
        require(!queue.contains(handle), "a withdrawn line stayed");
        break;
      }
      subject.handles.push_back(handle);
      break;
    }
    case 2:
    case 3: {
      const Quantity units = in.byte() % 64U;
      const Quantity waited = queue.units_outstanding();
      Quantity told = 0;
      queue.reserve_fill();
      const Quantity given =
          queue.fill(units, [&](auto handle, const auto &line, Quantity part) {
            require(queue.contains(handle), "a fill told of a stale line");
            require(part > 0 && line.allocated <= line.requested,
                    "a fill told of an impossible part");
            told += part;
          });
      require(given >= 0 && given <= units && given <= waited,
              "a fill gave more than it had or than lines waited for");
      require(told == given, "a fill's calls do not add up to its total");
      require(queue.units_outstanding() == waited - given,
              "a fill's total is not what the lines received");
      subject.held += given;
      break;
    }
    case 4: {
      const Quantity units = in.byte() % 32U;
      const Quantity taken = queue.take_back(units);
      require(taken >= 0 && taken <= units && taken <= subject.held,
              "a take-back took more than asked or held");
      subject.held -= taken;
      break;
    }
    case 5:
    case 6:
    case 7: {
      if (subject.handles.empty()) {
        break;
      }
      const std::size_t index =
          (std::size_t{in.byte()} << 8U | in.byte()) % subject.handles.size();
      const auto handle = subject.handles[index];
      const Quantity ready = queue.shippable(handle);
      if (op % 12U == 7 && ready > 0) {
        const Quantity units = 1 + static_cast<Quantity>(in.byte()) % ready;
        queue.ship(handle, units);
        subject.held -= units;
      } else {
        subject.held -= queue.erase(handle);
        require(!queue.contains(handle), "an erased line stayed");
      }
      subject.forget_if_gone(index);
      break;
    }
    case 8: {
      Tracked<Policy> &source = &subject == &one ? two : one;
      subject.queue = source.queue;
      subject.handles = source.handles;
      subject.held = source.held;
      break;
    }
    case 9:
      std::swap(one, two); // moves the queues, inline levels and all
      break;
    case 10: {
      // Many lines at once, so that short inputs reach deep queues.
      const std::size_t count = 1 + in.byte() % 48U;
      const int priority = static_cast<int>(in.byte() % 4U) - 1;
      for (std::size_t line = 0; line < count; ++line) {
        subject.handles.push_back(queue.push(
            next_id++, 1 + static_cast<Quantity>(line % 7U), priority));
      }
      break;
    }
    default: {
      // Every k-th line leaves, so that the next pushes renumber levels
      // of any size.
      const std::size_t every = 2 + in.byte() % 3U;
      std::vector<typename Tracked<Policy>::Queue::Handle> kept;
      for (std::size_t index = 0; index < subject.handles.size(); ++index) {
        if (index % every == 0) {
          subject.held -= queue.erase(subject.handles[index]);
        } else {
          kept.push_back(subject.handles[index]);
        }
      }
      subject.handles = std::move(kept);
      break;
    }
    }
    one.check();
    two.check();
  }
}

} // namespace
} // namespace backorder::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  using namespace backorder;
  fuzz::Input in(data, size);
  const std::uint8_t pick = in.byte();
  const std::uint8_t a = in.byte();
  const std::uint8_t b = in.byte();
  switch (pick % 5U) {
  case 0:
    fuzz::run_queue(in, Fifo{});
    break;
  case 1:
    fuzz::run_queue(in, Priority{});
    break;
  case 2:
    fuzz::run_queue(in, PartialFill{});
    break;
  case 3:
    fuzz::run_queue(in, FirstFit{a % 10U});
    break;
  default:
    fuzz::run_queue(in, ProRata{a % 4U, b % 2U == 0 ? Leftover::LargestRemainder
                                                    : Leftover::Arrival});
    break;
  }
  return 0;
}
