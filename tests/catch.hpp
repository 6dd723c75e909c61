#pragma once

// One include for every test file: Catch2 v3 when CMake found it (it then
// defines BACKORDER_CATCH2_V3), otherwise Catch2 v2. Tests use only the
// macros both share: TEST_CASE, SECTION, REQUIRE, CHECK, ...

#if defined(BACKORDER_CATCH2_V3)
// Catch2::Catch2WithMain supplies main(), so tests/main.cpp stays empty.
#if !defined(BACKORDER_CATCH2_MAIN)
#include <catch2/catch_all.hpp>
#endif
#else
#if defined(BACKORDER_CATCH2_MAIN)
#define CATCH_CONFIG_MAIN
#endif
#include <catch2/catch.hpp>
#endif
