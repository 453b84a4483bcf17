// The numeral scanner's code point classes (numeral.cpp), shared with the extractor, which
// finds the code points that may start a number among the classified ones.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zhpolicy::detail {

// A class byte: the class in the high nibble, a value (digit value or unit exponent) in
// the low nibble.
enum CharClass : uint8_t {
  kClsOther = 0,
  kClsArabic = 1,     // 0-9, ０-９; value = digit
  kClsDigit = 2,      // 〇零一二两兩三…九; value = digit
  kClsFinDigit = 3,   // 壹贰貳叁參叄肆伍陆陸柒捌玖; value = digit
  kClsUnit = 4,       // 十百千万萬亿億; value = exponent (1, 2, 3, 4, 8)
  kClsFinUnit = 5,    // 拾佰仟; value = exponent
  kClsPoint = 6,      // 点點
  kClsMinus = 7,      // 负負
  kClsApprox = 8,     // 余餘多几幾
};
// 分 之 成 半 %, which only matter after a number, are compared as code points there and
// stay kClsOther here, so that the common characters among them take the fast exit.

constexpr uint8_t pack(CharClass cls, int value) { return static_cast<uint8_t>((cls << 4) | value); }
constexpr CharClass class_of(uint8_t packed) { return static_cast<CharClass>(packed >> 4); }
constexpr int value_of(uint8_t packed) { return packed & 0x0F; }

constexpr char32_t kCjkFirst = 0x4E00;
constexpr char32_t kCjkLast = 0x9FFF;

struct ClassEntry {
  char32_t c;
  uint8_t packed;
};

// Every CJK code point the scanner knows. Traditional and simplified forms side by side.
constexpr ClassEntry kCjkEntries[] = {
    {U'零', pack(kClsDigit, 0)},    {U'一', pack(kClsDigit, 1)},    {U'二', pack(kClsDigit, 2)},
    {U'两', pack(kClsDigit, 2)},    {U'兩', pack(kClsDigit, 2)},    {U'三', pack(kClsDigit, 3)},
    {U'四', pack(kClsDigit, 4)},    {U'五', pack(kClsDigit, 5)},    {U'六', pack(kClsDigit, 6)},
    {U'七', pack(kClsDigit, 7)},    {U'八', pack(kClsDigit, 8)},    {U'九', pack(kClsDigit, 9)},
    {U'壹', pack(kClsFinDigit, 1)}, {U'贰', pack(kClsFinDigit, 2)}, {U'貳', pack(kClsFinDigit, 2)},
    {U'叁', pack(kClsFinDigit, 3)}, {U'參', pack(kClsFinDigit, 3)}, {U'叄', pack(kClsFinDigit, 3)},
    {U'肆', pack(kClsFinDigit, 4)}, {U'伍', pack(kClsFinDigit, 5)}, {U'陆', pack(kClsFinDigit, 6)},
    {U'陸', pack(kClsFinDigit, 6)}, {U'柒', pack(kClsFinDigit, 7)}, {U'捌', pack(kClsFinDigit, 8)},
    {U'玖', pack(kClsFinDigit, 9)}, {U'十', pack(kClsUnit, 1)},     {U'百', pack(kClsUnit, 2)},
    {U'千', pack(kClsUnit, 3)},     {U'万', pack(kClsUnit, 4)},     {U'萬', pack(kClsUnit, 4)},
    {U'亿', pack(kClsUnit, 8)},     {U'億', pack(kClsUnit, 8)},     {U'拾', pack(kClsFinUnit, 1)},
    {U'佰', pack(kClsFinUnit, 2)},  {U'仟', pack(kClsFinUnit, 3)},  {U'点', pack(kClsPoint, 0)},
    {U'點', pack(kClsPoint, 0)},    {U'负', pack(kClsMinus, 0)},    {U'負', pack(kClsMinus, 0)},
    {U'余', pack(kClsApprox, 0)},   {U'餘', pack(kClsApprox, 0)},   {U'多', pack(kClsApprox, 0)},
    {U'几', pack(kClsApprox, 0)},   {U'幾', pack(kClsApprox, 0)},
};

constexpr std::array<uint8_t, kCjkLast - kCjkFirst + 1> make_cjk_table() {
  std::array<uint8_t, kCjkLast - kCjkFirst + 1> table{};
  for (const ClassEntry& e : kCjkEntries) table[e.c - kCjkFirst] = e.packed;
  return table;
}

// 20 KiB, read only at the positions that hold a CJK character.
inline constexpr auto kCjkTable = make_cjk_table();

inline uint8_t classify(char32_t c) {
  if (c < 0x80) return (c >= U'0' && c <= U'9') ? pack(kClsArabic, static_cast<int>(c - U'0')) : 0;
  if (c >= kCjkFirst && c <= kCjkLast) return kCjkTable[c - kCjkFirst];
  if (c >= 0xFF10 && c <= 0xFF19) return pack(kClsArabic, static_cast<int>(c - 0xFF10));
  if (c == U'〇') return pack(kClsDigit, 0);
  return 0;
}

inline bool is_financial(uint8_t packed) {
  return class_of(packed) == kClsFinDigit || class_of(packed) == kClsFinUnit;
}
inline bool is_chinese_digit(uint8_t packed) {
  return class_of(packed) == kClsDigit || class_of(packed) == kClsFinDigit;
}
inline bool is_unit(uint8_t packed) {
  return class_of(packed) == kClsUnit || class_of(packed) == kClsFinUnit;
}

// is_chinese_numeral_char (zhpolicy/numeral.hpp), inline for the scanners that ask at most
// positions: a Chinese digit or unit, plain or financial.
inline bool is_chinese_numeral(char32_t c) {
  const uint8_t packed = classify(c);
  return is_chinese_digit(packed) || is_unit(packed);
}

// Whether scan_number (zhpolicy/numeral.hpp) reads at most the one Chinese digit at `pos`:
// a digit (〇 零 一 二 两 … 九, or a financial one, which alone it does not read at all) at
// the end of `text` or before a code point that neither the numeral grammar (classify) nor
// a form built on a number (分之, %, ％, ‰, 成) reads on with: 一 of 一体化, 统一, 三位,
// 伍 of 队伍. The extractor passes such a digit unread when no unit follows it.
inline bool is_lone_chinese_digit(std::u32string_view text, size_t pos) {
  if (pos >= text.size() || !is_chinese_digit(classify(text[pos]))) return false;
  if (pos + 1 == text.size()) return true;
  const char32_t next = text[pos + 1];
  return classify(next) == 0 && next != U'分' && next != U'%' && next != U'％' && next != U'‰' && next != U'成';
}

}  // namespace zhpolicy::detail
