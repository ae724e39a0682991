#include "cosim/verilated_top.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <systemc>
#include <thread>

#include "common/error.hpp"
#include "common/fnv1a.hpp"
#include "gen/emitter.hpp"
#include "gen/run_program.hpp"

#ifndef CIRCA_CXX
#define CIRCA_CXX "c++"
#endif
#ifndef CIRCA_VERILATOR_EXE
#define CIRCA_VERILATOR_EXE "verilator"
#endif
#ifndef CIRCA_SYSTEMC_INCLUDE
#define CIRCA_SYSTEMC_INCLUDE ""
#endif

namespace circa::cosim {
namespace fs = std::filesystem;

namespace {

constexpr const char* kLibrary = "libcirca_dut.so";
constexpr const char* kAdapterVersion = "circa-cosim-adapter-1";

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string verilator_exe() {
  return env_or("CIRCA_VERILATOR", CIRCA_VERILATOR_EXE);
}
std::string compiler_exe() {
  return env_or("CIRCA_CXX", CIRCA_CXX);
}

std::string sig_type(int width) {
  return width == 1 ? "bool" : "sc_dt::sc_bv<" + std::to_string(width) + ">";
}

/// The C adapter around V<top>: the signals of every port but clk, and create/set/get.
std::string adapter_text(const std::string& top, const std::vector<gen::Port>& ports) {
  std::ostringstream o;
  const std::string how = std::string("circa cosim rebuilds it (") + kAdapterVersion + ")";
  o << gen::file_header({gen::tool_version(), top, "", how}, "//")
    << "#include <systemc>\n#include <cstdint>\n#include \"V" << top
    << ".h\"\nnamespace {\nstruct Dut {\n";
  for (const auto& p : ports)
    if (p.name != "clk")
      o << "  sc_core::sc_signal<" << sig_type(p.width) << "> s_" << p.name << "{\"cosim_dut_"
        << p.name << "\"};\n";
  o << "  V" << top << " m;\n  Dut(const char* n, sc_core::sc_clock* clk) : m(n) {\n";
  for (const auto& p : ports)
    o << "    m." << p.name << "(" << (p.name == "clk" ? "*clk" : "s_" + p.name) << ");\n";
  o << "  }\n};\n}  // namespace\n";
  o << "extern \"C\" void* circa_dut_create(const char* n, void* clk) { return new Dut(n, "
       "static_cast<sc_core::sc_clock*>(clk)); }\n";
  o << "extern \"C\" void circa_dut_destroy(void* h) { delete static_cast<Dut*>(h); }\n";
  o << "extern \"C\" void circa_dut_set(void* h, int port, const uint32_t* w) {\n  Dut* d = "
       "static_cast<Dut*>(h);\n  switch (port) {\n";
  for (size_t i = 0; i < ports.size(); ++i) {
    const auto& p = ports[i];
    if (p.output || p.name == "clk") continue;
    o << "    case " << i << ": {";
    if (p.width == 1) {
      o << " d->s_" << p.name << ".write((w[0] & 1u) != 0u);";
    } else {
      o << " " << sig_type(p.width) << " b; for (int i = 0; i < " << (p.width + 31) / 32
        << "; ++i) b.set_word(i, w[i]); d->s_" << p.name << ".write(b);";
    }
    o << " break; }\n";
  }
  o << "    default: break;\n  }\n}\n";
  o << "extern \"C\" void circa_dut_get(void* h, int port, uint32_t* w) {\n  Dut* d = "
       "static_cast<Dut*>(h);\n  switch (port) {\n";
  for (size_t i = 0; i < ports.size(); ++i) {
    const auto& p = ports[i];
    if (!p.output) continue;
    o << "    case " << i << ": {";
    if (p.width == 1) {
      o << " w[0] = d->s_" << p.name << ".read() ? 1u : 0u;";
    } else {
      o << " const " << sig_type(p.width) << " b = d->s_" << p.name
        << ".read(); for (int i = 0; i < " << (p.width + 31) / 32 << "; ++i) w[i] = b.get_word(i);";
    }
    o << " break; }\n";
  }
  o << "    default: break;\n  }\n}\n";
  return o.str();
}

std::vector<std::string> verilator_args(const std::string& top) {
  return {"--sc", "--pins-bv",    "2", "-Wno-fatal", "-Wno-lint", "-Wno-style",
          "-O3",  "--top-module", top, "-Mdir",      "obj"};
}

std::vector<std::string> cxx_flags(const std::string& root, bool optimize) {
  std::vector<std::string> f = {"-std=c++17",
                                optimize ? "-O1" : "-O0",
                                "-fPIC",
                                "-faligned-new",
                                "-w",
                                "-DVM_COVERAGE=0",
                                "-DVM_SC=1",
                                "-DVM_TRACE=0",
                                "-DVM_TRACE_FST=0",
                                "-DVM_TRACE_VCD=0",
                                "-I" + root + "/include",
                                "-I" + root + "/include/vltstd",
                                "-Iobj"};
  std::istringstream inc(CIRCA_SYSTEMC_INCLUDE);
  for (std::string d; std::getline(inc, d, ';');)
    if (!d.empty()) f.push_back("-I" + d);
  return f;
}

/// Compiles the sources into objects, two compilers at a time; a tick of `progress` per object.
void compile_all(const std::vector<std::string>& sources, const std::vector<std::string>& flags,
                 const std::string& dir, std::vector<std::string>* objects, Progress& progress) {
  std::mutex mu;
  size_t next = 0;
  std::exception_ptr error;
  for (size_t i = 0; i < sources.size(); ++i) objects->push_back("o/" + std::to_string(i) + ".o");
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::lock_guard<std::mutex> l(mu);
        if (next >= sources.size() || error) return;
        i = next++;
      }
      std::vector<std::string> cmd{compiler_exe()};
      cmd.insert(cmd.end(), flags.begin(), flags.end());
      cmd.insert(cmd.end(), {"-c", sources[i], "-o", (*objects)[i]});
      try {
        gen::run_tool(compiler_exe(), cmd, dir, "o/" + std::to_string(i) + ".log");
        progress.tick();
      } catch (const ToolError&) {
        std::lock_guard<std::mutex> l(mu);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::thread t1(worker), t2(worker);
  t1.join();
  t2.join();
  if (error) std::rethrow_exception(error);
}

std::string hex16(uint64_t h) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

/// Verilator's runtime (verilated.cpp, verilated_threads.cpp) is the same for every design:
/// compiled once per compiler, flags and Verilator version into cache/runtime-<key>/ and linked
/// into each design's library (a tenth of a design's compile time saved per build).
std::vector<std::string> runtime_objects(const std::string& cache, const std::string& vroot,
                                         bool optimize, uint64_t key, Progress& progress) {
  const fs::path dir = fs::path(cache) / ("runtime-" + hex16(key));
  const std::vector<std::string> sources{vroot + "/include/verilated.cpp",
                                         vroot + "/include/verilated_threads.cpp"};
  std::vector<std::string> objects;
  for (size_t i = 0; i < sources.size(); ++i)
    objects.push_back((dir / "o" / (std::to_string(i) + ".o")).string());
  if (std::all_of(objects.begin(), objects.end(), [](const std::string& o) { return fs::exists(o); })) {
    for (size_t i = 0; i < objects.size(); ++i) progress.tick();
    return objects;
  }
  const fs::path tmp = dir.string() + ".tmp." + std::to_string(::getpid());
  fs::remove_all(tmp);
  fs::create_directories(tmp / "o");
  std::vector<std::string> built;
  compile_all(sources, cxx_flags(vroot, optimize), tmp.string(), &built, progress);
  std::error_code ec;
  fs::rename(tmp, dir, ec);
  if (ec) fs::remove_all(tmp);  // another run built it first
  return objects;
}

}  // namespace

std::string cache_root(const std::string& work) {
  if (!work.empty()) return fs::absolute(work).string();
  if (const char* c = std::getenv("CIRCA_COSIM_CACHE"); c && *c) return fs::absolute(c).string();
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    return (fs::path(x) / "circa" / "cosim").string();
  if (const char* h = std::getenv("HOME"); h && *h)
    return (fs::path(h) / ".cache" / "circa" / "cosim").string();
  return (fs::temp_directory_path() / "circa-cosim").string();
}

BuildInfo build_top(const gen::FileSet& files, const std::string& top,
                    const std::vector<gen::Port>& ports, const std::string& work, bool optimize,
                    ProgressSink progress) {
  const std::string adapter = adapter_text(top, ports);
  const std::string probe_log = (fs::path(cache_root(work)) / "verilator-probe.log").string();
  const std::string root =
      gen::run_tool("verilator", {verilator_exe(), "--getenv", "VERILATOR_ROOT"}, "", probe_log)
          .output;
  const std::string vroot = root.substr(0, root.find_last_not_of(" \n\r\t") + 1);
  const std::string version =
      gen::run_tool("verilator", {verilator_exe(), "--version"}, "", probe_log).output;
  uint64_t runtime_key = fnv1a64(compiler_exe());
  const std::vector<std::string> flags = cxx_flags(vroot, optimize);
  for (const auto& a : flags)
    runtime_key = fnv1a64(std::string_view(a.data(), a.size() + 1), runtime_key);
  runtime_key = fnv1a64(version, runtime_key);
  uint64_t h = fnv1a64(adapter, runtime_key);
  for (const auto& a : verilator_args(top)) h = fnv1a64(std::string_view(a.data(), a.size() + 1), h);
  for (const auto& [name, text] : files) {
    h = fnv1a64(std::string_view(name.data(), name.size() + 1), h);
    h = fnv1a64(text, h);
  }
  BuildInfo b;
  b.dir = (fs::path(cache_root(work)) / hex16(h)).string();
  b.library = (fs::path(b.dir) / kLibrary).string();
  if (fs::exists(b.library)) {
    b.cached = true;
    return b;
  }
  const auto t0 = std::chrono::steady_clock::now();
  // Build in a private folder and rename it into place: concurrent runs never see half a build.
  const fs::path tmp = fs::path(b.dir).string() + ".tmp." + std::to_string(::getpid());
  fs::remove_all(tmp);
  gen::write_files(tmp.string(), files);
  std::ofstream(tmp / "circa_dut_adapter.cpp", std::ios::binary) << adapter;
  std::vector<std::string> cmd{verilator_exe()};
  for (const auto& a : verilator_args(top)) cmd.push_back(a);
  for (const auto& f : gen::verilog_files(files)) cmd.push_back(f);
  // Steps: verilation, then (once its file count is known) each object, Verilator's runtime
  // (two objects, cached across designs) and the link.
  Progress bar(progress, 1, "cosim build", "steps", false);
  gen::run_tool("verilator", cmd, tmp.string(), "verilator.log");
  std::vector<std::string> sources;
  for (const auto& e : fs::directory_iterator(tmp / "obj"))
    if (e.path().extension() == ".cpp") sources.push_back("obj/" + e.path().filename().string());
  std::sort(sources.begin(), sources.end());
  sources.push_back("circa_dut_adapter.cpp");
  bar.set_total(1 + static_cast<int64_t>(sources.size()) + 2 + 1);
  bar.tick();
  fs::create_directories(tmp / "o");
  std::vector<std::string> objects;
  compile_all(sources, flags, tmp.string(), &objects, bar);
  for (const auto& o : runtime_objects(cache_root(work), vroot, optimize, runtime_key, bar))
    objects.push_back(o);
  std::vector<std::string> link{compiler_exe(), "-shared", "-pthread", "-o", kLibrary};
  link.insert(link.end(), objects.begin(), objects.end());
  gen::run_tool(compiler_exe(), link, tmp.string(), "link.log");
  bar.tick();
  bar.finish();
  std::error_code ec;
  fs::rename(tmp, b.dir, ec);
  if (ec) {  // another run finished the same build first
    fs::remove_all(tmp);
    if (!fs::exists(b.library))
      throw ConfigError("cosim: cannot move the build into " + b.dir + ": " + ec.message());
  }
  b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return b;
}

namespace {

class LoadedTop : public sysc::PinModel {
 public:
  LoadedTop(const BuildInfo& b, const char* name, sc_core::sc_clock& clk) {
    lib_ = ::dlopen(b.library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib_) throw ConfigError(std::string("cosim: cannot load the model: ") + ::dlerror());
    create_ = reinterpret_cast<void* (*)(const char*, void*)>(::dlsym(lib_, "circa_dut_create"));
    set_ = reinterpret_cast<void (*)(void*, int, const uint32_t*)>(::dlsym(lib_, "circa_dut_set"));
    get_ = reinterpret_cast<void (*)(void*, int, uint32_t*)>(::dlsym(lib_, "circa_dut_get"));
    if (!create_ || !set_ || !get_)
      throw ConfigError("cosim: " + b.library + " lacks the adapter's functions");
    dut_ = create_(name, &clk);
  }
  // The model stays alive until the process ends: SystemC cannot remove a module.
  ~LoadedTop() override = default;
  LoadedTop(const LoadedTop&) = delete;
  LoadedTop& operator=(const LoadedTop&) = delete;
  void set(int port, const sysc::Bits& v) override { set_(dut_, port, v.data()); }
  sysc::Bits get(int port) override {
    sysc::Bits w(64, 0);  // the adapter writes words_of(width) words; the bench trims
    get_(dut_, port, w.data());
    return w;
  }

 private:
  void* lib_ = nullptr;
  void* dut_ = nullptr;
  void* (*create_)(const char*, void*) = nullptr;
  void (*set_)(void*, int, const uint32_t*) = nullptr;
  void (*get_)(void*, int, uint32_t*) = nullptr;
};

}  // namespace

std::unique_ptr<sysc::PinModel> load_top(const BuildInfo& b, const char* name, sc_core::sc_clock& clk) {
  return std::make_unique<LoadedTop>(b, name, clk);
}

}  // namespace circa::cosim
