#pragma once

#include "version.hpp"

#include <cstdio>
#include <cstdlib>

/// Strips every listener hook from the library when defined: a build that
/// benchmarks compare against. It changes the ABI namespace, so such a
/// build links beside a normal one without clashing.
#ifdef BACKORDER_NO_EVENTS
#define BACKORDER_ABI v0_no_events
#else
#define BACKORDER_ABI v0
#endif

/// Checks a programming error (a broken precondition, never bad input).
/// Define BACKORDER_ASSERT before including any backorder header to replace
/// it, or define BACKORDER_DISABLE_ASSERT to compile the checks out.
#ifndef BACKORDER_ASSERT
#if defined(BACKORDER_DISABLE_ASSERT) || defined(NDEBUG)
#define BACKORDER_ASSERT(condition, message) static_cast<void>(0)
#else
#define BACKORDER_ASSERT(condition, message)                                   \
  ((condition) ? static_cast<void>(0)                                          \
               : ::backorder::detail::assert_failed(#condition, message,       \
                                                    __FILE__, __LINE__))
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define BACKORDER_COLD [[gnu::cold, gnu::noinline]]
/// Asks for the cache line at `address` ahead of its use, for writing.
#define BACKORDER_PREFETCH(address) __builtin_prefetch((address), 1)
#else
#define BACKORDER_COLD
#define BACKORDER_PREFETCH(address) static_cast<void>(address)
#endif

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

/// Takes no space as a [[no_unique_address]] member: stands in for state
/// that a configuration does not need. Two such members of one struct need
/// two different `Tag`s: members of the same type must have different
/// addresses, so the second would take space after all.
template <int Tag = 0> struct Nothing {};
using Empty = Nothing<>;

// GCOVR_EXCL_START: abort() ends a process before gcov saves its counts.
/// Reports a failed BACKORDER_ASSERT and aborts.
[[noreturn]] BACKORDER_COLD inline void assert_failed(const char *condition,
                                                      const char *message,
                                                      const char *file,
                                                      int line) noexcept {
  std::fprintf(stderr, "%s:%d: backorder assertion failed: %s (%s)\n", file,
               line, condition, message);
  std::abort();
}
// GCOVR_EXCL_STOP

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
