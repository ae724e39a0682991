#include "spec/yaml_guard.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <vector>

#include "common/error.hpp"

namespace circa {
namespace {

class ShapeCheck : public YAML::EventHandler {
 public:
  explicit ShapeCheck(std::string file) : file_(std::move(file)) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      fail(mark,
           "a second YAML document starts here; a Circa file holds exactly one (remove this '---' "
           "and what follows, or split them into separate files)");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    value(mark, "", anchor, 1);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& text) override {
    value(mark, text, anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchor_sizes_.find(anchor);
    if (it == anchor_sizes_.end())
      fail(mark, "this alias refers to the node that contains it (a cycle); aliases must name a "
                 "node that is complete");
    value(mark, "", 0, it->second);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    bool is_map;
    size_t children;
    YAML::anchor_t anchor;
    size_t values_before;
  };

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& problem) const {
    throw ConfigError(SourceLocation{file_, mark.line + 1, mark.column + 1}, "", problem);
  }

  /// Counts `size` values (more than one for an alias) and checks a mapping key is not '<<'.
  void value(const YAML::Mark& mark, const std::string& text, YAML::anchor_t anchor,
             size_t size) {
    if (!open_.empty() && open_.back().is_map && open_.back().children % 2 == 0 && text == "<<")
      fail(mark,
           "merge keys ('<<: *name') are not supported; write the keys out (an alias '*name' of a "
           "whole value does work)");
    if (!open_.empty()) ++open_.back().children;
    add(mark, size);
    if (anchor != YAML::NullAnchor) anchor_sizes_[anchor] = size;
  }

  void add(const YAML::Mark& mark, size_t size) {
    if (size > kMaxYamlValues - values_)
      fail(mark, "the file expands to more than " + std::to_string(kMaxYamlValues) +
                     " values once its aliases are followed (an alias bomb?); Circa files are far "
                     "smaller");
    values_ += size;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (static_cast<int>(open_.size()) >= kMaxYamlDepth)
      fail(mark, "nesting deeper than " + std::to_string(kMaxYamlDepth) +
                     " levels; Circa files nest a few levels only");
    if (!open_.empty()) ++open_.back().children;
    add(mark, 1);
    open_.push_back(Open{is_map, 0, anchor, values_ - 1});
  }

  void close() {
    const Open done = open_.back();
    open_.pop_back();
    if (done.anchor != YAML::NullAnchor) anchor_sizes_[done.anchor] = values_ - done.values_before;
  }

  std::string file_;
  int documents_ = 0;
  size_t values_ = 0;
  std::vector<Open> open_;
  std::map<YAML::anchor_t, size_t> anchor_sizes_;
};

}  // namespace

void check_yaml_shape(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ShapeCheck check(file);
  while (parser.HandleNextDocument(check)) {
  }
}

}  // namespace circa
