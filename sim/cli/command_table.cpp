#include "cli/commands.hpp"
#include "common/error.hpp"

namespace circa::cli {
namespace {

int depth(const CLI::App* a) {
  int d = 0;
  for (; a != nullptr; a = a->get_parent()) ++d;
  return d;
}

}  // namespace

void CommandTable::add(CLI::App* command, CommandRun run) {
  entries_.push_back({command, std::move(run)});
}

int CommandTable::run_parsed() const {
  const Entry* chosen = nullptr;
  for (const Entry& e : entries_)
    if (e.command->parsed() && (!chosen || depth(e.command) > depth(chosen->command))) chosen = &e;
  CIRCA_CHECK(chosen != nullptr, "the command line names no command with a run function");
  return chosen->run();
}

}  // namespace circa::cli
