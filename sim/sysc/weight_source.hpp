// The two sources of weight spectra for the MAC array, one issue (group g, input block j) at a
// time in issue order:
// - WeightSram: resident layers. An issue reads its issue_cycles weight rows, one after another,
//   each from the banks the row layout puts it in (arch::row_access: one cycle for a row that
//   fits its bank group, else words per bank / read ports), from the handshake. Its rows reach
//   the MAC lanes weight_sram.read_latency cycles after the read: the MAC array adds what that
//   costs to each group (arch::group_ready_latency).
// - WeightStream: streamed layers, rows requested from and delivered by the off-chip memory
//   (offchip_memory.hpp, outside the accelerator) through the top's weight-stream port.
#pragma once

#include <deque>
#include <functional>
#include <vector>

#include "sysc/pins.hpp"
#include "sysc/unit.hpp"

namespace circa::sysc {

class WeightSram : public Unit {
 public:
  SC_HAS_PROCESS(WeightSram);
  WeightSram(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
             Link<Command>& cmd, Link<WeightTile>& to_mac);

  /// Word reads per bank over the whole run (padding words of a row included).
  const std::vector<int64_t>& reads_per_bank() const { return reads_; }

 private:
  void run();

  Link<Command>& cmd_;
  Link<WeightTile>& to_mac_;
  std::vector<int64_t> reads_;
  std::vector<int> js_;  ///< the product's input blocks, in issue order
};

/// Streamed layers (cfg_stream in the generated top), at the RTL's granularity: a requester asks
/// the off-chip memory for one issue's rows at a time (ws_req_valid, ws_req_addr = the issue's
/// first row) while the FIFO (memory map depth) has room for them, counting rows in flight; rows
/// arrive one per beat (ws_valid/ws_ready); an issue is offered to the MAC array from two cycles
/// after its last row arrived (counted, then read in the cycle before the issue), and each issue
/// cycle's read stage pops one row. The registers move in tick(), once per cycle at the settle
/// point after the clock edge, from the port's inputs of the cycle before.
class WeightStream : public Unit {
 public:
  struct PortIn {
    bool valid = false;
    const Bits* data = nullptr;  ///< the row offered (decoded when the top takes it)
    bool req_ready = false;
  };
  struct PortOut {
    bool ready = false;
    bool req_valid = false;
    int64_t req_addr = 0;
  };

  SC_HAS_PROCESS(WeightStream);
  WeightStream(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
               Link<Command>& cmd, Link<WeightTile>& to_mac);

  /// Product c starts streaming in cycle t (its cycle 0): registers cleared, out() for t. Called
  /// by the pin top's host in its start cycle, else when the controller's command arrives.
  void begin(const Command& c, int64_t t);
  /// From cycle t the FIFO is empty and nothing is requested: a reuse conv product's row fill
  /// runs before the product begins streaming (the pin top's host, at the fill's start).
  void idle(int64_t t);
  /// Moves the registers to cycle t from the port's inputs in cycle t-1; `running`: a product
  /// runs in cycle t (the top's busy).
  void tick(int64_t t, bool running, const PortIn& prev);
  const PortOut& out() const { return out_; }
  /// Rows still to come or issues not yet read by the MAC array.
  bool active() const { return begun_at_ >= 0 && read_ < issues_; }
  /// Notified (at the settle point) when a product begins streaming.
  const sc_core::sc_event& begun() const { return begun_ev_; }
  int rows_per_issue() const { return ic_; }
  const Command& command() const { return cmd_now_; }
  /// Called with each row taken (stream order from 0), e.g. to decode it into the spectra.
  std::function<void(int64_t row, const Bits& data)> on_row;

 private:
  void run();
  int64_t request_row(int64_t n) const;

  Link<Command>& cmd_;
  Link<WeightTile>& to_mac_;
  const int64_t depth_;
  Command cmd_now_;
  int64_t begun_at_ = -1;
  int64_t issues_ = 0, read_ = 0;
  int ic_ = 1;
  int q_ = 1;
  std::vector<int> js_;  ///< the product's input blocks: requests walk them once per group
  // registers
  int64_t count_ = 0, inflight_ = 0, requested_ = 0, received_ = 0;
  PortOut out_;
  std::deque<int64_t> ready_at_;  ///< per complete issue, in order: the first cycle it may start
  std::deque<int64_t> pops_;      ///< cycles of the MAC's row reads, ascending
  sc_core::sc_event issue_ready_ev_, begun_ev_;
};

}  // namespace circa::sysc
