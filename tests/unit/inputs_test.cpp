// Inputs: directory walks with --include/--exclude, --files-from lists, JSON Lines records.
#include "zhpolicy/inputs.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_util.hpp"
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

TEST_CASE("batch: every outcome is emitted once, in order, one call at a time, by whichever worker", "[inputs][batch]") {
  // Records of very different lengths, so workers finish out of order and the worker that
  // stores the next outcome is often not the one that stored the last; window 1, and a
  // held_bytes bound that any finished outcome reaches, make workers wait for room, the other
  // path that could lose a wake-up.
  class Records : public BatchSource {
   public:
    explicit Records(size_t n) : n_(n) {}
    bool next(BatchItem& item) override {
      if (i_ == n_) return false;
      item = BatchItem{};
      item.is_record = true;
      item.name = "r" + std::to_string(i_);
      const std::string sentence = "年内新增学位" + std::to_string(100 + i_) + "个，签收率达95%以上。";
      std::string text;
      for (size_t k = 0; k < (i_ % 7 == 0 ? 300 : 1 + i_ % 3); ++k) text += sentence;
      item.record = "{\"id\":\"" + item.name + "\",\"text\":\"" + text + "\"}";
      ++i_;
      return true;
    }
    size_t taken() const { return i_; }  // read by emit, outside the lock next() runs under

   private:
    size_t n_;
    std::atomic<size_t> i_{0};
  };
  struct Shape {
    unsigned jobs;
    size_t window;
    uint64_t held_bytes;
  };
  std::vector<Shape> shapes;
  for (unsigned jobs : {2u, 3u, 8u}) {
    for (size_t window : {size_t{1}, size_t{3}, size_t{0}}) {
      for (uint64_t held_bytes : {uint64_t{1}, BatchOptions{}.held_bytes}) shapes.push_back({jobs, window, held_bytes});
    }
  }
  for (const Shape& shape : shapes) {
    Records src(60);
    BatchOptions o;
    o.jobs = shape.jobs;
    o.window = shape.window;
    o.held_bytes = shape.held_bytes;
    std::atomic<int> inside{0};
    bool overlapped = false;
    size_t most_in_flight = 0;  // items taken and not yet emitted, seen at each emit
    std::vector<std::string> names;
    std::vector<size_t> targets;
    run_batch(src, o, [](const Document&, DocumentOutcome&) {}, [&](DocumentOutcome&& d) {
      if (inside.fetch_add(1) != 0) overlapped = true;
      most_in_flight = std::max(most_in_flight, src.taken() - names.size());
      names.push_back(d.name);
      targets.push_back(d.status.ok() ? d.targets : SIZE_MAX);
      inside.fetch_sub(1);
    });
    INFO("jobs " << shape.jobs << ", window " << shape.window << ", held_bytes " << shape.held_bytes);
    CHECK_FALSE(overlapped);
    // At held_bytes 1 a finished outcome stops new items: in flight is what the workers hold.
    if (shape.held_bytes == 1) CHECK(most_in_flight <= shape.jobs);
    REQUIRE(names.size() == 60);
    for (size_t i = 0; i < names.size(); ++i) {
      CHECK(names[i] == "r" + std::to_string(i));
      CHECK(targets[i] == 2 * (i % 7 == 0 ? 300 : 1 + i % 3));  // two targets per sentence
    }
  }
}

TEST_CASE("batch: rows emitted early keep input order and never overlap emit", "[inputs][batch]") {
  std::vector<std::string> paths;
  for (int copy = 0; copy < 3; ++copy) {
    for (const char* f : {"2022_news_report.txt", "2025_simplified_work_plan.txt", "2024_traditional_scheme_big5.txt",
                          "2024_traditional_with_inline_items.txt", "2023_county_plan_gb18030.txt"}) {
      paths.push_back(test::samples_dir() + "/" + f);
    }
  }
  // A row is the document's name and the target's position; a table holds them in order.
  auto run = [&](unsigned jobs, size_t early_rows, size_t* early_docs) {
    std::vector<std::string> written;
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    auto enter = [&] {
      if (inside.fetch_add(1) != 0) overlapped = true;
    };
    auto leave = [&] { inside.fetch_sub(1); };
    auto take_rows = [&](DocumentOutcome& d) {
      for (Table& t : d.tables) {
        for (const TableRow& r : t.rows) written.push_back(std::string(r[0]) + "@" + std::string(r[1]));
        t.rows.clear();
      }
    };
    BatchOptions o;
    o.jobs = jobs;
    o.early_rows = early_rows;
    o.on_target = [](const Document& doc, Target&& t, const ByteRange&, DocumentOutcome& out) {
      if (out.tables.empty()) out.tables.push_back(Table{"rows", {{"doc"}, {"start"}}, {}});
      out.tables.front().rows.push_back(TableRow{doc.name, std::to_string(t.start)});
    };
    if (early_rows > 0) {
      o.emit_early = [&](DocumentOutcome& d) {
        enter();
        take_rows(d);
        leave();
      };
    }
    std::unique_ptr<BatchSource> src = make_path_source(paths);
    run_batch(*src, o, [](const Document&, DocumentOutcome&) {}, [&](DocumentOutcome&& d) {
      enter();
      CHECK(d.status.ok());
      *early_docs += d.emitted_early;
      take_rows(d);
      leave();
    });
    CHECK_FALSE(overlapped.load());
    return written;
  };
  size_t none = 0;
  const std::vector<std::string> expected = run(1, 0, &none);
  REQUIRE(expected.size() > 100);
  CHECK(none == 0);
  for (unsigned jobs : {1u, 2u, 3u}) {
    for (size_t early_rows : {1u, 7u}) {
      INFO("jobs " << jobs << ", early_rows " << early_rows);
      size_t early_docs = 0;
      CHECK(run(jobs, early_rows, &early_docs) == expected);
      CHECK(early_docs > 0);
      if (jobs == 1) CHECK(early_docs == paths.size());  // each document is first in turn
    }
  }
}
