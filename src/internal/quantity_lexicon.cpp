#include "internal/quantity_lexicon.hpp"

#include <algorithm>

#include "zhpolicy/normalize.hpp"

namespace zhpolicy::detail {
namespace {
#include "units_data.inc"
#include "quantity_cues_data.inc"

// Calls f(fields) for each data row; returns the first error.
template <typename F>
std::string for_each_row(std::string_view data, const char* file, size_t columns, F f) {
  size_t line_no = 0;
  std::vector<std::string_view> fields;  // (one vector for every row: no allocation per row)
  while (!data.empty()) {
    const size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    size_t pos = 0;
    while (true) {
      const size_t tab = line.find('\t', pos);
      fields.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
      if (tab == std::string_view::npos) break;
      pos = tab + 1;
    }
    if (fields.size() != columns || fields[0].empty()) {
      return std::string(file) + ":" + std::to_string(line_no) + ": expected " + std::to_string(columns) + " fields";
    }
    std::string err = f(fields);
    if (!err.empty()) return std::string(file) + ":" + std::to_string(line_no) + ": " + err;
  }
  return "";
}

// Orders `entries` longest first, keeping the file's order among words of one length (what
// a stable sort by length does): one pass per length, each entry moved once, where the
// merge sort moved every entry (a string or two each) some seven times; words are short.
template <typename T, typename Length>
void order_longest_first(std::vector<T>& entries, Length length) {
  std::vector<size_t> lengths;  // (taken first: a moved entry's word is empty)
  lengths.reserve(entries.size());
  size_t longest = 0;
  for (const T& e : entries) {
    lengths.push_back(length(e));
    longest = std::max(longest, lengths.back());
  }
  std::vector<T> ordered;
  ordered.reserve(entries.size());
  for (size_t n = longest + 1; n-- > 0;) {
    for (size_t k = 0; k < entries.size(); ++k) {
      if (lengths[k] == n) ordered.push_back(std::move(entries[k]));
    }
  }
  entries = std::move(ordered);
}

// Data rows a file may hold (its lines): the vectors are reserved once.
size_t line_count(std::string_view data) {
  return static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
}

constexpr std::string_view kClasses[] = {"count", "percent", "percentage_point", "money", "score",
                                         "duration", "age", "area", "length", "other"};

bool parse_role(std::string_view s, CueRole& role) {
  static const std::pair<const char*, CueRole> kRoles[] = {
      {"before_comparator", CueRole::kBeforeComparator}, {"after_comparator", CueRole::kAfterComparator},
      {"approx_infix", CueRole::kApproxInfix},           {"delta", CueRole::kDelta},
      {"target_cue", CueRole::kTargetCue},               {"status_cue", CueRole::kStatusCue},
      {"strength", CueRole::kStrength},                  {"period", CueRole::kPeriod},
  };
  for (const auto& [name, r] : kRoles) {
    if (s == name) {
      role = r;
      return true;
    }
  }
  return false;
}

// The first-code-point index (build_index) has a bit per BMP code point: a word starting
// beyond it could never be found, so it is refused rather than silently never matched.
constexpr const char* kOutsideBmp = "a word may not start beyond U+FFFF";

}  // namespace

std::string_view units_tsv_text() { return k_units_tsv; }
std::string_view quantity_cues_tsv_text() { return k_quantity_cues_tsv; }

std::string parse_quantity_lexicon(std::string_view units_tsv, std::string_view cues_tsv,
                                   QuantityLexicon& out) {
  out.units.reserve(out.units.size() + line_count(units_tsv));
  out.cues.reserve(out.cues.size() + line_count(cues_tsv));
  std::string err = for_each_row(units_tsv, "data/units.tsv", 3, [&](const auto& f) -> std::string {
    if (std::find(std::begin(kClasses), std::end(kClasses), f[1]) == std::end(kClasses)) {
      return "unknown unit class '" + std::string(f[1]) + "'";
    }
    const std::u32string unit = normalize(f[0]);
    if (unit[0] >= 0x10000) return kOutsideBmp;
    out.units.push_back({unit, std::string(f[1]), f[2] == "-" ? to_utf8(unit) : std::string(f[2])});
    return "";
  });
  if (!err.empty()) return err;
  err = for_each_row(cues_tsv, "data/quantity_cues.tsv", 3, [&](const auto& f) -> std::string {
    CueRole role;
    if (!parse_role(f[1], role)) return "unknown role '" + std::string(f[1]) + "'";
    CueWeight weight = CueWeight::kNone;
    if (role == CueRole::kTargetCue || role == CueRole::kStatusCue) {
      if (f[2] == "strong") {
        weight = CueWeight::kStrong;
      } else if (f[2] == "weak") {
        weight = CueWeight::kWeak;
      } else if (f[2] == "genre" && role == CueRole::kStatusCue) {
        weight = CueWeight::kGenre;
      } else {
        return "unknown weight '" + std::string(f[2]) + "' (strong, weak; genre for status_cue)";
      }
    }
    std::u32string word = normalize(f[0]);
    if (word[0] >= 0x10000) return kOutsideBmp;
    out.cues.push_back({std::move(word), role, std::string(f[2]), weight});
    return "";
  });
  if (!err.empty()) return err;
  order_longest_first(out.units, [](const UnitEntry& u) { return u.unit.size(); });
  order_longest_first(out.cues, [](const CueEntry& c) { return c.word.size(); });
  return "";
}

void QuantityLexicon::build_index() {
  cue_first_.fill(0);
  unit_first_.fill(0);
  cue_last_.fill(0);
  for (auto& b : cue_buckets_) b.clear();
  for (auto& b : unit_buckets_) b.clear();
  for (auto& b : cue_last_buckets_) b.clear();
  // Buckets keep the vectors' longest-first order, so the first match is the longest.
  for (const CueEntry& c : cues) {
    const char32_t f = c.word[0];
    if (f >= 0x10000) continue;
    cue_first_[f >> 6] |= uint64_t{1} << (f & 63);
    cue_buckets_[f % kBuckets].push_back(&c);
  }
  // Every cue goes in: one whose last code point is outside the BMP must still be found.
  for (const CueEntry& c : cues) {
    const char32_t l = c.word.back();
    if (l < 0x10000) cue_last_[l >> 6] |= uint64_t{1} << (l & 63);
    cue_last_buckets_[l % kBuckets].push_back(&c);
  }
  for (const UnitEntry& u : units) {
    const char32_t f = u.unit[0];
    if (f >= 0x10000) continue;
    unit_first_[f >> 6] |= uint64_t{1} << (f & 63);
    unit_buckets_[f % kBuckets].push_back(&u);
  }
}

const QuantityLexicon& quantity_lexicon() {
  static const QuantityLexicon lexicon = [] {
    QuantityLexicon l;
    // Malformed data is caught by tests/unit/data_files_test.cpp at build time; a bad row
    // would only shorten the lexicon here, never crash.
    (void)parse_quantity_lexicon(units_tsv_text(), quantity_cues_tsv_text(), l);
    l.build_index();
    return l;
  }();
  return lexicon;
}

}  // namespace zhpolicy::detail
