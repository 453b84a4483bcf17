// Tests for the normalize stage: readable examples first, then the proofs.
//
// The proofs compare two implementations each: the compiled table against ICU asked live
// for every code point it covers (so the table is ICU's answer, overrides apart), the
// hand-written decoder against a byte-by-byte reference decoder written here from the
// Unicode well-formedness table, and to_utf8 against ICU's UTF-8 writer. The committed
// data/fold_table.tsv must equal the one the build just generated, so a change of ICU or of
// data/fold_overrides.tsv always shows up in review.
#include "zhpolicy/normalize.hpp"

#include "internal/boilerplate.hpp"
#include "internal/code_points_counted.hpp"
#include "internal/compact_form.hpp"
#include "internal/mixed_decode.hpp"
#include "internal/utf8_encode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using zhpolicy::fold_char;
using zhpolicy::normalize;
using zhpolicy::to_code_points;
using zhpolicy::to_simplified_char;
using zhpolicy::to_utf8;

constexpr char32_t kTableEnd = 0x30000;  // what the table covers; above it folds are identity
constexpr char32_t kReplacement = 0xFFFD;

// The folded shadow of `text`, as UTF-8 for readable expectations.
std::string shadow(std::string_view text) { return to_utf8(normalize(text)); }

std::string utf8_of(char32_t c) { return to_utf8(std::u32string(1, c)); }

std::string hex(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// One helper checks every ICU error code, naming the function.
void require_icu(UErrorCode status, const char* function) {
  INFO(function << " failed: " << u_errorName(status));
  REQUIRE(U_SUCCESS(status));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("cannot open " << path);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::stringstream ss(s);
  while (std::getline(ss, part, separator)) parts.push_back(part);
  if (!s.empty() && s.back() == separator) parts.push_back("");
  return parts;
}

bool is_han(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  require_icu(status, "uscript_getScript");
  return script == USCRIPT_HAN;
}

// data/fold_overrides.tsv as source -> target. The file's validity has its own test below.
std::map<char32_t, char32_t> read_overrides() {
  std::map<char32_t, char32_t> overrides;
  for (const std::string& line : split(read_file(ZHPOLICY_DATA_DIR "/fold_overrides.tsv"), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, '\t');
    if (fields.size() < 2) continue;
    const std::u32string source = to_code_points(fields[0]);
    const std::u32string target = to_code_points(fields[1]);
    if (source.size() == 1 && target.size() == 1) overrides[source[0]] = target[0];
  }
  return overrides;
}

// Reference decoder: one step per well-formed sequence of the Unicode Standard's table 3-7,
// otherwise U+FFFD for the one byte. Slow and obvious on purpose.
std::u32string reference_decode(std::string_view text) {
  std::u32string out;
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto in = [&](size_t k, unsigned lo, unsigned hi) { return k < text.size() && byte(k) >= lo && byte(k) <= hi; };
  while (i < text.size()) {
    const unsigned b = byte(i);
    size_t length = 0;
    if (b <= 0x7F) {
      length = 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      length = in(i + 1, 0x80, 0xBF) ? 2 : 0;
    } else if (b >= 0xE0 && b <= 0xEF) {
      const unsigned lo = b == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = b == 0xED ? 0x9F : 0xBF;
      length = in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if (b >= 0xF0 && b <= 0xF4) {
      const unsigned lo = b == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = b == 0xF4 ? 0x8F : 0xBF;
      length = in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    if (length == 0) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < length; ++k) c = (c << 6) | (byte(i + k) & 0x3F);
    out.push_back(c);
    i += length;
  }
  return out;
}

// What normalize() must give: the reference decoding, folded code point by code point.
std::u32string reference_normalize(std::string_view text) {
  std::u32string folded = reference_decode(text);
  for (char32_t& c : folded) c = fold_char(c);
  return folded;
}

// Decodes `bytes` from a heap buffer of exactly that size, so AddressSanitizer sees any read
// past the end (a std::string's terminating NUL would hide one).
std::u32string normalize_exact(const std::string& bytes) {
  const std::unique_ptr<char[]> buffer(new char[bytes.size() + (bytes.empty() ? 1 : 0)]);
  std::copy(bytes.begin(), bytes.end(), buffer.get());
  return normalize(std::string_view(buffer.get(), bytes.size()));
}

// ------------------------------------------------------------------------------------------
// Examples.

TEST_CASE("normalize: ２０２０ folds to 2020") {
  CHECK(shadow("２０２０年") == "2020年");
}

TEST_CASE("normalize: full-width （一） and ％ fold to ASCII (一) and %") {
  CHECK(shadow("（一）") == "(一)");
  CHECK(shadow("达到９５％以上") == "达到95%以上");
  CHECK(shadow("ＡＢＣ ｘｙｚ！？") == "ABC xyz!?");
}

TEST_CASE("normalize: U+3000 and U+00A0 fold to a space") {
  CHECK(shadow("第一条\u3000总则") == "第一条 总则");
  CHECK(shadow("10\u00A0%") == "10 %");
}

TEST_CASE("normalize: CJK punctuation 。、「」《》“”‘’… is kept") {
  const std::string punctuation = "。、「」《》“”‘’…『』〔〕【】";
  CHECK(shadow(punctuation) == punctuation);
  CHECK(fold_char(U'｡') == U'｡');  // the half-width form stays too: no fold towards it or from it
  // The full-width forms of ASCII punctuation, common in Chinese text, do fold.
  CHECK(shadow("：；，！？") == ":;,!?");
}

TEST_CASE("normalize: dashes fold to - and wave dashes to an ASCII tilde") {
  CHECK(shadow("3—4年") == "3-4年");
  CHECK(shadow("3–4 ‐ ‑ ‒ ― − ﹘ ﹣ －") == "3-4 - - - - - - - -");
  CHECK(shadow("3～5人、3〜5人、3∼5人") == "3~5人、3~5人、3~5人");
  CHECK(fold_char(0x02DC) == 0x02DC);  // small tilde: cp1252 mojibake, not a range
  CHECK(shadow("——") == "--");
}

TEST_CASE("normalize: 個萬億於學 and 實現 fold to 个万亿于学 and 实现") {
  CHECK(shadow("個萬億於學") == "个万亿于学");
  CHECK(shadow("實現") == "实现");
  CHECK(shadow("推進學前教育普及普惠發展") == "推进学前教育普及普惠发展");
  CHECK(to_simplified_char(U'個') == U'个');
  CHECK(to_simplified_char(U'个') == U'个');
}

TEST_CASE("normalize: overrides win over ICU: 与时俱进 and 姊妹学校 are kept") {
  CHECK(shadow("与时俱进") == "与时俱进");
  CHECK(shadow("姊妹学校") == "姊妹学校");
  CHECK(shadow("成效显著") == "成效显著");
  CHECK(to_simplified_char(U'俱') == U'俱');
  CHECK(to_simplified_char(U'姊') == U'姊');
}

TEST_CASE("normalize: to_simplified_char folds script only, not width or dashes") {
  CHECK(to_simplified_char(U'２') == U'２');
  CHECK(to_simplified_char(U'—') == U'—');
  CHECK(to_simplified_char(0x3000) == 0x3000);
  CHECK(to_simplified_char(U'學') == U'学');
  CHECK(fold_char(U'學') == U'学');
}

TEST_CASE("normalize: one output code point per input code point, 4-byte characters included") {
  const std::string text = "第１条　學校—𠀀😀ａ é 𪚥３～５名、Ω";
  const std::u32string shadow_cps = normalize(text);
  const std::u32string cps = to_code_points(text);
  REQUIRE(cps == U"第１条　學校—𠀀😀ａ é 𪚥３～５名、Ω");
  REQUIRE(shadow_cps.size() == cps.size());
  REQUIRE(static_cast<int32_t>(cps.size()) == icu::UnicodeString::fromUTF8(text).countChar32());
  for (size_t i = 0; i < cps.size(); ++i) CHECK(shadow_cps[i] == fold_char(cps[i]));
  CHECK(to_utf8(shadow_cps) == "第1条 学校-𠀀😀a é 𪚥3~5名、Ω");
  CHECK(normalize("").empty());
  // fold() of the code points, and the same in their own buffer, give the shadow too.
  CHECK(zhpolicy::fold(cps) == shadow_cps);
  std::u32string in_place = cps;
  zhpolicy::fold_in_place(in_place);
  CHECK(in_place == shadow_cps);
}

TEST_CASE("normalize: to_utf8 and to_code_points round-trip every scalar value") {
  std::u32string all;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c < 0xD800 || c > 0xDFFF) all.push_back(c);
  }
  const std::string utf8 = to_utf8(all);
  icu::UnicodeString utf16;
  for (char32_t c : all) utf16.append(static_cast<UChar32>(c));
  std::string icu_utf8;
  utf16.toUTF8String(icu_utf8);
  CHECK(utf8 == icu_utf8);
  CHECK(to_code_points(utf8) == all);
  // Not scalar values: written as U+FFFD rather than as invalid UTF-8.
  CHECK(to_utf8(std::u32string{0xD800, U'a', 0x110000}) == "\xEF\xBF\xBD" "a" "\xEF\xBF\xBD");
}

TEST_CASE("normalize: append_encoded writes what to_utf8 writes, four CJK characters a step or not") {
  // Every code point (and values that are not scalar values) once, then CJK runs broken by
  // every other kind of code point at every offset of a four-wide step: the vector step and
  // the one-at-a-time encoder must write to_utf8's bytes after any prefix.
  std::u32string all;
  for (char32_t c = 0; c <= 0x110010; ++c) all.push_back(c);
  all.push_back(0xFFFFFFFF);
  std::string encoded = "prefix";
  zhpolicy::detail::append_encoded(encoded, all);
  CHECK(encoded == "prefix" + to_utf8(all));
  const std::u32string run = U"实现高质量发展教育强国";
  for (const char32_t breaker : {U'a', U'é', char32_t{0x7FF}, char32_t{0x800}, char32_t{0xD7FF}, char32_t{0xD800},
                                 char32_t{0xE000}, U'。', char32_t{0x10000}, char32_t{0x110000}, char32_t{0x80000000}}) {
    for (size_t at = 0; at <= run.size(); ++at) {
      const std::u32string text = run.substr(0, at) + breaker + run.substr(at);
      INFO("breaker U+" << std::hex << static_cast<uint32_t>(breaker) << " at " << std::dec << at);
      std::string out;
      zhpolicy::detail::append_encoded(out, text);
      REQUIRE(out == to_utf8(text));
    }
  }
}

TEST_CASE("normalize: invalid UTF-8 gives one U+FFFD per bad byte") {
  struct Case {
    std::string bytes;
    std::u32string expected;
  };
  const std::vector<Case> cases = {
      {"\x80", {kReplacement}},
      {"a\xE4\xB8", {U'a', kReplacement, kReplacement}},  // truncated at the end
      {"\xE4\xB8" "a", {kReplacement, kReplacement, U'a'}},
      {"\xC0\xAF", {kReplacement, kReplacement}},          // overlong '/'
      {"\xE0\x80\xAF", {kReplacement, kReplacement, kReplacement}},
      {"\xED\xA0\x80", {kReplacement, kReplacement, kReplacement}},  // a surrogate
      {"\xF4\x90\x80\x80", {kReplacement, kReplacement, kReplacement, kReplacement}},
      {"\xF0\x9F\x98", {kReplacement, kReplacement, kReplacement}},
      {"\xFF\xFE", {kReplacement, kReplacement}},
      {"\xE5\x80\x8B\xBF", {U'个', kReplacement}},  // 個 folded, then a stray byte
  };
  for (const Case& c : cases) {
    INFO("case of " << c.bytes.size() << " bytes starting " << hex(static_cast<unsigned char>(c.bytes[0])));
    CHECK(normalize_exact(c.bytes) == c.expected);
    CHECK(reference_decode(c.bytes).size() == c.expected.size());
  }
}

TEST_CASE("normalize: random text decodes like a byte-by-byte reference decoder") {
  const std::vector<std::string> pieces = {
      "a", "2020", "abcdefghijklmnopqrstuvwxyz0123456789", "學", "个", "，", "（", "）", "２",
      "\u3000", "—", "～", "é", "Ω", "𠀀", "😀", "\x80", "\xE4\xB8", "\xF0\x9F", "\xC0", "\xFF",
      "\xED\xA0\x80", "\xEF\xBF\xBD", "实现高质量发展", "\n", "\t", std::string(1, '\0')};
  std::mt19937 random(20240611);
  std::u32string reused_code_points = U"left over from before", reused_folded = U"left over";
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % (round < 300 ? 40 : 4000));
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    INFO("round " << round << ", " << text.size() << " bytes");
    REQUIRE(to_code_points(text) == reference_decode(text));
    REQUIRE(normalize_exact(text) == reference_normalize(text));
    // decode_and_fold into buffers that hold the last round's longer text.
    zhpolicy::decode_and_fold(text, reused_code_points, reused_folded);
    REQUIRE(reused_code_points == reference_decode(text));
    REQUIRE(reused_folded == reference_normalize(text));
    // Every prefix too: a cut anywhere must stay within the buffer.
    if (round < 50) {
      for (size_t n = 0; n <= text.size(); ++n) {
        const std::string prefix = text.substr(0, n);
        REQUIRE(normalize_exact(prefix) == reference_normalize(prefix));
      }
    }
  }
}

TEST_CASE("normalize: text mixing ASCII and three-byte characters decodes as one character at a time") {
  // decode_mixed() is the SSSE3 path (sixteen bytes a step) where the processor has it;
  // around it the decoder goes one character at a time. A bad byte, a lead the mixed decoder
  // leaves to the others (E0, ED: overlong and surrogate checks; two- and four-byte
  // sequences) or ASCII, at every position of a run, at every alignment, must decode as the
  // reference does.
  INFO("SSSE3 mixed decoder " << (zhpolicy::detail::mixed_decode_supported() ? "in use" : "not available"));
  const std::string run = "实现高质量发展，教育强国。学校建设１６所，新增学位14310个";
  const std::vector<std::string> breakers = {"a", "\x80", "\xE4\xB8", "\xED\x9F\xBF", "\xE0\xA4\x80",
                                             "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xC3\xA9", std::string(1, '\0'),
                                             "2025"};
  for (size_t lead_in = 0; lead_in < 4; ++lead_in) {
    for (const std::string& breaker : breakers) {
      for (size_t at = 0; at <= run.size(); ++at) {
        const std::string text = std::string(lead_in, 'x') + run.substr(0, at) + breaker + run.substr(at) + run;
        INFO("lead-in " << lead_in << ", breaker of " << breaker.size() << " bytes at " << at);
        REQUIRE(to_code_points(text) == reference_decode(text));
        REQUIRE(normalize_exact(text) == reference_normalize(text));
      }
    }
  }
}

TEST_CASE("normalize: the mixed decoder stops before what it leaves to the one-at-a-time decoder") {
  using zhpolicy::detail::decode_mixed;
  const std::string text = "第1条 实现高质量发展2025年教育强国学校建设";
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = begin + text.size();
  char32_t out[64] = {};
  const unsigned char* p = begin;
  char32_t* const out_end = decode_mixed(p, end, out, out + 64);
  if (!zhpolicy::detail::mixed_decode_supported()) {
    CHECK(out_end == out);
    CHECK(p == begin);
    return;
  }
  // It needs sixteen readable bytes a step: it stops within the last sixteen, on a boundary.
  REQUIRE(p > begin);
  CHECK(end - p < 16);
  const auto done = static_cast<size_t>(p - begin);
  CHECK(std::u32string(out, out_end) == reference_decode(text.substr(0, done)));
  // Room for fewer than sixteen code points: nothing.
  p = begin;
  CHECK(decode_mixed(p, end, out, out + 15) == out);
  CHECK(p == begin);
  // What it leaves to the others, after six ideographs: it stops on a boundary before it
  // (up to three characters early: a step takes four or none).
  for (const std::string refused : {"\xE0\xA4\x80", "\xED\x9F\xBF", "\xC3\xA9", "\xF0\x9F\x98\x80", "\x80"}) {
    const std::string six = "实现高质量发";
    const std::string t = six + refused + text;
    const auto* b = reinterpret_cast<const unsigned char*>(t.data());
    p = b;
    const char32_t* e = decode_mixed(p, b + t.size(), out, out + 64);
    const auto taken = static_cast<size_t>(p - b);
    CHECK(taken <= six.size());
    CHECK(taken % 3 == 0);
    CHECK(std::u32string(static_cast<const char32_t*>(out), e) == reference_decode(six.substr(0, taken)));
  }
}

// ------------------------------------------------------------------------------------------
// The table against ICU and against its files.

TEST_CASE("normalize: the table equals ICU for every code point U+0000..U+2FFFF") {
  const std::map<char32_t, char32_t> overrides = read_overrides();
  REQUIRE(overrides.count(U'俱') == 1);

  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  const std::unique_ptr<icu::Transliterator> hant_hans(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8("Hant-Hans"), UTRANS_FORWARD, parse_error, status));
  require_icu(status, "Transliterator::createInstance");
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  require_icu(status, "Normalizer2::getNFKCInstance");

  const std::u32string dashes = U"\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D";
  const std::u32string tildes = U"\u223C\u301C\uFF5E";

  int mismatches = 0;
  int t2s_folds = 0;
  std::string report;
  for (char32_t c = 0; c < kTableEnd; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    // Traditional -> simplified: Hant-Hans on the character alone, Han to Han only.
    icu::UnicodeString s(static_cast<UChar32>(c));
    hant_hans->transliterate(s);
    char32_t t2s = c;
    if (s.countChar32() == 1 && static_cast<char32_t>(s.char32At(0)) != c && is_han(c) &&
        is_han(static_cast<char32_t>(s.char32At(0)))) {
      t2s = static_cast<char32_t>(s.char32At(0));
    }
    if (const auto it = overrides.find(c); it != overrides.end()) t2s = it->second;
    t2s_folds += t2s != c;
    // Width: full-width ASCII and the wide spaces, as ICU's NFKC says.
    char32_t full = t2s;
    if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000 || c == 0x00A0) {
      const icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
      require_icu(status, "Normalizer2::normalize");
      REQUIRE(folded.countChar32() == 1);
      full = static_cast<char32_t>(folded.char32At(0));
      REQUIRE(full == (c >= 0xFF01 ? c - 0xFEE0 : U' '));
    } else if (dashes.find(c) != std::u32string::npos) {
      full = U'-';
    } else if (tildes.find(c) != std::u32string::npos) {
      full = U'~';
    }
    if (to_simplified_char(c) != t2s || fold_char(c) != full) {
      if (++mismatches <= 20) {
        report += hex(c) + " " + utf8_of(c) + ": table " + utf8_of(fold_char(c)) + "/" +
                  utf8_of(to_simplified_char(c)) + ", ICU " + utf8_of(full) + "/" + utf8_of(t2s) + "\n";
      }
    }
  }
  INFO(report);
  CHECK(mismatches == 0);
  CHECK(t2s_folds > 2500);  // ICU's data was really there
  for (char32_t c : {char32_t{0xD800}, char32_t{0xDFFF}, kTableEnd, char32_t{0x10FFFF}, char32_t{0x110000}}) {
    CHECK(fold_char(c) == c);
    CHECK(to_simplified_char(c) == c);
  }
}

TEST_CASE("normalize: the fold is idempotent except 薴 to 苧 to 苎") {
  // 苧 is both a traditional form (苧麻 -> 苎麻) and the simplified form of 薴 (ICU's
  // answers for both are kept; see data/fold_table.tsv).
  std::string report;
  for (char32_t c = 0; c < kTableEnd; ++c) {
    if (c == U'薴') continue;
    if (fold_char(fold_char(c)) != fold_char(c) || to_simplified_char(to_simplified_char(c)) != to_simplified_char(c)) {
      report += hex(c) + " ";
    }
  }
  CHECK(report == "");
  CHECK(fold_char(U'薴') == U'苧');
  CHECK(fold_char(U'苧') == U'苎');
}

TEST_CASE("normalize: the table reports the ICU and Unicode versions the tests link") {
  UVersionInfo info;
  u_getUnicodeVersion(info);
  char unicode_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, unicode_version);
  CHECK(std::string(zhpolicy::fold_table_icu_version()) == U_ICU_VERSION);
  CHECK(std::string(zhpolicy::fold_table_unicode_version()) == unicode_version);
}

TEST_CASE("normalize: data/fold_table.tsv is the freshly generated table") {
  const std::string committed = read_file(ZHPOLICY_DATA_DIR "/fold_table.tsv");
  const std::string generated = read_file(ZHPOLICY_GENERATED_DIR "/fold_table.tsv");
  if (committed != generated) {
    const auto a = split(committed, '\n');
    const auto b = split(generated, '\n');
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    FAIL("data/fold_table.tsv is stale; run scripts/regen_tables.sh and review the diff. First difference at line "
         << i + 1 << ":\n  committed: " << (i < a.size() ? a[i] : "<end>")
         << "\n  generated: " << (i < b.size() ? b[i] : "<end>"));
  }
}

TEST_CASE("normalize: every row of data/fold_table.tsv is what fold_char answers") {
  std::map<char32_t, char32_t> rows;
  bool format_seen = false;
  for (const std::string& line : split(read_file(ZHPOLICY_DATA_DIR "/fold_table.tsv"), '\n')) {
    if (line.rfind("# Format: ", 0) == 0) format_seen = true;
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, '\t');
    INFO(line);
    REQUIRE(fields.size() == 6);
    const char32_t source = static_cast<char32_t>(std::stoul(fields[0], nullptr, 16));
    const char32_t target = static_cast<char32_t>(std::stoul(fields[2], nullptr, 16));
    CHECK(to_code_points(fields[1]) == std::u32string(1, source));
    CHECK(to_code_points(fields[3]) == std::u32string(1, target));
    CHECK((fields[4] == "width" || fields[4] == "dash" || fields[4] == "t2s" || fields[4] == "override"));
    CHECK(fold_char(source) == target);
    CHECK((rows.empty() || rows.rbegin()->first < source));  // sorted, unique
    rows[source] = target;
  }
  CHECK(format_seen);
  size_t folded = 0;
  for (char32_t c = 0; c < kTableEnd; ++c) folded += fold_char(c) != c;
  CHECK(rows.size() == folded);
}

TEST_CASE("normalize: data/fold_overrides.tsv is sorted, unique and valid") {
  const std::string text = read_file(ZHPOLICY_DATA_DIR "/fold_overrides.tsv");
  REQUIRE(to_utf8(to_code_points(text)) == text);  // valid UTF-8
  REQUIRE(to_code_points(text).find(kReplacement) == std::u32string::npos);

  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  const std::unique_ptr<icu::Transliterator> hant_hans(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8("Hant-Hans"), UTRANS_FORWARD, parse_error, status));
  require_icu(status, "Transliterator::createInstance");

  bool format_seen = false;
  char32_t previous = 0;
  int rows = 0;
  int line_number = 0;
  for (const std::string& line : split(text, '\n')) {
    ++line_number;
    if (line.rfind("# Format: ", 0) == 0) format_seen = true;
    if (line.empty() || line[0] == '#') continue;
    INFO("data/fold_overrides.tsv:" << line_number << ": " << line);
    const auto fields = split(line, '\t');
    REQUIRE(fields.size() == 3);
    const std::u32string source = to_code_points(fields[0]);
    const std::u32string target = to_code_points(fields[1]);
    REQUIRE(source.size() == 1);
    REQUIRE(target.size() == 1);
    CHECK(is_han(source[0]));
    CHECK(is_han(target[0]));
    CHECK(source[0] < kTableEnd);
    CHECK(!fields[2].empty());
    CHECK(source[0] > previous);  // sorted by code point, unique
    previous = source[0];
    // An override that agrees with ICU is dead weight: ICU may have been fixed.
    icu::UnicodeString s(static_cast<UChar32>(source[0]));
    hant_hans->transliterate(s);
    CHECK(static_cast<char32_t>(s.char32At(0)) != target[0]);
    CHECK(fold_char(source[0]) == target[0]);
    ++rows;
  }
  CHECK(format_seen);
  CHECK(rows > 0);
}

}  // namespace

TEST_CASE("normalize: fold_in_place four at a time folds as fold_char one by one") {
  // fold_span() takes groups of four ASCII, four BMP, or anything else; every mix of them
  // at every alignment, with code units that are not scalar values (above U+10FFFF, above
  // 0x7FFFFFFF) among them, must fold as fold_char does each.
  const std::vector<char32_t> samples = {U'a', U'Z', U'5', U' ', 0x7F, 0x80, 0xA0, 0xFF0C, U'é', U'Ａ', U'３', U'學', U'个',
                                         U'，', 0x3000, U'—', 0xFFFF, 0x10000, U'𠀀', U'😀', 0x10FFFF,
                                         0x110000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000004E};
  std::mt19937 random(20261202);
  for (int round = 0; round < 2000; ++round) {
    std::u32string text;
    const int count = static_cast<int>(random() % 23);
    for (int k = 0; k < count; ++k) text.push_back(samples[random() % samples.size()]);
    std::u32string expected = text;
    for (char32_t& c : expected) c = fold_char(c);
    std::u32string folded = text;
    zhpolicy::fold_in_place(folded);
    INFO("round " << round << ", " << text.size() << " code points");
    REQUIRE(folded == expected);
    std::u32string code_points, decoded_folded;
    zhpolicy::decode_and_fold(to_utf8(text), code_points, decoded_folded);
    std::u32string refolded = code_points;
    for (char32_t& c : refolded) c = fold_char(c);
    REQUIRE(decoded_folded == refolded);
  }
}

TEST_CASE("normalize: compact_folded makes the compact form a code point at a time would") {
  // Groups of four without a space, a tab or an upper-case letter are stored whole; any
  // other group, and the tail, one by one. Every mix at every alignment.
  const std::vector<std::string> pieces = {"a", "Z", "AB", " ", "\t", "Ａ", "ｚ", "學", "个", "，", "\u3000",
                                           "2025", "😀", "\xE4\xB8", "\x80", "实现高质量发展", "@", "[", "`", "{"};
  std::mt19937 random(20261203);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % (round < 2900 ? 30 : 900));
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    const std::u32string folded = zhpolicy::normalize(text);
    std::u32string reference;
    for (char32_t c : folded) {
      if (c != ' ' && c != '\t') reference.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    INFO("round " << round << ", " << text.size() << " bytes");
    REQUIRE(zhpolicy::detail::compact_folded(folded) == reference);
  }
}

TEST_CASE("normalize: to_code_points_counted decodes as to_code_points whatever the count") {
  // The count sizes the result before decoding into it: exact (clean's case), too small
  // (the rest is appended) and too large (the result is cut back), on valid and broken text.
  // Runs of ASCII longer and shorter than the mixed decoder's sixteen bytes, and the
  // three-byte sequences its groups leave to decode_multibyte(): E0 and ED leads, valid
  // (U+0800, U+D7FF) and not (an overlong form, a surrogate).
  const std::vector<std::string> pieces = {"a", "2025", "學", "，", "😀", "é", "\xE4\xB8", "\x80", "\xFF",
                                           "实现高质量发展", "\n", "abcdefghijklmnopqrstu", "\xE0\xA0\x80",
                                           "\xED\x9F\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xEF\xBF\xBF"};
  std::mt19937 random(20261204);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % (round < 1900 ? 30 : 1500));
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    const std::u32string expected = to_code_points(text);
    INFO("round " << round << ", " << text.size() << " bytes");
    REQUIRE(zhpolicy::detail::to_code_points_counted(text, expected.size()) == expected);
    REQUIRE(zhpolicy::detail::to_code_points_counted(text, expected.size() / 2) == expected);
    REQUIRE(zhpolicy::detail::to_code_points_counted(text, expected.size() + 5) == expected);
    REQUIRE(zhpolicy::detail::to_code_points_counted(text, 0) == expected);
  }
}

TEST_CASE("normalize: to_code_points_counted agrees with to_code_points on every mix of sequence kinds") {
  // The mixed decoder reads sixteen bytes by where valid three-byte sequences start and takes
  // the rest for ASCII, checking: one code point at a time from a random kind, so that every
  // order of ASCII, three-byte sequences (leads E1..EF, and E0 and ED, which it leaves to
  // decode_multibyte) and everything else (two- and four-byte sequences, stray and truncated
  // bytes) comes at every offset of its steps.
  std::mt19937 random(20261206);
  auto three = [&](unsigned lead) {
    std::string s(1, static_cast<char>(lead));
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    s += static_cast<char>(low + random() % (high - low + 1));
    s += static_cast<char>(0x80 + random() % 64);
    return s;
  };
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 80);
    const unsigned ascii_share = random() % 8;  // runs of ASCII longer or shorter
    for (int k = 0; k < count; ++k) {
      const unsigned kind = random() % 16;
      if (kind < ascii_share) {
        text += static_cast<char>(0x20 + random() % 0x5F);
      } else if (kind < 12) {
        text += three(0xE4 + random() % 6);  // CJK
      } else if (kind == 12) {
        text += three(random() % 2 ? 0xE0 : 0xED);
      } else if (kind == 13) {
        text += random() % 2 ? "é" : "😀";
      } else if (kind == 14) {
        text += three(0xE2 + random() % 14).substr(0, 1 + random() % 2);  // truncated
      } else {
        text += static_cast<char>(random() % 2 ? 0x80 + random() % 64 : 0xF8 + random() % 8);
      }
    }
    const std::u32string expected = to_code_points(text);
    INFO("round " << round << ", " << text.size() << " bytes");
    REQUIRE(zhpolicy::detail::to_code_points_counted(text, expected.size()) == expected);
  }
}

TEST_CASE("normalize: the BMP fold through the flat table agrees with fold_char everywhere") {
  // fold_in_place(), fold() and the decoders fold BMP code points through the table of the
  // whole BMP made at compile time; fold_char() goes through the two-level table. Every BMP
  // code point, in groups of eight (AVX2's gather, where the processor has it), of four and
  // one by one, and fold() across its chunks, with code points beyond the BMP among them.
  std::u32string all;
  for (char32_t c = 0; c < 0x10000; ++c) all.push_back(c);
  std::u32string folded = all;
  zhpolicy::fold_in_place(folded);
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (folded[c] != fold_char(c)) FAIL(hex(c) << " folds to " << hex(folded[c]) << ", not " << hex(fold_char(c)));
  }
  std::u32string tail(all.end() - 3, all.end());
  zhpolicy::fold_in_place(tail);
  CHECK(tail == std::u32string(folded.end() - 3, folded.end()));
  std::u32string mixed = all;
  for (size_t k = 0; k < mixed.size(); k += 997) mixed[k] = 0x20000 + static_cast<char32_t>(k);  // 𠀀.. (t2s in plane 2)
  const std::u32string mixed_folded = zhpolicy::fold(mixed);
  REQUIRE(mixed_folded.size() == mixed.size());
  for (size_t k = 0; k < mixed.size(); ++k) {
    if (mixed_folded[k] != fold_char(mixed[k])) FAIL(hex(mixed[k]) << " folds to " << hex(mixed_folded[k]));
  }
}
