// Level 1: the IDX reader and Fashion-MNIST loader on the package's files and on damaged files
// the test writes itself (wrong magic, truncated, missing, mismatched).
#define BOOST_TEST_MODULE train_01_idx
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../../config_error.hpp"
#include "common/error.hpp"
#include "data/fashion_mnist.hpp"
#include "data/idx.hpp"

using namespace circa;
using namespace circa::data;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir() {
  const fs::path d = fs::temp_directory_path() / ("circa_test_idx_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

void write_bytes(const fs::path& f, const std::string& bytes) {
  std::ofstream(f, std::ios::binary) << bytes;
}

std::string header3(int n) {
  return std::string("\0\0\x08\x03", 4) + std::string("\0\0\0", 3) + char(n) +
         std::string("\0\0\0\x02\0\0\0\x02", 8);
}

}  // namespace

BOOST_AUTO_TEST_CASE(package_subset_has_the_known_first_images) {
  const std::string dir = default_fashion_mnist_dir();
  const ImageSet tr = load_fashion_mnist(dir, Split::train, 300);
  const ImageSet te = load_fashion_mnist(dir, Split::test, 300);
  BOOST_TEST(tr.count == 300);
  BOOST_TEST(te.count == 300);
  BOOST_TEST(tr.rows == 28);
  BOOST_TEST(tr.cols == 28);
  BOOST_TEST(tr.pixels.size() == 300u * 784u);
  // First labels and the pixel sum of the first image, read with Python's gzip module.
  const std::vector<int> train_labels = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5};
  const std::vector<int> test_labels = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
  for (int n = 0; n < 10; ++n) {
    BOOST_TEST(tr.labels[n] == train_labels[n]);
    BOOST_TEST(te.labels[n] == test_labels[n]);
  }
  int64_t sum = 0;
  for (int i = 0; i < 784; ++i) sum += tr.image(0)[i];
  BOOST_TEST(sum == 76247);
}

BOOST_AUTO_TEST_CASE(write_then_read_round_trips_and_limits) {
  const fs::path f = scratch_dir() / "round.idx.gz";
  std::vector<uint8_t> v(5 * 3 * 2);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<uint8_t>(i * 7);
  write_idx_gz(f.string(), {5, 3, 2}, v);
  const IdxArray a = read_idx(f.string(), 3);
  BOOST_TEST(a.shape == std::vector<int64_t>({5, 3, 2}), boost::test_tools::per_element());
  BOOST_TEST(a.values == v, boost::test_tools::per_element());
  const IdxArray b = read_idx(f.string(), 3, 2);
  BOOST_TEST(b.shape[0] == 2);
  BOOST_TEST(b.values.size() == 12u);
}

BOOST_AUTO_TEST_CASE(wrong_magic_names_the_file) {
  const fs::path f = scratch_dir() / "magic.idx";
  write_bytes(f, std::string("\x12\x34\x08\x03", 4) + std::string(12 + 8, '\0'));
  const std::string e = circa::test::config_error_of([&] { read_idx(f.string(), 3); });
  BOOST_TEST(e.find(f.string()) != std::string::npos, e);
  BOOST_TEST(e.find("wrong magic") != std::string::npos, e);
  // Right magic bytes, wrong element type, and a rank other than asked.
  write_bytes(f, std::string("\0\0\x0D\x03", 4) + std::string(12 + 8, '\0'));
  BOOST_TEST(circa::test::config_error_of([&] {
               read_idx(f.string(), 3);
             }).find("element type 13") != std::string::npos);
  write_bytes(f, header3(2) + std::string(8, '\0'));
  BOOST_TEST(circa::test::config_error_of([&] {
               read_idx(f.string(), 1);
             }).find("3 dimensions, expected 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(truncated_files_name_the_file_and_the_part) {
  const fs::path dir = scratch_dir();
  // Plain: two 2x2 images promised, six bytes given.
  const fs::path plain = dir / "short.idx";
  write_bytes(plain, header3(2) + std::string(6, '\x01'));
  std::string e = circa::test::config_error_of([&] { read_idx(plain.string(), 3); });
  BOOST_TEST(e.find(plain.string() + ": not a usable IDX file: truncated in the data") !=
                 std::string::npos,
             e);
  write_bytes(plain, std::string("\0\0\x08\x03\0\0", 6));
  e = circa::test::config_error_of([&] { read_idx(plain.string(), 3); });
  BOOST_TEST(e.find("truncated in the dimensions") != std::string::npos, e);
  // Gzip: a valid stream with its second half cut off.
  const fs::path gz = dir / "cut.idx.gz";
  std::vector<uint8_t> v(4000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<uint8_t>(i * 131 % 251);
  write_idx_gz(gz.string(), {1000, 2, 2}, v);
  fs::resize_file(gz, fs::file_size(gz) / 2);
  e = circa::test::config_error_of([&] { read_idx(gz.string(), 3); });
  BOOST_TEST(
      e.find(gz.string() + ": not a usable IDX file: truncated in the data") != std::string::npos,
      e);
}

BOOST_AUTO_TEST_CASE(missing_files_say_how_to_install_the_dataset) {
  const fs::path dir = scratch_dir() / "empty";
  fs::create_directories(dir);
  const std::string e =
      circa::test::config_error_of([&] { load_fashion_mnist(dir.string(), Split::test); });
  BOOST_TEST(
      e.find((dir / "t10k-images-idx3-ubyte.gz").string() + ": missing") != std::string::npos, e);
  BOOST_TEST(e.find("apt-get install dataset-fashion-mnist") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(images_and_labels_must_agree) {
  const fs::path dir = scratch_dir() / "mismatch";
  fs::create_directories(dir);
  write_idx_gz((dir / "t10k-images-idx3-ubyte.gz").string(), {3, 2, 2}, std::vector<uint8_t>(12));
  write_idx_gz((dir / "t10k-labels-idx1-ubyte.gz").string(), {2}, {1, 2});
  std::string e =
      circa::test::config_error_of([&] { load_fashion_mnist(dir.string(), Split::test); });
  BOOST_TEST(e.find("2 labels for 3 images") != std::string::npos, e);
  write_idx_gz((dir / "t10k-labels-idx1-ubyte.gz").string(), {3}, {1, 12, 2});
  e = circa::test::config_error_of([&] { load_fashion_mnist(dir.string(), Split::test); });
  BOOST_TEST(e.find("label 12 outside 0..9") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(unknown_dataset_names_are_refused) {
  BOOST_TEST(circa::test::config_error_of([] {
               check_dataset_name("mnist");
             }).find("fashion-mnist") != std::string::npos);
  BOOST_TEST(circa::test::config_error_of([] { check_dataset_name("fashion-mnist"); }).empty());
}
