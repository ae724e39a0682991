// Costing an SRAM with a user's CACTI 7 binary: write the cfg, run `./cacti -infile <cfg>` in the
// CACTI folder (it opens tech_params/ by a relative path), parse, and cache by cfg.
#pragma once

#include <string>
#include <vector>

#include "cost/cacti_cache.hpp"
#include "cost/cacti_cfg.hpp"
#include "cost/cacti_output.hpp"
#include "cost/sram_query.hpp"

namespace circa {

/// The CACTI commit cmake/install-cacti.sh builds (HewlettPackard/cacti, CACTI 7.0).
inline constexpr const char* kPinnedCactiCommit = "1ffd8dfb10303d306ecd8d215320aea07651e878";

struct CactiAdapterOptions {
  std::string cacti_dir;     ///< folder of `cacti` and tech_params/; empty: default_dir()
  std::string cache_dir;     ///< results and cfg files; empty: CactiCache::default_dir()
  bool use_cache = true;     ///< false: neither read nor write cached results
  double timeout_s = 120.0;  ///< a 2 MiB array takes ~1 s; a blank first cfg line hangs forever
  CactiCfgOptions cfg;
};

/// One costed array as CACTI printed it.
struct CactiRun {
  CactiOutput output;
  std::string cfg_path;
  bool from_cache = false;
  std::vector<std::string> warnings;
};

/// Runs CACTI for queries. A run is a success when the result banner and Access time are printed
/// (ADAPTER_NOTES §5), whatever the exit code. A crash *after* a complete result (e.g. SIGSEGV in
/// the MemCAD step that follows the SRAM output) keeps the result, adds a warning, and is not
/// cached. Anything else is a ToolError naming the cfg file, CACTI's message, a fix and the log.
class CactiAdapter : public SramEstimator {
 public:
  /// ConfigError when the folder, its `cacti` binary or its tech_params/ folder is missing.
  explicit CactiAdapter(CactiAdapterOptions options);
  /// Where cmake/install-cacti.sh puts CACTI, and where the adapter looks when no folder is given:
  /// $CIRCA_CACTI_DIR, else $XDG_CACHE_HOME/circa/cacti7-1ffd8df, else
  /// $HOME/.cache/circa/cacti7-1ffd8df. Keep in step with the script.
  static std::string default_dir();
  /// True when default_dir() holds an executable `cacti` (the real-CACTI tests skip otherwise).
  static bool default_build_exists();

  CactiRun run(const SramQuery& q) const;
  SramResult estimate(const SramQuery& q) const override;

  const std::string& cacti_dir() const { return dir_; }
  const CactiCache& cache() const { return cache_; }

 private:
  CactiAdapterOptions options_;
  std::string dir_;       ///< absolute CACTI folder
  std::string binary_;    ///< absolute path of <dir>/cacti
  std::string identity_;  ///< binary path, size and mtime: part of the cache key
  CactiCache cache_;
};

}  // namespace circa
