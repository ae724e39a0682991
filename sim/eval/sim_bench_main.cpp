// circa_bench_sim [config.yaml]: the `circa bench sim` figures as a stand-alone program.
#include <iostream>

#include "common/error.hpp"
#include "eval/sim_bench.hpp"

int main(int argc, char** argv) {
  try {
    if (argc > 1)
      circa::eval::run_sim_bench(std::cout, argv[1]);
    else
      circa::eval::run_sim_bench(std::cout);
  } catch (const std::exception& e) {
    std::cerr << "circa_bench_sim: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
