// Direct cases of the general number model (number_model.hpp), beside the conformance specs:
// the places where it deliberately reads differently from the policy extractor.
#include "zhpolicy/number_model.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_util.hpp"

using namespace zhpolicy;

namespace {

std::vector<std::string> values(const std::vector<ModelNumber>& numbers) {
  std::vector<std::string> out;
  for (const ModelNumber& n : numbers) out.push_back(n.value.to_string());
  return out;
}

std::vector<std::string> numbers_of(const char32_t* text) { return values(read_model_numbers(text)); }
std::vector<std::string> percentages_of(const char32_t* text) { return values(read_model_percentages(text)); }

using Values = std::vector<std::string>;

}  // namespace

TEST_CASE("number model: two Arabic numbers separated by a space stay two", "[number_model]") {
  CHECK(numbers_of(U"2020 2021") == Values{"2020", "2021"});
  CHECK(numbers_of(U"一百 五 十 二") == Values{"152"});
}

TEST_CASE("number model: 兆 is 10^12 and 打 a dozen, but not in 打造", "[number_model]") {
  CHECK(numbers_of(U"五兆") == Values{"5000000000000"});
  CHECK(numbers_of(U"十打苹果") == Values{"120"});
  // 打 is the verb of 打造 here; the 一 of 一流 is read as the general model reads it.
  CHECK(numbers_of(U"打造一流学校") == Values{"1"});
}

TEST_CASE("number model: fractions are values, rounded when not finite", "[number_model]") {
  CHECK(numbers_of(U"四分之一") == Values{"0.25"});
  const std::vector<ModelNumber> third = read_model_numbers(U"三分之一");
  REQUIRE(third.size() == 1);
  CHECK(third[0].rounded);
}

TEST_CASE("number model: percentages, and the percent signs of a URL are skipped", "[number_model]") {
  CHECK(percentages_of(U"百分之九十五") == Values{"95"});
  CHECK(percentages_of(U"九成") == Values{"90"});
  CHECK(percentages_of(U"提高5个百分点").empty());
  CHECK(percentages_of(U"见 http://a.cn/x%20y 的说明").empty());
}
