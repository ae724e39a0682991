#include "sysc/weight_source.hpp"

#include "arch/memory_map.hpp"
#include "arch/offchip.hpp"
#include "common/error.hpp"

namespace circa::sysc {

WeightSram::WeightSram(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                       Link<Command>& cmd, Link<WeightTile>& to_mac)
    : Unit(name, ctx, prog), cmd_(cmd), to_mac_(to_mac), reads_(prog.spec->weight_sram.banks, 0) {
  CIRCA_CLOCKED_THREAD(run);
}

// Each issue cycle reads one row (row = base + (g*q + j)*issue_cycles + c, the row layout) from
// the banks arch::row_access names, holding their ports for its cycles. A reuse conv product
// reads only the rows of its on-image input blocks.
void WeightSram::run() {
  const arch::MemoryMap map = arch::memory_map(spec());
  const int word_bits = map.weight_sram.word_bits;
  wait();
  while (true) {
    const Command c = cmd_.pop();
    LayerProgram& lp = layer(c.layer);
    const arch::MacTiming& m = lp.plan.mac;
    product_blocks(spec(), lp, c.product, js_);
    for (int g = 0; g < lp.plan.groups; ++g) {
      const int blocks = arch::group_blocks(lp.plan, g);
      for (int j : js_) {
        int64_t row = lp.plan.weight_base_row + (int64_t{g} * lp.plan.geom.q + j) * m.issue_cycles;
        int64_t cycles = 0;  // the issue's rows: their ports' cycles and each bank's reads
        for (int r = 0; r < m.issue_cycles; ++r, ++row) {
          const arch::RowAccess a = arch::row_access(map, row);
          cycles += a.cycles;
          for (int b = a.first_bank; b < a.first_bank + a.banks; ++b) {
            reads_[b] += a.words_per_bank;
            lp.events.sram_reads_per_bank[b] += a.words_per_bank;
            lp.events.sram_read_bits += int64_t{a.words_per_bank} * word_bits;
          }
        }
        const int64_t t =
            send(to_mac_, WeightTile{g, j, g * m.parallel_blocks, blocks, cycles});
        act_.busy(t, t + cycles);
        ctx_.wait_until(t + cycles);
      }
    }
  }
}

WeightStream::WeightStream(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                           Link<Command>& cmd, Link<WeightTile>& to_mac)
    : Unit(name, ctx, prog),
      cmd_(cmd),
      to_mac_(to_mac),
      depth_(arch::memory_map(*prog.spec).weight_stream_fifo.depth) {
  CIRCA_CLOCKED_THREAD(run);
}

void WeightStream::begin(const Command& c, int64_t t) {
  if (begun_at_ == t) return;
  const arch::LayerPlan& pl = layer(c.layer).plan;
  cmd_now_ = c;
  begun_at_ = t;
  product_blocks(spec(), layer(c.layer), c.product, js_);
  q_ = pl.geom.q;
  issues_ = int64_t{pl.groups} * static_cast<int64_t>(js_.size());
  read_ = 0;
  ic_ = pl.mac.issue_cycles;
  count_ = inflight_ = requested_ = received_ = 0;
  ready_at_.clear();
  pops_.clear();
  out_ = {count_ != depth_, issues_ > 0, request_row(0)};  // cycle 0: an empty FIFO
  begun_ev_.notify(ctx_.settle());
}

void WeightStream::idle(int64_t t) {
  begun_at_ = t;
  js_.clear();
  issues_ = read_ = 0;
  count_ = inflight_ = requested_ = received_ = 0;
  ready_at_.clear();
  pops_.clear();
  out_ = {count_ != depth_, false, 0};
}

// Request n's first row: (g*q + j)*issue_cycles for the n-th issue (g, j) in issue order.
int64_t WeightStream::request_row(int64_t n) const {
  if (js_.empty()) return 0;
  const int64_t per_group = static_cast<int64_t>(js_.size());
  return (n / per_group * q_ + js_[static_cast<size_t>(n % per_group)]) * ic_;
}

void WeightStream::tick(int64_t t, bool running, const PortIn& prev) {
  if (begun_at_ < 0 || t <= begun_at_) return;
  const bool push = prev.valid && out_.ready;
  const bool fire = out_.req_valid && prev.req_ready;
  int pop = 0;  // the MAC's row read in cycle t-1, if any (reads are one a cycle, ascending)
  CIRCA_CHECK(pops_.empty() || pops_.front() >= t - 1, "weight stream: a row read went unseen");
  if (!pops_.empty() && pops_.front() == t - 1) {
    pop = 1;
    pops_.pop_front();
  }
  if (push) {
    // rows arrive in request order: request n's rows are its issue's (a reuse product skips
    // the rows of its window's off-image taps)
    if (on_row) on_row(request_row(received_ / ic_) + received_ % ic_, *prev.data);
    if (++received_ % ic_ == 0) {
      ready_at_.push_back(t + 1);  // taken in t-1: counted in t, read in t, issued from t+1
      issue_ready_ev_.notify(sc_core::SC_ZERO_TIME);
    }
  }
  count_ += int{push} - pop;
  inflight_ += (fire ? ic_ : 0) - int{push};
  requested_ += fire;
  out_.ready = running && count_ != depth_;
  out_.req_valid = running && requested_ < issues_ && count_ + inflight_ + ic_ <= depth_;
  out_.req_addr = request_row(requested_);
}

void WeightStream::run() {
  wait();
  while (true) {
    const Command c = cmd_.pop();
    begin(c, now());
    LayerProgram& lp = layer(c.layer);
    const arch::MacTiming& m = lp.plan.mac;
    const arch::OffchipTiming ot = arch::offchip_timing(spec());
    for (int g = 0; g < lp.plan.groups; ++g) {
      const int blocks = arch::group_blocks(lp.plan, g);
      for (int j : js_) {
        while (ready_at_.empty()) sc_core::wait(issue_ready_ev_);
        const int64_t avail = ready_at_.front();
        ready_at_.pop_front();
        act_.busy(now(), avail);  // rows are arriving
        const int64_t s = send(to_mac_, WeightTile{g, j, g * m.parallel_blocks, blocks, 0}, avail);
        for (int c2 = 0; c2 < ic_; ++c2) pops_.push_back(s - 1 + c2);  // the issue's read stages
        lp.events.offchip_bytes += arch::bus_bytes(ot, arch::issue_bytes(m, blocks));
        ++read_;
      }
    }
  }
}

}  // namespace circa::sysc
