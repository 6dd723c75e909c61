# Fails unless the README's quickstart block is examples/quickstart.cpp,
# character for character, so the README cannot rot.
#   cmake -DSOURCE_DIR=<repo> -P readme_quickstart.cmake
file(READ "${SOURCE_DIR}/README.md" readme)
file(READ "${SOURCE_DIR}/examples/quickstart.cpp" quickstart)
string(FIND "${readme}" "```cpp\n// Quickstart" start)
if(start EQUAL -1)
  message(FATAL_ERROR "README.md has no quickstart block (```cpp // Quickstart)")
endif()
math(EXPR start "${start} + 7")
string(SUBSTRING "${readme}" ${start} -1 rest)
string(FIND "${rest}" "```" stop)
string(SUBSTRING "${rest}" 0 ${stop} block)
if(NOT block STREQUAL quickstart)
  message(FATAL_ERROR "README.md's quickstart differs from examples/quickstart.cpp")
endif()
message(STATUS "README.md's quickstart is examples/quickstart.cpp")
