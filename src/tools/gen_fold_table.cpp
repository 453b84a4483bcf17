// gen_fold_table: asks ICU what every code point folds to and writes the answers down.
//
// The problem. The normalize stage folds text per code point (full-width ASCII, dashes,
// traditional -> simplified) so later stages can match one spelling. ICU knows the answers
// but is far too slow to ask per character at run time, and its Hant-Hans transliterator
// works on phrases, not characters. So this program, run at build time, asks ICU once for
// every code point in U+0000..U+2FFFF and writes
//   - a TSV with one row per code point that changes, for people to review (a copy is
//     committed as data/fold_table.tsv, so every change of ICU or of the overrides shows
//     up as a diff), and
//   - a C++ include with two-level lookup tables for the library.
//
// The approach, per kind of fold:
//   width     U+FF01..U+FF5E, U+3000, U+00A0: the target is ICU's NFKC of the character.
//             Only this range: NFKC (like ICU's Fullwidth-Halfwidth) would also turn
//             CJK punctuation into half-width forms (。 -> ｡), which we keep as it is.
//   dash      a fixed list of dashes -> '-' and tildes -> '~', the characters that write
//             ranges ("3—4", "3～4"). ICU's Dash property vouches for each dash.
//   t2s       ICU's "Hant-Hans" on the single character, when both the character and its
//             answer are one Han code point. Hant-Hans also turns 「」 into “”, which is
//             punctuation style, not script; the Han condition leaves those alone.
//   override  data/fold_overrides.tsv: reviewed corrections that win over ICU (俱 stays
//             俱 because of 与时俱进 and 俱乐部).
//
// Context. Some of Hant-Hans's answers (48 characters in ICU 72) depend on the neighbours: its rules contain
// phrases such as "乾坤 > 乾坤" or "低沈 > 低沉", whose answer for one character differs
// from the answer for the character alone. The table can only hold the context-free
// answer; we find the others by reading the rules (toRules()) and note them in the TSV so
// a reviewer sees what a per-character fold gives up.
//
// The lookup table. Values are 16-bit deltas (target - source, modulo 2^16; every fold
// stays inside its plane, which we check) in blocks of 256, indexed through a stage-1 array
// by code point >> 8. Blocks are shared: all blocks without a fold are one block of zeros,
// and the full fold and the t2s-only fold share every block they agree on. With ICU 72 both
// tables together take about 50 KB, small enough to stay in cache for text that is mostly CJK.
//
// Every ICU call is checked at once by check_icu(), which names the function and exits.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tools/write_generated_file.hpp"

namespace {

// The table covers the BMP and the supplementary ideographic plane (CJK extensions B..F).
// ICU folds nothing above it (plane 3 holds extensions G and H); build_table() checks that.
constexpr char32_t kTableEnd = 0x30000;
constexpr int kBlockBits = 8;
constexpr char32_t kBlockSize = char32_t{1} << kBlockBits;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "gen_fold_table: %s\n", message.c_str());
  std::exit(1);
}

// The one place an ICU error code is looked at: warnings pass, failures end the program.
void check_icu(UErrorCode status, const char* function) {
  if (U_FAILURE(status)) die(std::string(function) + " failed: " + u_errorName(status));
}

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

std::string utf8(char32_t c) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  return out;
}

std::string hex(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
  return buf;
}

std::string char_name(char32_t c) {
  char buf[256];
  UErrorCode status = U_ZERO_ERROR;
  u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, buf, sizeof buf, &status);
  check_icu(status, "u_charName");
  return buf;
}

bool is_han(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  check_icu(status, "uscript_getScript");
  return script == USCRIPT_HAN;
}

// The code points of a UTF-16 string.
std::u32string code_points(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    out.push_back(static_cast<char32_t>(s.char32At(i)));
  }
  return out;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) out += utf8(c);
  return out;
}

// ---------------------------------------------------------------------------------------
// Command line.

struct Options {
  std::string overrides_path;  // data/fold_overrides.tsv (required)
  std::string tsv_path;        // review TSV to write ("" = do not write)
  std::string cpp_path;        // C++ include to write ("" = do not write)
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) die("missing value after " + std::string(arg));
    if (arg == "--overrides") {
      options.overrides_path = argv[++i];
    } else if (arg == "--tsv") {
      options.tsv_path = argv[++i];
    } else if (arg == "--cpp") {
      options.cpp_path = argv[++i];
    } else {
      die("unknown option " + std::string(arg) +
          "\nusage: gen_fold_table --overrides FILE [--tsv FILE] [--cpp FILE]");
    }
  }
  if (options.overrides_path.empty()) die("--overrides FILE is required");
  return options;
}

// ---------------------------------------------------------------------------------------
// data/fold_overrides.tsv: "source<TAB>target<TAB>reason", one Han character each side.

struct Override {
  char32_t target;
  std::string reason;
};

// Decodes `field` as exactly one code point, or returns U+FFFFFFFF.
char32_t single_code_point(const std::string& field) {
  const auto s = icu::UnicodeString::fromUTF8(field);
  if (s.countChar32() != 1 || s.indexOf(static_cast<char16_t>(0xFFFD)) >= 0) return 0xFFFFFFFF;
  return static_cast<char32_t>(s.char32At(0));
}

std::map<char32_t, Override> read_overrides(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot open " + path);
  std::map<char32_t, Override> overrides;
  char32_t previous = 0;
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, '\t');) fields.push_back(field);
    if (fields.size() != 3 || fields[2].empty()) die(where + "expected source<TAB>target<TAB>reason");
    const char32_t source = single_code_point(fields[0]);
    const char32_t target = single_code_point(fields[1]);
    if (source == 0xFFFFFFFF || target == 0xFFFFFFFF) die(where + "source and target must be one character each");
    if (source >= kTableEnd || target >= kTableEnd) die(where + "beyond U+2FFFF, which the table covers");
    if (!is_han(source) || !is_han(target)) die(where + "overrides are for Han characters only");
    if (source <= previous) die(where + "not sorted by code point, or a duplicate");
    previous = source;
    overrides[source] = {target, fields[2]};
  }
  return overrides;
}

// ---------------------------------------------------------------------------------------
// The folds ICU decides.

// Full-width ASCII and the two wide spaces. Returns 0 for code points outside the range.
char32_t width_fold(const icu::Normalizer2& nfkc, char32_t c) {
  const bool in_range = (c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000 || c == 0x00A0;
  if (!in_range) return 0;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded = nfkc.normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  check_icu(status, "Normalizer2::normalize");
  const std::u32string cps = code_points(folded);
  if (cps.size() != 1 || cps[0] < 0x20 || cps[0] > 0x7E) {
    die("NFKC of U+" + hex(c) + " is not one ASCII character; the width range needs review");
  }
  return cps[0];
}

// Dashes and tildes that write ranges. U+02DC SMALL TILDE is left out on purpose: it is a
// spacing accent, and in our inputs it mostly comes from cp1252 mojibake (byte 0x98), where
// folding it to '~' would invent ranges.
constexpr char32_t kDashes[] = {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                0x2212, 0xFE58, 0xFE63, 0xFF0D};
constexpr char32_t kTildes[] = {0x223C, 0x301C, 0xFF5E};

char32_t dash_fold(char32_t c) {
  for (char32_t d : kDashes) {
    if (c == d) return U'-';
  }
  for (char32_t t : kTildes) {
    if (c == t) return U'~';
  }
  return 0;
}

// What Hant-Hans says about one character, and what we keep of it.
struct T2sAnswer {
  char32_t target = 0;   // 0 when ICU leaves the character alone or we do not use its answer
  std::string skipped;   // why ICU's answer is not used, when it is not
  std::u32string icu;    // ICU's answer, as given
};

T2sAnswer t2s_fold(icu::Transliterator& hant_hans, char32_t c) {
  T2sAnswer answer;
  icu::UnicodeString s(static_cast<UChar32>(c));
  hant_hans.transliterate(s);
  answer.icu = code_points(s);
  if (answer.icu == std::u32string(1, c)) return answer;
  if (answer.icu.size() != 1) {
    answer.skipped = "ICU gives " + std::to_string(answer.icu.size()) + " code points";
  } else if (!is_han(c) || !is_han(answer.icu[0])) {
    answer.skipped = "not Han (punctuation style is not script)";
  } else if ((answer.icu[0] >> 16) != (c >> 16)) {
    answer.skipped = "target in another plane";  // the 16-bit deltas cannot say it
  } else {
    answer.target = answer.icu[0];
  }
  return answer;
}

// ---------------------------------------------------------------------------------------
// Context: characters whose Hant-Hans answer inside some phrase differs from the answer
// for the character alone.

struct ContextUse {
  std::set<char32_t> answers;          // what ICU gives the character inside the phrases
  std::vector<std::string> examples;   // "低沈>低沉", in rule order
};

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// Reads Hant-Hans's rules ("X > Y;" one a line, X and Y plain text). Anything else means a
// new ICU writes its rules differently, and this function must learn to read them: it stops
// the build rather than miss context silently.
std::map<char32_t, ContextUse> find_context(icu::Transliterator& hant_hans,
                                            const std::vector<T2sAnswer>& alone) {
  icu::UnicodeString rules_utf16;
  hant_hans.toRules(rules_utf16, false);
  std::string rules;
  rules_utf16.toUTF8String(rules);

  std::map<char32_t, ContextUse> context;
  std::stringstream in(rules);
  std::string line;
  int rule_count = 0;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto arrow = line.find(" > ");
    if (line.back() != ';' || arrow == std::string::npos ||
        line.find_first_of("{}|[]$'\\:&=<@^") != std::string::npos ||
        line.find('>', arrow + 3) != std::string::npos) {
      die("unexpected rule in Hant-Hans's toRules() line " + std::to_string(line_number) + ": " + line);
    }
    ++rule_count;
    const std::u32string left = code_points(icu::UnicodeString::fromUTF8(trim(line.substr(0, arrow))));
    const std::u32string right = code_points(
        icu::UnicodeString::fromUTF8(trim(line.substr(arrow + 3, line.size() - arrow - 4))));
    if (left.size() < 2) continue;  // a rule for one character is the context-free answer
    const std::string example = utf8(left) + ">" + utf8(right);
    for (size_t i = 0; i < left.size(); ++i) {
      const char32_t c = left[i];
      if (c >= kTableEnd) continue;
      const std::u32string& alone_answer = alone[c].icu;
      // Phrases whose two sides differ in length give no position-by-position answer:
      // every character in them depends on context.
      const bool differs = left.size() != right.size() || alone_answer != std::u32string(1, right[i]);
      if (!differs) continue;
      ContextUse& use = context[c];
      if (left.size() == right.size()) use.answers.insert(right[i]);
      use.examples.push_back(example);
    }
  }
  if (rule_count < 1000) die("Hant-Hans's toRules() gave only " + std::to_string(rule_count) + " rules");
  return context;
}

std::string context_note(const ContextUse& use) {
  std::string note = "context: ICU gives ";
  bool first = true;
  for (char32_t a : use.answers) {
    note += (first ? "" : "/") + utf8(a);
    first = false;
  }
  note += " in ";
  constexpr size_t kShown = 3;
  for (size_t i = 0; i < use.examples.size() && i < kShown; ++i) {
    note += (i ? ", " : "") + use.examples[i];
  }
  if (use.examples.size() > kShown) note += " (+" + std::to_string(use.examples.size() - kShown) + " more)";
  return note;
}

// ---------------------------------------------------------------------------------------
// The table.

enum class Kind { kNone, kWidth, kDash, kT2s, kOverride };

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::kNone: return "none";
    case Kind::kWidth: return "width";
    case Kind::kDash: return "dash";
    case Kind::kT2s: return "t2s";
    case Kind::kOverride: return "override";
  }
  return "?";
}

struct Entry {
  char32_t full;   // the whole fold
  char32_t t2s;    // only traditional -> simplified (with overrides)
  Kind kind = Kind::kNone;
  std::string note;
};

struct Table {
  std::vector<Entry> entries;                   // index = code point, size kTableEnd
  std::vector<std::string> header_notes;        // "# ..." lines for the TSV
  std::map<Kind, int> rows_by_kind;
  int context_count = 0;
};

std::string versions_line(const std::string& icu_version, const std::string& unicode_version) {
  return "ICU " + icu_version + " (Unicode " + unicode_version + ")";
}

Table build_table(const std::map<char32_t, Override>& overrides) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  check_icu(status, "Normalizer2::getNFKCInstance");
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> hant_hans(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8("Hant-Hans"), UTRANS_FORWARD, parse_error, status));
  check_icu(status, "Transliterator::createInstance(Hant-Hans)");

  for (char32_t d : kDashes) {
    if (!u_hasBinaryProperty(static_cast<UChar32>(d), UCHAR_DASH)) {
      die("U+" + hex(d) + " is not a Dash in ICU; check the dash list");
    }
  }

  std::vector<T2sAnswer> alone(kTableEnd);
  for (char32_t c = 0; c < kTableEnd; ++c) {
    if (!is_surrogate(c)) alone[c] = t2s_fold(*hant_hans, c);
  }
  for (char32_t c = kTableEnd; c <= 0x10FFFF; ++c) {
    if (t2s_fold(*hant_hans, c).icu != std::u32string(1, c)) {
      die("ICU's Hant-Hans changes U+" + hex(c) + ", beyond the table; raise kTableEnd");
    }
  }
  const std::map<char32_t, ContextUse> context = find_context(*hant_hans, alone);

  Table table;
  table.entries.resize(kTableEnd);
  std::vector<std::string> skipped_notes, kept_notes, context_notes;
  for (char32_t c = 0; c < kTableEnd; ++c) {
    Entry& e = table.entries[c];
    e.full = e.t2s = c;
    if (is_surrogate(c)) continue;
    const T2sAnswer& t2s = alone[c];
    if (!t2s.skipped.empty()) {
      skipped_notes.push_back("# skipped\t" + hex(c) + "\t" + utf8(c) + "\t" + utf8(t2s.icu) + "\t" + t2s.skipped);
    }
    const auto context_it = context.find(c);
    const std::string context_text = context_it == context.end() ? "" : context_note(context_it->second);
    if (const auto it = overrides.find(c); it != overrides.end()) {
      const std::string icu_said = t2s.target ? utf8(t2s.target) : utf8(c);
      e.t2s = it->second.target;
      if (e.t2s == c) {
        kept_notes.push_back("# kept\t" + hex(c) + "\t" + utf8(c) + "\tICU: " + icu_said + "\t" +
                             it->second.reason + (context_text.empty() ? "" : "; " + context_text));
      } else {
        e.kind = Kind::kOverride;
        e.note = it->second.reason + " (ICU: " + icu_said + ")" + (context_text.empty() ? "" : "; " + context_text);
      }
    } else if (t2s.target) {
      e.t2s = t2s.target;
      e.kind = Kind::kT2s;
      e.note = context_text;
    } else if (!context_text.empty()) {
      context_notes.push_back("# context\t" + hex(c) + "\t" + utf8(c) + "\t" + context_text);
    }
    e.full = e.t2s;
    if (const char32_t w = width_fold(*nfkc, c)) {
      e.full = w;
      e.kind = Kind::kWidth;
      e.note = "NFKC; " + char_name(c);
    } else if (const char32_t d = dash_fold(c)) {
      e.full = d;
      e.kind = Kind::kDash;
      e.note = char_name(c);
    }
    if (!context_text.empty()) ++table.context_count;
  }

  // Idempotence: fold(fold(c)) == fold(c), so folding the shadow again changes nothing.
  // Where ICU's data makes that impossible (a character that is both a traditional form
  // and the simplified form of another), say so next to the row.
  for (char32_t c = 0; c < kTableEnd; ++c) {
    Entry& e = table.entries[c];
    if (e.full == c) continue;
    const char32_t again = table.entries[e.full].full;
    if (again != e.full) {
      e.note += std::string(e.note.empty() ? "" : "; ") + "not idempotent: " + utf8(e.full) +
                " folds on to " + utf8(again);
    }
    ++table.rows_by_kind[e.kind];
  }

  table.header_notes.push_back(
      "# Context-dependent characters that the table leaves as they are (ICU changes them only inside phrases):");
  table.header_notes.insert(table.header_notes.end(), context_notes.begin(), context_notes.end());
  table.header_notes.push_back("# Characters data/fold_overrides.tsv keeps although ICU changes them:");
  table.header_notes.insert(table.header_notes.end(), kept_notes.begin(), kept_notes.end());
  table.header_notes.push_back("# ICU Hant-Hans answers not used:");
  table.header_notes.insert(table.header_notes.end(), skipped_notes.begin(), skipped_notes.end());
  return table;
}

// ---------------------------------------------------------------------------------------
// Output.

std::string icu_version() { return U_ICU_VERSION; }

std::string unicode_version() {
  UVersionInfo info;
  u_getUnicodeVersion(info);
  char buf[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, buf);
  return buf;
}

std::string render_tsv(const Table& table) {
  std::string out;
  out += "# GENERATED BY src/tools/gen_fold_table.cpp from " + versions_line(icu_version(), unicode_version()) +
         " and data/fold_overrides.tsv; DO NOT EDIT.\n";
  out += "# Regenerate with scripts/regen_tables.sh (the build writes <build>/generated/fold_table.tsv).\n";
  out += "# Format: source_hex<TAB>source<TAB>target_hex<TAB>target<TAB>kind<TAB>note\n";
  out += "# One row per code point in U+0000..U+2FFFF whose full fold differs from it, by source.\n";
  out += "# kind: width (NFKC of U+FF01..U+FF5E, U+3000, U+00A0) | dash (ranges: '-' and '~') |\n";
  out += "#       t2s (ICU Hant-Hans on the character alone) | override (data/fold_overrides.tsv).\n";
  out += "# The t2s-only fold (to_simplified_char) is the t2s and override rows.\n";
  out += "# Rows:";
  for (const Kind kind : {Kind::kWidth, Kind::kDash, Kind::kT2s, Kind::kOverride}) {
    const auto it = table.rows_by_kind.find(kind);
    out += std::string(" ") + kind_name(kind) + " " + std::to_string(it == table.rows_by_kind.end() ? 0 : it->second);
  }
  out += "; context-dependent characters: " + std::to_string(table.context_count) + "\n";
  for (const std::string& note : table.header_notes) out += note + "\n";
  for (char32_t c = 0; c < kTableEnd; ++c) {
    const Entry& e = table.entries[c];
    if (e.full == c) continue;
    out += hex(c) + "\t" + utf8(c) + "\t" + hex(e.full) + "\t" + utf8(e.full) + "\t" + kind_name(e.kind) + "\t" +
           (e.note.empty() ? "-" : e.note) + "\n";
  }
  return out;
}

// Splits the folds into 256-entry blocks of 16-bit deltas, sharing equal blocks.
struct Blocks {
  std::vector<std::vector<uint16_t>> pool;
  std::vector<int> full_stage1, t2s_stage1;
};

Blocks build_blocks(const Table& table) {
  Blocks blocks;
  std::map<std::vector<uint16_t>, int> index;
  auto intern = [&](const std::vector<uint16_t>& block) {
    const auto [it, inserted] = index.emplace(block, static_cast<int>(blocks.pool.size()));
    if (inserted) blocks.pool.push_back(block);
    return it->second;
  };
  intern(std::vector<uint16_t>(kBlockSize, 0));  // block 0: no folds
  for (char32_t base = 0; base < kTableEnd; base += kBlockSize) {
    std::vector<uint16_t> full(kBlockSize), t2s(kBlockSize);
    for (char32_t i = 0; i < kBlockSize; ++i) {
      const char32_t c = base + i;
      const Entry& e = table.entries[c];
      if ((e.full >> 16) != (c >> 16) || (e.t2s >> 16) != (c >> 16)) die("U+" + hex(c) + " folds into another plane");
      full[i] = static_cast<uint16_t>(e.full - c);
      t2s[i] = static_cast<uint16_t>(e.t2s - c);
    }
    blocks.full_stage1.push_back(intern(full));
    blocks.t2s_stage1.push_back(intern(t2s));
  }
  return blocks;
}

void append_array(std::string& out, const std::vector<int>& values, int per_line) {
  for (size_t i = 0; i < values.size(); ++i) {
    out += (i % per_line == 0) ? "\n   " : "";
    out += " " + std::to_string(values[i]) + ",";
  }
  out += "\n";
}

std::string render_cpp(const Table& table) {
  const Blocks blocks = build_blocks(table);
  const bool small = blocks.pool.size() <= 256;
  bool ascii_identity = true;
  for (char32_t c = 0; c < 0x80; ++c) ascii_identity = ascii_identity && table.entries[c].full == c;

  std::string out;
  out += "// GENERATED BY src/tools/gen_fold_table.cpp from ICU " + icu_version() + "; DO NOT EDIT.\n";
  out += "// Unicode " + unicode_version() + ", with data/fold_overrides.tsv. CMake regenerates it on every build\n";
  out += "// that changes the generator or the overrides; the rows are in fold_table.tsv beside it.\n";
  out += "//\n";
  out += "// fold(c) for c < kFoldTableEnd: d = kFoldDeltas[stage1[c >> 8] * 256 + (c & 0xFF)], then the low 16 bits of\n";
  out += "// the answer are (c + d) mod 2^16 and the plane is c's. Code points from kFoldTableEnd on fold\n";
  out += "// to themselves.\n";
  out += "#pragma once\n\n#include <cstdint>\n\nnamespace zhpolicy::detail {\n\n";
  out += "inline constexpr char kFoldTableIcuVersion[] = \"" + icu_version() + "\";\n";
  out += "inline constexpr char kFoldTableUnicodeVersion[] = \"" + unicode_version() + "\";\n";
  out += "inline constexpr char32_t kFoldTableEnd = 0x" + hex(kTableEnd) + ";\n";
  out += "// The ASCII fast path in normalize.cpp relies on ASCII folding to itself.\n";
  out += std::string("inline constexpr bool kFoldAsciiIdentity = ") + (ascii_identity ? "true" : "false") + ";\n";
  for (const Kind kind : {Kind::kWidth, Kind::kDash, Kind::kT2s, Kind::kOverride}) {
    std::string name = kind_name(kind);
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    const auto it = table.rows_by_kind.find(kind);
    const int count = it == table.rows_by_kind.end() ? 0 : it->second;
    out += "inline constexpr int kFold" + name + "Rows = " + std::to_string(count) + ";\n";
  }
  out += "inline constexpr int kFoldContextCharacters = " + std::to_string(table.context_count) + ";\n";
  out += "inline constexpr int kFoldBlockCount = " + std::to_string(blocks.pool.size()) + ";\n";
  out += std::string("using FoldStage1 = ") + (small ? "uint8_t" : "uint16_t") + ";\n\n";

  out += "// Stage 1 of the full fold (width + dash + t2s), one entry per 256 code points.\n";
  out += "inline constexpr FoldStage1 kFoldStage1[" + std::to_string(blocks.full_stage1.size()) + "] = {";
  append_array(out, blocks.full_stage1, 24);
  out += "};\n\n";
  out += "// Stage 1 of the traditional -> simplified fold alone.\n";
  out += "inline constexpr FoldStage1 kT2sStage1[" + std::to_string(blocks.t2s_stage1.size()) + "] = {";
  append_array(out, blocks.t2s_stage1, 24);
  out += "};\n\n";

  // One flat array rather than [kFoldBlockCount][256]: normalize.cpp indexes it with one offset
  // per block (c + offset[c >> 8]), which in a two-dimensional array would step out of a row.
  out += "// Blocks of 256 deltas, back to back; block 0 is the identity.\n";
  out += "inline constexpr uint16_t kFoldDeltas[kFoldBlockCount * 256] = {\n";
  for (size_t b = 0; b < blocks.pool.size(); ++b) {
    const auto& block = blocks.pool[b];
    out += "  // block " + std::to_string(b);
    for (size_t i = 0; i < block.size(); ++i) {
      out += (i % 16 == 0) ? "\n   " : "";
      out += " " + std::to_string(block[i]) + ",";
    }
    out += "\n";
  }
  out += "};\n\n}  // namespace zhpolicy::detail\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const auto overrides = read_overrides(options.overrides_path);
  const Table table = build_table(overrides);
  if (!options.tsv_path.empty()) zhpolicy::tools::write_generated_file("gen_fold_table", options.tsv_path, render_tsv(table));
  if (!options.cpp_path.empty()) zhpolicy::tools::write_generated_file("gen_fold_table", options.cpp_path, render_cpp(table));
  return 0;
}
