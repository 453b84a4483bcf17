#include "zhpolicy/decode.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "internal/borrowed_input.hpp"
#include "test_util.hpp"
#include "zhpolicy/clean.hpp"

using namespace zhpolicy;

namespace {
DecodedText must_decode(const std::string& bytes, const DecodeOptions& o = {}) {
  Result<DecodedText> r = decode(bytes, "t.txt", o);
  REQUIRE(r.ok());
  return std::move(r).value();
}

// Inputs that are not their decoded text as they are: a BOM, an invalid byte, GB18030.
std::vector<std::string> inputs_decoding_changes() {
  return {std::string("\xEF\xBB\xBF" "学校学校学校学校"), std::string("学校学校学校学校\xFF" "所学校学校学校学校学校学校"),
          test::encode_as("关于进一步加强中小学校学位建设的通知，新增学位一万四千个。", "GB18030")};
}
}  // namespace

TEST_CASE("decode: valid UTF-8 passes through with an identity map", "[decode]") {
  const std::string s = "一、目标 new 16所";
  DecodedText d = must_decode(s);
  CHECK(d.text == s);
  CHECK(d.encoding == "UTF-8");
  CHECK(d.encoding_how == "valid-utf8");
  CHECK(d.diagnostics.empty());
  CHECK(d.map.to_input(3) == 3);
  CHECK(d.map.piece_count() == 1);
}

TEST_CASE("decode: a UTF-8 BOM is removed and offsets shift by 3", "[decode]") {
  DecodedText d = must_decode("\xEF\xBB\xBF" "学校");
  CHECK(d.text == "学校");
  CHECK(d.encoding_how == "bom");
  CHECK(d.map.to_input(0) == 3);
  CHECK(d.map.to_input(3) == 6);
}

TEST_CASE("decode: UTF-16 and UTF-32 byte order marks", "[decode]") {
  const std::string text = "新增学位14310个";
  for (const char* cs : {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
    std::string bom = test::encode_as("\xEF\xBB\xBF", cs);
    DecodedText d = must_decode(bom + test::encode_as(text, cs));
    INFO(cs);
    CHECK(d.text == text);
    CHECK(d.encoding_how == "bom");
  }
}

TEST_CASE("decode: GB18030 and Big5 are detected without a hint", "[decode]") {
  const std::string simplified =
      "全市计划实施新建、改扩建教育重点项目44个，其中市本级8个；年内竣工16所学校，新增学位14310个。"
      "推动义务教育阶段专任教师交流比例不低于15%，其中骨干教师交流比例不低于20%。";
  DecodedText gb = must_decode(test::encode_as(simplified, "GB18030"));
  CHECK(gb.encoding == "GB18030");
  CHECK(gb.text == simplified);

  const std::string traditional =
      "全市計劃實施新建、改擴建教育重點項目44個，其中市本級8個；年內竣工16所學校，新增學位14310個。"
      "推動義務教育階段專任教師交流比例不低於15%，其中骨幹教師交流比例不低於20%。";
  DecodedText big5 = must_decode(test::encode_as(traditional, "Big5"));
  CHECK(big5.encoding == "Big5");
  CHECK(big5.text == traditional);
}

TEST_CASE("decode: UTF-16LE without a BOM is recognised", "[decode]") {
  const std::string text = "一、總體目標\n到2025年，學前三年毛入園率達到95%以上。";
  DecodedText d = must_decode(test::encode_as(text, "UTF-16LE"));
  CHECK(d.encoding == "UTF-16LE");
  CHECK(d.text == text);
}

TEST_CASE("decode: every code point maps back to its GB18030 bytes", "[decode]") {
  const std::string text = "ab学校12％𠀋c";  // 1-, 2- and 4-byte GB18030 sequences
  const std::string bytes = test::encode_as(text, "GB18030");
  DecodedText d = must_decode(bytes, {"gb18030"});
  REQUIRE(d.text == text);
  size_t i = 0;
  while (i < d.text.size()) {
    size_t len = 1;
    const auto b = static_cast<unsigned char>(d.text[i]);
    len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    const std::string cp = d.text.substr(i, len);
    const std::string encoded = test::encode_as(cp, "GB18030");
    const uint64_t at = d.map.to_input(i);
    INFO("code point at decoded byte " << i);
    CHECK(bytes.compare(at, encoded.size(), encoded) == 0);
    i += len;
  }
  CHECK(d.map.to_input(d.text.size()) == bytes.size());
}

TEST_CASE("decode: an invalid UTF-8 byte becomes U+FFFD with its offset", "[decode]") {
  DecodedText d = must_decode(std::string("学校学校学校学校\xFF" "所学校学校学校学校学校学校"));
  CHECK(d.encoding == "UTF-8");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].kind == DiagnosticKind::kInvalidBytes);
  CHECK(d.diagnostics[0].bytes.begin == 24);
  CHECK(d.diagnostics[0].bytes.end == 25);
  CHECK(d.text.find("\xEF\xBF\xBD" "所") == 24);
  CHECK(d.map.to_input(27) == 25);  // 所 after the replacement
}

TEST_CASE("decode: UTF-8 truncated at the end keeps the document", "[decode]") {
  DecodedText d = must_decode(std::string("新增学位14310个\xE4\xB8"));
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text == "新增学位14310个\xEF\xBF\xBD");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].bytes.begin == 20);
}

TEST_CASE("decode: a lone surrogate in UTF-16 becomes U+FFFD", "[decode]") {
  std::string bytes = "\xFF\xFE";                 // BOM
  bytes += std::string("\x66\x5B", 2);            // 学
  bytes += std::string("\x00\xD8", 2);            // lone high surrogate
  bytes += std::string("\x21\x6B", 2);            // 校? any BMP char
  DecodedText d = must_decode(bytes);
  CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK_FALSE(d.diagnostics.empty());
}

TEST_CASE("decode: binary files are refused with a reason", "[decode]") {
  Result<DecodedText> png = decode(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "logo.txt");
  REQUIRE_FALSE(png.ok());
  CHECK(png.status().code() == ErrorCode::kBinary);
  CHECK(png.status().message() == "logo.txt: binary file (PNG image)");

  Result<DecodedText> nul = decode(std::string("一、目标\0二、任务", 25), "plan.txt");
  REQUIRE_FALSE(nul.ok());
  CHECK(nul.status().message() == "plan.txt: binary file (NUL byte at offset 12)");
}

TEST_CASE("decode: --encoding overrides detection and unknown names are an error", "[decode]") {
  const std::string bytes = test::encode_as("學校", "Big5");
  DecodedText d = must_decode(bytes, {"big5"});
  CHECK(d.text == "學校");
  CHECK(d.encoding_how == "option");
  Result<DecodedText> bad = decode("abc", "x.txt", {"no-such-charset"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::kUnknownEncoding);
}

TEST_CASE("decode: --encoding utf-8 under any alias decodes as detected UTF-8 does", "[decode]") {
  // A bad run gives one U+FFFD mapped to all its bytes, whether UTF-8 was detected or named
  // (ICU's own converter would give one per byte of C0 80).
  std::string body;
  for (int k = 0; k < 20; ++k) body += "年内竣工16所学校，新增学位14310个。";
  const std::string bytes = body + "ab\xC0\x80" "cd " + body + "\xE5\xAD";
  const DecodedText detected = must_decode(bytes);
  REQUIRE(detected.encoding == "UTF-8");
  REQUIRE(detected.text == body + "ab\xEF\xBF\xBD" "cd " + body + "\xEF\xBF\xBD");
  for (const char* alias : {"utf-8", "UTF-8", "utf8", "UTF8", "unicode-1-1-utf-8"}) {
    INFO(alias);
    const DecodedText named = must_decode(bytes, {alias});
    CHECK(named.text == detected.text);
    CHECK(named.encoding_how == "option");
    for (size_t k = 0; k <= named.text.size(); ++k) REQUIRE(named.map.to_input(k) == detected.map.to_input(k));
  }
}

TEST_CASE("decode: empty input is empty text", "[decode]") {
  DecodedText d = must_decode("");
  CHECK(d.text.empty());
  CHECK(is_valid_utf8(""));
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));        // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));    // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
}

TEST_CASE("decode: a file of UTF-8 lines and GB18030 lines decodes each as what it is", "[decode]") {
  const std::string utf8_part = "一、总体目标\n到2025年，学前三年毛入园率达到95%以上。\n";
  const std::string gb_part = "二、主要任务\n新建、改扩建幼儿园12所，新增学位3600个。\n";
  const std::string gb_bytes = test::encode_as(gb_part, "GB18030");
  DecodedText d = must_decode(utf8_part + gb_bytes);
  CHECK(d.encoding == "UTF-8+GB18030");
  CHECK(d.encoding_how == "mixed");
  CHECK(d.text == utf8_part + gb_part);
  CHECK(d.diagnostics.empty());
  // The map still leads back to the input: the first GB18030 character is at the end of
  // the UTF-8 part, the second two bytes later.
  CHECK(d.map.to_input(utf8_part.size()) == utf8_part.size());
  CHECK(d.map.to_input(utf8_part.size() + 3) == utf8_part.size() + 2);
  // The other order, and Big5 instead of GB18030.
  const std::string big5_part = "二、主要任務\n新建、改擴建幼兒園12所，新增學位3600個。\n";
  DecodedText b = must_decode(test::encode_as(big5_part, "Big5") + utf8_part);
  CHECK(b.encoding == "UTF-8+Big5");
  CHECK(b.text == big5_part + utf8_part);
}

TEST_CASE("decode: a GB18030 file with a few chance-valid UTF-8 bytes is not mixed", "[decode]") {
  const std::string gb = test::encode_as("教育\n一、总体目标\n到2025年，学前三年毛入园率达到95%以上。\n", "GB18030");
  DecodedText d = must_decode(gb + "\xC2\xB7\n" + gb);  // "·" as UTF-8: no evidence of a UTF-8 page
  CHECK(d.encoding == "GB18030");
}

TEST_CASE("decode: UTF-8 lines after a long GB18030 part still make the file mixed", "[decode]") {
  // The survey stops a few hundred bytes into the GB18030 part, long before the UTF-8 lines:
  // decode_mixed() must still find them.
  std::string gb_part;
  for (int i = 0; i < 60; ++i) gb_part += "二、主要任务\n新建、改扩建幼儿园12所，新增学位3600个。\n";
  const std::string utf8_part = "一、总体目标\n到2025年，学前三年毛入园率达到95%以上。\n";
  DecodedText d = must_decode(test::encode_as(gb_part, "GB18030") + utf8_part);
  CHECK(d.encoding == "UTF-8+GB18030");
  CHECK(d.text == gb_part + utf8_part);
}

TEST_CASE("decode: damage at the start of a long UTF-8 file does not make it legacy", "[decode]") {
  // Three bad bytes in the first slice the survey reads, many more characters after it: the
  // rule (one bad sequence per twenty characters at most) is applied to the whole file.
  std::string body;
  for (int i = 0; i < 80; ++i) body += "到2025年，学前三年毛入园率达到95%以上。\n";
  DecodedText d = must_decode("a\xFF" "b\xFF" "c\xFF\n" + body);
  CHECK(d.encoding_how == "valid-utf8");
  CHECK(d.text.substr(d.text.size() - body.size()) == body);
  CHECK(d.diagnostics.size() == 3);
}

TEST_CASE("decode: decode_owned takes valid UTF-8 as it is and decodes the rest as decode does", "[decode]") {
  // Longer than any short-string buffer, so that taking it shows as the same characters' storage.
  std::string utf8 = "一、目标 new 16所 学校学校学校学校";
  const std::string expected = utf8;
  const char* const storage = utf8.data();
  Result<DecodedText> taken = decode_owned(std::move(utf8), "t.txt");
  REQUIRE(taken.ok());
  CHECK(taken->text == expected);
  CHECK(taken->text.data() == storage);
  CHECK(taken->encoding_how == "valid-utf8");
  CHECK(taken->map.to_input(3) == 3);
  for (const std::string& bytes : inputs_decoding_changes()) {
    const DecodedText copied = must_decode(bytes);
    Result<DecodedText> owned = decode_owned(bytes, "t.txt");
    REQUIRE(owned.ok());
    CHECK(owned->text == copied.text);
    CHECK(owned->encoding == copied.encoding);
    CHECK(owned->diagnostics.size() == copied.diagnostics.size());
    CHECK(owned->map.piece_count() == copied.map.piece_count());
  }
}

TEST_CASE("decode: decode_borrowing leaves valid UTF-8 to be read where it is", "[decode]") {
  const std::string utf8 = "一、目标\n新增学位14310个，学校建设１６所。";
  const detail::Decoding decoding = detail::decode_borrowing(utf8, "t.txt", {});
  const Result<DecodedText>& borrowed = decoding.decoded;
  REQUIRE(borrowed.ok());
  CHECK(decoding.text_is_input);
  CHECK(borrowed->text.empty());
  CHECK(borrowed->encoding_how == "valid-utf8");
  // Cleaned from the bytes it is as cleaned from a copy.
  const DecodedText copied = must_decode(utf8);
  const CleanText from_bytes = detail::clean_text(utf8, *borrowed, {});
  const CleanText from_copy = clean(copied, {});
  CHECK(from_bytes.text == from_copy.text);
  CHECK(from_bytes.source_bytes(2, 6).begin == from_copy.source_bytes(2, 6).begin);
  CHECK(from_bytes.source_bytes(2, 6).end == from_copy.source_bytes(2, 6).end);
  // Anything decode() changes is decoded into the text as decode() does.
  for (const std::string& bytes : inputs_decoding_changes()) {
    const detail::Decoding r = detail::decode_borrowing(bytes, "t.txt", {});
    REQUIRE(r.decoded.ok());
    CHECK_FALSE(r.text_is_input);
    CHECK(r.decoded->text == must_decode(bytes).text);
  }
}
