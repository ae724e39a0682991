// Writes the seed inputs that are binary and so are made, not kept in git: .npy files of each
// dtype the reader takes (and one it refuses), and a results store of a small synthetic sweep
// (ok, failed and confirmed rows).   make_seeds OUT_DIR  ->  OUT_DIR/npy/*.npy,
// OUT_DIR/store/results.sqlite
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sweep/runner.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sysc/npy.hpp"

namespace {

namespace fs = std::filesystem;

/// A format-1.0 .npy with `descr` and raw little-endian data, as numpy lays it out.
void raw_npy(const fs::path& file, const std::string& descr, const std::string& shape,
             const std::string& data) {
  std::string h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + h.size() + 1) % 64 != 0) h += ' ';
  h += '\n';
  std::ofstream out(file, std::ios::binary);
  out << std::string("\x93NUMPY\x01\x00", 8) << static_cast<char>(h.size() & 0xff)
      << static_cast<char>(h.size() >> 8) << h << data;
}

void npy_seeds(const fs::path& dir) {
  fs::create_directories(dir);
  circa::sysc::write_npy((dir / "f8_2x3.npy").string(), {2, 3}, {1, -2, 3.5, 0, 1e-3, 7});
  circa::sysc::write_npy((dir / "f8_scalar.npy").string(), {}, {42});
  circa::sysc::write_npy((dir / "f8_empty.npy").string(), {0}, {});
  const int32_t i4[3] = {1, -1, 1 << 30};
  raw_npy(dir / "i4_3.npy", "<i4", "(3,)", std::string(reinterpret_cast<const char*>(i4), 12));
  const float f4[2] = {0.5f, -8.0f};
  raw_npy(dir / "f4_1x2.npy", "<f4", "(1, 2)", std::string(reinterpret_cast<const char*>(f4), 8));
  raw_npy(dir / "big_endian.npy", ">f8", "(1,)", std::string(8, '\0'));
}

void store_seed(const fs::path& dir) {
  using namespace circa::sweep;
  const fs::path src = CIRCA_SOURCE_DIR;
  const fs::path file = dir / "seed-sweep.yaml";
  std::ofstream(file) << "kind: sweep\nname: seed\nbase: "
                      << (src / "configs/default.yaml").string()
                      << "\nworkload: " << (src / "workloads/lenet300.yaml").string()
                      << "\naxes:\n  mac.lanes: [4, 8, 64]\n  zip: {block_size: [16, 64], "
                         "fft.samples_per_cycle: [32, 4]}\nconstraints:\n  max_area_mm2: 50\n"
                         "objectives:\n  minimise: [energy_per_inference_uj, area_mm2]\n"
                         "confirm_best: 1\n";
  RunOptions o;
  o.out_dir = (dir / "store").string();
  o.jobs = 1;
  o.version = "fuzz";
  SyntheticOptions synth;
  synth.fail_above_lanes = 32;
  run_sweep(load_sweep(file.string()), synthetic_evaluator(synth), o);
  fs::remove(file);
  fs::remove(fs::path(o.out_dir) / ".circa-sweep.lock");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_seeds OUT_DIR\n";
    return 2;
  }
  try {
    const fs::path out = argv[1];
    fs::remove_all(out);
    npy_seeds(out / "npy");
    store_seed(out);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "make_seeds: " << e.what() << "\n";
    return 1;
  }
}
