#include "zhpolicy/status.hpp"

#include "zhpolicy/types.hpp"

namespace zhpolicy {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kUnreadable: return "unreadable";
    case ErrorCode::kBinary: return "binary";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kUnknownEncoding: return "unknown_encoding";
    case ErrorCode::kWriteFailed: return "write_failed";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

const char* diagnostic_kind_name(DiagnosticKind kind) {
  switch (kind) {
    case DiagnosticKind::kInvalidBytes: return "invalid_bytes";
    case DiagnosticKind::kEncoding: return "encoding";
    case DiagnosticKind::kMarkup: return "markup";
    case DiagnosticKind::kChrome: return "chrome";
    case DiagnosticKind::kRelated: return "related";
    case DiagnosticKind::kCopyright: return "copyright";
    case DiagnosticKind::kSpam: return "spam";
    case DiagnosticKind::kMetadata: return "metadata";
    case DiagnosticKind::kPinyin: return "pinyin";
    case DiagnosticKind::kDuplicate: return "duplicate";
    case DiagnosticKind::kDamaged: return "damaged";
    case DiagnosticKind::kNumbering: return "numbering";
  }
  return "unknown";
}

}  // namespace zhpolicy
