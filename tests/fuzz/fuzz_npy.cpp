// The .npy weight reader on arbitrary bytes.
#include "fuzz_support.hpp"
#include "sysc/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = (circa::fuzz::scratch() / "in.npy").string();
  circa::fuzz::write_input(path, data, size);
  circa::fuzz::config_errors_only([&] { circa::sysc::read_npy(path); });
  return 0;
}
