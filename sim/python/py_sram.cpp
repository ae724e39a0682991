// circa.sram: what `circa sram` computes for one array, every value with unit, source, validity
// and accuracy; the built-in CACTI-fitted model or the real CACTI (model="cacti").
#include <pybind11/stl.h>

#include "cost/cacti_adapter.hpp"
#include "cost/sram_model.hpp"
#include "python/module.hpp"

namespace py = pybind11;

namespace circa::py_api {
namespace {

py::dict value(const SramValue& v) {
  py::dict d;
  d["value"] = v.value;
  d["unit"] = v.unit;
  d["source"] = v.source;
  d["validity"] = v.validity;
  d["accuracy"] = v.accuracy;
  return d;
}

py::dict sram(int64_t size_bytes, int block_bytes, int banks, int tech_nm, int rw_ports,
              int rd_ports, int wr_ports, int temperature_k, const std::string& cell_type,
              const std::string& model, const std::string& cacti_dir) {
  SramQuery q;
  q.size_bytes = size_bytes;
  q.block_bytes = block_bytes;
  q.banks = banks;
  q.tech_nm = tech_nm;
  q.rw_ports = rw_ports;
  q.rd_ports = rd_ports;
  q.wr_ports = wr_ports;
  q.temperature_k = temperature_k;
  q.device = parse_device_type(cell_type, q);
  SramResult r;
  if (model == "builtin") {
    r = BuiltinSramModel::standard().estimate(q);
  } else if (model == "cacti") {
    CactiAdapterOptions o;  // empty cacti_dir: where cmake/install-cacti.sh builds it
    o.cacti_dir = cacti_dir;
    r = CactiAdapter(o).estimate(q);
  } else {
    throw ConfigError("sram(model='" + model + "'): unknown model; use 'builtin' or 'cacti'");
  }
  py::dict d;
  d["query"] = describe(q);
  d["access_time_ns"] = value(r.access_time_ns);
  d["cycle_time_ns"] = value(r.cycle_time_ns);
  d["read_energy_pj"] = value(r.read_energy_pj);
  d["write_energy_pj"] = value(r.write_energy_pj);
  d["leakage_per_bank_mw"] = value(r.leakage_per_bank_mw);
  d["leakage_total_mw"] = value(r.leakage_total_mw);
  d["area_mm2"] = value(r.area_mm2);
  d["warnings"] = r.warnings;
  return d;
}

}  // namespace

void register_sram(py::module_& m) {
  // Defaults are `circa sram`'s (SramQuery's).
  m.def("sram", &sram, py::arg("size_bytes"), py::arg("block_bytes"), py::arg("banks") = 1,
        py::arg("tech_nm") = 45, py::arg("rw_ports") = 1, py::arg("rd_ports") = 0,
        py::arg("wr_ports") = 0, py::arg("temperature_k") = 360, py::arg("cell_type") = "itrs-hp",
        py::arg("model") = "builtin", py::arg("cacti_dir") = "",
        "Access time, energy, leakage and area of one SRAM array (circa sram)");
}

}  // namespace circa::py_api
