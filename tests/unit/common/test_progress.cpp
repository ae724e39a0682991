// Progress of long commands (sweeps, cosim, training): plain lines every 5% in a log, one bar
// redrawn in place on a terminal, counts, rate and ETA in both.
#define BOOST_TEST_MODULE progress
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "common/progress.hpp"

using namespace circa;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

bool matches(const std::string& s, const std::string& re) {
  return std::regex_match(s, std::regex(re));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(progress)

BOOST_AUTO_TEST_CASE(a_log_gets_a_plain_line_every_5_percent) {
  std::ostringstream log;
  {
    Progress p({&log, false}, 100, "demo");
    for (int i = 0; i < 100; ++i) p.tick(i % 10 != 0);
    p.finish();
  }
  const std::vector<std::string> l = lines(log.str());
  BOOST_TEST(log.str().find('\r') == std::string::npos);
  BOOST_TEST(log.str().find('\033') == std::string::npos);
  BOOST_REQUIRE_EQUAL(l.size(), 21u);  // at 0, 5, ..., 100: no second line at the end
  BOOST_TEST(l.front() == "demo: 0/100 (0 ok, 0 failed), 0.0 points/s, ETA ?");
  BOOST_TEST(matches(l[1], R"(demo: 5/100 \(4 ok, 1 failed\), [0-9]+\.[0-9] points/s, ETA [0-9]+ s)"),
             l[1]);
  BOOST_TEST(matches(l.back(), R"(demo: 100/100 \(90 ok, 10 failed\), [0-9.]+ points/s, ETA 0 s)"),
             l.back());
}

BOOST_AUTO_TEST_CASE(counts_of_a_unit_with_a_detail_and_a_better_total) {
  std::ostringstream log;
  {
    Progress p({&log, false}, 1000, "cosim run", "cycles", false);
    p.update(500, "inference 1 of 2");
    p.update(1200);  // beyond the first estimate
    p.set_total(1500);
    p.update(1500);
    p.note(log, "a line of the command's own\n");
    p.finish("done");
  }
  const std::vector<std::string> l = lines(log.str());
  BOOST_REQUIRE_EQUAL(l.size(), 6u);
  BOOST_TEST(l[0] == "cosim run: 0/1000 cycles, 0.0 cycles/s, ETA ?");
  BOOST_TEST(matches(l[1], R"(cosim run: 500/1000 cycles, inference 1 of 2, [0-9.]+ cycles/s, ETA [0-9]+ s)"),
             l[1]);
  BOOST_TEST(matches(l[2], R"(cosim run: 1200/1000 cycles, [0-9.]+ cycles/s, ETA 0 s)"), l[2]);
  BOOST_TEST(matches(l[3], R"(cosim run: 1500/1500 cycles, [0-9.]+ cycles/s, ETA 0 s)"), l[3]);
  BOOST_TEST(l[4] == "a line of the command's own");
  BOOST_TEST(l[5] == "cosim run: done");
}

BOOST_AUTO_TEST_CASE(a_terminal_gets_one_bar_redrawn_in_place) {
  std::ostringstream tty, out;
  {
    Progress p({&tty, true}, 2, "demo");
    p.tick(true);
    p.note(out, "case 1 passed\n");
    p.finish("interrupted; finished points are kept, run again to resume");
  }
  BOOST_TEST(out.str() == "case 1 passed\n");
  BOOST_TEST(tty.str().find("\r\033[K") != std::string::npos);
  BOOST_TEST(tty.str().find("[###############...............] 1/2") != std::string::npos,
             tty.str());
  BOOST_TEST(tty.str().find("points/s, ETA") != std::string::npos);
  BOOST_TEST(tty.str().find("demo: interrupted; finished points are kept") != std::string::npos);
  // Ended by a newline: the shell's prompt does not land on the bar.
  BOOST_TEST(tty.str().back() == '\n');
}

BOOST_AUTO_TEST_CASE(slower_than_one_a_second_says_how_long_each_takes) {
  std::ostringstream log;
  {
    Progress p({&log, false}, 3, "cosim --random", "cases");
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    p.tick(true);
  }
  const std::vector<std::string> l = lines(log.str());
  BOOST_REQUIRE_EQUAL(l.size(), 2u);
  BOOST_TEST(l[0] == "cosim --random: 0/3 (0 ok, 0 failed), 0.0 cases/s, ETA ?");
  // 1.2 s (more on a loaded machine) for the first case: twice that for the other two.
  BOOST_TEST(matches(l[1], R"(cosim --random: 1/3 \(1 ok, 0 failed\), ([1-9]\.[0-9]) s each, ETA [2-9] s)"),
             l[1]);
}

BOOST_AUTO_TEST_CASE(silent_without_a_stream) {
  std::ostringstream out;
  Progress p({nullptr, false}, 3, "demo");
  p.tick();
  p.note(out, "still written\n");
  p.finish("note");
  BOOST_TEST(out.str() == "still written\n");
  BOOST_TEST(p.ok() == 1);
}

BOOST_AUTO_TEST_CASE(durations_read_as_a_clock) {
  BOOST_TEST(format_duration(5) == "5 s");
  BOOST_TEST(format_duration(125) == "2:05");
  BOOST_TEST(format_duration(3725) == "1:02:05");
}

BOOST_AUTO_TEST_SUITE_END()
