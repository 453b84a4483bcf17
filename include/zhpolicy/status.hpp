// Errors that stop one document: ErrorCode, Status, Result<T>.
//
// The library never aborts, exits or prints because of bad input. A call that can fail
// returns a Status or a Result<T>; its message names the document and, where it helps,
// the byte offset. Findings about the *content* of a document that still gets processed
// (damaged text, a numbering gap) are Diagnostics (types.hpp), not errors.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace zhpolicy {

enum class ErrorCode {
  kOk = 0,
  kNotFound,         // the path does not exist
  kUnreadable,       // the path exists but could not be read (permissions, I/O error, a directory)
  kBinary,           // the bytes are not text in any supported encoding (NUL bytes, an image)
  kTooLarge,         // the input is larger than Options::max_bytes
  kUnknownEncoding,  // --encoding named a charset ICU does not know
  kWriteFailed,      // an output file could not be written
  kInvalidArgument,  // a caller passed something the API does not accept
  kInternal,         // an ICU call failed for a reason that is not the input's fault
};

// The short English name of a code, e.g. "binary" (used in tables and messages).
const char* error_code_name(ErrorCode code);

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // One line, without a trailing newline, e.g. "binary file: NUL byte at offset 12".
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace zhpolicy
