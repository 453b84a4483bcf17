// The original script of the clean text, as segment and extract read it: only ever as
// slices that become table cells (titles, labels, target texts, units). It is either the
// text's code points, or the CleanText itself sliced through its piece map; the second
// spares a pipeline the array of 4 bytes per character that it would hold only for this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy::detail {

class OriginalText {
 public:
  explicit OriginalText(std::u32string_view code_points) : code_points_(code_points) {}
  explicit OriginalText(const CleanText& clean) : clean_(&clean) {}

  // Code points [begin, end), in UTF-8.
  std::string utf8(size_t begin, size_t end) const {
    if (clean_ == nullptr) return to_utf8(code_points_.substr(begin, end - begin));
    return std::string(clean_->text_between(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)));
  }

 private:
  std::u32string_view code_points_;
  const CleanText* clean_ = nullptr;
};

}  // namespace zhpolicy::detail
