// Invariants of every lexicon in data/: valid UTF-8, a "# Format:" header, no duplicate
// keys, sorted, and accepted by the loader that compiles it into the library.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "internal/boilerplate.hpp"
#include "internal/quantity_lexicon.hpp"
#include "test_util.hpp"
#include "zhpolicy/decode.hpp"
#include "zhpolicy/normalize.hpp"

using namespace zhpolicy;

namespace {

struct DataFile {
  std::vector<std::vector<std::string>> rows;
  bool has_format_header = false;
};

DataFile read_data(const std::string& name) {
  std::string text;
  REQUIRE(test::read_file(std::string(ZHPOLICY_DATA_DIR) + "/" + name, text));
  REQUIRE(is_valid_utf8(text));
  DataFile f;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# Format:", 0) == 0) f.has_format_header = true;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, '\t')) cells.push_back(cell);
    f.rows.push_back(cells);
  }
  return f;
}

// Keys are stored folded (simplified, half-width): a traditional key would never match.
void require_folded(const std::string& key) {
  INFO(key);
  CHECK(to_utf8(normalize(key)) == key);
}

}  // namespace

TEST_CASE("data: units.tsv is sorted, unique, folded and loads", "[data]") {
  DataFile f = read_data("units.tsv");
  CHECK(f.has_format_header);
  std::vector<std::string> keys;
  for (const auto& r : f.rows) {
    REQUIRE(r.size() == 3);
    keys.push_back(r[0]);
    require_folded(r[0]);
  }
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
  detail::QuantityLexicon lexicon;
  CHECK(detail::parse_quantity_lexicon(detail::units_tsv_text(), detail::quantity_cues_tsv_text(), lexicon) == "");
  CHECK(lexicon.units.size() == f.rows.size());
}

TEST_CASE("data: quantity_cues.tsv is sorted by role and word, unique, folded", "[data]") {
  DataFile f = read_data("quantity_cues.tsv");
  CHECK(f.has_format_header);
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& r : f.rows) {
    REQUIRE(r.size() == 3);
    keys.emplace_back(r[1], r[0]);
    require_folded(r[0]);
  }
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(std::set<std::pair<std::string, std::string>>(keys.begin(), keys.end()).size() == keys.size());
  CHECK(detail::quantity_lexicon().cues.size() == f.rows.size());
}

TEST_CASE("data: a unit or cue starting beyond U+FFFF is refused: the index could never find it", "[data]") {
  detail::QuantityLexicon lexicon;
  CHECK(detail::parse_quantity_lexicon("𠀀所\tcount\t-\n", "", lexicon) ==
        "data/units.tsv:1: a word may not start beyond U+FFFF");
  detail::QuantityLexicon cues;
  CHECK(detail::parse_quantity_lexicon("", "𠀀超\tbefore_comparator\t>\n", cues) ==
        "data/quantity_cues.tsv:1: a word may not start beyond U+FFFF");
}

TEST_CASE("data: a kind cue with an unknown weight is refused, not silently ignored", "[data]") {
  detail::QuantityLexicon lexicon;
  const std::string err = detail::parse_quantity_lexicon(detail::units_tsv_text(), "将\ttarget_cue\tstong\n", lexicon);
  CHECK(err.find("unknown weight 'stong'") != std::string::npos);
  detail::QuantityLexicon genre_on_target;
  CHECK(detail::parse_quantity_lexicon(detail::units_tsv_text(), "将\ttarget_cue\tgenre\n", genre_on_target) != "");
  detail::QuantityLexicon ok;
  CHECK(detail::parse_quantity_lexicon(detail::units_tsv_text(), "已\tstatus_cue\tstrong\n", ok) == "");
  REQUIRE(ok.cues.size() == 1);
  CHECK(ok.cues[0].weight == detail::CueWeight::kStrong);
}

TEST_CASE("data: boilerplate.tsv is sorted, unique, folded and loads", "[data]") {
  DataFile f = read_data("boilerplate.tsv");
  CHECK(f.has_format_header);
  std::vector<std::string> lines;
  for (const auto& r : f.rows) {
    REQUIRE(r.size() == 3);
    CHECK((r[1] == "prefix" || r[1] == "contains" || r[1] == "exact"));
    require_folded(r[2]);
    lines.push_back(r[0] + "\t" + r[1] + "\t" + r[2]);
  }
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == lines.size());
  CHECK(detail::boilerplate_markers().size() == f.rows.size());
}

TEST_CASE("data: the markers of a kind are the lexicon's of that kind, in file order", "[data]") {
  size_t listed = 0;
  for (size_t k = 0; k < detail::kMarkerKinds; ++k) {
    const auto kind = static_cast<detail::MarkerKind>(k);
    std::vector<const detail::Marker*> expected;
    for (const detail::Marker& m : detail::boilerplate_markers()) {
      if (m.kind == kind) expected.push_back(&m);
    }
    CHECK(detail::markers_of(kind) == expected);
    listed += detail::markers_of(kind).size();
  }
  CHECK(listed == detail::boilerplate_markers().size());
}
