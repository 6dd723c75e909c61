#pragma once

/// The library version, read by CMake from this file.
#define BACKORDER_VERSION_MAJOR 0
#define BACKORDER_VERSION_MINOR 1
#define BACKORDER_VERSION_PATCH 0

#define BACKORDER_VERSION                                                      \
  (BACKORDER_VERSION_MAJOR * 10000 + BACKORDER_VERSION_MINOR * 100 +           \
   BACKORDER_VERSION_PATCH)
