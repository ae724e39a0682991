// The ready/valid channel between two units, cycle-accurate by timestamps instead of per-cycle
// polling (what makes >1M simulated cycles/s possible): the producer offers an item from cycle
// `avail` (valid), the consumer asks from its arrival cycle (ready), and the transfer happens in
// the first cycle t >= both (and > the previous transfer: one item per cycle) in which the
// consumer is not randomly stalled. Both sides resume at the start of cycle t, so a unit can act
// on a transfer in the cycle it happens, as ready/valid logic does.
//   capacity 0: a wire handshake: the producer blocks until its item is taken.
//   capacity n: a FIFO (accumulator banks, credits): the producer blocks only while n are held.
// With tracing on, valid and ready are mirrored into signals for the VCD (including stalls).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <utility>

#include <systemc>

#include "sysc/sim_context.hpp"

namespace circa::sysc {

class LinkBase : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(LinkBase);
  LinkBase(const sc_core::sc_module_name& name, SimContext& ctx, int capacity, bool stalls);

  int64_t transfers() const { return transfers_; }
  int64_t random_stall_cycles() const { return random_stalls_; }
  int64_t last_transfer() const { return last_transfer_; }
  /// Adds this channel's valid and ready to a VCD.
  void trace(sc_core::sc_trace_file* tf) const;

 protected:
  /// The transfer cycle of an item offered from `avail` to a consumer ready from `arrive`.
  int64_t schedule_transfer(int64_t arrive, int64_t avail);
  void trace_offer(int64_t avail);
  void trace_ask(int64_t arrive);
  void trace_done(int64_t t, bool more_valid_at_next);

  SimContext& ctx_;
  const int capacity_;
  sc_core::sc_event put_ev_;
  sc_core::sc_event taken_ev_;
  bool consumer_waiting_ = false;
  uint64_t taken_count_ = 0;
  int64_t last_transfer_ = -1;

 private:
  void apply_trace();
  void trace_set(sc_core::sc_signal<bool>& s, int64_t cycle, bool v);

  double stall_prob_;
  std::mt19937_64 rng_;
  int64_t transfers_ = 0;
  int64_t random_stalls_ = 0;
  sc_core::sc_signal<bool> valid_;
  sc_core::sc_signal<bool> ready_;
  std::multimap<int64_t, std::pair<sc_core::sc_signal<bool>*, bool>> pending_;
  int64_t valid_drop_ = -1;
  int64_t ready_drop_ = -1;
  sc_core::sc_event trace_ev_;
};

template <class T>
class Link : public LinkBase {
 public:
  using LinkBase::LinkBase;

  /// Producer side: offers v from cycle max(now, avail); returns the cycle the item was taken
  /// (capacity 0) or entered the FIFO (capacity > 0).
  int64_t push(T v, int64_t avail = -1) {
    const int64_t now = ctx_.cycle();
    avail = std::max(avail, now);
    items_.push_back({std::move(v), avail});
    const uint64_t mine = ++pushed_;
    if (ctx_.tracing) trace_offer(avail);
    if (consumer_waiting_) put_ev_.notify(sc_core::SC_ZERO_TIME);
    if (capacity_ == 0) {
      while (taken_count_ < mine) sc_core::wait(taken_ev_);
      ctx_.wait_until(last_transfer_);  // only our own item can have been taken meanwhile
      return last_transfer_;
    }
    if (static_cast<int>(items_.size()) <= capacity_) return now;
    while (static_cast<int>(items_.size()) > capacity_) sc_core::wait(taken_ev_);
    ctx_.wait_until(freed_at_);  // the slot frees in the cycle its item leaves
    return std::max(now, freed_at_);
  }

  /// Consumer side: blocks until an item transfers; resumes at the start of the transfer cycle.
  T pop() {
    const int64_t arrive = ctx_.cycle();
    if (ctx_.tracing) trace_ask(arrive);
    while (items_.empty()) {
      consumer_waiting_ = true;
      sc_core::wait(put_ev_);
    }
    consumer_waiting_ = false;
    Item it = std::move(items_.front());
    items_.pop_front();
    const int64_t t = schedule_transfer(arrive, it.avail);
    freed_at_ = t;
    ++taken_count_;
    taken_ev_.notify(sc_core::SC_ZERO_TIME);
    if (ctx_.tracing) trace_done(t, !items_.empty() && items_.front().avail <= t + 1);
    ctx_.wait_until(t);
    return std::move(it.v);
  }

  /// Before the simulation starts: an item present from cycle 0 (initial credits).
  void preload(T v) {
    items_.push_back({std::move(v), 0});
    ++pushed_;
  }
  size_t held() const { return items_.size(); }

 private:
  struct Item {
    T v;
    int64_t avail;
  };
  std::deque<Item> items_;
  uint64_t pushed_ = 0;
  int64_t freed_at_ = 0;
};

}  // namespace circa::sysc
