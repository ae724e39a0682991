// The weight and accuracy caches on real trainings (LeNet-300-100 on the first 2,000 training
// images, 1 epoch; the accuracy over all 10,000 test images): each network is trained once,
// each numerics measured once, a second object on the same folder (another sweep, another
// process) trains and measures nothing, and the runner refuses what a workload cannot give.
#define BOOST_TEST_MODULE codesign_cache
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "codesign/trained_accuracy.hpp"
#include "codesign/trained_files.hpp"
#include "spec/config_loader.hpp"
#include "sweep/runner.hpp"
#include "sweep/synthetic_evaluator.hpp"

using namespace circa;
namespace fs = std::filesystem;

namespace {

const std::string kSource = CIRCA_SOURCE_DIR;
const std::string kDefault = kSource + "/configs/default.yaml";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("circa-codesign-test-" + std::to_string(getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

sweep::AccuracySpec small_training() {
  sweep::AccuracySpec a;
  a.epochs = 1;
  a.train_images = 2000;
  return a;
}

/// Every file in the cache and its modification time.
std::map<std::string, fs::file_time_type> snapshot(const fs::path& root) {
  std::map<std::string, fs::file_time_type> m;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) m[e.path().string()] = e.last_write_time();
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_network_is_trained_once_and_each_numerics_measured_once) {
  TempDir dir;
  const Workload w = load_workload(kSource + "/workloads/lenet300.yaml");
  const AcceleratorSpec k64 = load_accelerator(kDefault).spec;
  const AcceleratorSpec lanes = load_accelerator(kDefault, {{"mac.lanes", "32"}}).spec;
  // Another precision of the same range: the same weights, other numerics.
  const AcceleratorSpec narrow =
      load_accelerator(kDefault, {{"formats.weight.bits", "10"}, {"formats.weight.frac", "8"}})
          .spec;
  const sweep::AccuracySpec a = small_training();

  codesign::TrainedAccuracy first(dir.path.string(), "test");
  const auto given = first.prepare(k64, w, a);
  BOOST_TEST(given.size() == 4u);
  // Two threads ask for the same point at once: one trains, the other waits for it.
  std::map<std::string, double> m1, m2;
  std::thread t([&] { m1 = first.measure(k64, w, a, nullptr); });
  m2 = first.measure(k64, w, a, nullptr);
  t.join();
  BOOST_TEST(first.weights().trainings() == 2);  // block-circulant at k = 64, and dense
  BOOST_TEST(first.measurements() == 1);
  BOOST_TEST(m1 == m2);
  // A hardware-only change reuses everything.
  BOOST_TEST(first.measure(lanes, w, a, nullptr) == m1);
  BOOST_TEST(first.weights().trainings() == 2);
  BOOST_TEST(first.measurements() == 1);

  // The figures: accuracy_drop is the dense baseline minus the fixed-point accuracy, and the
  // double-precision accuracy of the loaded weights is the trainer's own on the same images.
  BOOST_TEST(m1.at("accuracy_drop") == m1.at("dense_accuracy") - m1.at("accuracy"),
             boost::test_tools::tolerance(1e-6));
  const std::string folder = first.weights().folder(first.job_of(k64, w, a));
  BOOST_TEST(m1.at("float_accuracy") == 100 * codesign::recorded_test_accuracy(folder),
             boost::test_tools::tolerance(1e-6));
  BOOST_TEST(m1.at("accuracy") > 20.0);  // 10 classes: 10% is chance

  // Another object on the same folder (a later sweep, another process) reads the files.
  const auto files = snapshot(dir.path);
  codesign::TrainedAccuracy second(dir.path.string(), "test");
  BOOST_TEST(second.measure(k64, w, a, nullptr) == m1);
  BOOST_TEST(second.weights().trainings() == 0);
  BOOST_TEST(second.measurements() == 0);
  BOOST_TEST((snapshot(dir.path) == files), "no cached file was rewritten or added");
  // Other numerics of the same weights: measured, not trained.
  const auto m3 = second.measure(narrow, w, a, nullptr);
  BOOST_TEST(second.weights().trainings() == 0);
  BOOST_TEST(second.measurements() == 1);
  BOOST_TEST(m3.at("dense_accuracy") == m1.at("dense_accuracy"));
  BOOST_TEST(m3.at("float_accuracy") == m1.at("float_accuracy"));

  // What names a training: another version, block size, epochs or weight range is another key.
  const codesign::TrainJob job = first.job_of(k64, w, a);
  codesign::WeightCache other_version(dir.path.string(), "test2", "");
  BOOST_TEST(other_version.key(job) != first.weights().key(job));
  codesign::TrainJob k16 = job, epochs = job, range = job;
  k16.accelerator_k = 16;
  epochs.accuracy.epochs = 2;
  range.spectrum_limit = 8;
  for (const auto* j : {&k16, &epochs, &range})
    BOOST_TEST(first.weights().key(*j) != first.weights().key(job));
  BOOST_TEST(first.weights().key(first.job_of(narrow, w, a)) == first.weights().key(job));
}

BOOST_AUTO_TEST_CASE(a_stopped_sweep_stops_training_and_stores_nothing) {
  TempDir dir;
  const Workload w = load_workload(kSource + "/workloads/lenet300.yaml");
  codesign::TrainedAccuracy source(dir.path.string(), "test");
  const std::atomic<bool> stop{true};  // Ctrl-C before the first report of the trainer
  BOOST_CHECK_THROW(source.measure(load_accelerator(kDefault).spec, w, small_training(), &stop),
                    sweep::Interrupted);
  BOOST_TEST(source.weights().trainings() == 0);
  for (const auto& e : fs::directory_iterator(dir.path))
    BOOST_TEST(e.path().extension() == ".lock", "only the lock file is left: " << e.path());
}

BOOST_AUTO_TEST_CASE(conv_workloads_have_no_dense_baseline_and_a_sweep_asking_for_it_fails_early) {
  TempDir dir;
  const Workload cnn = load_workload(kSource + "/workloads/fashion_cnn.yaml");
  const AcceleratorSpec base = load_accelerator(kDefault).spec;
  codesign::TrainedAccuracy source(dir.path.string(), "test");
  const auto given = source.prepare(base, cnn, small_training());
  BOOST_TEST((given == std::vector<std::string>{"accuracy", "float_accuracy"}));

  const fs::path file = dir.path / "cnn.yaml";
  std::ofstream(file) << "kind: sweep\nbase: " << kDefault << "\nworkload: " << kSource
                      << "/workloads/fashion_cnn.yaml\naccuracy: {dataset: fashion-mnist, "
                         "epochs: 1}\naxes:\n  mac.lanes: [4, 8]\nobjectives:\n  minimise: "
                         "[accuracy_drop]\n";
  sweep::RunOptions o;
  o.out_dir = (dir.path / "out").string();
  o.version = "test";
  o.accuracy = &source;
  try {
    sweep::run_sweep(sweep::load_sweep(file.string()), sweep::synthetic_evaluator({}), o);
    BOOST_FAIL("the sweep ran");
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("cnn.yaml:4:11: error: accuracy: metric 'accuracy_drop' needs the dense "
                        "baseline") != std::string::npos,
               msg);
    BOOST_TEST(msg.find('\n') == std::string::npos);
  }
  BOOST_TEST(source.weights().trainings() == 0);
}

BOOST_AUTO_TEST_CASE(a_workload_that_does_not_fit_the_images_is_refused_before_training) {
  TempDir dir;
  const Workload cifar = load_workload(kSource + "/workloads/cifar_cnn.yaml");
  codesign::TrainedAccuracy source(dir.path.string(), "test");
  try {
    source.prepare(load_accelerator(kDefault).spec, cifar, small_training());
    BOOST_FAIL("prepared");
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("cifar_cnn.yaml:") != std::string::npos, msg);
    BOOST_TEST(msg.find("fashion-mnist has images of 28x28 pixels, but the first layer takes "
                        "3072 inputs") != std::string::npos,
               msg);
  }
}
