// decode: bytes -> UTF-8 with a map back to the input bytes.
//
// Most inputs are UTF-8, so that path is a validating scan plus one anchor in the input
// map; nothing is copied twice. Everything else goes through an ICU converter with its
// offsets array, which tells for every UTF-16 unit where in the input it began; from that
// we emit UTF-8 and add an anchor wherever the byte-for-byte relation breaks. GB18030 and
// Big5 text that is ASCII and double-byte characters is read by a table of ICU's answers
// instead (decode_legacy), ICU decoding only the lines with anything else.
//
// Detection order and why:
//   1. a BOM is an explicit statement by the writer;
//   2. --encoding is the user's statement;
//   3. binary signatures and NUL bytes refuse the file early (a PNG renamed .txt);
//   4. valid UTF-8 is almost never an accident for Chinese text, and "nearly valid" UTF-8
//      (a truncated tail, a few bad bytes) is still UTF-8 with damage, not GB18030;
//   5. clean UTF-8 lines among lines that are not UTF-8 mean a mixed file: each run of
//      lines is decoded as what it is (decode_mixed);
//   6. ICU's detector, restricted to what Chinese sites serve, decides the rest.
#include "zhpolicy/decode.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>

#include "internal/borrowed_input.hpp"
#include "internal/icu_check.hpp"
#include "internal/legacy_table_decode.hpp"
#include "internal/utf8.hpp"
#include "internal/utf8_encode.hpp"
#include "internal/utf8_survey.hpp"

namespace zhpolicy {
namespace {

using detail::survey_utf8;
using detail::Utf8Survey;
using detail::Utf8SurveyEnd;

struct Signature {
  const char* magic;
  size_t length;
  const char* what;
};

// File types a crawler saves by mistake; refusing them is kinder than decoding noise.
constexpr std::array<Signature, 9> kBinarySignatures = {{
    {"\x89PNG\r\n\x1a\n", 8, "PNG image"},
    {"\xFF\xD8\xFF", 3, "JPEG image"},
    {"GIF87a", 6, "GIF image"},
    {"GIF89a", 6, "GIF image"},
    {"%PDF-", 5, "PDF document"},
    {"PK\x03\x04", 4, "ZIP archive (docx/xlsx?)"},
    {"\x1F\x8B", 2, "gzip data"},
    {"\x7F" "ELF", 4, "ELF executable"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "OLE document (doc/xls?)"},
}};

// Guesses UTF-16 without a BOM from where the zero bytes and the CJK code units fall.
// Returns "UTF-16LE", "UTF-16BE" or "".
const char* guess_utf16(std::string_view s) {
  if (s.size() < 4 || s.size() % 2 != 0) return "";
  size_t le = 0, be = 0, units = 0;
  auto plausible = [](uint16_t u) {
    return (u >= 0x0020 && u < 0x007F) || u == 0x000A || u == 0x000D || u == 0x0009 ||
           (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3000 && u <= 0x303F) ||
           (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x2010 && u <= 0x2027);
  };
  const size_t limit = std::min<size_t>(s.size(), 1 << 16);
  const size_t all_units = limit / 2;
  // A byte order needs 90% plausible units; once both have missed more than a tenth of
  // all the units they can only fail, and the rest of the scan changes nothing. Text in
  // any other encoding gets there within a few hundred bytes.
  constexpr size_t kStride = 64;
  for (size_t i = 0; i + 1 < limit;) {
    const size_t stride_end = std::min(limit, i + 2 * kStride);
    for (; i + 1 < stride_end; i += 2) {
      const auto a = static_cast<unsigned char>(s[i]);
      const auto b = static_cast<unsigned char>(s[i + 1]);
      le += plausible(static_cast<uint16_t>(a | (b << 8)));
      be += plausible(static_cast<uint16_t>((a << 8) | b));
      ++units;
    }
    if ((units - le) * 10 > all_units && (units - be) * 10 > all_units) return "";
  }
  if (le * 10 >= units * 9 && le > be) return "UTF-16LE";
  if (be * 10 >= units * 9 && be > le) return "UTF-16BE";
  return "";
}

// GB18030 or Big5 from the shape of the double-byte pairs. GB2312/GBK text puts nearly
// every trail byte in 0xA1..0xFE (trails below 0x80 only occur for rare GBK extension
// characters), while about a third of Big5's common characters have a trail in
// 0x40..0x7E; a second byte in 0x30..0x39 is a GB18030 four-byte sequence, never Big5.
// Traditional text in GBK lives in the extension area, whose lead bytes 0x81..0xA0 Big5
// never uses (only HKSCS's private area does): many such leads mean GB18030.
// Returns "" when there is too little evidence (ICU's detector decides then). This runs
// at memory speed; ICU's detector runs every recogniser's n-gram model (~2 MB/s).
std::string guess_gb_or_big5(std::string_view s) {
  size_t low_trail = 0, high_trail = 0, gbk_lead = 0;
  const size_t n = std::min<size_t>(s.size(), 1 << 16);
  for (size_t i = 0; i + 1 < n;) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x81 || lead == 0xFF) {
      ++i;
      continue;
    }
    const unsigned trail = static_cast<unsigned char>(s[i + 1]);
    if (trail - 0x30u <= 0x39u - 0x30u) return "GB18030";  // one four-byte sequence decides
    // Counted without branches: which range a trail falls in is a coin toss to the processor.
    gbk_lead += lead <= 0xA0;
    low_trail += trail - 0x40u <= 0x7Eu - 0x40u;
    high_trail += trail - 0xA1u <= 0xFEu - 0xA1u;
    i += 2;
  }
  const size_t pairs = low_trail + high_trail;
  if (pairs < 20) return "";
  if (gbk_lead * 100 >= pairs * 5) return "GB18030";
  return low_trail * 100 >= pairs * 12 ? "Big5" : "GB18030";
}

// The restricted detector: ICU's guesses filtered to encodings Chinese sites serve.
std::string detect_charset(std::string_view bytes) {
  if (std::string guess = guess_gb_or_big5(bytes); !guess.empty()) return guess;
  // Opening a detector builds all of ICU's recognisers (about a millisecond); one per
  // thread is reused. 64 KiB is plenty of evidence and bounds the cost on huge files.
  UErrorCode err = U_ZERO_ERROR;
  thread_local std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err),
                                                                                &ucsdet_close);
  if (U_FAILURE(err) || det == nullptr) return "GB18030";
  const int32_t len = static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16));
  ucsdet_setText(det.get(), bytes.data(), len, &err);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &err);
  if (U_FAILURE(err)) return "GB18030";
  for (int32_t k = 0; k < found; ++k) {
    UErrorCode e2 = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[k], &e2);
    if (U_FAILURE(e2) || name == nullptr) continue;
    std::string_view n(name);
    // UTF-16 is left to guess_utf16(): ICU proposes it for short UTF-8 with a bad byte.
    if (n == "GB18030" || n == "Big5") return std::string(n);
  }
  return "GB18030";  // the superset of what mainland sites serve
}

// Display name for an ICU converter name or alias the user gave.
std::string canonical_display_name(const std::string& requested, UConverter* conv) {
  UErrorCode err = U_ZERO_ERROR;
  const char* icu_name = ucnv_getName(conv, &err);
  if (U_FAILURE(err) || icu_name == nullptr) return requested;
  const std::string n = icu_name;
  if (n.rfind("windows-950", 0) == 0 || n.rfind("ibm-1373", 0) == 0) return "Big5";
  // The MIME or IANA name is what users know ("GB18030", "UTF-16LE", "GBK").
  for (const char* standard : {"MIME", "IANA"}) {
    err = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(icu_name, standard, &err);
    if (U_SUCCESS(err) && name != nullptr) return name;
  }
  return n;
}

void add_invalid(DecodedText& out, uint64_t input_offset, size_t count, std::string_view what) {
  Diagnostic d{DiagnosticKind::kInvalidBytes, std::string(what), {input_offset, input_offset + count},
               0, 0, ""};
  out.diagnostics.push_back(std::move(d));
}

// UTF-8 input: copy with U+FFFD for invalid sequences; offsets shift by `skip` (the BOM).
// Input that is the text as it is (valid, no BOM) is not copied here: the text is left
// empty and the result says so (Decoding::text_is_input), for the caller to take it.
detail::Decoding decode_utf8(std::string_view bytes, size_t skip, size_t invalid_count) {
  DecodedText out;
  out.encoding = "UTF-8";
  std::string_view s = bytes.substr(skip);
  out.map.set_input_size(bytes.size());
  out.map.add(0, static_cast<uint32_t>(skip));
  if (invalid_count == 0) {
    if (skip == 0) return {std::move(out), true};
    out.text.assign(s.data(), s.size());
    return {std::move(out), false};
  }
  out.text.reserve(s.size() + 2 * invalid_count);
  // Valid stretches are copied whole: the survey finds where the next invalid sequence
  // starts, walking sequences exactly as a walk here would.
  size_t i = 0;
  while (i < s.size()) {
    const Utf8Survey next = survey_utf8(s.substr(i), Utf8SurveyEnd::kValidity);
    if (next.invalid == 0) {
      out.text.append(s.data() + i, s.size() - i);
      break;
    }
    // One U+FFFD per maximal run of bytes that cannot start a valid sequence.
    const size_t bad_start = i + next.first_invalid;
    out.text.append(s.data() + i, bad_start - i);
    i = bad_start + 1;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(skip + bad_start));
    out.text.append("\xEF\xBF\xBD");
    out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(skip + i));
    add_invalid(out, skip + bad_start, i - bad_start, "invalid UTF-8");
  }
  return out;
}

Result<DecodedText> decode_with_icu(std::string_view bytes, size_t skip, const std::string& charset,
                                    std::string_view name) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset.c_str(), &err),
                                                          &ucnv_close);
  if (U_FAILURE(err)) {
    return Status(ErrorCode::kUnknownEncoding,
                  std::string(name) + ": unknown encoding '" + charset + "'");
  }
  DecodedText out;
  out.encoding = canonical_display_name(charset, conv.get());
  out.map.set_input_size(bytes.size());
  // Sized for the bytes it decodes, not the view: decode_legacy passes one line after a long
  // prefix (the view starts at the input so offsets come out absolute).
  out.text.reserve((bytes.size() - skip) * 3 / 2 + 16);

  // Chunked conversion: each call gets a bounded UTF-16 buffer and its offsets, and its
  // UTF-8 goes to a scratch buffer appended to the text once per call. Buffers are per
  // thread, reused and never zeroed: allocating and zeroing them per document cost more
  // than the conversion of a typical 5 KB page, and a push_back per byte cost more still.
  constexpr size_t kChunk = 1 << 15;
  // A unit writes at most 3 bytes, its surrogate lead none; a lead left over from the
  // previous call can add 3 more (its U+FFFD, or its pair's fourth byte) once per call.
  constexpr size_t kScratch = 3 * kChunk + 3;
  thread_local std::unique_ptr<UChar[]> units_buffer(new UChar[kChunk]);
  thread_local std::unique_ptr<int32_t[]> offsets_buffer(new int32_t[kChunk]);
  thread_local std::unique_ptr<char[]> utf8_buffer(new char[kScratch]);
  UChar* const units = units_buffer.get();
  int32_t* const offsets = offsets_buffer.get();
  char* const utf8 = utf8_buffer.get();
  const char* src = bytes.data() + skip;
  const char* const src_end = bytes.data() + bytes.size();
  const char* const src_base = bytes.data();
  bool flushed = false;
  UChar pending_high = 0;
  int32_t pending_offset = 0;
  while (!flushed) {
    UChar* target = units;
    const char* chunk_start = src;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, units + kChunk, &src, src_end, offsets,
                   /*flush=*/true, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      err = U_ZERO_ERROR;
    } else if (U_FAILURE(err)) {
      return detail::icu_status(err, "ucnv_toUnicode");
    } else {
      flushed = true;
    }
    const size_t produced = static_cast<size_t>(target - units);
    const uint64_t chunk_offset = static_cast<uint64_t>(chunk_start - src_base);
    const size_t text_base = out.text.size();  // decoded offset of utf8[0]
    char* w = utf8;
    auto decoded_here = [&] { return static_cast<uint32_t>(text_base + static_cast<size_t>(w - utf8)); };
    for (size_t k = 0; k < produced; ++k) {
      UChar u = units[k];
      // Offsets are relative to this call's source start; -1 means "from the previous call".
      int32_t rel = offsets[k];
      uint64_t input_off = rel >= 0 ? chunk_offset + static_cast<uint64_t>(rel) : chunk_offset;
      char32_t c;
      if (U16_IS_LEAD(u)) {
        if (pending_high) {  // lone high surrogate followed by another
          out.map.add(decoded_here(), static_cast<uint32_t>(pending_offset));
          w = detail::encode_at(w, 0xFFFD);
          add_invalid(out, pending_offset, 2, "unpaired surrogate");
        }
        pending_high = u;
        pending_offset = static_cast<int32_t>(input_off);
        continue;
      }
      if (U16_IS_TRAIL(u)) {
        if (!pending_high) {
          out.map.add(decoded_here(), static_cast<uint32_t>(input_off));
          w = detail::encode_at(w, 0xFFFD);
          add_invalid(out, input_off, 2, "unpaired surrogate");
          continue;
        }
        c = U16_GET_SUPPLEMENTARY(pending_high, u);
        input_off = static_cast<uint64_t>(pending_offset);
        pending_high = 0;
      } else {
        if (pending_high) {
          out.map.add(decoded_here(), static_cast<uint32_t>(pending_offset));
          w = detail::encode_at(w, 0xFFFD);
          add_invalid(out, pending_offset, 2, "unpaired surrogate");
          pending_high = 0;
        }
        c = u;
      }
      if (c == 0xFFFD) add_invalid(out, input_off, 1, "invalid " + out.encoding);
      out.map.add(decoded_here(), static_cast<uint32_t>(input_off));
      w = detail::encode_at(w, c);
    }
    out.text.append(utf8, static_cast<size_t>(w - utf8));
    if (!flushed && src >= src_end && produced == 0) break;
  }
  if (pending_high) {
    out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(pending_offset));
    detail::append_utf8(out.text, 0xFFFD);
    add_invalid(out, pending_offset, 2, "unpaired surrogate");
  }
  // Byte counts of invalid sequences: the next anchor tells where the bad bytes ended.
  for (Diagnostic& d : out.diagnostics) {
    if (d.bytes.end > bytes.size()) d.bytes.end = bytes.size();
  }
  out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(bytes.size()));
  return out;
}

// Appends `part`, the decoding of the input that follows what `out` holds (its input offsets
// already absolute).
void append_decoded(DecodedText& out, DecodedText&& part) {
  out.map.append(part.map, static_cast<uint32_t>(out.text.size()));
  out.text += part.text;
  for (Diagnostic& d : part.diagnostics) out.diagnostics.push_back(std::move(d));
}

// decode_with_icu(), by the table of double-byte characters ICU wrote at build time where
// the input is ASCII and such characters. Where the table has no answer (a GB18030 four-byte
// sequence, a bad byte), ICU's converter decodes the rest of that line. Both converters are
// stateless and a line feed is never part of a multibyte character, so from a character
// boundary to a line's end ICU reads the bytes as it would have in one pass: the text, map
// and diagnostics are the same.
Result<DecodedText> decode_legacy(std::string_view bytes, size_t skip, const std::string& charset,
                                  std::string_view name) {
  const detail::LegacyTable* table = detail::legacy_table(charset);
  if (table == nullptr) return decode_with_icu(bytes, skip, charset, name);
  DecodedText out;
  out.encoding = detail::legacy_display_name(*table);
  out.map.set_input_size(bytes.size());
  for (size_t from = skip; from < bytes.size();) {
    const size_t stop = detail::decode_by_table(bytes, from, *table, out);
    if (stop == bytes.size()) break;
    const size_t line_feed = bytes.find('\n', stop);
    const size_t line_end = line_feed == std::string_view::npos ? bytes.size() : line_feed + 1;
    Result<DecodedText> line = decode_with_icu(bytes.substr(0, line_end), stop, charset, name);
    if (!line.ok()) return line;
    append_decoded(out, std::move(*line));
    from = line_end;
  }
  out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(bytes.size()));
  return out;
}

// Mixed encodings: a file pasted together from a UTF-8 page and a GB18030 or Big5 one (or
// appended to by tools that disagree). Decoded whole as the legacy charset, its UTF-8 lines
// turn into plausible-looking mojibake without a single invalid byte to show for it; decoded
// as UTF-8, the legacy lines are all U+FFFD. So when some lines are clean UTF-8 Chinese and
// others are not UTF-8 at all, each run of lines is decoded on its own: UTF-8 as it is, the
// rest with the charset detected from those lines alone. A line is UTF-8 when it is valid
// and mostly three-byte sequences: GB18030 and Big5 pairs fall into valid two-byte UTF-8
// sequences by chance, almost never into three-byte ones. ASCII lines read the same either
// way and join the run before them. Returns nothing when the file is not mixed.
std::optional<DecodedText> decode_mixed(std::string_view bytes, std::string_view name) {
  enum class Kind { kAscii, kUtf8, kLegacy };
  struct Run {
    size_t begin, end;
    bool utf8;
  };
  std::vector<Run> runs;
  size_t utf8_evidence = 0;  // three-byte sequences on UTF-8 lines
  // The legacy lines for the detector, the first 64 KiB or so: copied together only once the
  // file is known to be mixed (most files that come here are legacy throughout).
  std::vector<Run> legacy_lines;
  size_t legacy_bytes = 0;
  for (size_t b = 0; b < bytes.size();) {
    const size_t nl = bytes.find('\n', b);
    const size_t e = nl == std::string_view::npos ? bytes.size() : nl + 1;
    // A line with an invalid sequence is legacy whatever else it holds: stop there.
    const Utf8Survey line = survey_utf8(bytes.substr(b, e - b), Utf8SurveyEnd::kFirstInvalid);
    Kind kind = Kind::kAscii;
    if (line.invalid == 0 && line.three_byte > 0 && line.three_byte * 2 >= line.multibyte) kind = Kind::kUtf8;
    else if (line.invalid > 0 || line.multibyte > 0) kind = Kind::kLegacy;
    if (kind == Kind::kUtf8) utf8_evidence += line.three_byte;
    if (kind == Kind::kLegacy && legacy_bytes < (1 << 16)) {
      legacy_lines.push_back({b, e, false});
      legacy_bytes += e - b;
    }
    const bool utf8 = kind == Kind::kAscii ? (runs.empty() || runs.back().utf8) : kind == Kind::kUtf8;
    if (!runs.empty() && runs.back().utf8 == utf8) runs.back().end = e;
    else runs.push_back({b, e, utf8});
    b = e;
  }
  // A few chance-valid lines in a legacy file are not evidence of UTF-8.
  if (utf8_evidence < 16 || legacy_lines.empty()) return std::nullopt;
  std::string legacy_sample;
  legacy_sample.reserve(legacy_bytes);
  for (const Run& line : legacy_lines) legacy_sample.append(bytes.substr(line.begin, line.end - line.begin));
  const std::string charset = detect_charset(legacy_sample);
  DecodedText out;
  out.map.set_input_size(bytes.size());
  out.text.reserve(bytes.size() * 3 / 2 + 16);
  for (const Run& r : runs) {
    if (r.utf8) {
      out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(r.begin));
      out.text.append(bytes.substr(r.begin, r.end - r.begin));
      continue;
    }
    // Offsets from decode_with_icu are relative to the view's start: pass the input up to
    // the run's end and skip to its beginning, so they come out absolute.
    Result<DecodedText> part = decode_legacy(bytes.substr(0, r.end), r.begin, charset, name);
    if (!part.ok()) return std::nullopt;
    out.encoding = part->encoding;
    append_decoded(out, std::move(*part));
  }
  out.map.add(static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(bytes.size()));
  out.encoding = "UTF-8+" + out.encoding;
  out.encoding_how = "mixed";
  return out;
}

// Bytes below 0x20 other than the whitespace and ESC that text has. Eight bytes at a
// time: a word without any byte below 0x20 (most of them) is skipped with one test.
size_t count_control_bytes(std::string_view bytes) {
  auto is_control = [](unsigned char b) {
    return b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B;
  };
  size_t controls = 0;
  size_t i = 0;
  for (; bytes.size() - i >= 8; i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, sizeof w);
    // Bit 7 of a byte survives iff the byte is below 0x20 (it has bit 7 clear, and
    // subtracting 0x20 borrows); a borrow only ever follows a byte that did, so a zero
    // result is exact and a nonzero one is checked a byte at a time.
    if (((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) == 0) continue;
    for (size_t k = 0; k < 8; ++k) controls += is_control(static_cast<unsigned char>(bytes[i + k]));
  }
  for (; i < bytes.size(); ++i) controls += is_control(static_cast<unsigned char>(bytes[i]));
  return controls;
}

// Step 4's rule: one bad spot (a truncated tail) or a few per hundred characters is damaged
// UTF-8; a GB18030 or Big5 file read as UTF-8 fails on nearly every character.
bool passes_as_utf8(const Utf8Survey& survey) {
  return survey.invalid <= 1 || survey.invalid * 20 <= survey.multibyte;
}

struct Utf8Verdict {
  Utf8Survey survey;
  bool whole = true;  // every byte was surveyed; else the survey stopped, certain to fail
};

// The survey of step 4, a slice at a time, stopped once the rest of the input could not make
// it pass (each sequence still to come is at least two bytes long). A legacy file is decided
// in its first slice or two: surveyed whole, every block of it went to the scalar walk, and
// that walk was a tenth of the time such a file took. Slices double from 256 bytes, so a
// UTF-8 file pays for a few more calls only. They end before a byte that is not a
// continuation byte, where neither a sequence nor a bad run can be cut, so the counts of a
// whole survey are exactly survey_utf8()'s.
Utf8Verdict survey_until_decided(std::string_view bytes) {
  Utf8Verdict verdict;
  Utf8Survey& total = verdict.survey;
  size_t i = 0;
  for (size_t slice_size = 256; i < bytes.size(); slice_size = std::min<size_t>(slice_size * 2, 1 << 20)) {
    size_t end = std::min(bytes.size(), i + slice_size);
    while (end < bytes.size() && (static_cast<unsigned char>(bytes[end]) & 0xC0) == 0x80) ++end;
    const Utf8Survey slice = survey_utf8(bytes.substr(i, end - i));
    if (total.invalid == 0 && slice.invalid > 0) total.first_invalid = i + slice.first_invalid;
    total.invalid += slice.invalid;
    total.multibyte += slice.multibyte;
    total.three_byte += slice.three_byte;
    i = end;
    const size_t most_multibyte = total.multibyte + (bytes.size() - i) / 2;
    if (i < bytes.size() && total.invalid > 1 && total.invalid * 20 > most_multibyte) {
      verdict.whole = false;
      break;
    }
  }
  return verdict;
}

// What decode(), decode_owned() and decode_borrowing() share: all but taking the input as
// the text where it is that (Decoding::text_is_input), which each does its own way.
detail::Decoding decode_bytes(std::string_view bytes, std::string_view name, const DecodeOptions& options) {
  if (bytes.size() > UINT32_MAX - 16) {
    return Status(ErrorCode::kTooLarge, std::string(name) + ": larger than 4 GiB");
  }
  auto starts_with = [&](const char* magic, size_t n) {
    return bytes.size() >= n && std::memcmp(bytes.data(), magic, n) == 0;
  };

  // 1. Byte order marks. UTF-32LE's BOM starts like UTF-16LE's, so it is tested first.
  struct Bom {
    const char* magic;
    size_t length;
    const char* charset;
  };
  static constexpr Bom kBoms[] = {
      {"\xEF\xBB\xBF", 3, "UTF-8"},        {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
      {"\x00\x00\xFE\xFF", 4, "UTF-32BE"}, {"\xFF\xFE", 2, "UTF-16LE"},
      {"\xFE\xFF", 2, "UTF-16BE"},
  };
  if (options.encoding.empty()) {
    for (const Bom& bom : kBoms) {
      if (!starts_with(bom.magic, bom.length)) continue;
      Result<DecodedText> r =
          std::string_view(bom.charset) == "UTF-8"
              ? decode_utf8(bytes, 3, survey_utf8(bytes.substr(3)).invalid).decoded  // (a BOM: never the input)
              : decode_with_icu(bytes, bom.length, bom.charset, name);
      if (r.ok()) r->encoding_how = "bom";
      return r;
    }
  }

  // 2. The user's word.
  if (!options.encoding.empty()) {
    std::string enc = options.encoding;
    detail::Decoding r = [&]() -> detail::Decoding {
      UErrorCode err = U_ZERO_ERROR;
      // The converter's own name (alias 0): "utf-8", "UTF8", "unicode-1-1-utf-8" are all
      // UTF-8 and take the same path as detected UTF-8, not ICU's converter, which gives
      // a U+FFFD per byte of C0 80 where the detected path gives one per bad run.
      const char* converter = ucnv_getAlias(enc.c_str(), 0, &err);
      if (converter != nullptr && U_SUCCESS(err) && std::string_view(converter) == "UTF-8") {
        size_t skip = starts_with("\xEF\xBB\xBF", 3) ? 3 : 0;
        return decode_utf8(bytes, skip, survey_utf8(bytes.substr(skip)).invalid);
      }
      return decode_legacy(bytes, 0, enc, name);
    }();
    if (r.decoded.ok()) r.decoded->encoding_how = "option";
    return r;
  }

  // 3. Things that are not text at all.
  for (const Signature& sig : kBinarySignatures) {
    if (starts_with(sig.magic, sig.length)) {
      return Status(ErrorCode::kBinary, std::string(name) + ": binary file (" + sig.what + ")");
    }
  }
  const void* nul = std::memchr(bytes.data(), 0, bytes.size());
  if (nul != nullptr) {
    const char* utf16 = guess_utf16(bytes);
    if (*utf16 != '\0') {
      Result<DecodedText> r = decode_with_icu(bytes, 0, utf16, name);
      if (r.ok()) r->encoding_how = "detected";
      return r;
    }
    const size_t at = static_cast<size_t>(static_cast<const char*>(nul) - bytes.data());
    return Status(ErrorCode::kBinary,
                  std::string(name) + ": binary file (NUL byte at offset " + std::to_string(at) + ")");
  }

  // 4. UTF-8, strict or with a little damage. Most files are valid, which needs no counts.
  const bool valid = survey_utf8(bytes, Utf8SurveyEnd::kValidity).invalid == 0;
  const Utf8Verdict verdict = valid ? Utf8Verdict{} : survey_until_decided(bytes);
  if (valid || passes_as_utf8(verdict.survey)) {
    detail::Decoding out = decode_utf8(bytes, 0, verdict.survey.invalid);
    out.decoded->encoding_how = "valid-utf8";
    return out;
  }

  // 5. UTF-8 lines among lines in another encoding, each decoded as what it is. Without 16
  // three-byte sequences there cannot be the 16 on UTF-8 lines decode_mixed() asks for; a
  // survey that stopped early does not know, and decode_mixed() decides.
  if (!verdict.whole || verdict.survey.three_byte >= 16) {
    if (std::optional<DecodedText> mixed = decode_mixed(bytes, name)) return std::move(*mixed);
  }

  // 6. ICU's detector, restricted.
  std::string charset = guess_utf16(bytes);
  if (charset.empty()) charset = detect_charset(bytes);
  Result<DecodedText> r = decode_legacy(bytes, 0, charset, name);
  if (!r.ok()) return r;
  r->encoding_how = "detected";
  // Control characters everywhere mean this was never text.
  const size_t controls = count_control_bytes(bytes);
  if (controls * 10 > bytes.size()) {
    return Status(ErrorCode::kBinary, std::string(name) + ": binary file (mostly control bytes)");
  }
  return r;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  return survey_utf8(bytes, Utf8SurveyEnd::kValidity).invalid == 0;
}

Result<DecodedText> decode(std::string_view bytes, std::string_view name, const DecodeOptions& options) {
  detail::Decoding d = decode_bytes(bytes, name, options);
  if (d.text_is_input) d.decoded->text.assign(bytes.data(), bytes.size());
  return std::move(d.decoded);
}

Result<DecodedText> decode_owned(std::string bytes, std::string_view name, const DecodeOptions& options) {
  detail::Decoding d = decode_bytes(bytes, name, options);
  if (d.text_is_input) d.decoded->text = std::move(bytes);
  return std::move(d.decoded);
}

namespace detail {

Decoding decode_borrowing(std::string_view bytes, std::string_view name, const DecodeOptions& options) {
  return decode_bytes(bytes, name, options);
}

}  // namespace detail

}  // namespace zhpolicy
