#include "cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace zhpolicy::cli {

OutputSink::OutputSink(std::string path) : path_(std::move(path)) {}

OutputSink::~OutputSink() {
  if (!committed_ && !temp_path_.empty()) {
    file_.reset();
    std::remove(temp_path_.c_str());
  }
}

Status OutputSink::open() {
  if (path_.empty() || path_ == "-") {
    terminal_ = ::isatty(STDOUT_FILENO) != 0;
    return {};
  }
  struct stat st;
  const bool exists = ::stat(path_.c_str(), &st) == 0;
  std::string target = path_;
  if (!exists || S_ISREG(st.st_mode)) {
    target = path_ + ".tmp" + std::to_string(::getpid());
    temp_path_ = target;
  }
  file_ = std::make_unique<std::ofstream>(target, std::ios::binary | std::ios::trunc);
  if (!*file_) {
    const std::string why = std::strerror(errno);
    temp_path_.clear();
    return Status(ErrorCode::kWriteFailed, path_ + ": cannot write: " + why);
  }
  stream_ = file_.get();
  return {};
}

Status OutputSink::commit() {
  if (committed_) return {};
  committed_ = true;
  stream_->flush();
  const bool ok = static_cast<bool>(*stream_);
  const std::string where = path_.empty() ? "standard output" : path_;
  if (file_) {
    file_->close();
    if (!ok || file_->fail()) {
      if (!temp_path_.empty()) std::remove(temp_path_.c_str());
      return Status(ErrorCode::kWriteFailed, where + ": write failed (" + std::strerror(errno) + ")");
    }
    if (!temp_path_.empty() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      std::remove(temp_path_.c_str());
      return Status(ErrorCode::kWriteFailed, path_ + ": cannot replace: " + why);
    }
    return {};
  }
  if (!ok) return Status(ErrorCode::kWriteFailed, where + ": write failed (" + std::strerror(errno) + ")");
  return {};
}

}  // namespace zhpolicy::cli
