// The number model: every number of a text, read the way a general-purpose number
// recognizer (Microsoft Recognizers-Text's Chinese NumberModel) reports them.
//
// Why a second reading. The policy extractor (extract.hpp) drives scan_number with policy
// rules: 兆 is mega (兆瓦, 千兆宽带), 打 is the verb of 打造, spaces separate table cells,
// a lone 一 needs a unit. A general number model reads those forms differently (兆 = 10^12,
// 一打 = 12, "三千 九百 六十五" = 3965). Keeping that reading here, behind its own entry
// point, lets the conformance tests measure the numeral grammar against the specs without
// changing a single extracted target. Nothing in the pipeline calls it.
//
// What it adds to scan_number (each a composition of scan_number results):
//   - spaces inside a numeral when a Chinese numeral character is on one side
//     ("一百 五 十 二", "7 万5 千4 百", "1000  万", "四百 点 五"); two Arabic digit runs
//     separated by a space stay two numbers ("2020 2021");
//   - 兆 = 10^12 ("五兆六十二亿", "四十九兆九千五百九十二億"), 打 = a dozen ("十打苹果",
//     not before 造/击/破 …), 半百 = 50, 百三/千三 (130, 1300), 零十 (10);
//   - a leading decimal point (".5", "-.5"), a k/M suffix ("40k", "-2.5 M");
//   - fractions as values (四分之一 = 0.25, "3/5", 负3分之负157), mixed numbers
//     (一又二分之一, "1 3/5"), rounded to 15 significant digits when not finite;
//   - 百分之X reports X (a percentage belongs to the percentage model, the number inside
//     it is still a number); "95%", "九成", "一折" report nothing;
//   - a lone Chinese digit is dropped where it is part of a word: 一切, 一看, 四川, 十足,
//     and reduplicated digits (两两, 九九).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "zhpolicy/numeral.hpp"

namespace zhpolicy {

struct ModelNumber {
  size_t begin = 0;  // code point offsets into the text passed, half-open [begin, end)
  size_t end = 0;
  Decimal value;
  // A fraction without a finite decimal (1/3): value rounded to 15 significant digits,
  // which is how the specs print it (350.333333333333).
  bool rounded = false;
};

// Reads every number in `text`, left to right, non-overlapping.
std::vector<ModelNumber> read_model_numbers(std::u32string_view text);

// Reads every percentage in `text` (the percentage model): value in percent. 百分之/千分之/
// 万分之 forms, '%' '‰', X成 (tenths: 九成 = 90, 七成五 = 75, 半成 = 5), spaces inside as for
// numbers ("百 分 之 669", "七成 六"), a k suffix on an Arabic numerator (百分之15k). Not
// read: 折 (a discount, also 折合/折算 "converted to") and 个百分点 (percentage points are
// not percent; the specs flatten them); the percent signs of a URL ("%20") are skipped.
std::vector<ModelNumber> read_model_percentages(std::u32string_view text);

}  // namespace zhpolicy
