// Shared by the conformance tests: loading a spec file, the documented deviations
// (tests/data/conformance_deviations.tsv) and the one-line summary per spec file that
// scripts/conformance.sh collects into a table.
#pragma once

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "json_mini.hpp"

namespace zhpolicy::test {

#ifndef ZHPOLICY_SHARED_DIR
#define ZHPOLICY_SHARED_DIR "ZHPOLICY_SHARED_DIR-not-defined"
#endif

inline std::string spec_dir() { return std::string(ZHPOLICY_SHARED_DIR) + "/conformance/recognizers-zh"; }

// Loads a spec file (a JSON array of cases); on failure returns false and says why.
inline bool load_spec(const std::string& name, JsonValue* out, std::string* why) {
  const std::string path = spec_dir() + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = "conformance data not found: " + path;
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string error;
  if (!JsonReader::parse(buffer.str(), out, &error)) {
    *why = path + ": " + error;
    return false;
  }
  if (!out->is_array()) {
    *why = path + ": the top level is not an array";
    return false;
  }
  return true;
}

#ifndef ZHPOLICY_TEST_DATA_DIR
#define ZHPOLICY_TEST_DATA_DIR ZHPOLICY_DATA_DIR "/../tests/data"
#endif

// Every in-scope case that fails must be listed with a class, and every class has a reason:
// a deviation is a decision, never a silent failure. A listed case that passes is stale.
class Deviations {
 public:
  // Loads the file; false (with *why) if it cannot be read or a row is malformed.
  bool load(std::string* why) {
    const std::string path = std::string(ZHPOLICY_TEST_DATA_DIR) + "/conformance_deviations.tsv";
    std::ifstream in(path);
    if (!in) {
      *why = "cannot read " + path;
      return false;
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      std::stringstream fields(line);
      for (std::string field; std::getline(fields, field, '\t');) f.push_back(field);
      if (f.size() == 3 && f[0] == "class") {
        reasons_[f[1]] = f[2];
      } else if (f.size() == 4 && f[0] == "case" && reasons_.count(f[2]) != 0) {
        cases_[{f[1], f[3]}] = f[2];
      } else {
        *why = path + ":" + std::to_string(number) + ": not 'class<TAB>name<TAB>reason' or "
               "'case<TAB>file<TAB>known class<TAB>input'";
        return false;
      }
    }
    return true;
  }

  // The class of a listed case, or "" if it is not listed.
  std::string class_of(const std::string& file, const std::string& input) const {
    const auto it = cases_.find({file, input});
    return it == cases_.end() ? std::string() : it->second;
  }

  // The inputs listed for one spec file.
  std::vector<std::string> inputs_of(const std::string& file) const {
    std::vector<std::string> out;
    for (const auto& [key, cls] : cases_) {
      if (key.first == file) out.push_back(key.second);
    }
    return out;
  }

  const std::string& reason(const std::string& cls) const { return reasons_.at(cls); }

 private:
  std::map<std::string, std::string> reasons_;
  std::map<std::pair<std::string, std::string>, std::string> cases_;
};

// "| NumberModel.json | 365 | 351 | 346 | 98.6% | class 4, class 1 | out: reason 14 |"
inline void print_summary_row(const std::string& file, size_t total, size_t in_scope, size_t passed,
                              const std::map<std::string, size_t>& deviation_counts,
                              const std::map<std::string, size_t>& out_of_scope_counts) {
  std::ostringstream out;
  out << "| " << file << " | " << total << " | " << in_scope << " | " << passed << " | " << std::fixed
      << std::setprecision(1) << (in_scope ? 100.0 * static_cast<double>(passed) / static_cast<double>(in_scope) : 0.0)
      << "% | ";
  bool first = true;
  for (const auto& [cls, n] : deviation_counts) {
    out << (first ? "" : ", ") << cls << " " << n;
    first = false;
  }
  out << (first ? "none" : "") << " | ";
  first = true;
  for (const auto& [why, n] : out_of_scope_counts) {
    out << (first ? "" : ", ") << why << " " << n;
    first = false;
  }
  out << (first ? "none" : "") << " |\n";
  std::cout << out.str() << std::flush;
}

}  // namespace zhpolicy::test
