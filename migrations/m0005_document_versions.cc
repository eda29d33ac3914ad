// Step 5, first part (see m0005_versions_phrases.cc): document versions with language,
// completeness and a current version per language. Format 4's docs value (layout 1) knew
// neither: every version's language and completeness are read from its record, and the
// current version of each language is the one the rule picks (store::ApplyCurrentRule; no
// user can have chosen one in format 4). The newest copy no longer wins by being newest: a
// complete copy stays current over a later cut-off copy or a later page.
#include <string>
#include <utility>
#include <vector>

#include "migrations/steps.h"
#include "store/migration.h"

namespace recital::migrations {

Status UpgradeDocumentVersionsV5(store::MigrationTxn& txn) {
  std::vector<std::pair<std::string, std::string>> docs;  // (symbol, value)
  RECITAL_RETURN_IF_ERROR(txn.ForEach("docs", [&](std::string_view k, std::string_view v) {
    docs.emplace_back(std::string(k), std::string(v));
    return Status::Ok();
  }));
  for (const auto& [symbol, value] : docs) {
    auto doc = store::DecodeDocument(value, symbol);
    if (!doc.ok()) return doc.status();
    for (auto& v : doc->versions) {
      auto record = txn.LoadObject(v.record_hash);
      if (!record.ok())
        return record.status().WithContext(symbol + " version " + std::to_string(v.version));
      auto r = DecodeResolution(*record, {});
      if (!r.ok()) return r.status().WithContext(symbol + " version " + std::to_string(v.version));
      v.language = r->language;
      v.completeness = store::CompletenessOf(*r);
      v.paragraphs =
          static_cast<uint32_t>(r->preamble.size() + r->operative.size() + r->annex.size());
    }
    doc->current_versions.clear();
    store::ApplyCurrentRule(&*doc);
    RECITAL_RETURN_IF_ERROR(txn.Put("docs", symbol, store::EncodeDocument(*doc)));
  }
  return Status::Ok();
}

}  // namespace recital::migrations
