// libsystemc defines main() and calls sc_main(); Circa's executables have their own main() and
// call simulate() instead, but the shared library still needs the symbol to link. It is never
// the entry point of a Circa program.
#include <iostream>

extern "C" int sc_main(int /*argc*/, char* /*argv*/[]) {
  std::cerr << "circa: sc_main is not an entry point; run `circa sim`\n";
  return 3;
}
