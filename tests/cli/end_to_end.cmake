# The `circa` commands end to end, as a user runs them: `cmake -D CIRCA=<exe> -D SRC=<source dir>
# -D OUT=<scratch dir> -D STEP=sim|estimate|gen -P end_to_end.cmake`. Expected figures are worked
# out by hand from sim/arch/SCHEDULE.md (see tests/cosim/test_cosim.cpp for LeNet's T per layer),
# not read from the code under test.
cmake_minimum_required(VERSION 3.22)

function(expect_json json want)  # want: a list of key-path|value pairs
  foreach(pair IN LISTS want)
    string(REPLACE "|" ";" kv "${pair}")
    list(GET kv 0 path)
    list(GET kv 1 value)
    string(REPLACE "." ";" keys "${path}")
    string(JSON got ERROR_VARIABLE err GET "${json}" ${keys})
    if(err OR NOT got STREQUAL value)
      message(FATAL_ERROR "${STEP}: ${path} is '${got}' (${err}), expected '${value}'")
    endif()
  endforeach()
endfunction()

function(run_circa)
  execute_process(COMMAND ${CIRCA} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "circa ${ARGN} exited with ${rc}:\n${out}\n${err}")
  endif()
  set(stdout "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${OUT}/${STEP})
# LeNet-300-100 on default.yaml: T = 531, 183, 103 cycles (one product per fc layer) and a
# one-cycle layer switch before fc2 and fc3 (SCHEDULE.md), so fc2 starts at 532, fc3 at 716, and
# 819 in all. Dense-equivalent MACs 784x300 + 300x100 + 100x10 = 266200 (532400 effective ops).
# Complex MACs p*q*slots with 32 packed-real slots: (5x13 + 2x5 + 1x2) x 32 = 2464.
set(lenet "cycles|819" "layers.0.product_cycles|531" "layers.1.product_cycles|183"
          "layers.2.product_cycles|103" "layers.1.start_cycle|532" "layers.2.start_cycle|716"
          "events.dense_equivalent_macs|266200"
          "events.complex_macs|2464" "cost.effective_ops_per_inference|532400.0")
if(STEP STREQUAL "sim" OR STEP STREQUAL "estimate")
  run_circa(${STEP} --config ${SRC}/configs/default.yaml --workload ${SRC}/workloads/lenet300.yaml
            --out ${OUT}/${STEP})
  if(STEP STREQUAL "sim" AND NOT stdout MATCHES "outputs bit-exact with the golden model")
    message(FATAL_ERROR "circa sim did not report bit-exact outputs:\n${stdout}")
  endif()
  file(READ ${OUT}/${STEP}/stats.json stats)
  expect_json("${stats}" "${lenet}")
elseif(STEP STREQUAL "gen")
  run_circa(gen --config ${SRC}/configs/small.yaml --out ${OUT}/gen)
  file(READ ${OUT}/gen/manifest.json manifest)
  # small.yaml: pipelined k = 16 FFT at 2 samples per cycle: 8 beats + 4 stages = 12 cycles.
  expect_json("${manifest}" "units.fft.latency_cycles|12;units.mac_lane.latency_cycles|2")
  string(JSON top GET "${manifest}" top)
  if(NOT EXISTS ${OUT}/gen/${top}.f OR NOT EXISTS ${OUT}/gen/${top}.sdc)
    message(FATAL_ERROR "circa gen wrote no file list or SDC for its top '${top}'")
  endif()
else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
message(STATUS "circa ${STEP}: as expected")
