# External tools missing or failing, as a user meets them through `circa`: exit status 4 and one
# "circa: tool error:" line naming the tool, the command and (for a failure) the log, or how to
# install a missing tool. Fakes stand in for the failing tools; PATH or CIRCA_VERILATOR /
# CIRCA_CXX point at them.
#   cmake -D CIRCA=<exe> -D SRC=<source dir> -D OUT=<scratch dir> -D CASE=<name> -P tool_errors.cmake
cmake_minimum_required(VERSION 3.22)

set(dir ${OUT}/${CASE})
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir}/empty ${dir}/bin)

# A fake tool in ${dir}/bin that prints an error line and exits 1.
function(fake name line)
  file(WRITE ${dir}/bin/${name} "#!/bin/sh\necho 'working...'\necho '${line}' >&2\nexit 1\n")
  file(CHMOD ${dir}/bin/${name} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
       GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endfunction()

# Runs circa with the environment settings in ENV (a list of NAME=value), expects exit status
# EXIT (default 4, a tool error) and stderr matching `want` (a regex), and prints what it saw.
# Only a tool error must be one line: `circa synth` reports each module it synthesized.
function(expect_tool_error want)
  cmake_parse_arguments(A "" "EXIT" "ENV;ARGS" ${ARGN})
  if(NOT A_EXIT)
    set(A_EXIT 4)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${A_ENV} ${CIRCA} ${A_ARGS}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "exit ${rc}; stderr: ${err}")
  # Progress lines of a build that started (common/progress.hpp) come before the error.
  string(REGEX REPLACE "cosim build: [^\n]*\n" "" err "${err}")
  if(NOT rc EQUAL A_EXIT)
    message(FATAL_ERROR "${CASE}: exit status ${rc}, expected ${A_EXIT}\n${out}\n${err}")
  endif()
  if(NOT err MATCHES "${want}")
    message(FATAL_ERROR "${CASE}: stderr does not match '${want}':\n${err}")
  endif()
  if(NOT A_EXIT EQUAL 4)
    return()
  endif()
  string(REGEX MATCHALL "\n." lines "${err}")
  list(LENGTH lines extra)
  if(extra GREATER 0)
    message(FATAL_ERROR "${CASE}: the error is more than one line:\n${err}")
  endif()
endfunction()

# ${dir} as a regex (escaped), for the expected messages below.
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" rdir "${dir}")
set(small ${SRC}/configs/small.yaml)
set(cosim cosim --config ${small} --workload ${SRC}/workloads/lenet300.yaml --layer fc3)
set(cache CIRCA_COSIM_CACHE=${dir}/cache)
if(CASE STREQUAL "cosim_no_verilator_on_path")
  expect_tool_error("^circa: tool error: verilator: 'verilator' is not installed \\(not found on PATH\\); install it with 'apt-get install verilator'.*; command: verilator --getenv VERILATOR_ROOT\n$"
    ENV PATH=${dir}/empty CIRCA_VERILATOR=verilator ${cache} ARGS ${cosim})
elseif(CASE STREQUAL "cosim_verilator_removed")
  expect_tool_error("^circa: tool error: verilator: 'verilator' is not installed .*'apt-get install verilator'.*; command: ${rdir}/gone/verilator --getenv"
    ENV CIRCA_VERILATOR=${dir}/gone/verilator ${cache} ARGS ${cosim})
elseif(CASE STREQUAL "cosim_verilator_fails")
  fake(verilator "%Error: the fake verilator broke")
  expect_tool_error("^circa: tool error: verilator: exited with status 1: %Error: the fake verilator broke; command: ${rdir}/bin/verilator --getenv VERILATOR_ROOT; log: ${rdir}/cache/verilator-probe.log\n$"
    ENV CIRCA_VERILATOR=${dir}/bin/verilator ${cache} ARGS ${cosim})
elseif(CASE STREQUAL "cosim_no_compiler")
  expect_tool_error("^circa: tool error: ${rdir}/gone/c\\+\\+: '${rdir}/gone/c\\+\\+' is not installed \\(no such file\\); install it with 'apt-get install g\\+\\+'.*; command: ${rdir}/gone/c\\+\\+ .* -c "
    ENV CIRCA_CXX=${dir}/gone/c++ ${cache} ARGS ${cosim})
elseif(CASE STREQUAL "cosim_compiler_fails")
  fake(c++ "error: the fake compiler broke")
  expect_tool_error("^circa: tool error: ${rdir}/bin/c\\+\\+: exited with status 1: error: the fake compiler broke; command: ${rdir}/bin/c\\+\\+ .* -c .*; log: ${rdir}/cache/[0-9a-f]+\\.tmp\\.[0-9]+/o/[0-9]+\\.log\n$"
    ENV CIRCA_CXX=${dir}/bin/c++ ${cache} ARGS ${cosim})
elseif(CASE STREQUAL "area_check_yosys_fails")
  fake(yosys "ERROR: the fake yosys broke")
  expect_tool_error("^circa: tool error: yosys: exited with status 1: ERROR: the fake yosys broke; command: yosys -q -p .*; log: ${rdir}/area/.*\\.yosys\\.log\n$"
    ENV PATH=${dir}/bin:$ENV{PATH} ARGS area-check --config ${small} --out ${dir}/area)
elseif(CASE STREQUAL "synth_yosys_fails")
  # synth's verdict is its exit status 1 (a module failed); the failing tool is named all the same.
  fake(yosys "ERROR: the fake yosys broke")
  expect_tool_error("circa synth: circa_top_[a-z0-9_]+: yosys exited with status 1; command: yosys .*; log: ${rdir}/synth/synth_circa_top_[a-z0-9_]+\\.log\n"
    EXIT 1 ENV PATH=${dir}/bin:$ENV{PATH} ARGS synth --config ${small} --out ${dir}/synth)
else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
