// Where the CLI writes: stdout, or a file replaced atomically (temporary file + rename),
// so a failed run never leaves a partial table behind; neither does an interrupted one
// (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ remove the temporary file, unless ignored).
#pragma once

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "zhpolicy/status.hpp"

namespace zhpolicy::cli {

class OutputSink {
 public:
  // `path` empty: stdout. A path naming a device or pipe (/dev/stdout, /dev/full) is
  // written directly: renaming over it would replace the device.
  explicit OutputSink(std::string path);
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  Status open();
  std::ostream& stream() { return *stream_; }
  bool is_terminal() const { return terminal_; }
  // Call right after writing to stream(), on the thread that wrote: if the stream failed,
  // keeps errno's reason for commit(). Rows are written by whichever worker emits them
  // and commit() runs on the main thread, where errno says nothing about that write.
  void note_failure();
  // Flushes and, for a file, renames the temporary into place. Idempotent.
  Status commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<std::ofstream> file_;
  std::ostream* stream_ = &std::cout;
  bool terminal_ = false;
  bool committed_ = false;
  std::string failure_;  // strerror of the first failed write, from note_failure()
};

}  // namespace zhpolicy::cli
