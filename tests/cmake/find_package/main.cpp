// Proves that a consumer can include backorder and sees a sane version.
// (Same file in tests/cmake/find_package and tests/cmake/add_subdirectory.)

#if __has_include(<backorder/backorder.hpp>)
#include <backorder/backorder.hpp>
#else
#include <backorder/version.hpp>
#endif

#include <cstdio>
#include <cstring>

static_assert(BACKORDER_VERSION_MAJOR >= 0 && BACKORDER_VERSION_MINOR >= 0 &&
              BACKORDER_VERSION_PATCH >= 0);
static_assert(BACKORDER_VERSION == BACKORDER_VERSION_MAJOR * 10000 +
                                       BACKORDER_VERSION_MINOR * 100 +
                                       BACKORDER_VERSION_PATCH);

int main() {
  char version[32];
  std::snprintf(version, sizeof version, "%d.%d.%d", BACKORDER_VERSION_MAJOR,
                BACKORDER_VERSION_MINOR, BACKORDER_VERSION_PATCH);
  std::printf("backorder %s\n", version);
#ifdef BACKORDER_EXPECTED_VERSION
  if (std::strcmp(version, BACKORDER_EXPECTED_VERSION) != 0) {
    std::printf("expected version %s\n", BACKORDER_EXPECTED_VERSION);
    return 1;
  }
#endif
  return 0;
}
