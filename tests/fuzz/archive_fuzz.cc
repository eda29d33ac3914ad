// libFuzzer target for damaged archive files (#14): a small valid archive is made once; each
// input is a list of edits applied to a copy of its data.mdb (bytes overwritten anywhere, meta
// pages and B-tree pages alike, or the file cut short), and the damaged archive is then opened,
// verified and read. Whatever the damage, every call must return (a report, or an error
// status): never crash, never hang. Verify must produce a report whenever the archive opens.
//
// Input: repeated [op][offset: 3 bytes little-endian][value...]. op & 0x80: cut the file at
// offset (mod its size); else write (op & 7) + 1 value bytes at offset. Offsets wrap at the
// file's size, so every page is reachable.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace {

namespace fs = std::filesystem;

std::string g_dir;       // the archive the fuzzer damages
std::string g_pristine;  // its data.mdb as made

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "archive_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

// Lines "SYMBOL s", "SESSION n", "TITLE t", "P text" (preamble), "O text" (operative).
recital::Result<recital::Resolution> TinyParse(std::string_view bytes, const std::string&) {
  recital::Resolution r;
  std::istringstream in{std::string(bytes)};
  std::string line;
  uint32_t op = 0;
  while (std::getline(in, line)) {
    auto rest = [&](size_t n) { return line.size() > n ? line.substr(n) : std::string(); };
    if (line.rfind("SYMBOL ", 0) == 0) r.symbol = rest(7);
    if (line.rfind("SESSION ", 0) == 0) r.session = static_cast<uint32_t>(std::stoul(rest(8)));
    if (line.rfind("TITLE ", 0) == 0) r.title = rest(6);
    if (line.rfind("CITE ", 0) == 0) r.citations.push_back({rest(5), ""});
    if (line.rfind("P ", 0) == 0 || line.rfind("O ", 0) == 0) {
      recital::Paragraph p;
      p.section = line[0] == 'P' ? recital::Section::kPreamble : recital::Section::kOperative;
      p.text = rest(2);
      p.lead = p.text.substr(0, p.text.find(' '));
      if (line[0] == 'O') p.number = std::to_string(++op);
      (line[0] == 'P' ? r.preamble : r.operative).push_back(std::move(p));
    }
  }
  return r;
}

std::string Release(uint32_t session, uint32_t number) {
  std::string s = "SYMBOL A/RES/" + std::to_string(session) + "/" + std::to_string(number) +
                  "\nSESSION " + std::to_string(session) + "\nTITLE Assistance to refugees " +
                  std::to_string(number) + "\n";
  if (session > 50) {
    s += "CITE A/RES/" + std::to_string(session - 1) + "/" + std::to_string(number) + "\n";
  }
  s += "P Recalling its resolutions on the protection of refugees in the region,\n";
  s += "P Noting with appreciation the work of the High Commissioner at session " +
       std::to_string(session) + ",\n";
  s += "O Urges all States to continue their support;\n";
  s += "O Requests the Secretary-General to report at session " + std::to_string(session + 1) +
       ";\n";
  return s;
}

std::string g_tmp;
void RemoveTmp() {
  std::error_code ec;
  fs::remove_all(g_tmp, ec);
}

void MakeArchive() {
  char tmpl[] = "/tmp/archive-fuzz-XXXXXX";
  Require(::mkdtemp(tmpl) != nullptr, "mkdtemp");
  g_tmp = tmpl;
  std::atexit(RemoveTmp);
  g_dir = g_tmp + "/a";
  recital::store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto a = recital::store::Archive::Open(g_dir, o);
  Require(a.ok(), "create the archive");
  std::vector<recital::store::ReleaseInput> inputs;
  for (uint32_t session = 50; session < 54; ++session) {
    for (uint32_t number = 1; number <= 3; ++number) {
      inputs.push_back({"r" + std::to_string(session) + "_" + std::to_string(number),
                        Release(session, number)});
    }
  }
  inputs.push_back({"v2", Release(53, 1) + "O Decides to remain seized of the matter;\n"});
  recital::store::IngestOptions options;
  options.parse = TinyParse;
  options.batch_releases = 4;
  Require((*a)->IngestBatch(std::move(inputs), options, nullptr).ok(), "ingest");
  Require((*a)->PutSetting("series/name/x", "Refugees").ok(), "setting");
  a->reset();
  std::ifstream in(g_dir + "/data.mdb", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  g_pristine = ss.str();
  Require(g_pristine.size() >= 2 * 4096, "archive made");
}

void Damage(std::string* file, const uint8_t* data, size_t size) {
  size_t i = 0;
  while (i + 4 <= size && !file->empty()) {
    const uint8_t op = data[i];
    const size_t offset =
        (size_t{data[i + 1]} | size_t{data[i + 2]} << 8 | size_t{data[i + 3]} << 16) % file->size();
    i += 4;
    if (op & 0x80) {
      file->resize(offset);
      continue;
    }
    const size_t n = (op & 7) + 1;
    for (size_t k = 0; k < n && i < size; ++k, ++i) {
      if (offset + k < file->size()) (*file)[offset + k] = static_cast<char>(data[i]);
    }
  }
}

void Exercise() {
  auto a = recital::store::Archive::Open(g_dir, {});
  if (!a.ok()) return;  // refused with a message: fine
  auto report = (*a)->Verify();
  Require(report.ok(), "Verify returns a report for an archive that opened");
  auto docs = (*a)->ListDocuments();
  if (docs.ok()) {
    for (const auto& d : *docs) {
      (void)(*a)->GetRawRelease(d.symbol);
      (void)(*a)->GetResolution(d.symbol);
      (void)(*a)->CitedBy(d.symbol);
    }
  }
  (void)(*a)->Stats();
  (void)(*a)->FindPhrase("refugees in the region");
  for (auto method : {recital::store::PhraseDocumentOptions::Method::kFromWordings,
                      recital::store::PhraseDocumentOptions::Method::kFromDocuments}) {
    recital::store::PhraseDocumentOptions options;
    options.method = method;
    (void)(*a)->FindPhraseDocuments("refugees", options);
  }
  (void)(*a)->ListSettings("series/");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  MakeArchive();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string file = g_pristine;
  Damage(&file, data, size);
  {
    std::ofstream out(g_dir + "/data.mdb", std::ios::binary | std::ios::trunc);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
  }
  Exercise();
  return 0;
}
