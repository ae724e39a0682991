# `circa doctor` lists every optional tool: the ones the build itself requires (so they are on
# this machine) found with the version the tool prints, and with an empty PATH every PATH tool
# missing with how to install it; exit status 0 both times.
# cmake -D CIRCA=<exe> -P doctor.cmake
cmake_minimum_required(VERSION 3.22)

execute_process(COMMAND ${CIRCA} doctor RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "circa doctor exited with ${rc}: ${err}")
endif()
foreach(tool verilator icarus yosys slurm chromium cacti)
  if(NOT out MATCHES "\n?${tool} +(found|missing) ")
    message(FATAL_ERROR "circa doctor does not report ${tool}:\n${out}")
  endif()
endforeach()
foreach(pair "verilator|verilator|--version" "icarus|iverilog|-V" "yosys|yosys|-V")
  string(REPLACE "|" ";" p "${pair}")
  list(GET p 0 name)
  list(GET p 1 program)
  list(GET p 2 flag)
  find_program(exe ${program} REQUIRED NO_CACHE)
  execute_process(COMMAND ${exe} ${flag} OUTPUT_VARIABLE version ERROR_QUIET)
  string(REGEX MATCH "[^\n]*[0-9][^\n]*" version "${version}")
  string(FIND "${out}" " found      ${version} (" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "circa doctor: expected '${name} found ${version}':\n${out}")
  endif()
  unset(exe)
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -E env PATH= ${CIRCA} doctor RESULT_VARIABLE rc
                OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "verilator +missing +install: apt-get install verilator")
  message(FATAL_ERROR "circa doctor without PATH (exit ${rc}):\n${out}")
endif()
message(STATUS "circa doctor: as expected")
