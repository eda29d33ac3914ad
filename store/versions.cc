// Document versions, languages and the current-version rule (store/store.h, "Document"). The
// rule lives here once: ingest, migrations and verify all call ApplyCurrentRule.
#include <algorithm>

#include "store/store.h"

namespace recital::store {

const char* CompletenessName(Completeness c) {
  switch (c) {
    case Completeness::kComplete:
      return "complete";
    case Completeness::kCutOff:
      return "cut off";
    case Completeness::kPart:
      return "part";
  }
  return "complete";
}

Completeness CompletenessOf(const Resolution& r) {
  if (r.starts_mid_document) return Completeness::kPart;
  if (r.truncated_end) return Completeness::kCutOff;
  return Completeness::kComplete;
}

std::vector<std::string> Document::languages() const {
  std::vector<std::string> out;
  for (const auto& v : versions) {
    if (std::find(out.begin(), out.end(), v.language) == out.end()) out.push_back(v.language);
  }
  return out;
}

bool Document::has_language(std::string_view language) const {
  return std::any_of(versions.begin(), versions.end(),
                     [&](const DocumentVersion& v) { return v.language == language; });
}

std::string Document::preferred_language() const {
  if (has_language("en")) return "en";
  return versions.empty() ? std::string() : versions.front().language;
}

const CurrentVersion* Document::current_entry(std::string_view language) const {
  std::string lang = language.empty() ? preferred_language() : std::string(language);
  for (const auto& c : current_versions) {
    if (c.language == lang) return &c;
  }
  return nullptr;
}

const DocumentVersion* Document::version(uint32_t number) const {
  if (number == 0 || number > versions.size()) return nullptr;
  return &versions[number - 1];
}

namespace {

// Whether a is at least as good as b by the rule: completeness; among cut-off copies or parts,
// more paragraphs. (Versions are walked oldest first, so "at least as good" lets the newest of
// equals win.)
bool AtLeastAsGood(const DocumentVersion& a, const DocumentVersion& b) {
  if (a.completeness != b.completeness) return a.completeness < b.completeness;
  if (a.completeness == Completeness::kComplete) return true;
  return a.paragraphs >= b.paragraphs;
}

// The rule's pick among the versions of one language.
const DocumentVersion* RulePick(const Document& doc, std::string_view language) {
  const DocumentVersion* best = nullptr;
  for (const auto& v : doc.versions) {
    if (v.language != language) continue;
    if (best == nullptr || AtLeastAsGood(v, *best)) best = &v;
  }
  return best;
}

}  // namespace

const DocumentVersion* Document::try_current(std::string_view language) const {
  std::string lang = language.empty() ? preferred_language() : std::string(language);
  if (const CurrentVersion* c = current_entry(lang)) {
    const DocumentVersion* v = version(c->version);
    if (v != nullptr && v->language == lang) return v;
  }
  return RulePick(*this, lang);  // documents built by hand (tests) may lack current_versions
}

const DocumentVersion& Document::current(std::string_view language) const {
  if (const DocumentVersion* v = try_current(language)) return *v;
  if (const DocumentVersion* v = try_current()) return *v;
  return versions.back();
}

void ApplyCurrentRule(Document* doc) {
  std::vector<CurrentVersion> out;
  std::vector<std::string> langs = doc->languages();
  std::sort(langs.begin(), langs.end());
  for (const auto& lang : langs) {
    CurrentVersion c{lang, 0, false};
    for (const auto& old : doc->current_versions) {
      if (old.language != lang || !old.chosen) continue;
      const DocumentVersion* v = doc->version(old.version);
      if (v != nullptr && v->language == lang) c = old;
    }
    if (c.version == 0) c.version = RulePick(*doc, lang)->version;
    out.push_back(std::move(c));
  }
  doc->current_versions = std::move(out);
}

std::vector<uint32_t> SearchedVersions(const Document& doc) {
  std::vector<uint32_t> out;
  auto add = [&](uint32_t v) {
    if (v != 0 && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  if (const DocumentVersion* v = doc.try_current()) add(v->version);
  for (const auto& lang : doc.languages()) {
    if (lang.empty()) continue;  // "" asks for the preferred language; current_versions has it
    if (const DocumentVersion* v = doc.try_current(lang)) add(v->version);
  }
  for (const auto& c : doc.current_versions) add(c.version);
  for (const auto& v : doc.versions) {
    if (v.completeness == Completeness::kPart) add(v.version);
  }
  return out;
}

bool IsSearchedVersion(const Document& doc, uint32_t version) {
  const auto all = SearchedVersions(doc);
  return std::find(all.begin(), all.end(), version) != all.end();
}

std::string CurrentReason(const Document& doc, uint32_t number) {
  const DocumentVersion* v = doc.version(number);
  if (v == nullptr) return "no such version";
  const CurrentVersion* c = nullptr;  // exact lookup: "" is a language here, not "preferred"
  for (const auto& e : doc.current_versions) {
    if (e.language == v->language) c = &e;
  }
  const DocumentVersion* cur = c ? doc.version(c->version) : RulePick(doc, v->language);
  if (cur == nullptr) return "no current version";
  bool chosen = c != nullptr && c->chosen;
  std::string what = CompletenessName(v->completeness);
  if (cur->version == v->version) {
    if (chosen) return "chosen by the user";
    bool others = std::any_of(doc.versions.begin(), doc.versions.end(), [&](const auto& o) {
      return o.language == v->language && o.version != v->version;
    });
    if (!others) return "the only copy in its language";
    if (v->completeness == Completeness::kComplete) {
      const bool other_complete =
          std::any_of(doc.versions.begin(), doc.versions.end(), [&](const auto& o) {
            return o.language == v->language && o.version != v->version &&
                   o.completeness == Completeness::kComplete;
          });
      return other_complete ? "newest complete copy" : "the only complete copy";
    }
    return std::string(v->completeness == Completeness::kPart ? "the part" : "the cut-off copy") +
           " with the most paragraphs (no complete copy stored)";
  }
  std::string why = "version " + std::to_string(cur->version);
  if (chosen) return why + " was chosen by the user";
  if (cur->completeness < v->completeness) {
    return why + " is " + CompletenessName(cur->completeness) + " and this copy is " +
           (v->completeness == Completeness::kPart ? std::string("a part (starts mid-document)")
                                                   : what);
  }
  if (cur->completeness != Completeness::kComplete && cur->paragraphs > v->paragraphs) {
    return why + " is " + (cur->completeness == Completeness::kPart ? "a part" : "cut off") +
           " too and holds more paragraphs (" + std::to_string(cur->paragraphs) + " against " +
           std::to_string(v->paragraphs) + ")";
  }
  return why + " is a newer " + std::string(CompletenessName(cur->completeness)) + " copy";
}

}  // namespace recital::store
