# Reads the library version from include/backorder/version.hpp so that the
# header stays the single source of truth.

# Sets <out_var> to "MAJOR.MINOR.PATCH" read from the BACKORDER_VERSION_*
# macros in <header>; fails the configure step if one of them is missing.
function(backorder_read_version header out_var)
  file(STRINGS "${header}" lines
       REGEX "^[ \t]*#[ \t]*define[ \t]+BACKORDER_VERSION_(MAJOR|MINOR|PATCH)[ \t]")
  set(parts)
  foreach(part IN ITEMS MAJOR MINOR PATCH)
    if(NOT lines MATCHES "BACKORDER_VERSION_${part}[ \t]+([0-9]+)")
      message(FATAL_ERROR
        "backorder: cannot read BACKORDER_VERSION_${part} from ${header}")
    endif()
    list(APPEND parts "${CMAKE_MATCH_1}")
  endforeach()
  list(JOIN parts "." version)
  set(${out_var} "${version}" PARENT_SCOPE)
endfunction()
