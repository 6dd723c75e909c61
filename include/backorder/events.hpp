#pragma once

#include "fwd.hpp"

namespace backorder {
inline namespace v0 {

/// Listens to nothing; the default Listener, which costs nothing.
struct NullListener {};

} // namespace v0
} // namespace backorder
