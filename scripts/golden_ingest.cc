// Built by scripts/make-golden-archive against the store of an OLD commit (so only the
// store API that every format version has is used): ingests the synthetic release files of
// tests/testdata/golden-vN-src/ into a fresh archive with a fixed ingest time, verifies it and
// checks its format version. The releases are in a line format parsed here, so the golden
// archive does not depend on the real parser's progress:
//   SYMBOL s | SESSION n | NUMBER n | TITLE t | DATE yyyy-mm-dd | CITE s
//   P text (preamble) | O text (operative) | A text (annex) | S (x) text (sub-paragraph of the
//   last paragraph); the lead is the first word; other lines are ignored. From format 4:
//   LANGUAGE xx | TRUNCATED (cut off at the end) | MIDSTART (starts mid-document), set only
//   when the old commit's record has the field (so the driver still builds against older ones).
//
//   golden_ingest ARCHIVE_DIR EXPECTED_FORMAT_VERSION FILE...
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

using namespace recital;

// Fields only newer records have: set when the record has them.
template <typename R>
void SetOptional(R& r, const std::string& tag, const std::string& rest) {
  if constexpr (requires { r.language; }) {
    if (tag == "LANGUAGE") r.language = rest;
  }
  if constexpr (requires { r.truncated_end; }) {
    if (tag == "TRUNCATED") r.truncated_end = true;
  }
  if constexpr (requires { r.starts_mid_document; }) {
    if (tag == "MIDSTART") r.starts_mid_document = true;
  }
}

Result<Resolution> ParseLines(std::string_view bytes, const std::string&) {
  Resolution r;
  std::istringstream in{std::string(bytes)};
  std::string line;
  Paragraph* last = nullptr;
  while (std::getline(in, line)) {
    if (line == "TRUNCATED" || line == "MIDSTART") SetOptional(r, line, "");
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string tag = line.substr(0, space), rest = line.substr(space + 1);
    if (tag == "SYMBOL") r.symbol = rest;
    if (tag == "SESSION") r.session = static_cast<uint32_t>(std::stoul(rest));
    if (tag == "NUMBER") r.number = static_cast<uint32_t>(std::stoul(rest));
    if (tag == "TITLE") r.title = rest;
    if (tag == "DATE") r.adoption_date = rest;
    if (tag == "CITE") r.citations.push_back({rest, ""});
    SetOptional(r, tag, rest);
    if (tag == "S" && last != nullptr) {
      size_t sp = rest.find(' ');
      last->subparagraphs.push_back({rest.substr(0, sp), rest.substr(sp + 1), {}});
    }
    if (tag != "P" && tag != "O" && tag != "A") continue;
    auto& list = tag == "P" ? r.preamble : tag == "O" ? r.operative : r.annex;
    Paragraph p;
    p.section = tag == "P" ? Section::kPreamble : tag == "O" ? Section::kOperative : Section::kAnnex;
    p.number = tag == "O" ? std::to_string(r.operative.size() + 1) : "";
    p.lead = rest.substr(0, rest.find(' '));
    p.text = rest;
    list.push_back(std::move(p));
    last = &list.back();
  }
  if (r.symbol.empty()) return Status::InvalidInput("no SYMBOL line");
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s ARCHIVE_DIR FORMAT_VERSION FILE...\n", argv[0]);
    return 2;
  }
  store::OpenOptions open;
  open.read_only = false;
  open.create_if_missing = true;
  auto archive = store::Archive::Open(argv[1], open);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().ToString().c_str());
    return 2;
  }
  if ((*archive)->format_version() != std::stoi(argv[2])) {
    std::fprintf(stderr, "this store writes format version %d, not %s\n",
                 (*archive)->format_version(), argv[2]);
    return 2;
  }
  std::vector<store::ReleaseInput> inputs;
  for (int i = 3; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    // The file name only, so the archive does not record where it was made.
    std::string name = argv[i];
    inputs.push_back({name.substr(name.rfind('/') + 1), ss.str()});
  }
  store::IngestOptions options;
  options.parse = ParseLines;
  options.threads = 1;
  options.ingest_time = 1764288000;  // 2025-11-28T00:00:00Z, fixed so re-runs match
  int failed = 0;
  Status st = (*archive)->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
    std::printf("%s %s %s v%u\n", r.source_name.c_str(), store::IngestStatusName(r.status),
                r.symbol.c_str(), r.version);
    if (r.status == store::IngestStatus::kRefused) {
      std::fprintf(stderr, "refused: %s\n", r.message.c_str());
      ++failed;
    }
  });
  if (!st.ok() || failed != 0) {
    std::fprintf(stderr, "ingest failed: %s\n", st.ToString().c_str());
    return 2;
  }
  auto report = (*archive)->Verify();
  if (!report.ok() || !report->ok()) {
    std::fprintf(stderr, "verify failed\n");
    return 2;
  }
  std::printf("ok: format version %d, %llu objects, %llu documents\n", (*archive)->format_version(),
              static_cast<unsigned long long>(report->objects_checked),
              static_cast<unsigned long long>(report->documents_checked));
  return 0;
}
