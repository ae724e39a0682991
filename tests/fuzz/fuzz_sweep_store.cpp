// The sweep store reader on arbitrary bytes as results.sqlite: what `circa sweep export` and the
// report run (load_results: open, read every row and the sweep description, rank them).
#include "fuzz_support.hpp"
#include "sweep/export.hpp"
#include "sweep/runner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static const fs::path dir = circa::fuzz::scratch() / "store";
  fs::create_directories(dir);
  const std::string db = circa::sweep::store_path(dir.string());
  for (const char* tail : {"", "-wal", "-shm"}) fs::remove(db + tail);
  circa::fuzz::write_input(db, data, size);
  circa::fuzz::config_errors_only([&] { circa::sweep::load_results(dir.string(), "fuzz"); });
  return 0;
}
