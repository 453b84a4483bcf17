// Inputs: directory walks with --include/--exclude, --files-from lists, JSON Lines records.
#include "zhpolicy/inputs.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhpolicy/batch.hpp"

using namespace zhpolicy;
namespace fs = std::filesystem;

namespace {

// A fresh directory tree under the temp dir, removed at the end of the test.
struct TempTree {
  fs::path root;
  TempTree() {
    root = fs::temp_directory_path() / ("zhpolicy-inputs-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "sub");
    for (const char* f : {"b.txt", "a.html", "c.md", "sub/d.txt", "sub/e.bak"}) std::ofstream(root / f) << "x";
  }
  ~TempTree() { fs::remove_all(root); }
  std::vector<std::string> rel(const InputList& l) const {
    std::vector<std::string> out;
    for (const std::string& p : l.paths) out.push_back(fs::relative(p, root).string());
    return out;
  }
};

}  // namespace

TEST_CASE("inputs: a directory is walked in name order, files before subdirectories", "[inputs]") {
  TempTree t;
  const InputList l = expand_inputs({t.root.string()});
  CHECK(l.errors.empty());
  CHECK(t.rel(l) == std::vector<std::string>{"a.html", "b.txt", "c.md", "sub/d.txt", "sub/e.bak"});
}

TEST_CASE("inputs: --include and --exclude match file names with fnmatch globs", "[inputs]") {
  TempTree t;
  InputFilter f;
  f.include = split_list("*.txt,*.html");
  CHECK(t.rel(expand_inputs({t.root.string()}, f)) == std::vector<std::string>{"a.html", "b.txt", "sub/d.txt"});
  f.exclude = {"d.*"};
  CHECK(t.rel(expand_inputs({t.root.string()}, f)) == std::vector<std::string>{"a.html", "b.txt"});
  // A file named on the command line is kept whatever the filter says.
  const InputList direct = expand_inputs({(t.root / "c.md").string(), "-"}, f);
  CHECK(direct.paths.size() == 2);
  CHECK(direct.paths[1] == "-");
  InputFilter ex;
  ex.exclude = {"*.bak", "*.md"};
  CHECK(t.rel(expand_inputs({t.root.string()}, ex)) == std::vector<std::string>{"a.html", "b.txt", "sub/d.txt"});
}

TEST_CASE("inputs: split_list drops empty pieces", "[inputs]") {
  CHECK(split_list("a,,b,") == std::vector<std::string>{"a", "b"});
  CHECK(split_list("").empty());
}

TEST_CASE("inputs: --files-from reads one path per line, CRLF and blank lines tolerated", "[inputs]") {
  std::istringstream in("a.txt\r\n\nsub/b 文件.html\nlast");
  CHECK(read_path_list(in) == std::vector<std::string>{"a.txt", "sub/b 文件.html", "last"});
}

TEST_CASE("inputs: a JSON Lines record gives its id and text", "[inputs]") {
  Result<JsonlRecord> r = parse_jsonl_record(
      R"({"meta":{"x":[1,2.5e3,true,null]},"id":"d-1","text":"到2025年\n达到92%\u4EE5\u4e0a \ud83d\ude00"})");
  REQUIRE(r.ok());
  CHECK(r->id == "d-1");
  CHECK(r->text == "到2025年\n达到92%以上 😀");
  Result<JsonlRecord> n = parse_jsonl_record(R"({"id": 42, "text": ""})");
  REQUIRE(n.ok());
  CHECK(n->id == "42");
  Result<JsonlRecord> custom = parse_jsonl_record(R"({"url":"u","body":"b"})", "url", "body");
  REQUIRE(custom.ok());
  CHECK(custom->id == "u");
  CHECK(custom->text == "b");
}

TEST_CASE("inputs: malformed JSON Lines records are errors, never half-read", "[inputs]") {
  for (const char* bad : {"", "[1]", R"({"text":"a")", R"({"text":"a"} x)", R"({"text":1})", R"({"id":"a"})",
                          R"({"text":"a",})", "{\"text\":\"a\tb\"}", R"({"text":"\x"})"}) {
    INFO(bad);
    Result<JsonlRecord> r = parse_jsonl_record(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.status().code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("batch: outcomes come back in input order whatever the number of jobs", "[inputs][batch]") {
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i) paths.push_back("/nonexistent/zhpolicy/" + std::to_string(i));
  for (unsigned jobs : {1u, 3u, 8u}) {
    std::unique_ptr<BatchSource> src = make_path_source(paths);
    BatchOptions o;
    o.jobs = jobs;
    o.window = 2;
    std::vector<std::string> names;
    run_batch(*src, o, [](const Document&, DocumentOutcome&) {},
              [&](DocumentOutcome&& d) {
                CHECK(d.status.code() == ErrorCode::kNotFound);
                names.push_back(d.name);
              });
    CHECK(names == paths);
  }
}
