# Run with `cmake -P`: installs a backorder build tree into a fresh staging
# prefix and checks the layout, so that the consumer projects in tests/cmake/
# can find_package() it. Used by the CTest fixture `cmake.install`.
#
#   -DBUILD_DIR=<backorder build tree> -DPREFIX=<staging prefix>
#   -DCONFIG=<build configuration> -DDATADIR=<CMAKE_INSTALL_DATADIR>
#   -DINCLUDEDIR=<CMAKE_INSTALL_INCLUDEDIR>

foreach(var IN ITEMS BUILD_DIR PREFIX DATADIR INCLUDEDIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "BackorderStageInstall.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")

set(config_args)
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
          ${config_args}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${result})")
endif()

foreach(file IN ITEMS
    "${INCLUDEDIR}/backorder/version.hpp"
    "${DATADIR}/cmake/backorder/backorderConfig.cmake"
    "${DATADIR}/cmake/backorder/backorderConfigVersion.cmake"
    "${DATADIR}/cmake/backorder/backorderTargets.cmake")
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${PREFIX}/${file}")
  endif()
endforeach()
message(STATUS "backorder staged in ${PREFIX}")
