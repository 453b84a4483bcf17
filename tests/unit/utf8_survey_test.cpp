// The vector UTF-8 surveys must give exactly the scalar walk's counts on every input: the
// decode decision (UTF-8, damaged UTF-8, mixed, legacy) and the first invalid offset
// come from them.
#include "internal/utf8_survey.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "zhpolicy/decode.hpp"

using namespace zhpolicy;
using detail::Utf8Survey;
using detail::Utf8SurveyEnd;
using detail::Utf8SurveyImpl;

namespace {

std::string hex(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    std::snprintf(buf, sizeof buf, "%02X ", c);
    out += buf;
  }
  return out;
}

std::vector<Utf8SurveyImpl> vector_impls() {
  std::vector<Utf8SurveyImpl> impls;
  for (Utf8SurveyImpl impl : {Utf8SurveyImpl::kSsse3, Utf8SurveyImpl::kAvx2}) {
    if (detail::utf8_survey_impl_available(impl)) impls.push_back(impl);
  }
  return impls;
}

bool same(const Utf8Survey& a, const Utf8Survey& b) {
  return a.invalid == b.invalid && a.multibyte == b.multibyte && a.three_byte == b.three_byte &&
         a.first_invalid == b.first_invalid;
}

// Counts the inputs on which some implementation disagrees with the scalar walk, in either
// mode, and reports the first few. Catch assertions per input would dominate the run time.
struct Agreement {
  size_t checked = 0;
  size_t disagreements = 0;

  void check(const std::string& s) {
    for (Utf8SurveyEnd end : {Utf8SurveyEnd::kWhole, Utf8SurveyEnd::kFirstInvalid, Utf8SurveyEnd::kValidity}) {
      const Utf8Survey want = detail::survey_utf8_with(Utf8SurveyImpl::kScalar, s, end);
      for (Utf8SurveyImpl impl : vector_impls()) {
        const Utf8Survey got = detail::survey_utf8_with(impl, s, end);
        ++checked;
        if (same(got, want)) continue;
        if (++disagreements <= 5) {
          UNSCOPED_INFO("impl " << static_cast<int>(impl) << " end " << static_cast<int>(end)
                                << " on " << hex(s) << ": invalid " << got.invalid << "/" << want.invalid
                                << " multibyte " << got.multibyte << "/" << want.multibyte
                                << " three_byte " << got.three_byte << "/" << want.three_byte
                                << " first_invalid " << got.first_invalid << "/" << want.first_invalid);
        }
      }
    }
  }
};

// Pieces text is made of: valid sequences of every length and every invalid kind.
const std::vector<std::string>& valid_pieces() {
  static const std::vector<std::string> pieces = {
      "a", "\n", " 16 ", "<p>", "\xC2\xA0", "\xDF\xBF", "\xE4\xB8\xAD", "\xE5\xAD\xA6",
      "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBD", "\xEF\xBC\x8C",
      "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xF3\xA0\x80\x81",
  };
  return pieces;
}

const std::vector<std::string>& invalid_pieces() {
  static const std::vector<std::string> pieces = {
      "\x80", "\xBF", "\x80\x80\x80\x80",   // continuation bytes alone
      "\xC0\x80", "\xC1\xBF",               // overlong two-byte
      "\xE0\x80\x80", "\xE0\x9F\xBF",       // overlong three-byte
      "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",  // overlong four-byte
      "\xED\xA0\x80", "\xED\xBF\xBF",       // surrogates
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",  // > U+10FFFF
      "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF",  // never UTF-8
      "\xC2", "\xE4", "\xE4\xB8", "\xF0\x9F", "\xF0\x9F\x98",  // truncated
      "\xE4\xB8\xAD\xAD", "\xC2\xA0\x80",   // one continuation too many
      "\xC3\x28", "\xE2\x28\xA1", "\xF0\x28\x8C\xBC",  // lead then ASCII
      "\xB9\xFA\xBC\xD2", "\xD6\xD0\xCE\xC4",  // GB18030 pairs
      "\xA4\xA4\xA4\xE5",                      // Big5 pairs
  };
  return pieces;
}

}  // namespace

TEST_CASE("utf8 survey: the scalar walk counts sequences as documented", "[utf8_survey]") {
  const std::string s = "a\xE4\xB8\xAD\xC2\xA0\x80\x80\xF0\x9F\x98\x80\xED\xA0\x80z";
  const Utf8Survey r = detail::survey_utf8_with(Utf8SurveyImpl::kScalar, s);
  CHECK(r.multibyte == 3);
  CHECK(r.three_byte == 1);
  CHECK(r.invalid == 2);  // the two stray continuations are one run; the surrogate another
  CHECK(r.first_invalid == 6);
  const Utf8Survey first = detail::survey_utf8_with(Utf8SurveyImpl::kScalar, s, Utf8SurveyEnd::kFirstInvalid);
  CHECK(first.invalid == 1);
  CHECK(first.first_invalid == 6);
  CHECK(first.multibyte == 2);
  // kValidity stops there too, without counts.
  const Utf8Survey validity = detail::survey_utf8_with(Utf8SurveyImpl::kScalar, s, Utf8SurveyEnd::kValidity);
  CHECK(validity.invalid == 1);
  CHECK(validity.first_invalid == 6);
  CHECK(validity.multibyte == 0);
  CHECK(validity.three_byte == 0);
}

TEST_CASE("utf8 survey: vector and scalar agree on random text of valid and invalid pieces", "[utf8_survey]") {
  if (vector_impls().empty()) WARN("no vector survey on this CPU: only the scalar walk runs");
  std::mt19937 rng(20261202);
  Agreement agreement;
  const auto& good = valid_pieces();
  const auto& bad = invalid_pieces();
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    const size_t target = rng() % 400;
    const unsigned bad_per_mille = round % 4 == 0 ? 0 : round % 4 == 1 ? 5 : round % 4 == 2 ? 50 : 500;
    while (s.size() < target) {
      if (rng() % 1000 < bad_per_mille) s += bad[rng() % bad.size()];
      else s += good[rng() % good.size()];
    }
    agreement.check(s);
  }
  // Random bytes: nearly every block fails.
  for (int round = 0; round < 1000; ++round) {
    std::string s(rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    agreement.check(s);
  }
  CHECK(agreement.disagreements == 0);
  CHECK((agreement.checked > 0 || vector_impls().empty()));
}

TEST_CASE("utf8 survey: every invalid kind at every offset around the 64-byte blocks", "[utf8_survey]") {
  Agreement agreement;
  const std::string cjk = "\xE6\x95\x99\xE8\x82\xB2";  // two three-byte characters
  for (const std::string& background : {std::string("x"), cjk}) {
    for (const std::string& piece : invalid_pieces()) {
      for (size_t offset = 0; offset <= 200; ++offset) {
        std::string s;
        while (s.size() < offset) s += background;
        s.resize(offset, 'y');  // a CJK background cut short is its own truncation
        s += piece;
        agreement.check(s);  // the piece at the very end
        for (int k = 0; k < 30; ++k) s += background;
        agreement.check(s);
      }
    }
  }
  CHECK(agreement.disagreements == 0);
}

TEST_CASE("utf8 survey: valid text cut at every length across block boundaries", "[utf8_survey]") {
  Agreement agreement;
  std::string text;
  const auto& good = valid_pieces();
  for (size_t k = 0; text.size() < 300; ++k) text += good[(k * 7) % good.size()];
  for (size_t len = 0; len <= text.size(); ++len) {
    agreement.check(text.substr(0, len));
    agreement.check(text.substr(len));  // starts inside a sequence
  }
  CHECK(agreement.disagreements == 0);
}

TEST_CASE("utf8 survey: every byte pair followed by continuation or ASCII, at and across a block edge", "[utf8_survey]") {
  Agreement agreement;
  for (const size_t offset : {size_t{5}, size_t{62}, size_t{63}}) {
    for (int b0 = 0x80; b0 <= 0xFF; ++b0) {
      for (int b1 = 0; b1 <= 0xFF; ++b1) {
        for (const char* tail : {"\x80\x80", "\xBF\x41", "\xA0\xBF\x80", "\x41"}) {
          std::string s(offset, 'a');
          s += static_cast<char>(b0);
          s += static_cast<char>(b1);
          s += tail;
          s += "\xE4\xB8\xAD tail";
          agreement.check(s);
        }
      }
    }
  }
  CHECK(agreement.disagreements == 0);
}

TEST_CASE("utf8 survey: legacy text before valid text hands back to the blocks", "[utf8_survey]") {
  Agreement agreement;
  const std::string gb = "\xB9\xFA\xBC\xD2\xBD\xCC\xD3\xFD ";  // GB18030, invalid as UTF-8
  const std::string utf8 = "\xE5\x9B\xBD\xE5\xAE\xB6\xE6\x95\x99\xE8\x82\xB2 ";
  for (size_t legacy = 0; legacy < 40; ++legacy) {
    std::string s;
    for (size_t k = 0; k < legacy; ++k) s += gb;
    for (size_t k = 0; k < 40; ++k) s += utf8;
    for (size_t k = 0; k < legacy % 5; ++k) s += gb;
    agreement.check(s);
  }
  CHECK(agreement.disagreements == 0);
}

// decode() now copies valid stretches whole; the result must be the old walk's.
TEST_CASE("decode: damaged UTF-8 maps each U+FFFD to its bad bytes as a walk per sequence does", "[decode]") {
  std::mt19937 rng(7);
  size_t decoded_as_utf8 = 0;
  const auto& good = valid_pieces();
  const auto& bad = invalid_pieces();
  for (int round = 0; round < 300; ++round) {
    std::string s;
    while (s.size() < 500) s += good[rng() % good.size()];
    for (int k = 0; k < 1 + round % 3; ++k) s.insert(rng() % s.size(), bad[rng() % bad.size()]);
    // The walk decode_utf8 did before: a sequence at a time.
    std::string want;
    InputMap want_map;
    want_map.add(0, 0);
    std::vector<std::pair<uint64_t, uint64_t>> want_bad;
    for (size_t i = 0; i < s.size();) {
      if (const size_t len = detail::valid_utf8_sequence_length(s, i); len > 0) {
        want.append(s, i, len);
        i += len;
        continue;
      }
      const size_t start = i++;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      want_map.add(static_cast<uint32_t>(want.size()), static_cast<uint32_t>(start));
      want += "\xEF\xBF\xBD";
      want_map.add(static_cast<uint32_t>(want.size()), static_cast<uint32_t>(i));
      want_bad.emplace_back(start, i);
    }
    // Detected, not --encoding UTF-8: that name goes to ICU's converter.
    Result<DecodedText> d = decode(s, "t.txt");
    REQUIRE(d.ok());
    if (d->encoding_how != "valid-utf8") continue;  // too damaged to be read as UTF-8
    ++decoded_as_utf8;
    REQUIRE(d->text == want);
    REQUIRE(d->map.piece_count() == want_map.piece_count());
    REQUIRE(d->diagnostics.size() == want_bad.size());
    for (size_t k = 0; k < want_bad.size(); ++k) {
      CHECK(d->diagnostics[k].bytes.begin == want_bad[k].first);
      CHECK(d->diagnostics[k].bytes.end == want_bad[k].second);
    }
    want_map.set_input_size(s.size());
    for (size_t off = 0; off <= want.size(); ++off) {
      if (off < want.size() && (static_cast<unsigned char>(want[off]) & 0xC0) == 0x80) continue;
      REQUIRE(d->map.to_input(off) == want_map.to_input(off));
    }
  }
  CHECK(decoded_as_utf8 > 250);
}
