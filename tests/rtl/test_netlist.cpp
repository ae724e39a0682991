// The typed netlist of the generators (gen/netlist.hpp): a wrong connection is a generator error
// that names the module, the instance, the port and the widths, and a correct instance is
// written one connection per line in the instantiated module's port order.
#define BOOST_TEST_MODULE netlist
#include <boost/test/unit_test.hpp>

#include "common/error.hpp"
#include "gen/netlist.hpp"

using namespace circa;

namespace {

/// A module `leaf` with a 4-bit input `a`, a 1-bit input `en` and an 8-bit output `y`.
gen::ModuleRef leaf() {
  return {"leaf", "", {{"a", false, 4}, {"en", false, 1}, {"y", true, 8}}};
}

/// Runs `f` on a body of module `host` (ports: 4-bit `x`, 8-bit output `z`) and returns the
/// message of the InternalError it throws ("" when none).
template <typename F>
std::string error_of(F f) {
  gen::Emitter e;
  gen::Body b(e, "host", {{"x", false, 4}, {"z", true, 8}});
  try {
    f(b);
  } catch (const InternalError& err) {
    return err.what();
  }
  return "";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(netlist)

BOOST_AUTO_TEST_CASE(a_correct_instance_is_written_one_port_per_line) {
  gen::Emitter e;
  gen::Body b(e, "host", {{"x", false, 4}, {"z", true, 8}});
  b.add(gen::Instance(leaf(), "u_leaf")
            .connect("y", b["z"])
            .connect("a", b["x"])
            .connect("en", gen::Expr("1'b1", 1)));
  BOOST_TEST(e.str() == "leaf u_leaf (\n  .a  (x),\n  .en (1'b1),\n  .y  (z)\n);\n");
}

BOOST_AUTO_TEST_CASE(a_long_concatenation_is_wrapped_one_part_per_line) {
  gen::Emitter e;
  gen::Body b(e, "host", {{"x", false, 4}, {"z", true, 8}});
  const gen::Expr bit("some_rather_long_condition_name && another_long_condition_name", 1);
  b.add(gen::Instance(leaf(), "u_leaf")
            .connect("a", gen::cat({bit, bit, bit, bit}))
            .connect("en", gen::Expr("1'b1", 1))
            .connect("y", b["z"]));
  const std::string pad(6, ' ');  // aligned under the first part, after ".a  ({"
  BOOST_TEST(has(e.str(), "  .a  ({" + bit.text + ",\n  " + pad + bit.text + ",\n"));
  BOOST_TEST(has(e.str(), "  " + pad + bit.text + "}),\n  .en (1'b1),"));
}

BOOST_AUTO_TEST_CASE(a_wrong_port_name_names_module_instance_and_port) {
  const std::string msg = error_of([](gen::Body& b) {
    b.add(gen::Instance(leaf(), "u_leaf")
              .connect("a", b["x"])
              .connect("enable", gen::Expr("1'b1", 1))
              .connect("y", b["z"]));
  });
  BOOST_TEST(has(msg, "module host"));
  BOOST_TEST(has(msg, "instance u_leaf of leaf"));
  BOOST_TEST(has(msg, "no port named enable"));
}

BOOST_AUTO_TEST_CASE(a_wrong_width_names_the_port_and_both_widths) {
  const std::string msg = error_of([](gen::Body& b) {
    b.add(gen::Instance(leaf(), "u_leaf")
              .connect("a", b["z"])  // 8 bits into a 4-bit port
              .connect("en", gen::Expr("1'b1", 1))
              .connect("y", b["z"]));
  });
  BOOST_TEST(has(msg, "module host"));
  BOOST_TEST(has(msg, "instance u_leaf of leaf"));
  BOOST_TEST(has(msg, "port a is 4 bits, connected to z of 8 bits"));
}

BOOST_AUTO_TEST_CASE(a_missing_input_is_an_error_and_cannot_be_left_open) {
  const std::string missing = error_of([](gen::Body& b) {
    b.add(gen::Instance(leaf(), "u_leaf").connect("a", b["x"]).connect("y", b["z"]));
  });
  BOOST_TEST(has(missing, "module host"));
  BOOST_TEST(has(missing, "instance u_leaf of leaf"));
  BOOST_TEST(has(missing, "input port en is not connected"));
  const std::string open = error_of([](gen::Body& b) {
    b.add(gen::Instance(leaf(), "u_leaf").connect("a", b["x"]).open("en").connect("y", b["z"]));
  });
  BOOST_TEST(has(open, "input port en cannot be left open"));
}

BOOST_AUTO_TEST_CASE(an_output_is_left_open_only_when_marked) {
  const std::string msg = error_of([](gen::Body& b) {
    b.add(gen::Instance(leaf(), "u_leaf").connect("a", b["x"]).connect("en", gen::Expr("1'b0", 1)));
  });
  BOOST_TEST(has(msg, "output port y is not connected"));
  gen::Emitter e;
  gen::Body b(e, "host", {{"x", false, 4}});
  b.add(gen::Instance(leaf(), "u_leaf")
            .connect("a", b["x"])
            .connect("en", gen::Expr("1'b0", 1))
            .open("y"));
  BOOST_TEST(has(e.str(), ".y  ()"));
}

BOOST_AUTO_TEST_CASE(a_signal_is_declared_once_and_used_only_when_declared) {
  BOOST_TEST(has(error_of([](gen::Body& b) {
                   b.wire("w", 3);
                   b.reg("w", 3);
                 }),
                 "signal w declared twice"));
  BOOST_TEST(has(error_of([](gen::Body& b) { b.wire("x", 4); }), "signal x declared twice"));
  BOOST_TEST(has(error_of([](gen::Body& b) { (void)b["nowhere"]; }),
                 "signal nowhere is used but not declared"));
}

BOOST_AUTO_TEST_CASE(parts_and_concatenations_carry_their_widths) {
  const gen::Signal s{"bus", 16};
  BOOST_TEST(gen::part(s, 4, 8).text == "bus[4 +: 8]");
  BOOST_TEST(gen::part(s, 4, 8).width == 8);
  BOOST_TEST(gen::part(s, 0, 16).text == "bus");
  const gen::Expr c = gen::cat({gen::part(s, 8, 8), gen::Expr("1'b0", 1)});
  BOOST_TEST(c.text == "{bus[8 +: 8], 1'b0}");
  BOOST_TEST(c.width == 9);
  BOOST_CHECK_THROW(gen::part(s, 12, 8), InternalError);
}

BOOST_AUTO_TEST_CASE(a_round_sat_output_must_have_the_format_width) {
  const FixedFormat to{8, 0, Rounding::nearest_up, Overflow::saturate};
  const std::string msg = error_of([&](gen::Body& b) {
    b.wire("q", 6);
    b.round_sat_shift("u_q", b["x"], 0, to, "q");
  });
  BOOST_TEST(has(msg, "instance u_q of circa_round_sat"));
  BOOST_TEST(has(msg, "port out is 8 bits, connected to q of 6 bits"));
}

BOOST_AUTO_TEST_SUITE_END()
