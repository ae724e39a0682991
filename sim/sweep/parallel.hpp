// A minimal parallel loop for the sweep: `jobs` threads take indices in order until all are taken
// or `stop` is set. The first exception thrown by `body` stops dispatching and is rethrown after
// every thread has joined.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace circa::sweep {

/// Runs body(i) for i in [0, n) on `jobs` threads; returns how many indices were started.
inline size_t parallel_for(size_t n, int jobs, const std::atomic<bool>* stop,
                           const std::function<void(size_t)>& body) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (;;) {
      if (failed.load() || (stop && stop->load())) return;
      const size_t i = next.fetch_add(1);
      if (i >= n) return;
      try {
        body(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  };
  const size_t threads =
      std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(jobs, 1)), n));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();  // the calling thread is one of the workers
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return std::min(next.load(), n);
}

/// The number of jobs to use when the user gave none (or 0): every hardware thread.
inline int default_jobs() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace circa::sweep
