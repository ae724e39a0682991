#include "sweep/interrupt.hpp"

#include <signal.h>

#include "common/error.hpp"

namespace circa::sweep {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_installed{false};
struct sigaction g_old_int, g_old_term;

static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void on_signal(int sig) {
  g_stop.store(true);
  // SA_RESETHAND restored the default action: a second signal ends the process at once.
  (void)sig;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  CIRCA_CHECK(!g_installed.exchange(true), "only one InterruptGuard at a time");
  g_stop.store(false);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  g_installed.store(false);
}

const std::atomic<bool>* InterruptGuard::flag() const {
  return &g_stop;
}

}  // namespace circa::sweep
