#include "eval/run_spec.hpp"

#include "eval/timing.hpp"

namespace circa::eval {

AcceleratorSpec load_run_spec(const std::string& config, const std::vector<Override>& overrides,
                              std::ostream& notes) {
  TimedSpec t = apply_timing_policy(load_accelerator(config, overrides).spec);
  if (!t.note.empty()) notes << "note: " << t.note << "\n";
  return std::move(t.spec);
}

}  // namespace circa::eval
