// Language versions of one symbol: the current version of each language (format 5 keeps each
// version's language in the docs index, store::Document).
#include <set>

#include "history/history.h"

namespace recital::history {

Result<Resolution> LanguageVersion(const store::Archive& archive, const std::string& symbol,
                                   const std::string& language) {
  auto doc = archive.GetDocument(symbol);
  if (!doc.ok()) {
    if (doc.status().IsNotFound()) return Status::NotFound(symbol + " is not in this archive");
    return doc.status();
  }
  // The current version of that language (store::Document: the user's choice or the rule).
  if (const store::DocumentVersion* v = doc->try_current(language)) {
    return archive.GetResolution(symbol, v->version);
  }
  std::set<std::string> held;
  for (const auto& l : doc->languages()) held.insert(l.empty() ? "unknown" : l);
  std::string list;
  for (const auto& l : held) list += (list.empty() ? "" : ", ") + l;
  return Status::NotFound(symbol + " has no version in language \"" + language +
                          "\" (the archive holds: " + list + ")");
}

Result<ParallelResult> ParallelVersions(const store::Archive& archive, const std::string& symbol,
                                        const std::string& languages) {
  const size_t comma = languages.find(',');
  const std::string a = languages.substr(0, comma);
  const std::string b = comma == std::string::npos ? "" : languages.substr(comma + 1);
  if (a.empty() || b.empty() || b.find(',') != std::string::npos) {
    return Status::InvalidInput(
        "expected two language codes separated by a comma (e.g. en,fr), not \"" + languages +
        "\"");
  }
  auto left = LanguageVersion(archive, symbol, a);
  if (!left.ok()) return left.status();
  auto right = LanguageVersion(archive, symbol, b);
  if (!right.ok()) return right.status();
  return AlignParallel(*left, *right);
}

}  // namespace recital::history
