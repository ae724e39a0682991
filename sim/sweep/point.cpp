#include "sweep/point.hpp"

#include "sweep/sha256.hpp"

namespace circa::sweep {

SweepContext load_context(const SweepSpec& s) {
  SweepContext ctx;
  ctx.base.emplace(s.base);
  ctx.workload = load_workload(s.workload);
  ctx.workload_yaml = dump_yaml(ctx.workload);
  ctx.base_yaml = dump_yaml(ctx.base->load().spec);
  if (s.accuracy) ctx.accuracy = s.accuracy->key_text();
  return ctx;
}

std::string point_key(const std::string& accelerator_yaml, const std::string& workload_yaml,
                      uint64_t seed, const std::string& accuracy) {
  return sha256_hex("circa-point/1\n" + accelerator_yaml + "---\n" + workload_yaml + "---\nseed: " +
                    std::to_string(seed) + "\n" + (accuracy.empty() ? "" : "---\n" + accuracy));
}

Point resolve_point(const SweepSpec& s, const SweepContext& ctx, std::vector<Override> inputs) {
  Point p;
  p.inputs = std::move(inputs);
  try {
    AcceleratorSpec spec = ctx.base->load(p.inputs).spec;
    check_workload_fits(ctx.workload, spec);
    p.config = dump_yaml(spec);
    p.key = point_key(p.config, ctx.workload_yaml, s.seed, ctx.accuracy);
    p.spec = std::move(spec);
  } catch (const ConfigError& e) {
    // No canonical spec exists, so the base plus the overrides identify the point.
    std::string text = "invalid\n" + ctx.base_yaml;
    for (const auto& o : p.inputs) text += o.path + "=" + o.value + "\n";
    p.key = point_key(text, ctx.workload_yaml, s.seed, ctx.accuracy);
    p.error = e.what();
  }
  return p;
}

}  // namespace circa::sweep
