# Warning flags for backorder's own targets (tests, examples, benchmarks).
# They are never put on the INTERFACE target: consumers choose their own.

# Adds the project's warning flags to <target>, plus -Werror (/WX) when
# BACKORDER_WARNINGS_AS_ERRORS is ON.
function(backorder_add_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(BACKORDER_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wconversion -Wshadow)
    if(BACKORDER_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
