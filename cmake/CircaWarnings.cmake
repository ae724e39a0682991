# One interface target carries the warning flags; every Circa target links it.
add_library(circa_warnings INTERFACE)
target_compile_options(circa_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
                       $<$<BOOL:${CIRCA_WERROR}>:-Werror>)
