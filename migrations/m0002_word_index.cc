// Step 2, format version 1 -> 2: adds the word index that `recital grep` searches. Version 2
// has a dup-sorted `words` database: normalised word (store::ParagraphIndexKeys, the same
// normalisation queries use) -> the 16-byte wording hash of every paragraph object that holds
// it (store/FORMAT.md "words"). Why: a phrase search must not decode every record of a
// decades-long archive; with postings it intersects a few lists and decodes only the
// candidates. Ingest keeps the index from version 2 on; this step builds it for the paragraph
// objects already stored. It runs in one write transaction (fine at our sizes: the index of an
// archive of 10,000 releases is tens of MB, well within one LMDB transaction; the map grows if
// needed), so a killed run leaves version 1 with no postings and a re-run starts afresh.
// Objects are visited grouped by their compression base so each base release is decoded once.
#include <algorithm>
#include <tuple>

#include "migrations/steps.h"
#include "schema/schema.h"
#include "store/migration.h"

namespace recital::migrations {
namespace {

Status BuildWordIndex(store::MigrationTxn& txn) {
  std::vector<std::pair<std::string, Hash128>> paragraphs;  // (first base's key or "", hash)
  RECITAL_RETURN_IF_ERROR(txn.ForEach("objects", [&](std::string_view k, std::string_view v) {
    Hash128 h;
    if (!Hash128::FromBytes(k, &h)) return Status::Ok();
    auto object = store::ParseStoredObject(v, h);
    if (!object.ok() || object->type != store::ObjectType::kParagraph) {
      return Status::Ok();  // not a paragraph (verify reports malformed objects)
    }
    // Only a sort key, so that paragraphs compressed against one base are decoded together.
    std::string base = object->bases.empty() ? "" : object->bases.front().ToBytes();
    paragraphs.emplace_back(std::move(base), h);
    return Status::Ok();
  }));
  std::sort(paragraphs.begin(), paragraphs.end());
  for (const auto& [base, h] : paragraphs) {
    auto content = txn.LoadObject(h);
    if (!content.ok()) return content.status().WithContext("building the word index");
    Paragraph p;
    RECITAL_RETURN_IF_ERROR(
        DecodeParagraph(*content, &p).WithContext("paragraph object " + h.ToHex()));
    std::string value = h.ToBytes();
    for (const auto& key : store::ParagraphIndexKeys(p)) {
      RECITAL_RETURN_IF_ERROR(txn.Put("words", key, value));
    }
  }
  return Status::Ok();
}

}  // namespace

Step M0002WordIndex() {
  Step s;
  s.number = 2;
  s.name = "word_index";
  s.from_version = 1;
  s.to_version = 2;
  s.description = "add the word index (words: normalised word -> paragraph wordings) that "
                  "`recital grep` searches, built from every stored paragraph";
  s.apply = BuildWordIndex;
  return s;
}

}  // namespace recital::migrations
