// `circa sim --weights DIR`: .npy weights round-trip into the same layer weights the random
// generator would give, and malformed files are refused with the file named.
#define BOOST_TEST_MODULE npy_weights
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "../../config_error.hpp"
#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "sysc/npy.hpp"
#include "sysc/workload_data.hpp"

using namespace circa;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("circa_npy_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

const std::string kRoot = CIRCA_SOURCE_DIR;

}  // namespace

BOOST_AUTO_TEST_CASE(npy_round_trip_keeps_shape_and_values) {
  TempDir d;
  const std::string f = (d.path / "a.npy").string();
  sysc::write_npy(f, {2, 3}, {1.5, -2, 0.25, 3, 4, -0.125});
  const sysc::NpyArray a = sysc::read_npy(f);
  BOOST_TEST(a.shape == (std::vector<int64_t>{2, 3}), boost::test_tools::per_element());
  BOOST_TEST(a.values == (std::vector<double>{1.5, -2, 0.25, 3, 4, -0.125}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weights_folder_reproduces_the_random_weights) {
  const AcceleratorSpec s = load_accelerator(kRoot + "/configs/small.yaml").spec;
  const Workload w = load_workload(kRoot + "/workloads/lenet300.yaml");
  const sysc::WorkloadData random = sysc::random_data(s, w, 5);
  TempDir d;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const auto& lw = random.weights[i];
    sysc::write_npy((d.path / (w.layers[i].name + ".weights.npy")).string(),
                    {lw.w.p, lw.w.q, lw.w.k}, lw.w.w);
    sysc::write_npy((d.path / (w.layers[i].name + ".bias.npy")).string(),
                    {int64_t(lw.bias.size())}, lw.bias);
  }
  const sysc::WorkloadData loaded = sysc::load_data(d.path.string(), s, w, 5);
  BOOST_TEST_REQUIRE(loaded.weights.size() == w.layers.size());
  for (size_t i = 0; i < w.layers.size(); ++i) {
    BOOST_TEST(loaded.weights[i].w.w == random.weights[i].w.w, boost::test_tools::per_element());
    BOOST_TEST(loaded.weights[i].bias == random.weights[i].bias, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(truncated_or_misshapen_files_are_refused_naming_the_file) {
  TempDir d;
  const std::string f = (d.path / "bad.npy").string();
  sysc::write_npy(f, {4}, {1, 2, 3, 4});
  fs::resize_file(f, fs::file_size(f) - 8);
  const std::string e = circa::test::config_error_of([&] { sysc::read_npy(f); });
  BOOST_TEST(e.find("bad.npy") != std::string::npos, e);
  std::ofstream(d.path / "junk.npy") << "not an npy file";
  const std::string j =
      circa::test::config_error_of([&] { sysc::read_npy((d.path / "junk.npy").string()); });
  BOOST_TEST(j.find("junk.npy") != std::string::npos, j);
  const AcceleratorSpec s = load_accelerator(kRoot + "/configs/small.yaml").spec;
  const Workload w = load_workload(kRoot + "/workloads/lenet300.yaml");
  const std::string m =
      circa::test::config_error_of([&] { sysc::load_data(d.path.string(), s, w, 1); });
  BOOST_TEST(m.find("fc1.weights.npy") != std::string::npos, m);
}

// Bytes exactly as numpy's np.save writes them (format 1.0; checked against numpy 1.24's
// _write_array_header): magic, version, header length, the header dict in numpy's own spelling
// ("(2, 3)" with a space, "(3,)" for one dimension, a trailing ", }"), spaces up to a multiple
// of 64 bytes, a newline, then the data. Here np.array([[1.5, -2, 0.25], [3, 4, -0.125]],
// dtype='<f4') and np.array([7, -1, 2**40], dtype='<i8'): 59 and 57 header characters padded
// to 118 bytes (0x76), so the data starts at byte 128.
BOOST_AUTO_TEST_CASE(files_written_by_numpy_itself_are_read) {
  TempDir d;
  const std::string f4 = (d.path / "f4.npy").string();
  std::ofstream(f4, std::ios::binary)
      << std::string("\x93NUMPY\x01\x00\x76\x00", 10)
      << "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" << std::string(58, ' ')
      << "\n"
      << std::string("\x00\x00\xc0\x3f"   // 1.5f = 0x3fc00000, little-endian
                     "\x00\x00\x00\xc0"   // -2.0f = 0xc0000000
                     "\x00\x00\x80\x3e"   // 0.25f = 0x3e800000
                     "\x00\x00\x40\x40"   // 3.0f = 0x40400000
                     "\x00\x00\x80\x40"   // 4.0f = 0x40800000
                     "\x00\x00\x00\xbe",  // -0.125f = 0xbe000000
                     24);
  const sysc::NpyArray a = sysc::read_npy(f4);
  BOOST_TEST(a.shape == (std::vector<int64_t>{2, 3}), boost::test_tools::per_element());
  BOOST_TEST(a.values == (std::vector<double>{1.5, -2, 0.25, 3, 4, -0.125}),
             boost::test_tools::per_element());
  BOOST_TEST(!a.integral);

  const std::string i8 = (d.path / "i8.npy").string();
  std::ofstream(i8, std::ios::binary)
      << std::string("\x93NUMPY\x01\x00\x76\x00", 10)
      << "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }" << std::string(60, ' ')
      << "\n"
      << std::string("\x07\x00\x00\x00\x00\x00\x00\x00"   // 7
                     "\xff\xff\xff\xff\xff\xff\xff\xff"   // -1
                     "\x00\x00\x00\x00\x00\x01\x00\x00",  // 2^40
                     24);
  const sysc::NpyArray b = sysc::read_npy(i8);
  BOOST_TEST(b.shape == (std::vector<int64_t>{3}), boost::test_tools::per_element());
  BOOST_TEST(b.values == (std::vector<double>{7, -1, 1099511627776.0}),
             boost::test_tools::per_element());
  BOOST_TEST(b.integral);
}

// A header that lies about its length or its shape is refused before anything is allocated
// (a negative or overflowing shape was undefined behaviour in the element count before).
BOOST_AUTO_TEST_CASE(lying_headers_are_refused_without_allocating) {
  TempDir d;
  auto npy = [&](const std::string& name, const std::string& shape) {
    std::string h = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + h.size() + 1) % 64 != 0) h += ' ';
    h += '\n';
    const std::string f = (d.path / name).string();
    std::ofstream(f, std::ios::binary)
        << std::string("\x93NUMPY\x01\x00", 8) << static_cast<char>(h.size() & 0xff)
        << static_cast<char>(h.size() >> 8) << h << std::string(16, '\0');
    return circa::test::config_error_of([&] { sysc::read_npy(f); });
  };
  BOOST_TEST(npy("neg.npy", "-1,").find("negative dimension -1") != std::string::npos);
  BOOST_TEST(npy("huge.npy", "4611686018427387904, 4").find("shape too large") !=
             std::string::npos);
  BOOST_TEST(npy("long.npy", "1000000000,").find("data shorter than its shape says") !=
             std::string::npos);
  const std::string v2 = (d.path / "v2.npy").string();
  std::ofstream(v2, std::ios::binary) << std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12);
  BOOST_TEST(circa::test::config_error_of([&] {
               sysc::read_npy(v2);
             }).find("header of 4294967295 bytes") != std::string::npos);
}

// The header may be up to 1 MiB. It was parsed with std::regex, which in libstdc++ recurses once
// per character matched: a shape or descr of a few hundred KiB (numpy allows spaces inside the
// tuple) overflowed the stack (found by feeding fuzz_npy a long header). Now it is read, or refused
// in one line.
BOOST_AUTO_TEST_CASE(a_header_of_hundreds_of_kib_is_read_without_overflowing_the_stack) {
  TempDir d;
  auto npy = [&](const std::string& name, const std::string& dict, size_t data_bytes) {
    const std::string h = dict + "\n";
    const std::string f = (d.path / name).string();
    std::ofstream(f, std::ios::binary)
        << std::string("\x93NUMPY\x02\x00", 8) << static_cast<char>(h.size() & 0xff)
        << static_cast<char>(h.size() >> 8 & 0xff) << static_cast<char>(h.size() >> 16) << '\0' << h
        << std::string(data_bytes, '\0');
    return f;
  };
  const std::string spaces(600000, ' ');
  const sysc::NpyArray a = sysc::read_npy(npy(
      "wide.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2," + spaces + "), }", 16));
  BOOST_TEST(a.shape == (std::vector<int64_t>{2}), boost::test_tools::per_element());
  BOOST_TEST(a.values == (std::vector<double>{0, 0}), boost::test_tools::per_element());
  const std::string e = circa::test::config_error_of([&] {
    sysc::read_npy(npy("descr.npy", "{'descr': '" + spaces + "', 'fortran_order': False, }", 0));
  });
  BOOST_TEST(e.find("descr.npy: not a usable .npy file: dtype '") != std::string::npos);
  // A shape entry is one whole integer ("1 2" was read as 1 before).
  const std::string s = circa::test::config_error_of([&] {
    sysc::read_npy(
        npy("pair.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1 2,), }", 8));
  });
  BOOST_TEST(s.find("bad shape entry '1 2'") != std::string::npos, s);
}
