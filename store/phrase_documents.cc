// Archive::FindPhraseDocuments: the documents whose searched versions hold a phrase (`recital
// grep -l`), found with as few records decoded as the word index allows (store/FORMAT.md
// "words", "Documents holding a phrase").
//
// A posting (word, n) names the document that stored a wording first, not every document
// using it: a later session repeating a paragraph word for word is found through the wording's
// paragraph_uses, and the wording only by decoding a record of the document that stored it.
// So there are two ways to the same answer from first-use postings, and a third from format 7
// on; the cheapest is taken:
//   - from wordings (FindPhrase's way): decode every version of each candidate, and collect
//     the uses of every wording holding the phrase; cost: the candidates' records.
//   - from documents, when the postings are exact (one word, or two whose pair is posted): a
//     candidate with one version holds the phrase in that version, which is searched (a
//     document's only version is its current one), with nothing decoded; every other document's
//     searched versions are decoded and checked; cost: the records of the documents that are
//     not candidates or have several versions. A common word's candidates are most documents.
//   - from uses (format 7's use postings): the documents whose versions use wordings holding
//     every word of the phrase; with one whole word only those of several versions are
//     decoded (grep -l of a common word decodes nothing on the generated corpora); otherwise
//     each is decoded and checked. Taken when it decodes fewer than the other two.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <shared_mutex>

#include "store/archive_impl.h"
#include "store/indexes.h"
#include "store/words.h"

namespace recital::store {
namespace {

using Method = PhraseDocumentOptions::Method;

// The searched versions of doc, of those in `holding` (null: all of them, each checked by
// decoding its record), as the output lists them.
Result<std::vector<PhraseDocumentVersion>> SearchedHolding(const Document& doc,
                                                           const std::set<uint32_t>* holding,
                                                           ObjectReader* reader,
                                                           const PhraseQuery* query) {
  std::vector<uint32_t> searched = SearchedVersions(doc);
  std::sort(searched.begin(), searched.end());
  std::vector<PhraseDocumentVersion> out;
  for (uint32_t number : searched) {
    const DocumentVersion* v = doc.version(number);
    if (v == nullptr) continue;
    if (holding != nullptr) {
      if (!holding->count(number)) continue;
    } else {
      auto record = LoadResolution(*reader, v->record_hash);
      if (!record.ok()) return record.status().WithContext("record of " + doc.symbol);
      bool found = false;
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          if (ParagraphHoldsPhrase(p, *query)) {
            found = true;
            break;
          }
        }
        if (found) break;
      }
      if (!found) continue;
    }
    out.push_back({number, v->language});
  }
  return out;
}

Result<std::string> SymbolOf(const Txn& txn, const Dbis& dbis, uint32_t number) {
  auto symbol = txn.Get(dbis.doc_symbols, DocNumberKey(number));
  if (!symbol.ok()) return symbol.status();
  if (!symbol->has_value()) {
    return Status::Corruption("words: document number " + std::to_string(number) +
                              " is not in doc_symbols");
  }
  return std::string(**symbol);
}

Result<Document> DocumentOf(const Txn& txn, const Dbis& dbis, const std::string& symbol) {
  auto doc = ReadDocument(txn, dbis, symbol);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) {
    return Status::Corruption("doc_symbols names " + symbol + ", which docs does not have");
  }
  return std::move(**doc);
}

// From wordings: every version of each candidate decoded, the uses of the matching wordings.
Status FromWordings(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                    const PhraseQuery& query, const std::vector<uint32_t>& candidates,
                    const std::set<std::string>* only, std::vector<PhraseDocument>* out) {
  std::set<Hash128> seen;
  std::map<uint32_t, std::set<uint32_t>> holding;  // document number -> versions using one
  for (uint32_t n : candidates) {
    auto symbol = SymbolOf(txn, dbis, n);
    if (!symbol.ok()) return symbol.status();
    auto versions = ReadDocVersions(txn, dbis, *symbol);
    if (!versions.ok()) return versions.status();
    if (!versions->has_value()) {
      return Status::Corruption("words: document " + *symbol + " has no versions");
    }
    for (const DocumentVersion& version : **versions) {
      auto record = LoadResolution(reader, version.record_hash);
      if (!record.ok()) return record.status().WithContext("words index");
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          if (!ParagraphHoldsPhrase(p, query)) continue;
          Paragraph wording;
          wording.lead = p.lead;
          wording.text = p.text;
          for (const auto& sub : p.subparagraphs) wording.subparagraphs.push_back({sub.number, sub.text, {}});
          Hash128 h = WordingHash(wording);
          if (!seen.insert(h).second) continue;
          auto value = txn.Get(dbis.paragraph_uses, h.ToBytes());
          if (!value.ok()) return value.status();
          if (!value->has_value()) continue;
          std::vector<PackedUse> uses;
          if (!DecodeUseList(**value, &uses)) {
            return Status::Corruption("paragraph_uses entry of " + h.ToHex() + " is malformed");
          }
          for (const PackedUse& u : uses) holding[u.doc].insert(u.version);
        }
      }
    }
  }
  for (const auto& [n, versions] : holding) {
    auto symbol = SymbolOf(txn, dbis, n);
    if (!symbol.ok()) return symbol.status();
    if (only != nullptr && !only->count(*symbol)) continue;
    auto doc = DocumentOf(txn, dbis, *symbol);
    if (!doc.ok()) return doc.status();
    auto found = SearchedHolding(*doc, &versions, nullptr, nullptr);
    if (!found.ok()) return found.status();
    if (!found->empty()) out->push_back({std::move(*symbol), std::move(*found)});
  }
  return Status::Ok();
}

// From documents (exact postings only): every document in number order.
Status FromDocuments(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                     const PhraseQuery& query, const std::vector<uint32_t>& candidates,
                     const std::set<std::string>* only, std::vector<PhraseDocument>* out) {
  auto cur = Cursor::Open(txn, dbis.doc_symbols);
  if (!cur.ok()) return cur.status();
  auto next_candidate = candidates.begin();
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v);; more = cur->Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    uint32_t n = 0;
    if (!DecodeDocNumberKey(k, &n)) return Status::Corruption("doc_symbols: malformed key");
    while (next_candidate != candidates.end() && *next_candidate < n) ++next_candidate;
    const bool posted = next_candidate != candidates.end() && *next_candidate == n;
    std::string symbol(v);
    if (only != nullptr && !only->count(symbol)) continue;
    auto doc = DocumentOf(txn, dbis, symbol);
    if (!doc.ok()) return doc.status();
    if (posted && doc->versions.size() == 1) {
      out->push_back({std::move(symbol), {{1, doc->versions[0].language}}});
      continue;
    }
    auto found = SearchedHolding(*doc, nullptr, &reader, &query);
    if (!found.ok()) return found.status();
    if (!found->empty()) out->push_back({std::move(symbol), std::move(*found)});
  }
  return Status::Ok();
}

// From uses (format 7): the documents whose versions use wordings holding every word of the
// phrase (first-use and use postings united). With one whole word the postings are exact, so
// a candidate with one version holds it (its only version is searched); every other
// candidate's searched versions are decoded and checked. Cost: those records only.
Status FromUses(const Txn& txn, const Dbis& dbis, ObjectReader& reader, const PhraseQuery& query,
                const std::vector<uint32_t>& candidates, const std::set<std::string>* only,
                std::vector<PhraseDocument>* out) {
  const bool exact = query.words.size() == 1 && query.postings_exact;
  for (uint32_t n : candidates) {
    auto symbol = SymbolOf(txn, dbis, n);
    if (!symbol.ok()) return symbol.status();
    if (only != nullptr && !only->count(*symbol)) continue;
    auto doc = DocumentOf(txn, dbis, *symbol);
    if (!doc.ok()) return doc.status();
    if (exact && doc->versions.size() == 1) {
      out->push_back({std::move(*symbol), {{1, doc->versions[0].language}}});
      continue;
    }
    auto found = SearchedHolding(*doc, nullptr, &reader, &query);
    if (!found.ok()) return found.status();
    if (!found->empty()) out->push_back({std::move(*symbol), std::move(*found)});
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<PhraseDocument>> Archive::FindPhraseDocuments(
    std::string_view phrase, const PhraseDocumentOptions& options) const {
  auto query = MakePhraseQuery(phrase, impl_->format_version, impl_->dir,
                               impl_->dbis().words != 0);
  if (!query.ok()) return query.status();
  std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  const Dbis& dbis = impl_->dbis();
  std::vector<PhraseDocument> out;
  Method method = options.method;
  // Format 7: the documents using the phrase's words (use postings). With one whole word
  // they are the answer but for documents of several versions, so always the cheapest way;
  // otherwise taken when they are fewer than the first-use candidates (each decoded).
  std::optional<std::vector<uint32_t>> users;
  if (method == Method::kFromUses ||
      (method == Method::kAuto && impl_->format_version >= kWordUsesFormat)) {
    auto found = DocumentsUsingWords(*txn, dbis.words, query->keys);
    if (!found.ok()) return found.status();
    users = std::move(*found);
    if (users->empty()) return out;
  }
  std::vector<uint32_t> candidates;
  if (method != Method::kFromUses &&
      !(method == Method::kAuto && query->words.size() == 1 && query->postings_exact && users)) {
    auto found = DocumentCandidates(*txn, dbis.words, query->keys);
    if (!found.ok()) return found.status();
    candidates = std::move(*found);
    if (candidates.empty()) return out;
  }
  if (method == Method::kFromDocuments && !query->postings_exact) method = Method::kFromWordings;
  if (method == Method::kAuto) {
    if (users && query->words.size() == 1 && query->postings_exact) {
      method = Method::kFromUses;
    } else {
      // Decodes: from wordings, every candidate's versions; from documents, roughly every
      // document that is not a candidate (or restricted to `only`, those of it); from uses,
      // every document using the words.
      auto stat = txn->Stat(dbis.doc_symbols);
      if (!stat.ok()) return stat.status();
      size_t others = stat->ms_entries - std::min<size_t>(stat->ms_entries, candidates.size());
      if (options.only != nullptr) others = std::min(others, options.only->size());
      method = query->postings_exact && others < candidates.size() ? Method::kFromDocuments
                                                                   : Method::kFromWordings;
      size_t cost = method == Method::kFromDocuments ? others : candidates.size();
      if (users && users->size() < cost) method = Method::kFromUses;
    }
  }
  RECITAL_RETURN_IF_ERROR(impl_->WithSharedReader(*txn, [&](ObjectReader& reader) {
    switch (method) {
      case Method::kFromUses:
        return FromUses(*txn, dbis, reader, *query, *users, options.only, &out);
      case Method::kFromDocuments:
        return FromDocuments(*txn, dbis, reader, *query, candidates, options.only, &out);
      default:
        return FromWordings(*txn, dbis, reader, *query, candidates, options.only, &out);
    }
  }));
  std::sort(out.begin(), out.end(),
            [](const PhraseDocument& a, const PhraseDocument& b) { return a.symbol < b.symbol; });
  return out;
}

}  // namespace recital::store
