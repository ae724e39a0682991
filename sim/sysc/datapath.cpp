#include "sysc/datapath.hpp"

#include "arch/units.hpp"

namespace circa::sysc {

// Channels between units carry no random stalls: the RTL has no handshake between its units
// (fixed schedule), only at the top's ports (SCHEDULE.md, Random stalls).
template <class T>
Link<T>* Datapath::link(const char* name, int capacity) {
  auto l = std::make_unique<Link<T>>(name, ctx_, capacity, false);
  Link<T>* raw = l.get();
  links_.push_back(raw);
  owned_.push_back(std::move(l));
  return raw;
}

Datapath::Datapath(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                   LayerCheck check, bool host_requests)
    : sc_core::sc_module(name), ctx_(ctx) {
  const AcceleratorSpec& s = *prog.spec;
  const bool shared = s.fft.shared_ifft;
  ControlLinks c;
  c.act = link<Command>("cmd_act");
  c.fft = link<Command>("cmd_fft");
  c.ifft = shared ? nullptr : link<Command>("cmd_ifft");
  c.spectra = link<Command>("cmd_spectra");
  c.sram = link<Command>("cmd_sram");
  c.offchip = link<Command>("cmd_offchip");
  c.mac = link<Command>("cmd_mac");
  c.peripheral = link<Command>("cmd_peripheral");
  c.phase_a_done = link<int>("phase_a_done");
  c.product_done = link<int>("product_done");
  // The host pushes from a method (it cannot block): one slot, free again long before the next
  // start (a product ends before the outputs drain).
  if (host_requests) c.requests = requests_ = link<Command>("host_requests", 1);
  auto* act_fft = link<Block>("act_to_fft");
  auto* fft_spec = link<Spectrum>("fft_to_spectra");
  auto* spec_mac = link<SpectrumRef>("spectra_to_mac");
  auto* sram_mac = link<WeightTile>("sram_to_mac");
  auto* off_mac = link<WeightTile>("offchip_to_mac");
  const int banks = s.mac.accumulator_banks;
  auto* bank_free = link<int>("bank_free", banks);
  auto* acc = link<GroupResult>("banks_to_ifft", banks);
  auto* ifft_per = link<Block>("ifft_to_peripheral");
  auto* per_act = link<OutputWrite>("peripheral_to_act");
  for (int b = 0; b < banks; ++b) bank_free->preload(b);

  auto add = [this](auto* u) {
    u->clk(clk);
    u->rst(rst);
    units_.push_back(u);
    owned_.emplace_back(u);
    return u;
  };
  using arch::UnitId;
  controller_ = add(new Controller(arch::to_string(UnitId::controller), ctx, prog, c));
  act_ = add(new ActivationBuffer(arch::to_string(UnitId::activation_buffer), ctx, prog, *c.act,
                                  *act_fft, *per_act, std::move(check)));
  FftLinks fl{c.fft, act_fft, fft_spec, acc, ifft_per, bank_free};
  if (shared) {
    add(new FftUnit(arch::to_string(UnitId::fft), ctx, prog, FftUnit::Mode::shared, fl));
  } else {
    add(new FftUnit(arch::to_string(UnitId::fft), ctx, prog, FftUnit::Mode::forward, fl));
    add(new FftUnit(arch::to_string(UnitId::ifft), ctx, prog, FftUnit::Mode::inverse,
                    FftLinks{c.ifft, nullptr, nullptr, acc, ifft_per, bank_free}));
  }
  add(new SpectrumBuffer(arch::to_string(UnitId::spectrum_buffer), ctx, prog, *c.spectra,
                         *fft_spec, *spec_mac, *c.phase_a_done));
  add(new WeightSram(arch::to_string(UnitId::weight_sram), ctx, prog, *c.sram, *sram_mac));
  stream_ = add(new WeightStream(arch::to_string(UnitId::offchip), ctx, prog, *c.offchip, *off_mac));
  add(new MacArray(arch::to_string(UnitId::mac_array), ctx, prog,
                   MacLinks{c.mac, sram_mac, off_mac, spec_mac, bank_free, acc}));
  add(new Peripheral(arch::to_string(UnitId::peripheral), ctx, prog, *c.peripheral, *ifft_per,
                     *per_act, *c.product_done));
}

void Datapath::trace(sc_core::sc_trace_file* tf) const {
  sc_core::sc_trace(tf, controller_->state_signal(), "controller.state");
  for (const LinkBase* l : links_) l->trace(tf);
}

std::vector<arch::UnitActivity> Datapath::activity(int64_t total) const {
  std::vector<arch::UnitActivity> v;
  for (const Unit* u : units_) v.push_back(u->activity(total));
  return v;
}

}  // namespace circa::sysc
