// The non-UTF-8 paths of decode(): the ICU conversion loop against the loop it replaced,
// and the exact thresholds of the UTF-16 guess and of the control-byte refusal.
#include <unicode/ucnv.h>

#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "internal/utf8.hpp"
#include "test_util.hpp"
#include "zhpolicy/decode.hpp"

using namespace zhpolicy;

namespace {

struct Reference {
  std::string text;
  InputMap map;
  std::vector<Diagnostic> diagnostics;
};

void add_invalid(Reference& out, uint64_t at, size_t count, const std::string& what) {
  out.diagnostics.push_back(Diagnostic{DiagnosticKind::kInvalidBytes, what, {at, at + count}, 0, 0, ""});
}

// decode_with_icu's loop as it was before the scratch buffer: a push_back per byte and an
// InputMap::add per UTF-16 unit, in 32 Ki-unit calls.
Reference reference_icu_decode(const std::string& bytes, const char* charset, const std::string& display) {
  Reference out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &err), &ucnv_close);
  REQUIRE(U_SUCCESS(err));
  out.map.set_input_size(bytes.size());
  std::vector<UChar> units(1 << 15);
  std::vector<int32_t> offsets(1 << 15);
  const char* src = bytes.data();
  const char* const src_end = bytes.data() + bytes.size();
  bool flushed = false;
  UChar pending_high = 0;
  int32_t pending_offset = 0;
  while (!flushed) {
    UChar* target = units.data();
    const char* chunk_start = src;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &src, src_end, offsets.data(), true, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) err = U_ZERO_ERROR;
    else flushed = true;
    REQUIRE(U_SUCCESS(err));
    const size_t produced = static_cast<size_t>(target - units.data());
    for (size_t k = 0; k < produced; ++k) {
      UChar u = units[k];
      int32_t rel = offsets[k];
      uint64_t input_off = rel >= 0 ? static_cast<uint64_t>(chunk_start - bytes.data()) + rel
                                    : static_cast<uint64_t>(chunk_start - bytes.data());
      char32_t c;
      if (U16_IS_LEAD(u)) {
        if (pending_high) {
          out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(pending_offset));
          detail::append_utf8(out.text, 0xFFFD);
          add_invalid(out, pending_offset, 2, "unpaired surrogate");
        }
        pending_high = u;
        pending_offset = static_cast<int32_t>(input_off);
        continue;
      }
      if (U16_IS_TRAIL(u)) {
        if (!pending_high) {
          out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(input_off));
          detail::append_utf8(out.text, 0xFFFD);
          add_invalid(out, input_off, 2, "unpaired surrogate");
          continue;
        }
        c = U16_GET_SUPPLEMENTARY(pending_high, u);
        input_off = static_cast<uint64_t>(pending_offset);
        pending_high = 0;
      } else {
        if (pending_high) {
          out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(pending_offset));
          detail::append_utf8(out.text, 0xFFFD);
          add_invalid(out, pending_offset, 2, "unpaired surrogate");
          pending_high = 0;
        }
        c = u;
      }
      if (c == 0xFFFD) add_invalid(out, input_off, 1, "invalid " + display);
      out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(input_off));
      detail::append_utf8(out.text, c);
    }
    if (!flushed && src >= src_end && produced == 0) break;
  }
  if (pending_high) {
    out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(pending_offset));
    detail::append_utf8(out.text, 0xFFFD);
    add_invalid(out, pending_offset, 2, "unpaired surrogate");
  }
  for (Diagnostic& d : out.diagnostics) {
    if (d.bytes.end > bytes.size()) d.bytes.end = bytes.size();
  }
  out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(bytes.size()));
  return out;
}

void require_same_as_reference(const std::string& bytes, const char* charset) {
  DecodeOptions o;
  o.encoding = charset;
  Result<DecodedText> got = decode(bytes, "t.txt", o);
  REQUIRE(got.ok());
  const Reference want = reference_icu_decode(bytes, charset, got->encoding);
  REQUIRE(got->text == want.text);
  REQUIRE(got->map.piece_count() == want.map.piece_count());
  REQUIRE(got->diagnostics.size() == want.diagnostics.size());
  for (size_t k = 0; k < want.diagnostics.size(); ++k) {
    CHECK(got->diagnostics[k].what == want.diagnostics[k].what);
    CHECK(got->diagnostics[k].bytes.begin == want.diagnostics[k].bytes.begin);
    CHECK(got->diagnostics[k].bytes.end == want.diagnostics[k].bytes.end);
  }
  size_t mismatches = 0;
  for (size_t off = 0; off <= want.text.size(); ++off) {
    mismatches += got->map.to_input(off) != want.map.to_input(off);
  }
  CHECK(mismatches == 0);
}

std::string utf16le_unit(uint16_t u) {
  return std::string{static_cast<char>(u & 0xFF), static_cast<char>(u >> 8)};
}

// CESU-8 writes each UTF-16 unit on its own, and ICU passes lone surrogates through it
// (its UTF-16 converters turn them into U+FFFD themselves): the way to reach the
// unpaired-surrogate paths. Units from U+0800 on only.
std::string cesu8_unit(uint16_t u) {
  return std::string{static_cast<char>(0xE0 | (u >> 12)), static_cast<char>(0x80 | ((u >> 6) & 0x3F)),
                     static_cast<char>(0x80 | (u & 0x3F))};
}

}  // namespace

TEST_CASE("decode: GB18030 and Big5 over several conversion chunks match the per-unit loop", "[decode]") {
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"a", "\n", "学", "校", "１", "％", "𠀋", "😀", "，", "2025年"};
  std::string text;
  while (text.size() < 250000) text += pieces[rng() % pieces.size()];
  std::string gb = test::encode_as(text, "GB18030");
  require_same_as_reference(gb, "GB18030");
  // Bytes GB18030 cannot decode, here and there.
  for (int k = 0; k < 50; ++k) gb[rng() % gb.size()] = static_cast<char>(0x80 | (rng() % 0x7F));
  require_same_as_reference(gb, "GB18030");
  std::string traditional;
  while (traditional.size() < 200000) traditional += "學校教育，總體目標 95% 以上。\n";
  require_same_as_reference(test::encode_as(traditional, "Big5"), "Big5");
}

TEST_CASE("decode: every byte pair in GB18030 and Big5 decodes as ICU decodes it", "[decode]") {
  // The table of double-byte characters answers for some pairs, ICU for the rest of the line
  // from any other: each pair after ASCII, after itself, at the end of a line and of the input.
  for (const char* charset : {"GB18030", "Big5"}) {
    for (int lead = 0x80; lead <= 0xFF; ++lead) {
      INFO(charset << " lead " << lead);
      require_same_as_reference("x" + std::string(1, static_cast<char>(lead)), charset);
      for (int trail = 0; trail <= 0xFF; ++trail) {
        const std::string pair{static_cast<char>(lead), static_cast<char>(trail)};
        require_same_as_reference("x" + pair + pair + "\n" + pair + "y" + pair, charset);
      }
    }
  }
}

TEST_CASE("decode: a double-byte character across the table decoder's 4 KiB blocks decodes as ICU decodes it", "[decode]") {
  // The table decoder sizes its output a block of input at a time; a pair may begin on a
  // block's last byte, and a long line of ideographs crosses many blocks.
  for (const char* charset : {"GB18030", "Big5"}) {
    const std::string pair = test::encode_as("學", charset);
    for (size_t ascii = 4088; ascii <= 4100; ++ascii) {
      INFO(charset << " after " << ascii << " ASCII bytes");
      std::string bytes(ascii, 'a');
      for (int k = 0; k < 3000; ++k) bytes += pair;
      require_same_as_reference(bytes + "\n" + bytes, charset);
    }
  }
}

TEST_CASE("decode: lone and split surrogates around the conversion chunk edge match the per-unit loop", "[decode]") {
  constexpr size_t kChunk = 1 << 15;
  for (size_t edge = kChunk - 3; edge <= kChunk + 2; ++edge) {
    std::string base;
    for (size_t k = 0; k < edge; ++k) base += cesu8_unit(0x5B66);  // 学
    const std::string lead = cesu8_unit(0xD840), trail = cesu8_unit(0xDC0B), bmp = cesu8_unit(0x6821);
    // A pair split by the edge; a lone lead before a BMP unit; a lone lead before a lead;
    // a lone trail; a lone lead at the very end.
    require_same_as_reference(base + lead + trail + "A", "CESU-8");
    require_same_as_reference(base + lead + bmp, "CESU-8");
    require_same_as_reference(base + lead + lead + trail, "CESU-8");
    require_same_as_reference(base + trail + "A", "CESU-8");
    require_same_as_reference(base + lead, "CESU-8");
    std::string many_lone_leads = base;
    for (size_t k = 0; k < 3 * kChunk; ++k) many_lone_leads += k % 2 ? lead : bmp;
    require_same_as_reference(many_lone_leads, "CESU-8");
  }
  // A pair split by the edge in UTF-16 too.
  std::string utf16;
  for (size_t k = 0; k + 1 < kChunk; ++k) utf16 += utf16le_unit(0x5B66);
  require_same_as_reference(utf16 + utf16le_unit(0xD840) + utf16le_unit(0xDC0B) + utf16le_unit(0x41), "UTF-16LE");
}

TEST_CASE("decode: UTF-16 without a BOM needs nine plausible units in ten, however early the rest come", "[decode]") {
  // 1000 units; the implausible ones (U+0001) come first, where the guess may stop early.
  // U+3002 is plausible read either way round only as UTF-16LE (0x0230 is not text).
  auto utf16 = [](size_t implausible) {
    std::string s;
    for (size_t k = 0; k < 1000; ++k) s += utf16le_unit(k < implausible ? 0x0001 : 0x3002);
    return s;
  };
  Result<DecodedText> at_limit = decode(utf16(100), "t.txt");
  REQUIRE(at_limit.ok());
  CHECK(at_limit->encoding == "UTF-16LE");
  Result<DecodedText> over = decode(utf16(101), "t.txt");
  REQUIRE_FALSE(over.ok());  // NUL bytes and no UTF-16: binary
  CHECK(over.status().code() == ErrorCode::kBinary);
}

TEST_CASE("decode: a legacy file is refused when more than a tenth of its bytes are control bytes", "[decode]") {
  // GB18030 text with control bytes (0x01) spread so that some words hold several and
  // some hold whitespace controls, which do not count.
  const std::string gb = test::encode_as(std::string(400, 'x') + "学校教育\t\n\r\f\x1B", "GB18030");
  for (const size_t extra : {size_t{0}, size_t{1}}) {
    std::string bytes = gb;
    const size_t controls = bytes.size() / 9 + extra;  // c * 10 > size + c  <=>  c > size / 9
    for (size_t k = 0; k < controls; ++k) bytes.insert(bytes.begin() + static_cast<long>((k * 37) % bytes.size()), '\x01');
    const bool refused = controls * 10 > bytes.size();
    CHECK(refused == (extra == 1));
    Result<DecodedText> d = decode(bytes, "t.txt", {"GB18030"});
    REQUIRE(d.ok());  // --encoding skips the refusal; detection does not
    Result<DecodedText> detected = decode(bytes, "t.txt");
    INFO("controls " << controls << " of " << bytes.size());
    CHECK(detected.ok() == !refused);
  }
}
