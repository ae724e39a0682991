#include "sysc/link.hpp"

#include <algorithm>
#include <string>

#include "common/fnv1a.hpp"

namespace circa::sysc {

LinkBase::LinkBase(const sc_core::sc_module_name& name, SimContext& ctx, int capacity,
                   bool stalls)
    : sc_core::sc_module(name),
      ctx_(ctx),
      capacity_(capacity),
      stall_prob_(stalls ? ctx.stall_prob : 0.0),
      // Each channel draws its own stalls, seeded by its name, so adding a channel does not
      // shift the stalls of the others.
      rng_(ctx.seed ^ fnv1a64(basename())),
      valid_("valid"),
      ready_("ready") {
  SC_METHOD(apply_trace);
  sensitive << trace_ev_;
  dont_initialize();
}

int64_t LinkBase::schedule_transfer(int64_t arrive, int64_t avail) {
  int64_t t = std::max({arrive, avail, last_transfer_ + 1});
  if (stall_prob_ > 0) {
    // One draw per cycle in which the transfer could happen: the consumer is not ready in it.
    while (static_cast<double>(rng_() >> 11) * 0x1.0p-53 < stall_prob_) {
      if (ctx_.tracing) {
        trace_set(ready_, t, false);
        trace_set(ready_, t + 1, true);
      }
      ++t;
      ++random_stalls_;
    }
  }
  last_transfer_ = t;
  ++transfers_;
  return t;
}

void LinkBase::trace(sc_core::sc_trace_file* tf) const {
  const std::string n = name();
  sc_core::sc_trace(tf, valid_, n + ".valid");
  sc_core::sc_trace(tf, ready_, n + ".ready");
}

void LinkBase::trace_set(sc_core::sc_signal<bool>& s, int64_t cycle, bool v) {
  pending_.emplace(cycle, std::make_pair(&s, v));
  const int64_t now = ctx_.cycle();
  if (cycle <= now)
    trace_ev_.notify(sc_core::SC_ZERO_TIME);
  else
    trace_ev_.notify(ctx_.period * static_cast<double>(cycle - now));
}

// An assertion that overlaps a scheduled de-assertion re-asserts after it (entries of one
// cycle apply in the order they were made).
void LinkBase::trace_offer(int64_t avail) {
  trace_set(valid_, avail, true);
  if (valid_drop_ >= avail) trace_set(valid_, valid_drop_, true);
  valid_drop_ = -1;
}

void LinkBase::trace_ask(int64_t arrive) {
  trace_set(ready_, arrive, true);
  if (ready_drop_ >= arrive) trace_set(ready_, ready_drop_, true);
  ready_drop_ = -1;
}

void LinkBase::trace_done(int64_t t, bool more_valid_at_next) {
  if (!more_valid_at_next) {
    trace_set(valid_, t + 1, false);
    valid_drop_ = t + 1;
  }
  trace_set(ready_, t + 1, false);
  ready_drop_ = t + 1;
}

void LinkBase::apply_trace() {
  const int64_t now = ctx_.cycle();
  while (!pending_.empty() && pending_.begin()->first <= now) {
    pending_.begin()->second.first->write(pending_.begin()->second.second);
    pending_.erase(pending_.begin());
  }
  if (!pending_.empty())
    trace_ev_.notify(ctx_.period * static_cast<double>(pending_.begin()->first - now));
}

}  // namespace circa::sysc
