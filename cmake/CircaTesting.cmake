# circa_add_boost_test(<name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>]
#                      [TIMEOUT <s>] [SKIP_REGEX <regex>] [LONG_REGEX <regex>])
# Builds one Boost.Test executable and registers every test case in it with CTest as its own test
# (discovered after the build from --list_content, like gtest_discover_tests), so CTest's closing
# line counts test cases, not executables. Labels: unit, component, system, cosim, synth, long.
# SKIP_REGEX: output that marks a case as skipped for CTest (e.g. a failed Boost precondition).
# LONG_REGEX: test case paths (e.g. "top_logic.*/_[12]$") that also get the long label.
# CIRCA_TESTS_SKIP_LABELS / CIRCA_TESTS_SKIP_NAMES (a list / a regex): test programs not even
# built, so a sanitizer build compiles only what its test step runs.
include_guard(GLOBAL)
set(CIRCA_TESTS_SKIP_LABELS "" CACHE STRING "Labels whose Boost.Test programs are not built")
set(CIRCA_TESTS_SKIP_NAMES "" CACHE STRING "Regex of Boost.Test program names not built")

function(circa_add_boost_test name)
  cmake_parse_arguments(T "" "TIMEOUT;SKIP_REGEX;LONG_REGEX" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  foreach(label ${T_LABELS})
    if(label IN_LIST CIRCA_TESTS_SKIP_LABELS)
      return()
    endif()
  endforeach()
  if(CIRCA_TESTS_SKIP_NAMES AND name MATCHES "${CIRCA_TESTS_SKIP_NAMES}")
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} Boost::unit_test_framework circa_warnings)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK
                             CIRCA_SOURCE_DIR="${CIRCA_SOURCE_DIR}")
  set(ctest_file ${CMAKE_CURRENT_BINARY_DIR}/${name}_tests.cmake)
  add_custom_command(TARGET ${name} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D EXE=$<TARGET_FILE:${name}> -D OUT=${ctest_file}
            -D NAME=${name} "-D LABELS=${T_LABELS}" -D TIMEOUT=${T_TIMEOUT}
            -D WORKDIR=${CMAKE_CURRENT_BINARY_DIR} "-D SKIP_REGEX=${T_SKIP_REGEX}"
            "-D LONG_REGEX=${T_LONG_REGEX}"
            -P ${CIRCA_SOURCE_DIR}/cmake/BoostTestDiscover.cmake
    BYPRODUCTS ${ctest_file} VERBATIM)
  # Until the executable is built, a placeholder test fails and says so.
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${name}_include.cmake)
  file(WRITE ${include_file}
    "if(EXISTS \"${ctest_file}\")\n  include(\"${ctest_file}\")\nelse()\n"
    "  add_test(${name}_NOT_BUILT ${name}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
