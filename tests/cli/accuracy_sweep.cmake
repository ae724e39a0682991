# A small accuracy sweep end to end (LeNet-300-100 at k = 32 and 64 x 2 MAC lanes; 1 epoch on
# the first 2,000 training images; the accuracy on all 10,000 test images):
# `cmake -D CIRCA=<exe> -D SRC=<source dir> -D OUT=<scratch dir> -P accuracy_sweep.cmake`.
# Checks that the stored accuracy is what `circa accuracy` prints for the cached weights, that
# the lanes axis reuses it, and that a second sweep on the same cache trains and measures nothing
# and rewrites no cached file.
cmake_minimum_required(VERSION 3.22)

set(dir ${OUT}/accuracy_sweep)
set(cache ${dir}/cache)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})
file(WRITE ${dir}/small.yaml "kind: sweep
name: accuracy-small
base: ${SRC}/configs/default.yaml
workload: ${SRC}/workloads/lenet300.yaml
accuracy: {dataset: fashion-mnist, epochs: 1, train_images: 2000}
axes:
  block_size: [32, 64]
  mac.lanes: [4, 8]
objectives:
  minimise: [energy_per_inference_uj]
  maximise: [accuracy]
")

function(run_circa)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env CIRCA_TRAIN_CACHE=${cache} ${CIRCA} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "circa ${ARGN} exited with ${rc}:\n${out}\n${err}")
  endif()
  set(stdout "${out}" PARENT_SCOPE)
  set(stderr "${err}" PARENT_SCOPE)
endfunction()

function(expect text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "expected /${regex}/ in:\n${text}")
  endif()
endfunction()

# A percentage in hundredths, rounded: "81.3" -> 8130, "34.219999999999999" (how string(JSON)
# prints a stored 34.22) -> 3422, "34.22" (as circa accuracy prints it) -> 3422.
function(hundredths value out)
  if(NOT value MATCHES "^([0-9]+)(\\.([0-9]*))?$")
    message(FATAL_ERROR "not a percentage: ${value}")
  endif()
  set(whole ${CMAKE_MATCH_1})
  set(frac "${CMAKE_MATCH_3}0000")
  string(SUBSTRING "${frac}" 0 4 frac)
  string(REGEX REPLACE "^0+([0-9])" "\\1" frac "${frac}")
  math(EXPR v "(${whole} * 10000 + ${frac} + 50) / 100")
  set(${out} ${v} PARENT_SCOPE)
endfunction()

# Every cached file with its modification time, one per line.
function(cache_state out)
  file(GLOB_RECURSE files LIST_DIRECTORIES false ${cache}/*)
  list(SORT files)
  set(state "")
  foreach(f IN LISTS files)
    file(TIMESTAMP ${f} t "%Y-%m-%dT%H:%M:%S")
    string(APPEND state "${f} ${t}\n")
  endforeach()
  set(${out} "${state}" PARENT_SCOPE)
endfunction()

run_circa(sweep ${dir}/small.yaml --out ${dir}/run1 --jobs 2)
expect("${stderr}" "accuracy-small: accuracy: trained weights and their accuracy cached in ${cache}")
# k = 32, k = 64 and the dense baseline; one measurement per block size (lanes reuse it).
expect("${stderr}" "accuracy: training lenet-300-100 block-circulant \\(k fc1=32 fc2=32 fc3=32\\), 1 epoch on 2000 images \\.\\.\\.\n")
expect("${stderr}" "accuracy: lenet-300-100 dense, 1 epoch on 2000 images trained in [0-9]+ s, float test accuracy [0-9.]+%\n")
expect("${stderr}" "accuracy: trained 3 networks and measured 2 fixed-point accuracies")

file(READ ${dir}/run1/results.json results)
string(JSON n LENGTH "${results}" points)
if(NOT n EQUAL 4)
  message(FATAL_ERROR "results.json holds ${n} points, expected 4")
endif()
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON k GET "${results}" points ${i} inputs block_size)
  string(JSON status GET "${results}" points ${i} status)
  string(JSON acc GET "${results}" points ${i} metrics values accuracy)
  if(NOT status STREQUAL "ok")
    message(FATAL_ERROR "point ${i} (k = ${k}) is ${status}")
  endif()
  if(DEFINED stored_${k} AND NOT stored_${k} STREQUAL acc)
    message(FATAL_ERROR "k = ${k}: accuracy ${acc} at one lane count, ${stored_${k}} at another")
  endif()
  set(stored_${k} ${acc})
endforeach()

# The cached weights of each block size, checked by hand with `circa accuracy`.
file(GLOB infos ${cache}/*/train.json)
foreach(k 32 64)
  set(folder "")
  foreach(info_file IN LISTS infos)
    file(READ ${info_file} info)
    string(JSON dense GET "${info}" dense)
    string(JSON info_k GET "${info}" accelerator_block_size)
    if(NOT dense AND info_k EQUAL k)
      get_filename_component(folder ${info_file} DIRECTORY)
    endif()
  endforeach()
  if(NOT folder)
    message(FATAL_ERROR "no cached block-circulant weights for k = ${k} in ${cache}")
  endif()
  run_circa(accuracy --config ${SRC}/configs/default.yaml --workload ${SRC}/workloads/lenet300.yaml
            -p block_size=${k} --weights ${folder} --dataset fashion-mnist)
  expect("${stdout}" "on 10000 Fashion-MNIST test images")
  string(REGEX MATCH "fixed-point top-1 \\(bit-exact golden model\\) +([0-9.]+)%" _ "${stdout}")
  set(printed ${CMAKE_MATCH_1})
  hundredths(${stored_${k}} stored)
  hundredths(${printed} shown)
  if(NOT stored EQUAL shown)
    message(FATAL_ERROR "k = ${k}: the sweep stored ${stored_${k}}%, circa accuracy prints "
                        "${printed}%:\n${stdout}")
  endif()
  message(STATUS "k = ${k}: sweep ${stored_${k}}%, circa accuracy ${printed}%")
endforeach()

# Another sweep folder on the same cache: nothing trained, measured or rewritten.
cache_state(before)
run_circa(sweep ${dir}/small.yaml --out ${dir}/run2 --jobs 2)
expect("${stderr}" "accuracy: trained 0 networks and measured 0 fixed-point accuracies")
cache_state(after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the second sweep changed the cache:\nbefore:\n${before}\nafter:\n${after}")
endif()
file(READ ${dir}/run2/results.json again)
foreach(i RANGE ${last})
  string(JSON a GET "${results}" points ${i} metrics values accuracy)
  string(JSON b GET "${again}" points ${i} metrics values accuracy)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "point ${i}: accuracy ${a} in the first sweep, ${b} in the second")
  endif()
endforeach()
message(STATUS "accuracy sweep: as expected")
