// circa_bench_numerics: the numerics benchmark on its own (the CLI runs the same function).
#include <exception>
#include <iostream>

#include "numerics/bench_numerics.hpp"

int main() {
  try {
    circa::num::run_numerics_bench(std::cout);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "circa_bench_numerics: " << e.what() << "\n";
    return 1;
  }
}
