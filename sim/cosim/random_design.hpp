// The design-point half of a random cosim case (random_case.hpp): a seeded draw and the -p
// overrides of one design point, every knob but the two capacities (sized to the network later).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace circa::cosim {

class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed * 0x9e3779b97f4a7c15ULL + 0x5eed) {}
  int in(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <class T>
  T of(const std::vector<T>& v) {
    return v[static_cast<size_t>(in(0, static_cast<int>(v.size()) - 1))];
  }
  bool coin(double p = 0.5) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

 private:
  std::mt19937_64 rng_;
};

/// k, FFT style and width, lanes, banks, ports, layout and every number format.
std::vector<std::string> draw_design(Draw& d, int k);

}  // namespace circa::cosim
