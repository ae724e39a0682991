// `circa`: the command-line entry point. The only place that picks exit codes:
// 0 success, 1 the command ran and found a problem, 2 bad input (ConfigError), 3 internal error,
// 4 an external tool (yosys, verilator, a compiler, CACTI) failed or is missing (ToolError).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "Circa: cycle-accurate simulator and RTL generator for block-circulant DNN accelerators"};
  app.set_version_flag("--version", std::string("circa ") + circa::kVersion);
  app.require_subcommand(1);
  circa::cli::CommandTable commands;
  circa::cli::register_config_commands(app, commands);
  circa::cli::register_bench_command(app, commands);
  circa::cli::register_sram_command(app, commands);
  circa::cli::register_sim_command(app, commands);
  circa::cli::register_estimate_command(app, commands);
  circa::cli::register_sweep_command(app, commands);
  circa::cli::register_gen_command(app, commands);
  circa::cli::register_synth_command(app, commands);
  circa::cli::register_area_check_command(app, commands);
  circa::cli::register_cosim_command(app, commands);
  circa::cli::register_doctor_command(app, commands);
  circa::cli::register_train_command(app, commands);
  circa::cli::register_accuracy_command(app, commands);
  try {
    app.parse(argc, argv);
    return commands.run_parsed();
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const circa::ConfigError& e) {
    std::cerr << "circa: " << e.what() << "\n";
    return 2;
  } catch (const circa::ToolError& e) {
    std::cerr << "circa: tool error: " << e.what() << "\n";
    return 4;
  } catch (const circa::InternalError& e) {
    std::cerr << "circa: " << e.what() << "\n  (this is a bug in Circa; please report it)\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "circa: unexpected error: " << e.what() << "\n";
    return 3;
  }
}
