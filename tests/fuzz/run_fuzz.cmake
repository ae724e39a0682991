# Runs one fuzz target for $ENV{CIRCA_FUZZ_RUNS} executions (default 20000), or at most
# $ENV{CIRCA_FUZZ_SECONDS} seconds when set (CI's bound: the CACTI parser runs a few dozen inputs a
# second), over its grown corpus and its seed folders (those that exist), and fails when libFuzzer
# finds anything.
#   cmake -D FUZZER=exe -D CORPUS=dir -D ARTIFACTS=dir -D SEEDS=dir;dir -P run_fuzz.cmake
set(runs $ENV{CIRCA_FUZZ_RUNS})
if(NOT runs)
  set(runs 20000)
endif()
file(MAKE_DIRECTORY ${CORPUS} ${ARTIFACTS})
set(dirs ${CORPUS})
foreach(d ${SEEDS})
  if(IS_DIRECTORY ${d})
    list(APPEND dirs ${d})
  else()
    message(STATUS "seed folder ${d} not found; fuzzing without it")
  endif()
endforeach()
set(limit)
if(DEFINED ENV{CIRCA_FUZZ_SECONDS})
  set(limit -max_total_time=$ENV{CIRCA_FUZZ_SECONDS})
endif()
get_filename_component(name ${FUZZER} NAME)
# -timeout: one input running longer is a hang; -rss_limit_mb: more memory is a finding too.
execute_process(COMMAND ${FUZZER} -runs=${runs} ${limit} -timeout=10 -rss_limit_mb=2048
                        -print_final_stats=1 -artifact_prefix=${ARTIFACTS}/${name}- ${dirs}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${name}: libFuzzer found a problem (exit ${rc}); the input is in ${ARTIFACTS}")
endif()
