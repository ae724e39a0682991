// Each `circa` subcommand registers itself from its own file: its options on the CLI11 app and
// its run function in the CommandTable. main() parses, runs the chosen command and returns its
// exit status; a command throws ConfigError for user mistakes and main() maps errors to codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace circa::cli {

/// What a command does once its arguments are parsed; returns the process exit status
/// (0 unless the command ran and found a problem).
using CommandRun = std::function<int()>;

/// The run function of every (sub)command, in registration order.
class CommandTable {
 public:
  void add(CLI::App* command, CommandRun run);
  /// Runs the innermost command the parsed command line names (`sweep export` rather than
  /// `sweep`) and returns its exit status.
  int run_parsed() const;

 private:
  struct Entry {
    CLI::App* command;
    CommandRun run;
  };
  std::vector<Entry> entries_;
};

void register_config_commands(CLI::App& app, CommandTable& t);
void register_bench_command(CLI::App& app, CommandTable& t);
void register_sram_command(CLI::App& app, CommandTable& t);
void register_sim_command(CLI::App& app, CommandTable& t);       // cmd_sim.cpp
void register_estimate_command(CLI::App& app, CommandTable& t);  // cmd_estimate.cpp
void register_gen_command(CLI::App& app, CommandTable& t);
void register_synth_command(CLI::App& app, CommandTable& t);
void register_sweep_command(CLI::App& app, CommandTable& t);
void register_area_check_command(CLI::App& app, CommandTable& t);
void register_cosim_command(CLI::App& app, CommandTable& t);
void register_doctor_command(CLI::App& app, CommandTable& t);  // cmd_doctor.cpp
void register_train_command(CLI::App& app, CommandTable& t);   // cmd_train.cpp
void register_accuracy_command(CLI::App& app, CommandTable& t);  // cmd_accuracy.cpp

}  // namespace circa::cli
