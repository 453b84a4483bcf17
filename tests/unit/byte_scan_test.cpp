// The scanners clean runs over every byte or code point of a page (plain runs, the markup
// pass's tag search, code point counts, the damage scan's skip, compact lines) against one-at-a-time
// references, on random input of every value: the SIMD versions and their portable fallbacks
// must answer alike.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>

#include "internal/boilerplate.hpp"
#include "internal/byte_find.hpp"
#include "internal/damage.hpp"
#include "internal/plain_run.hpp"
#include "internal/utf8.hpp"

namespace {

std::string random_bytes(std::mt19937& random, size_t n) {
  // Mostly the bytes of Chinese text, with every other value mixed in.
  static const std::string typical = "\xE5\xAD\xA6\xE6\xA0\xA1\xEF\xBC\x8C\xE3\x80\x82" "2025a(_ \n\r\xE2\x80\x9C";
  std::string s(n, '\0');
  for (char& c : s) {
    c = random() % 4 == 0 ? static_cast<char>(random() % 256) : typical[random() % typical.size()];
  }
  return s;
}

bool is_plain_byte_reference(unsigned char b) {
  const bool ascii = b >= 0x21 && b <= 0x7E && b != '(' && b != '_';
  const bool continuation = b >= 0x80 && b <= 0xBF;
  const bool ideograph_lead = b >= 0xE4 && b <= 0xE9;
  return ascii || continuation || ideograph_lead;
}

// One character at a time: where the run ends and how many lead bytes it passed, a 0xE3 /
// 0xEF character other than U+3000, U+FEFF and （, and a 0xE2 one in U+2010..U+2027,
// U+2030..U+203F or U+2080.., counted as one whatever follows its lead, and a space before
// a plain byte as one.
zhpolicy::detail::PlainRun plain_run_reference(std::string_view t, size_t i, size_t end) {
  size_t code_points = 0;
  while (i < end) {
    const auto b = static_cast<unsigned char>(t[i]);
    const bool continuation = b >= 0x80 && b <= 0xBF;
    const bool inner_space = b == ' ' && i + 1 < end && is_plain_byte_reference(static_cast<unsigned char>(t[i + 1]));
    if (is_plain_byte_reference(b) || inner_space) {
      code_points += !continuation;
      ++i;
      continue;
    }
    const std::string_view three = i + 3 <= end ? t.substr(i, 3) : std::string_view();
    const auto b1 = three.empty() ? 0 : static_cast<unsigned char>(three[1]);
    const auto b2 = three.empty() ? 0 : static_cast<unsigned char>(three[2]);
    const bool general = b1 >= 0x82 || (b1 == 0x80 && ((b2 >= 0x90 && b2 <= 0xA7) || b2 >= 0xB0));
    const bool punctuation = three.size() == 3 && (b == 0xE2 ? general
                                                   : (b == 0xE3 || b == 0xEF) && three != "\u3000" &&
                                                         three != "\uFEFF" && three != "\uFF08");
    if (!punctuation) break;
    ++code_points;
    i += 3;
  }
  return {i, code_points};
}

void require_same_run(const zhpolicy::detail::PlainRun& run, const zhpolicy::detail::PlainRun& expected) {
  REQUIRE(run.end == expected.end);
  REQUIRE(run.code_points == expected.code_points);
}

}  // namespace

TEST_CASE("byte scan: plain runs end and count where the character-by-character reference says") {
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    const std::string s = random_bytes(random, random() % 80);
    const size_t end = s.empty() ? 0 : random() % (s.size() + 1);
    const size_t i = end == 0 ? 0 : random() % (end + 1);
    INFO("round " << round);
    const zhpolicy::detail::PlainRun expected = plain_run_reference(s, i, end);
    require_same_run(zhpolicy::detail::plain_run(s, i, end), expected);
    require_same_run(zhpolicy::detail::plain_run_portable(s, i, end), expected);
  }
  // Every byte value alone, and every 0xE3 / 0xEF character, after fifteen plain bytes (the
  // last lane of a block).
  for (int b = 0; b < 256; ++b) {
    const std::string s = std::string(15, 'a') + static_cast<char>(b) + std::string(16, 'a');
    require_same_run(zhpolicy::detail::plain_run(s, 0, s.size()), plain_run_reference(s, 0, s.size()));
  }
  for (const char lead : {'\xE2', '\xE3', '\xEF'}) {
    for (int b1 = 0x80; b1 < 0xC0; ++b1) {
      for (int b2 = 0x80; b2 < 0xC0; ++b2) {
        const std::string s = std::string(15, 'a') + lead + static_cast<char>(b1) + static_cast<char>(b2) + std::string(16, 'a');
        require_same_run(zhpolicy::detail::plain_run(s, 0, s.size()), plain_run_reference(s, 0, s.size()));
      }
    }
  }
}

TEST_CASE("byte scan: a plain run ends in a Han character by its last character") {
  using zhpolicy::detail::plain_run_ends_in_han;
  CHECK(plain_run_ends_in_han("a\u5B66", 4));      // 学
  CHECK(plain_run_ends_in_han("\u3400", 3));       // extension A
  CHECK(plain_run_ends_in_han("\uF900", 3));       // compatibility ideograph
  CHECK_FALSE(plain_run_ends_in_han("\u5B66a", 4));
  CHECK_FALSE(plain_run_ends_in_han("\u3002", 3));  // 。
  CHECK_FALSE(plain_run_ends_in_han("\uFF0C", 3));  // ，
  CHECK_FALSE(plain_run_ends_in_han("\u201D", 3));  // ”
  CHECK(plain_run_ends_in_han("\u4DBF", 3));        // the last of extension A
  CHECK_FALSE(plain_run_ends_in_han("\u4DC0", 3));  // a hexagram, after it
}

TEST_CASE("byte scan: the first of three bytes is found where the reference finds it") {
  std::mt19937 random(11);
  for (int round = 0; round < 3000; ++round) {
    std::string s = random_bytes(random, random() % 100);
    // Some rounds without any of the three bytes, so a scan runs to the end.
    if (round % 3 == 0) {
      for (char& c : s) {
        if (c == '\n' || c == '\r' || c == '\xE2') c = 'x';
      }
    }
    const size_t i = s.empty() ? 0 : random() % (s.size() + 1);
    size_t expected = i;
    while (expected < s.size() && s[expected] != '\n' && s[expected] != '\r' && s[expected] != '\xE2') ++expected;
    INFO("round " << round);
    REQUIRE(zhpolicy::detail::find_any_of_3(s, i, '\n', '\r', 0xE2) == expected);
    REQUIRE(zhpolicy::detail::find_any_of_3_portable(s, i, '\n', '\r', 0xE2) == expected);
  }
}

TEST_CASE("byte scan: code points are counted as the bytes that are not 10xxxxxx") {
  std::mt19937 random(13);
  for (int round = 0; round < 400; ++round) {
    // Up to 10,000 bytes: many 64-byte blocks (SSE2), then 8-byte words, then single bytes.
    const std::string s = random_bytes(random, random() % (round < 300 ? 100 : 10000));
    size_t expected = 0;
    for (char c : s) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(zhpolicy::detail::count_code_points(s) == expected);
    REQUIRE(zhpolicy::detail::count_code_points_portable(s) == expected);
  }
  const std::string all_continuation(9000, '\x80');
  CHECK(zhpolicy::detail::count_code_points(all_continuation) == 0);
}

TEST_CASE("byte scan: the damage scan skips to the first code point that can seed a span") {
  // Code points at the edges of every quiet range and the exceptions inside them.
  const std::u32string edges = {U'a', U'?', 0x7F, 0x80, 0x2FFF, 0x3000, 0x303F, 0x3040, 0x4DFF, 0x4E00, U'学',
                                0x9FFF, 0xA000, U'锟', U'烫', U'屯', 0xFEFF, 0xFF00, 0xFFEF, 0xFFF0, 0xFFFD,
                                0x20000, 0x10FFFF,
                                // and where sixteen-bit lanes could alias: 0 and 0x8000 (the lane's
                                // sign), U+FFFF and what saturates like it, 0x10000 + a quiet one.
                                0x0, 0x8000, 0xFFFF, 0x10000, 0x14E00, 0x17FFF, 0x18000,
                                // general punctuation: quiet from ‐ to ‧, not before or after
                                0x200F, 0x2010, U'“', U'…', 0x2027, 0x2028};
  std::mt19937 random(17);
  for (int round = 0; round < 3000; ++round) {
    std::u32string t(random() % 40, U'学');
    // Mostly quiet text, so the eight-wide scan runs before it stops.
    for (char32_t& c : t) {
      if (random() % 6 == 0) c = edges[random() % edges.size()];
    }
    const size_t i = t.empty() ? 0 : random() % (t.size() + 1);
    size_t expected = i;
    while (expected < t.size() && zhpolicy::detail::is_quiet(t[expected])) ++expected;
    INFO("round " << round);
    REQUIRE(zhpolicy::detail::next_loud(t, i) == expected);
  }
  for (char32_t c : {U'a', U'学', U'，', U'。', U'２', U'“', U'”', U'—', U'…'}) CHECK(zhpolicy::detail::is_quiet(c));
  for (char32_t c : {U'?', U'锟', U'烫', U'屯', char32_t{0xFFFD}, U'é', char32_t{0xE000}}) CHECK_FALSE(zhpolicy::detail::is_quiet(c));
}

TEST_CASE("byte scan: a compact line drops spaces and tabs and lower-cases ASCII letters only") {
  using zhpolicy::detail::compact_folded;
  CHECK(compact_folded(U"Copyright © 2025 教育局 ") == U"copyright©2025教育局");
  CHECK(compact_folded(U"网站地图\t|  ＡＢ") == U"网站地图|ＡＢ");  // full-width letters are fold()'s job
  // Against a one-at-a-time reference, with the letters' edges (@ A Z [ ` a z {) and spaces
  // anywhere, including after four, eight, twelve untouched code points.
  const std::u32string alphabet = U"学校@AZ[`az{ \t，2";
  std::mt19937 random(19);
  std::u32string reused = U"left over from a longer line before";
  for (int round = 0; round < 3000; ++round) {
    std::u32string line(random() % 30, U'学');
    for (char32_t& c : line) {
      if (random() % 5 == 0) c = alphabet[random() % alphabet.size()];
    }
    std::u32string expected;
    for (char32_t c : line) {
      if (c == ' ' || c == '\t') continue;
      expected.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    INFO("round " << round);
    compact_folded(line, reused);
    REQUIRE(reused == expected);
  }
}
