// `circa config check` on arbitrary bytes: sweep::check_document, the one entry point of the
// accelerator, workload and sweep loaders. The input is written beside links to the repository's
// configs/ and workloads/, so the seeds' relative `base:` and `workload:` paths resolve.
#include "fuzz_support.hpp"
#include "sweep/sweep_spec.hpp"

namespace {

namespace fs = std::filesystem;

/// scratch/configs/sweeps/in.yaml, with every file of configs/ and configs/sweeps/ linked into
/// both folders and scratch/workloads linked to workloads/.
fs::path prepare() {
  const fs::path src = CIRCA_SOURCE_DIR, root = circa::fuzz::scratch();
  const fs::path sweeps = root / "configs" / "sweeps";
  fs::create_directories(sweeps);
  fs::create_directory_symlink(src / "workloads", root / "workloads");
  for (const fs::path& from : {src / "configs", src / "configs" / "sweeps"})
    for (const auto& e : fs::directory_iterator(from))
      if (e.is_regular_file())
        for (const fs::path& to : {root / "configs", sweeps})
          if (!fs::exists(to / e.path().filename()))
            fs::create_symlink(e.path(), to / e.path().filename());
  return sweeps / "in.yaml";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path input = prepare();
  const std::string file = circa::fuzz::write_input(input, data, size);
  circa::fuzz::config_errors_only([&] { circa::sweep::check_document(file); });
  return 0;
}
