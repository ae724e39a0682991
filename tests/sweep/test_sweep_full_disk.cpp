// A full disk, tried on a small tmpfs: the store stops growing mid-sweep and the sweep ends in one
// line that names the store and says the disk is full; once the file system has room again the
// same sweep resumes, skips what was stored, and ends with every point once, equal to a clean
// run's; reports that do not fit say so too. Mounting needs root: without it the test says why and
// CTest reports it as skipped (SKIP_REGEX), not as passed.
#include <boost/test/unit_test.hpp>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "common/error.hpp"
#include "sweep/export.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using namespace circa::sweep::test;

namespace {

/// A tmpfs of `kib` KiB on `dir` (mounted() false when it could not be), unmounted with the object.
class SmallDisk {
 public:
  SmallDisk(const std::string& dir, int kib) : dir_(dir) {
    fs::create_directories(dir);
    mounted_ = mount("tmpfs", dir.c_str(), "tmpfs", 0, size(kib).c_str()) == 0;
    if (!mounted_)
      std::cout << "skipped: cannot mount a tmpfs on " << dir << " (" << std::strerror(errno)
                << "); the full-disk test needs root\n";
  }
  bool mounted() const { return mounted_; }
  void grow(int kib) const {
    BOOST_REQUIRE(mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, size(kib).c_str()) == 0);
  }
  ~SmallDisk() {
    if (mounted_) umount(dir_.c_str());
  }

 private:
  static std::string size(int kib) { return "size=" + std::to_string(kib) + "k"; }
  std::string dir_;
  bool mounted_ = false;
};

RunOptions options_for(const std::string& out) {
  RunOptions o;
  o.out_dir = out;
  o.jobs = 1;
  o.version = "test";
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(full_disk)

BOOST_AUTO_TEST_CASE(a_full_disk_is_a_one_line_error_and_the_sweep_resumes_without_loss) {
  TempDir dir;
  const std::string axes =
      "  mac.lanes: [2, 4, 8, 16, 32]\n  block_size: [16, 32, 64, 128]\n"
      "  weight_sram.capacity_kib: [64, 128, 256, 512, 1024]\n";  // 100 points
  const SweepSpec s = load_sweep(dir.write("s.yaml", sweep_yaml(axes)));
  const std::string out = dir.path("disk") + "/out";
  SmallDisk disk(dir.path("disk"), 160);  // the WAL and its index take 100 KiB before any row
  if (!disk.mounted()) return;            // CTest reports it skipped (SKIP_REGEX)
  std::string msg = "no error";
  try {
    run_sweep(s, synthetic_evaluator({}), options_for(out));
  } catch (const ConfigError& e) {
    msg = e.what();
  }
  BOOST_TEST(msg.find("results store '" + store_path(out) + "'") != std::string::npos, msg);
  BOOST_TEST(msg.find("the disk is full: free space (or choose another --out) and run the sweep "
                      "again; the points stored so far are kept") != std::string::npos,
             msg);
  BOOST_TEST(msg.find('\n') == std::string::npos);
  disk.grow(16384);
  const RunSummary resumed = run_sweep(s, synthetic_evaluator({}), options_for(out));
  BOOST_TEST(resumed.skipped + resumed.evaluated == 100u);
  BOOST_TEST(resumed.skipped > 0u);  // rows stored before the disk filled were kept
  run_sweep(s, synthetic_evaluator({}), options_for(dir.path("clean")));
  const auto a = ResultStore(store_path(out)).all(),
             b = ResultStore(store_path(dir.path("clean"))).all();
  BOOST_REQUIRE(a.size() == 100u);
  BOOST_REQUIRE(b.size() == 100u);
  for (size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].key == b[i].key);
    BOOST_TEST(a[i].status == b[i].status);
    BOOST_TEST(a[i].metrics == b[i].metrics);
  }
  // The reports on a disk without room for them: the file, the system's reason, what to do.
  SmallDisk small(dir.path("small"), 16);
  BOOST_REQUIRE(small.mounted());
  msg = "no error";
  try {
    write_reports(load_results(out, "test"), dir.path("small"));
  } catch (const ConfigError& e) {
    msg = e.what();
  }
  BOOST_TEST(
      msg.find("cannot write '" + dir.path("small") +
               "/results.csv' (No space left on device); the disk is full") != std::string::npos,
      msg);
}

BOOST_AUTO_TEST_SUITE_END()
