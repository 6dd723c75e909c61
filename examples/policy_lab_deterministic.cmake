# Checks that the policy lab's output depends only on its flags: runs it
# twice with the same seed, each time in its own directory, and compares
# what the two runs print and the two charts they write. Then checks that an
# invalid flag is refused with exit status 2 and a message on stderr.
#
# Usage (CTest test example.policy_lab.deterministic):
#   cmake -DLAB=<path to policy_lab> -DWORK_DIR=<scratch directory>
#         -P policy_lab_deterministic.cmake
cmake_minimum_required(VERSION 3.23)

foreach(variable IN ITEMS LAB WORK_DIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "policy_lab_deterministic.cmake: set -D${variable}=...")
  endif()
endforeach()

# The default season with a seed of its own.
set(flags --seed 2024)

file(REMOVE_RECURSE "${WORK_DIR}")
foreach(run IN ITEMS first second)
  set(directory "${WORK_DIR}/${run}")
  file(MAKE_DIRECTORY "${directory}")
  execute_process(
    COMMAND "${LAB}" ${flags} --svg chart.svg
    WORKING_DIRECTORY "${directory}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "the ${run} run failed (${status}):\n${errors}")
  endif()
  if(NOT EXISTS "${directory}/chart.svg")
    message(FATAL_ERROR "the ${run} run wrote no chart to ${directory}")
  endif()
  # The report ends with the chart's absolute path, which names the run's
  # directory: check it, then leave it out of the comparison.
  set(path_line "Chart of the backlog per policy: ")
  if(NOT output MATCHES "${path_line}[^\n]*chart\\.svg\n$")
    message(FATAL_ERROR "the ${run} run does not say where the chart is:\n"
                        "${output}")
  endif()
  string(REGEX REPLACE "${path_line}[^\n]*" "${path_line}<path>"
                       output "${output}")
  file(WRITE "${WORK_DIR}/${run}.txt" "${output}")
  set(${run}_output "${output}")
  file(SHA256 "${directory}/chart.svg" ${run}_chart)
endforeach()

if(NOT first_output STREQUAL second_output)
  message(FATAL_ERROR "two runs with the same seed printed different reports: "
                      "compare ${WORK_DIR}/first.txt and ${WORK_DIR}/second.txt")
endif()
if(NOT first_chart STREQUAL second_chart)
  message(FATAL_ERROR "two runs with the same seed wrote different charts: "
                      "compare ${WORK_DIR}/first/chart.svg and "
                      "${WORK_DIR}/second/chart.svg")
endif()

# An invalid flag: exit status 2, a message on stderr, nothing on stdout.
execute_process(
  COMMAND "${LAB}" --days zero
  WORKING_DIRECTORY "${WORK_DIR}"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors)
if(NOT status EQUAL 2 OR NOT errors MATCHES "--days" OR NOT output STREQUAL "")
  message(FATAL_ERROR "--days zero: expected exit status 2 and a message on "
                      "stderr, got status ${status}, stdout '${output}', "
                      "stderr '${errors}'")
endif()

message(STATUS "policy_lab: two runs with ${flags} agree; a bad flag exits 2")
