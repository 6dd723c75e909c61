#pragma once

// One function per allocation policy, each in its own source file so that
// they compile in parallel: runs the input on an inventory with string
// SKUs or integer SKUs, with the policy's parameters read from `a` and `b`.

#include "input.hpp"

#include <cstdint>

namespace backorder::fuzz {

void fuzz_fifo(Input &in, bool integer_skus, std::uint8_t a, std::uint8_t b);
void fuzz_priority(Input &in, bool integer_skus, std::uint8_t a,
                   std::uint8_t b);
void fuzz_partial_fill(Input &in, bool integer_skus, std::uint8_t a,
                       std::uint8_t b);
void fuzz_first_fit(Input &in, bool integer_skus, std::uint8_t a,
                    std::uint8_t b);
void fuzz_pro_rata(Input &in, bool integer_skus, std::uint8_t a,
                   std::uint8_t b);

} // namespace backorder::fuzz
