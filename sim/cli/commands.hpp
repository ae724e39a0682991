// Each `circa` subcommand registers itself on the CLI11 app from its own file. A command's
// callback throws ConfigError for user mistakes; main() turns errors into exit codes.
#pragma once

#include <CLI/CLI.hpp>

namespace circa::cli {

void register_config_commands(CLI::App& app);
void register_bench_command(CLI::App& app);
void register_sram_command(CLI::App& app);
void register_sim_command(CLI::App& app);       // cmd_sim.cpp
void register_estimate_command(CLI::App& app);  // cmd_estimate.cpp
void register_gen_command(CLI::App& app);
void register_synth_command(CLI::App& app);
void register_sweep_command(CLI::App& app);
void register_area_check_command(CLI::App& app);
void register_cosim_command(CLI::App& app);

/// Exit status a command sets for main() (0 unless the command ran and found a problem).
int& exit_status();

}  // namespace circa::cli
