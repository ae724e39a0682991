# One interface target carries the warning flags; every Circa target links it. -Wshadow=local is
# GCC's (clang, which the fuzz presets use, has no such option and warns about it).
add_library(circa_warnings INTERFACE)
target_compile_options(circa_warnings INTERFACE -Wall -Wextra -Wpedantic
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                       $<$<BOOL:${CIRCA_WERROR}>:-Werror>)
