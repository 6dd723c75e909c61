// Supplies main() for the tests with Catch2 v2. With Catch2 v3 this file
// compiles to nothing: Catch2::Catch2WithMain supplies main().
#define BACKORDER_CATCH2_MAIN
#include "catch.hpp"
