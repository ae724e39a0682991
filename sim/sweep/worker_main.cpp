// The worker process's side of the protocol (see worker.hpp).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "sweep/sweep_spec.hpp"
#include "sweep/worker.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

/// The loader reads files, so the canonical texts go through a private temporary folder.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "circa-worker-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("cannot create a temporary folder");
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = path_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

 private:
  fs::path path_;
};

nlohmann::json answer(const nlohmann::json& request, const EvaluatorFactory& make) {
  const Evaluator evaluate = make(request.value("evaluator_options", nlohmann::json::object()));
  eval::Fidelity fidelity{};
  if (!parse_fidelity(request.at("fidelity").get<std::string>(), &fidelity))
    throw std::runtime_error("unknown fidelity in worker request");
  AcceleratorSpec spec;
  Workload workload;
  {
    // Removed before the (long) evaluation, so a worker killed on Ctrl-C leaves nothing behind.
    TempDir dir;
    spec = load_accelerator(
               dir.write("accelerator.yaml", request.at("accelerator").get<std::string>()))
               .spec;
    workload = load_workload(dir.write("workload.yaml", request.at("workload").get<std::string>()));
  }
  return metrics_to_json(evaluate(spec, workload, fidelity, request.at("seed").get<uint64_t>()));
}

}  // namespace

EvaluatorFactory without_options(Evaluator e) {
  return [e = std::move(e)](const nlohmann::json& options) {
    if (!options.empty())
      throw InternalError("this worker's evaluator takes no options, the request has " +
                          options.dump());
    return e;
  };
}

int run_worker(const EvaluatorFactory& make) {
  // Keep the real stdout for the answer; point fd 1 at stderr for everything else.
  const int answer_fd = dup(STDOUT_FILENO);
  if (answer_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return 3;
  nlohmann::json out;
  try {
    const std::string text{std::istreambuf_iterator<char>(std::cin),
                           std::istreambuf_iterator<char>()};
    out = answer(nlohmann::json::parse(text), make);
  } catch (const ConfigError& e) {
    out = {{"error", e.what()}, {"config_error", true}};
  } catch (const ToolError& e) {
    out = {{"error", e.what()}, {"tool_error", true}};
  } catch (const std::exception& e) {
    out = {{"error", e.what()}, {"config_error", false}};
  }
  const std::string text = out.dump() + "\n";
  std::cout.flush();
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = write(answer_fd, text.data() + done, text.size() - done);
    if (n <= 0) return 3;
    done += static_cast<size_t>(n);
  }
  close(answer_fd);
  return 0;
}

}  // namespace circa::sweep
