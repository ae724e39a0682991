// The CACTI output parser on arbitrary text: the run verdict (which parses stdout) and the
// side-CSV reader. The first byte picks how the run ended and whether the text is CACTI's stdout
// or its stderr; the parsers must not throw: every outcome is a value.
#include <string>

#include "cost/cacti_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using circa::ExitStatus;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const ExitStatus::Kind kinds[] = {ExitStatus::Kind::exited, ExitStatus::Kind::signaled,
                                    ExitStatus::Kind::timed_out};
  const ExitStatus status{kinds[data[0] % 3], data[0] % 3 == 1 ? 11 : (data[0] >> 4)};
  if (data[0] & 8)
    circa::interpret_cacti_run("", text, status, 10);
  else
    circa::interpret_cacti_run(text, "", status, 10);
  circa::parse_cacti_side_csv(text);
  return 0;
}
