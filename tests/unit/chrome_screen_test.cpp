#include "internal/chrome_screen.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "internal/boilerplate.hpp"
#include "internal/cpu_features.hpp"
#include "internal/date_pattern.hpp"
#include "internal/utf8.hpp"
#include "test_util.hpp"
#include "zhpolicy/decode.hpp"
#include "zhpolicy/normalize.hpp"

using namespace zhpolicy;
using namespace zhpolicy::detail;

namespace {

// What classification would find in a line, by the full rules on its code point forms;
// empty when nothing.
std::string classification_findings(const std::string& text) {
  const std::u32string original = to_code_points(text);
  const std::u32string folded = fold(original);
  const std::u32string compact = compact_folded(folded);
  const MarkerHits hits = scan_markers(compact);
  std::string found;
  for (size_t k = 0; k < kMarkerKinds; ++k) {
    if (hits.first[k] != nullptr) found += "marker ";
  }
  if (hits.spam > 0) found += "spam ";
  if (compact.find(U'>') != std::u32string::npos) found += "path ";
  if (!compact.empty() && compact[0] >= '0' && compact[0] <= '9') found += "digit first ";
  if (is_date_line(folded)) found += "date ";
  bool has_word = false;
  for (char32_t c : original) {
    has_word = has_word || is_han(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)));
  }
  if (!has_word) found += "no word ";
  return found;
}

// The corpus's lines (seeds and samples, decoded), trimmed.
std::vector<std::string> corpus_lines() {
  std::vector<std::string> lines;
  for (const test::CorpusDocument& doc : test::corpus_documents()) {
    Result<DecodedText> decoded = decode(doc.bytes, doc.path);
    if (!decoded.ok()) continue;
    const std::string& text = decoded->text;
    for (size_t begin = 0; begin < text.size();) {
      size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(begin, end - begin);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
      if (!line.empty()) lines.push_back(line);
      begin = end + 1;
    }
  }
  return lines;
}

}  // namespace

TEST_CASE("chrome screen: each BMP code point's flags are those of its compact form", "[clean]") {
  std::vector<uint8_t> by_compact(0x10000, 0);
  for (const Marker& m : boilerplate_markers()) {
    const std::u32string& p = m.pattern;
    if (p.empty() || p[0] > 0xFFFF) continue;
    by_compact[p[0]] |= kScreenStartsMarker;
    if (m.match != MarkerMatch::kContains) continue;
    by_compact[p[0]] |= p.size() == 1 ? kScreenIsContained : kScreenStartsContained;
    if (p.size() > 1 && p[1] <= 0xFFFF) by_compact[p[1]] |= kScreenSecondContained;
  }
  for (char32_t c = 0; c < 0x10000; ++c) {
    const std::u32string compact = compact_fold(std::u32string(1, c));
    uint8_t expected = 0;
    if (compact.empty()) {
      expected = kScreenSpace;
    } else {
      const char32_t x = compact[0];
      expected = by_compact[x];
      if (x >= '0' && x <= '9') expected |= kScreenDigit;
      if (x == '>') expected |= kScreenPath;
      if (is_han(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)))) expected |= kScreenWord;
    }
    INFO("U+" << std::hex << static_cast<uint32_t>(c));
    REQUIRE(static_cast<int>(screen_flags(c)) == static_cast<int>(expected));
  }
}

TEST_CASE("chrome screen: a line it passes as body is one the full rules find nothing in", "[clean]") {
  // The corpus's lines, and lines of marker patterns as pages write them (traditional,
  // full-width, spaced, upper case) among body words, digits, '>' and emoji.
  std::vector<std::string> lines = corpus_lines();
  const std::vector<std::string> parts = {
      "教育", "學校", "发展", "推进", "國產", "在線", "中文", "一區", "人妻", "瀏覽次數", "围 观", "点击数",
      "ＩＣＰ備", "ICP备", "Copyright", "©", "版權所有", "當前位置", "首頁", "首页", " > ", "＞", "【關閉】",
      "扫一扫", "來源：", "来源:", "发布日期:", "2024年3月1日", "２０２４", "1.", "、", "，", "。", " ", "😀",
      "a", "Z", "相關閱讀", "上一篇", "打印", "关闭", "高清", "精品", "一", "人"};
  std::mt19937 random(20261202);
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    const int count = 1 + static_cast<int>(random() % 6);
    for (int k = 0; k < count; ++k) line += parts[random() % parts.size()];
    lines.push_back(line);
  }
  size_t passed = 0;
  for (const std::string& line : lines) {
    if (may_be_chrome(to_code_points(line))) continue;
    ++passed;
    INFO(line);
    REQUIRE(classification_findings(line).empty());
  }
  CHECK(passed > 1000);  // the screen passes most body lines
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
TEST_CASE("chrome screen: the AVX2 reading gives the scalar one's answers and state", "[clean]") {
  if (!cpu_features().avx2) return;
  const std::vector<char32_t> pool = {U'教', U'育', U'国', U'产', U'在', U'线', U'围', U'观', U'中', U'文',
                                      U'人', U'妻', U' ', U'\t', U'3', U'>', U'a', U'，', 0x3000, 0x1F600,
                                      U'學', U'國', U'產', U'首', U'页'};
  std::mt19937 random(20261203);
  for (int round = 0; round < 20000; ++round) {
    std::u32string text;
    const size_t length = random() % 40;
    const bool mostly_body = random() % 2 == 0;  // long eights without a marker's pair
    for (size_t k = 0; k < length; ++k) {
      text += mostly_body && random() % 8 != 0 ? pool[random() % 2] : pool[random() % pool.size()];
    }
    ScreenState scalar, avx2;
    const size_t cut = text.empty() ? 0 : random() % text.size();  // read in two calls
    const bool scalar_says = screen_code_points(text.data(), text.data() + cut, scalar) ||
                             screen_code_points(text.data() + cut, text.data() + text.size(), scalar);
    const bool avx2_says = screen_code_points_avx2(text.data(), text.data() + cut, avx2) ||
                           screen_code_points_avx2(text.data() + cut, text.data() + text.size(), avx2);
    INFO("round " << round << ": " << to_utf8(text));
    REQUIRE(avx2_says == scalar_says);
    if (scalar_says) continue;
    REQUIRE(avx2.seen == scalar.seen);
    REQUIRE(avx2.before == scalar.before);
    REQUIRE(avx2.before_code_point == scalar.before_code_point);
    REQUIRE(avx2.first == scalar.first);
  }
}
#endif
