#include "cli/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace zhpolicy::cli {

namespace {

// The temporary file being written, if any (one at a time: -o and --output-dir write
// their files one after the other on the main thread). Ctrl-C or kill would otherwise
// leave it behind; the handler removes it and dies of the same signal.
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_set = 0;

extern "C" void remove_temp_and_reraise(int sig) {
  if (g_temp_set) ::unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_signal_handlers_once() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;  // keep nohup, trap ''
    struct sigaction sa {};
    sa.sa_handler = remove_temp_and_reraise;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

void watch_temp(const std::string& path) {
  g_temp_set = 0;
  if (path.size() >= sizeof g_temp_path) return;  // not removed on a signal; never seen in practice
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  install_signal_handlers_once();
  g_temp_set = 1;
}

void unwatch_temp() { g_temp_set = 0; }

}  // namespace

OutputSink::OutputSink(std::string path) : path_(std::move(path)) {}

OutputSink::~OutputSink() {
  if (!committed_ && !temp_path_.empty()) {
    file_.reset();
    std::remove(temp_path_.c_str());
    unwatch_temp();
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
  if (!temp_path_.empty()) watch_temp(temp_path_);
  file_ = std::make_unique<std::ofstream>(target, std::ios::binary | std::ios::trunc);
  if (!*file_) {
    const std::string why = std::strerror(errno);
    unwatch_temp();
    temp_path_.clear();
    return Status(ErrorCode::kWriteFailed, path_ + ": cannot write: " + why);
  }
  stream_ = file_.get();
  return {};
}

void OutputSink::note_failure() {
  if (failure_.empty() && !*stream_) failure_ = std::strerror(errno);
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
      const std::string why = failure_.empty() ? std::strerror(errno) : failure_;
      if (!temp_path_.empty()) std::remove(temp_path_.c_str());
      unwatch_temp();
      return Status(ErrorCode::kWriteFailed, where + ": write failed (" + why + ")");
    }
    if (!temp_path_.empty() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      std::remove(temp_path_.c_str());
      unwatch_temp();
      return Status(ErrorCode::kWriteFailed, path_ + ": cannot replace: " + why);
    }
    unwatch_temp();  // renamed: a signal from now on must not remove anything
    return {};
  }
  if (!ok) {
    return Status(ErrorCode::kWriteFailed,
                  where + ": write failed (" + (failure_.empty() ? std::strerror(errno) : failure_) + ")");
  }
  return {};
}

}  // namespace zhpolicy::cli
