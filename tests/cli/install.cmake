# `cmake --install` into a fresh prefix: the installed circa runs, the installed Python package
# imports, finds that circa (not the build tree's) and estimates, and the RTL primitives and
# docs are there.  cmake -D BUILD=<build dir> -D PREFIX=<scratch> -D PYTHON=<python>
# -D SITE=<the package's folder under the prefix> -P install.cmake
cmake_minimum_required(VERSION 3.22)

file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}): ${err}")
endif()
foreach(f bin/circa share/circa/rtl/circa_round_sat.v share/circa/configs/default.yaml
          share/circa/workloads/lenet300.yaml share/doc/circa/README.md
          share/doc/circa/NUMBER_FORMATS.md)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "cmake --install did not install ${f}")
  endif()
endforeach()
execute_process(COMMAND ${PREFIX}/bin/circa --version OUTPUT_VARIABLE version)
if(NOT version MATCHES "^circa [0-9]")
  message(FATAL_ERROR "the installed circa does not run: '${version}'")
endif()
set(site ${PREFIX}/${SITE})
if(NOT EXISTS ${site}/circa/__init__.py)
  message(FATAL_ERROR "cmake --install did not install the Python package into ${site}")
endif()
set(script "import circa, os; assert os.path.samefile(circa.circa_executable(), '${PREFIX}/bin/circa'), circa.circa_executable(); r = circa.estimate('${PREFIX}/share/circa/configs/default.yaml', '${PREFIX}/share/circa/workloads/lenet300.yaml'); print(r['cycles'])")
execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONDONTWRITEBYTECODE=1
                        ${PYTHON} -c "${script}"
                WORKING_DIRECTORY ${PREFIX} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^819")  # LeNet: tests/cli/end_to_end.cmake
  message(FATAL_ERROR "the installed Python package failed (${rc}): ${out}${err}")
endif()
message(STATUS "installed into ${PREFIX}: circa, the Python package, RTL primitives, docs")
