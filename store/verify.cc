// Archive::Verify and Archive::Stats: full scans inside one read transaction.
#include <ctime>
#include <map>
#include <mutex>
#include <set>

#include "store/archive_impl.h"
#include "store/indexes.h"
#include "store/words.h"

namespace recital::store {
namespace {

// Verify caches every decoded base it can: bases are shared by long chains.
constexpr size_t kVerifyCacheBytes = 512u << 20;

using SymbolSet = std::set<std::string>;

struct Scan {
  const Txn& txn;
  const Dbis& d;
  ObjectReader reader;
  VerifyReport report;
  std::map<Hash128, SymbolSet> direct;                  // object -> documents using it
  std::map<Hash128, std::vector<Hash128>> dependents;  // base -> objects compressed against it
  std::set<std::string> expected_cites;
  UsesIndexCheck uses;                                  // doc numbers and uses the docs imply
  std::map<Hash128, std::string> broken;                // object -> problem
  WordIndexCheck words;                                 // postings the paragraphs imply

  int format = 0;  // the archive's format version
  // The docs walk stopped: the indexes cannot be compared with what the documents imply.
  bool docs_incomplete = false;
  std::map<std::string, uint32_t> number_of;  // symbol -> number, from doc_symbols

  Scan(const Txn& t, const Dbis& dbis, int format_version)
      : txn(t), d(dbis), reader(t, dbis.objects, kVerifyCacheBytes), format(format_version) {
    words.SetFormat(format_version);  // format 5 posts word pairs too
  }

  void Problem(std::string what, SymbolSet symbols = {}) {
    report.problems.push_back({std::move(what), {symbols.begin(), symbols.end()}});
  }

  // Every document touched by an object: its direct users and those of everything compressed
  // against it, transitively.
  SymbolSet Touched(const Hash128& h) const {
    SymbolSet out;
    std::vector<Hash128> todo{h};
    std::set<Hash128> seen;
    while (!todo.empty()) {
      Hash128 x = todo.back();
      todo.pop_back();
      if (!seen.insert(x).second) continue;
      if (auto it = direct.find(x); it != direct.end()) out.insert(it->second.begin(), it->second.end());
      if (auto it = dependents.find(x); it != dependents.end()) {
        todo.insert(todo.end(), it->second.begin(), it->second.end());
      }
    }
    return out;
  }
};

// A key as a person reads it in a report: text when it is printable ASCII, else hex.
std::string ShowKey(std::string_view key) {
  bool text = !key.empty() && key.size() <= 200;
  for (unsigned char c : key) text = text && c >= 0x20 && c < 0x7f;
  if (text) return "'" + std::string(key) + "'";
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key.substr(0, 32)) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out + (key.size() > 32 ? "..." : "");
}

// A walk of one database that could not go on (LMDB found, or faulted on, a damaged page): a
// problem, and the rest of that database is not checked. Verify goes on with the others.
void WalkStopped(Scan& s, const char* database, std::string_view last_key, const Status& st) {
  std::string why = st.message();
  // The advice readers give ("run `recital verify`") is this very report.
  const std::string advice = "; run `recital verify`, and restore the archive from a backup";
  if (size_t at = why.find(advice); at != std::string::npos) why.erase(at, advice.size());
  s.Problem(std::string("database '") + database + "' could not be read " +
            (last_key.empty() ? std::string("from its start")
                              : "past key " + ShowKey(last_key)) +
            ": " + why + " (the rest of it was not checked; restore the archive from a backup)");
  if (std::string_view(database) == "docs") s.docs_incomplete = true;
}

// Who uses each object according to paragraph_uses (to name the documents a bad object
// touches); the index itself is checked against the records by UsesIndexCheck.
Status ScanUses(Scan& s) {
  if (s.d.doc_symbols == 0) return Status::Ok();  // reported by UsesIndexCheck
  auto names = ReadDocSymbols(s.txn, s.d);
  if (!names.ok()) return Status::Ok();  // reported by UsesIndexCheck
  for (const auto& [n, symbol] : *names) s.number_of.emplace(symbol, n);
  auto cur = Cursor::Open(s.txn, s.d.paragraph_uses);
  if (!cur.ok()) return Status::Ok();  // reported by UsesIndexCheck, which reads it too
  std::string_view k, v;
  std::vector<PackedUse> uses;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok() || !*more) return Status::Ok();  // damage: reported by UsesIndexCheck
    Hash128 h;
    if (!Hash128::FromBytes(k, &h) || !DecodeUseList(v, &uses)) continue;
    for (const auto& u : uses) {
      if (auto it = names->find(u.doc); it != names->end()) s.direct[h].insert(it->second);
    }
  }
}

// Checks one version of a document; records what the indexes must contain.
void CheckVersion(Scan& s, const std::string& symbol, const DocumentVersion& v) {
  std::string where = symbol + " version " + std::to_string(v.version);
  auto raw = s.reader.Load(v.raw_hash, ObjectType::kRelease);
  if (!raw.ok()) {
    s.Problem(where + ": release bytes: " + raw.status().message(), {symbol});
  } else if ((*raw)->size() != v.raw_size) {
    s.Problem(where + ": release is " + std::to_string((*raw)->size()) + " bytes, docs says " +
                  std::to_string(v.raw_size),
              {symbol});
  }
  auto record_bytes = s.reader.Load(v.record_hash, ObjectType::kRecord);
  if (!record_bytes.ok()) {
    s.Problem(where + ": record: " + record_bytes.status().message(), {symbol});
    return;
  }
  auto res = LoadResolution(s.reader, v.record_hash);
  if (!res.ok()) {
    s.Problem(where + ": record does not decode: " + res.status().message(), {symbol});
    return;
  }
  if (res->symbol != symbol) s.Problem(where + ": record is for " + res->symbol, {symbol});
  if (res->raw_hash != v.raw_hash) s.Problem(where + ": record points at other release bytes", {symbol});
  // What docs copies from the record for listings must be what the record says.
  auto differs = [&](const char* field, const std::string& docs, const std::string& record) {
    if (docs != record) {
      s.Problem(where + ": docs gives " + field + " " + docs + ", the record " + record, {symbol});
    }
  };
  differs("session", std::to_string(v.session), std::to_string(res->session));
  differs("number", std::to_string(v.number), std::to_string(res->number));
  differs("title", "\"" + v.title + "\"", "\"" + res->title + "\"");
  differs("adoption date", "\"" + v.adoption_date + "\"", "\"" + res->adoption_date + "\"");
  if (s.format >= 5) {  // format 5: language and completeness come from the record
    differs("language", "\"" + v.language + "\"", "\"" + res->language + "\"");
    differs("completeness", CompletenessName(v.completeness),
            CompletenessName(CompletenessOf(*res)));
    differs("paragraph count", std::to_string(v.paragraphs),
            std::to_string(res->preamble.size() + res->operative.size() + res->annex.size()));
  }
  // The number as doc_symbols gives it (doc_numbers is checked against it by UsesIndexCheck).
  auto number = s.number_of.find(symbol);
  uint32_t position = 0;
  for (const auto* list : {&res->preamble, &res->operative, &res->annex}) {
    for (const auto& p : *list) {
      Hash128 h = WordingHash(p);
      s.uses.AddUse(h, symbol, v.version, position++);
      if (s.format >= 4 && number != s.number_of.end()) s.words.AddParagraph(number->second, h, p);
    }
  }
  for (const auto& c : res->citations) {
    if (IsCitedSymbol(c.symbol, symbol)) s.expected_cites.insert(symbol + '\0' + c.symbol);
  }
}

// Format 5: one current version per stored language, each a version of that language, and
// where the user chose none, the one the rule picks (ApplyCurrentRule).
void CheckCurrentVersions(Scan& s, const Document& doc) {
  const std::string& symbol = doc.symbol;
  Document expected = doc;
  ApplyCurrentRule(&expected);
  std::vector<std::string> langs = doc.languages();
  if (doc.current_versions.size() != langs.size()) {
    s.Problem(symbol + ": docs gives current versions for " +
                  std::to_string(doc.current_versions.size()) + " language(s), the versions have " +
                  std::to_string(langs.size()),
              {symbol});
  }
  for (const auto& c : doc.current_versions) {
    std::string where = symbol + " current version of language \"" + c.language + "\"";
    const DocumentVersion* v = doc.version(c.version);
    if (v == nullptr || v->language != c.language) {
      s.Problem(where + ": docs names version " + std::to_string(c.version) +
                    ", which is not a version of that language",
                {symbol});
      continue;
    }
    for (const auto& e : expected.current_versions) {
      if (e.language == c.language && e.version != c.version) {
        s.Problem(where + ": docs gives version " + std::to_string(c.version) +
                      ", the rule gives version " + std::to_string(e.version),
                  {symbol});
      }
    }
  }
}

// The ingest times of a document's versions: versions are appended in ingest order, so their
// times never go back, and none is in the future. (docs alone holds them, and the source file
// names: nothing else can say what they should be, so only such damage shows.)
void CheckIngestTimes(Scan& s, const std::string& symbol,
                      const std::vector<DocumentVersion>& versions) {
  const int64_t latest = static_cast<int64_t>(std::time(nullptr)) + 86400;
  for (size_t i = 0; i < versions.size(); ++i) {
    const auto& v = versions[i];
    std::string where = symbol + " version " + std::to_string(v.version);
    if (v.ingest_time > latest) {
      s.Problem(where + ": docs gives an ingest time in the future (" +
                    std::to_string(v.ingest_time) + ")",
                {symbol});
    } else if (i > 0 && v.ingest_time < versions[i - 1].ingest_time) {
      s.Problem(where + ": docs gives an ingest time before the previous version's", {symbol});
    }
    for (size_t j = 0; j < i; ++j) {
      if (versions[j].raw_hash == v.raw_hash) {
        s.Problem(where + ": docs gives the same release bytes as version " +
                      std::to_string(versions[j].version),
                  {symbol});
      }
    }
  }
}

Status ScanDocs(Scan& s, bool check) {
  auto cur = Cursor::Open(s.txn, s.d.docs);
  if (!cur.ok()) {
    if (check) WalkStopped(s, "docs", "", cur.status());
    return Status::Ok();
  }
  std::string_view k, v;
  std::string last;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) {
      if (check) WalkStopped(s, "docs", last, more.status());
      return Status::Ok();
    }
    if (!*more) return Status::Ok();
    std::string symbol(k);
    last = symbol;
    auto doc = DecodeDocument(v, symbol);
    if (!doc.ok()) {
      if (check) s.Problem(doc.status().message(), {symbol});
      continue;
    }
    const std::vector<DocumentVersion>* versions = &doc->versions;
    if (check) CheckIngestTimes(s, symbol, *versions);
    if (check && s.format >= 5) CheckCurrentVersions(s, *doc);
    if (check) {
      ++s.report.documents_checked;
      s.uses.AddDocument(symbol);
    }
    for (const auto& ver : *versions) {
      if (!check) {
        s.direct[ver.raw_hash].insert(symbol);
        s.direct[ver.record_hash].insert(symbol);
      } else {
        CheckVersion(s, symbol, ver);
      }
    }
  }
}

Status ScanObjects(Scan& s) {
  std::vector<Hash128> keys;
  auto cur = Cursor::Open(s.txn, s.d.objects);
  if (!cur.ok()) {
    WalkStopped(s, "objects", "", cur.status());
    return Status::Ok();
  }
  std::string_view k, v;
  std::string last;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) {
      WalkStopped(s, "objects", last, more.status());
      break;
    }
    if (!*more) break;
    last.assign(k);
    Hash128 h;
    if (!Hash128::FromBytes(k, &h)) {
      s.Problem("objects: key of " + std::to_string(k.size()) + " bytes is not a hash");
      continue;
    }
    keys.push_back(h);
    auto header = ParseObjectHeader(v, h);
    if (!header.ok()) {
      s.broken[h] = header.status().message();
      continue;
    }
    for (const auto& b : header->bases) s.dependents[b].push_back(h);
  }
  for (const auto& h : keys) {
    ++s.report.objects_checked;
    if (s.broken.count(h)) continue;
    ObjectType type;
    auto content = s.reader.LoadAny(h, &type);
    if (!content.ok()) {
      s.broken[h] = content.status().message();
      continue;
    }
    if (type == ObjectType::kParagraph && s.format >= 4) {
      // Format 4 keeps wordings inside the records; migration 0004 removed these objects.
      s.broken[h] = "object " + h.ToHex() +
                    ": a paragraph object, which format 4 no longer has (wordings are in the "
                    "records)";
    }
  }
  return Status::Ok();
}

// Compares an index with the entries the documents imply. Entries are "citing NUL cited";
// format 4's cited_by values are packed document numbers (packed = true).
Status CompareIndex(Scan& s, MDB_dbi dbi, const char* name, const std::set<std::string>& expected,
                    bool swap, bool packed = false) {
  std::set<std::string> actual;
  auto cur = Cursor::Open(s.txn, dbi);
  if (!cur.ok()) {
    WalkStopped(s, name, "", cur.status());
    return Status::Ok();
  }
  std::string_view k, v;
  std::vector<uint32_t> docs;
  std::string last;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) {
      WalkStopped(s, name, last, more.status());
      return Status::Ok();  // the comparison would only list what the walk did not reach
    }
    if (!*more) break;
    last.assign(k);
    if (!packed) {
      actual.insert(swap ? std::string(v) + '\0' + std::string(k)
                         : std::string(k) + '\0' + std::string(v));
      continue;
    }
    if (!DecodeNumberList(v, &docs)) {
      s.Problem(std::string(name) + ": malformed entry for " + std::string(k));
      continue;
    }
    for (uint32_t n : docs) {
      auto symbol = s.txn.Get(s.d.doc_symbols, DocNumberKey(n));
      if (!symbol.ok()) {
        WalkStopped(s, "doc_symbols", DocNumberKey(n), symbol.status());
        return Status::Ok();
      }
      if (!symbol->has_value()) {
        s.Problem(std::string(name) + ": " + std::string(k) + " is cited by document number " +
                  std::to_string(n) + ", which doc_symbols does not have");
        continue;
      }
      actual.insert(std::string(**symbol) + '\0' + std::string(k));
    }
  }
  auto describe = [&](const std::string& entry) -> std::pair<std::string, SymbolSet> {
    size_t nul = entry.find('\0');
    std::string a = entry.substr(0, nul), b = entry.substr(nul + 1);
    return {a + " cites " + b, {a}};
  };
  for (const auto& e : expected) {
    if (!actual.count(e)) {
      auto [text, symbols] = describe(e);
      s.Problem(std::string(name) + ": missing entry " + text, symbols);
    }
  }
  for (const auto& e : actual) {
    if (!expected.count(e)) {
      auto [text, symbols] = describe(e);
      s.Problem(std::string(name) + ": entry without a document " + text, symbols);
    }
  }
  return Status::Ok();
}

// Format 6: what store can check of a derived index without understanding it. Its content
// is checked against a recomputation by its owner (history/, `recital verify`) when fresh.
Status CheckDerivedStamps(Scan& s) {
  if (s.d.series == 0) {
    s.Problem("archive has no 'series' database (format 6 needs it)");
    return Status::Ok();
  }
  auto gen = ReadInputGeneration(s.txn, s.d);
  if (!gen.ok()) return gen.status();
  auto stamp = ReadDerivedStamp(s.txn, s.d, kSeriesIndex);
  if (!stamp.ok()) return stamp.status();
  if (stamp->has_value() && **stamp > *gen) {
    s.Problem("derived index 'series' is stamped with input generation " +
              std::to_string(**stamp) + ", newer than the archive's " + std::to_string(*gen));
  }
  return Status::Ok();
}

}  // namespace

// Verify ends with a report whatever the damage: an LMDB error or fault while walking a
// database (store/lmdb_env.h: the fault guard) is a problem of that database, and the other
// checks go on. Only an archive whose creation is still pending is an error (NotFound).
Result<VerifyReport> Archive::Verify() const {
  std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) {
    if (impl_->pending_create()) return txn.status();
    VerifyReport report;
    report.problems.push_back({"the archive cannot be read: " + txn.status().message(), {}});
    return report;
  }
  Scan s(*txn, impl_->dbis(), impl_->format_version);
  auto checked = [&](const char* what, const Status& st) {
    if (!st.ok()) s.Problem(std::string(what) + " could not finish: " + st.message());
  };
  checked("reading paragraph_uses", ScanUses(s));
  checked("reading docs", ScanDocs(s, /*check=*/false));
  checked("checking objects", ScanObjects(s));
  for (const auto& [h, what] : s.broken) s.Problem(what, s.Touched(h));
  checked("checking docs", ScanDocs(s, /*check=*/true));
  if (s.docs_incomplete) {
    s.Problem("paragraph_uses, doc_numbers, doc_symbols, cites, cited_by and words were not "
              "checked: what they should hold comes from docs, which could not be read whole");
    return std::move(s.report);
  }
  checked("checking paragraph_uses, doc_numbers and doc_symbols",
          s.uses.Compare(*txn, impl_->dbis(), [&](std::string what, std::set<std::string> symbols) {
            s.Problem(std::move(what), symbols);
          }));
  if (impl_->format_version >= 4) {  // cites is empty: the records are the forward index
    checked("checking cites", CompareIndex(s, impl_->dbis().cites, "cites", {}, false));
    checked("checking cited_by",
            CompareIndex(s, impl_->dbis().cited_by, "cited_by", s.expected_cites, true, true));
  } else {
    checked("checking cites",
            CompareIndex(s, impl_->dbis().cites, "cites", s.expected_cites, false));
    checked("checking cited_by",
            CompareIndex(s, impl_->dbis().cited_by, "cited_by", s.expected_cites, true));
  }
  if (impl_->format_version >= 6) checked("checking derived indexes", CheckDerivedStamps(s));
  if (impl_->format_version >= 6) checked("checking derived indexes", CheckDerivedStamps(s));
  if (impl_->format_version >= 2) {
    if (impl_->dbis().words == 0) {
      s.Problem("archive has no 'words' database (format 2 needs it)");
    } else {
      checked("checking words", s.words.Compare(*txn, impl_->dbis().words, [&](std::string what) {
        s.Problem(std::move(what));
      }));
    }
  }
  return std::move(s.report);
}

Result<ArchiveStats> Archive::Stats() const {
  std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  const Dbis& d = impl_->dbis();
  ArchiveStats st;
  std::string_view k, v;
  auto objects = Cursor::Open(*txn, d.objects);
  if (!objects.ok()) return objects.status();
  for (auto more = objects->Get(MDB_FIRST, &k, &v);; more = objects->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    st.object_bytes += v.size();
    uint8_t type = v.empty() ? 0 : static_cast<uint8_t>(v[0]);
    if (type == static_cast<uint8_t>(ObjectType::kRelease)) {
      ++st.raw_objects;
      st.raw_object_bytes += v.size();
    } else if (type == static_cast<uint8_t>(ObjectType::kParagraph)) {  // before format 4
      ++st.paragraph_objects;
      st.paragraph_object_bytes += v.size();
    } else if (type == static_cast<uint8_t>(ObjectType::kRecord)) {
      ++st.record_objects;
      st.record_object_bytes += v.size();
    } else {
      ++st.other_objects;
    }
  }
  auto docs = Cursor::Open(*txn, d.docs);
  if (!docs.ok()) return docs.status();
  for (auto more = docs->Get(MDB_FIRST, &k, &v);; more = docs->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    auto versions = DecodeDocVersions(v, k);
    if (!versions.ok()) return versions.status();
    ++st.documents;
    st.versions += versions->size();
    for (const auto& ver : *versions) st.raw_bytes += ver.raw_size;
  }
  auto uses = Cursor::Open(*txn, d.paragraph_uses);
  if (!uses.ok()) return uses.status();
  std::vector<PackedUse> list;
  for (auto more = uses->Get(MDB_FIRST, &k, &v);; more = uses->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (!DecodeUseList(v, &list)) return Status::Corruption("paragraph_uses: malformed entry");
    st.paragraph_uses += list.size();
    if (list.size() > 1) ++st.reused_paragraphs;
    // Format 4: a wording is stored once, inside the record of the release that brought it;
    // its one entry here is its identity (store/FORMAT.md "Format 4").
    if (impl_->format_version >= 4) ++st.paragraph_objects;
  }
  auto used = impl_->env->UsedBytes();
  if (!used.ok()) return used.status();
  st.stored_bytes = *used;
  return st;
}

}  // namespace recital::store
