// Splits [0, n) into `threads` contiguous ranges and runs fn(thread, begin, end) on each, the
// calling thread taking the first; joins before returning. Exceptions reach the caller.
#pragma once

#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace circa::train {

template <class Fn>
void parallel_for(int threads, int64_t n, Fn&& fn) {
  if (threads < 1) threads = 1;
  std::vector<std::exception_ptr> errors(threads);
  auto run = [&](int t) {
    try {
      fn(t, n * t / threads, n * (t + 1) / threads);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace circa::train
