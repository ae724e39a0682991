// A component testbench: a clock, a reset, the unit under test and driver threads written as
// plain functions. Everything is built inside a forked child (SystemC elaborates once per
// process) by run_component(), which returns what the child measured as JSON.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/run_spec.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"
#include "sysc/child_process.hpp"
#include "sysc/program.hpp"
#include "sysc/unit.hpp"
#include "sysc/workload_data.hpp"

namespace circa::test {

/// A clocked thread running `body` once after reset, then idling.
class Driver : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk{"clk"};
  SC_HAS_PROCESS(Driver);
  Driver(const sc_core::sc_module_name& n, std::function<void()> body) : sc_module(n), body_(std::move(body)) {
    SC_THREAD(run);
    sensitive << clk.pos();
  }

 private:
  void run() {
    wait(3);  // after the units' reset
    body_();
    while (true) wait();
  }
  std::function<void()> body_;
};

/// The shared pieces of one component test: context, program of one layer, clock, reset.
struct Bench {
  sysc::SimContext ctx;
  AcceleratorSpec spec;
  Workload workload;
  sysc::WorkloadData data;
  sysc::Program prog;
  std::unique_ptr<sc_core::sc_clock> clk;
  std::unique_ptr<sc_core::sc_signal<bool>> rst;
  std::vector<std::unique_ptr<sc_core::sc_module>> modules;

  Bench(const AcceleratorSpec& s, const Workload& w, double stall_prob) : spec(s), workload(w) {
    ctx.stall_prob = stall_prob;
    ctx.seed = 5;
    data = sysc::random_data(spec, workload, 3);
    prog = sysc::make_program(spec, workload, data.weights, data.input);
    clk = std::make_unique<sc_core::sc_clock>("clk", ctx.period);
    rst = std::make_unique<sc_core::sc_signal<bool>>("rst", false);
  }
  template <class T>
  sysc::Link<T>& link(const char* name, int capacity = 0) {
    auto* l = new sysc::Link<T>(name, ctx, capacity, true);
    modules.emplace_back(l);
    return *l;
  }
  template <class U>
  U& unit(U* u) {
    u->clk(*clk);
    u->rst(*rst);
    modules.emplace_back(u);
    return *u;
  }
  void driver(const char* name, std::function<void()> body) {
    auto* d = new Driver(name, std::move(body));
    d->clk(*clk);
    modules.emplace_back(d);
  }
  void run(int64_t cycles) { sc_core::sc_start(ctx.period * static_cast<double>(cycles)); }
};

/// An accelerator from configs/default.yaml plus overrides.
inline AcceleratorSpec accelerator(const std::vector<Override>& o) {
  return eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o, std::cerr);
}

/// One fc layer of q input blocks and p output blocks at the accelerator's k.
inline Workload fc_layer(int k, int q, int p) {
  Workload w;
  w.name = "component";
  Layer l;
  l.name = "fc";
  l.in_features = q * k;
  l.out_features = p * k;
  w.layers.push_back(l);
  return w;
}

/// Runs fn in a child and parses its JSON.
inline nlohmann::json run_component(const std::function<nlohmann::json()>& fn) {
  return nlohmann::json::parse(sysc::run_in_child([&] { return fn().dump(); }));
}

}  // namespace circa::test
