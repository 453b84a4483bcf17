// One place where ICU error codes become Status values, naming the ICU function.
#pragma once

#include <unicode/utypes.h>

#include <string>

#include "zhpolicy/status.hpp"

namespace zhpolicy::detail {

// OK for U_ZERO_ERROR and warnings; otherwise kInternal naming `function` and the ICU error.
inline Status icu_status(UErrorCode code, const char* function) {
  if (U_SUCCESS(code)) return {};
  return Status(ErrorCode::kInternal, std::string(function) + " failed: " + u_errorName(code));
}

}  // namespace zhpolicy::detail
