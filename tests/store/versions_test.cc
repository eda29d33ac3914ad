// The current-version rule (store::ApplyCurrentRule), the Document API the readers use, which
// versions a text query reads, and the docs value of format 5 (layout 2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/migration.h"
#include "store/store.h"

namespace recital {
namespace {

using store::Completeness;

store::DocumentVersion V(uint32_t n, const std::string& lang, Completeness c,
                         uint32_t paragraphs = 10) {
  store::DocumentVersion v;
  v.version = n;
  v.raw_hash = Hash128{n, 1};
  v.record_hash = Hash128{n, 2};
  v.language = lang;
  v.completeness = c;
  v.paragraphs = paragraphs;
  v.source_name = "f" + std::to_string(n);
  return v;
}

store::Document Doc(std::vector<store::DocumentVersion> versions) {
  store::Document d;
  d.symbol = "A/RES/1/1";
  d.versions = std::move(versions);
  store::ApplyCurrentRule(&d);
  return d;
}

TEST(CurrentRuleTest, CompleteBeatsCutOffBeatsPartWhateverTheOrder) {
  auto d = Doc({V(1, "en", Completeness::kPart, 30), V(2, "en", Completeness::kComplete),
                V(3, "en", Completeness::kCutOff, 40)});
  EXPECT_EQ(d.current().version, 2u);
  EXPECT_EQ(store::CurrentReason(d, 3), "version 2 is complete and this copy is cut off");
  EXPECT_EQ(store::CurrentReason(d, 1),
            "version 2 is complete and this copy is a part (starts mid-document)");
  auto only_cut = Doc({V(1, "en", Completeness::kPart, 30), V(2, "en", Completeness::kCutOff, 3)});
  EXPECT_EQ(only_cut.current().version, 2u);
}

TEST(CurrentRuleTest, NewestCompleteCopyWinsAndLongerCutOffCopyWins) {
  auto d = Doc({V(1, "en", Completeness::kComplete, 12), V(2, "en", Completeness::kComplete, 11)});
  EXPECT_EQ(d.current().version, 2u);  // a corrected re-release replaces the old one
  auto cut = Doc({V(1, "en", Completeness::kCutOff, 12), V(2, "en", Completeness::kCutOff, 11)});
  EXPECT_EQ(cut.current().version, 1u);
  EXPECT_EQ(store::CurrentReason(cut, 2),
            "version 1 is cut off too and holds more paragraphs (12 against 11)");
  auto tie = Doc({V(1, "en", Completeness::kCutOff, 12), V(2, "en", Completeness::kCutOff, 12)});
  EXPECT_EQ(tie.current().version, 2u);
}

TEST(CurrentRuleTest, EachLanguageHasItsOwnCurrentVersionAndEnglishIsPreferred) {
  auto d = Doc({V(1, "zh", Completeness::kComplete), V(2, "fr", Completeness::kComplete)});
  EXPECT_EQ(d.languages(), (std::vector<std::string>{"zh", "fr"}));
  EXPECT_EQ(d.preferred_language(), "zh");  // no English: the first language stored
  EXPECT_EQ(d.current().version, 1u);
  EXPECT_EQ(d.try_current("fr")->version, 2u);
  EXPECT_EQ(d.try_current("en"), nullptr);
  ASSERT_EQ(d.current_versions.size(), 2u);
  EXPECT_EQ(d.current_versions[0].language, "fr");  // sorted by language
  auto with_en = Doc({V(1, "fr", Completeness::kComplete), V(2, "en", Completeness::kCutOff)});
  EXPECT_EQ(with_en.preferred_language(), "en");
  EXPECT_EQ(with_en.current().version, 2u);
}

TEST(CurrentRuleTest, UserChoiceStaysUntilItNamesNoVersionOfItsLanguage) {
  auto d = Doc({V(1, "en", Completeness::kComplete), V(2, "en", Completeness::kCutOff)});
  d.current_versions[0] = {"en", 2, true};
  store::ApplyCurrentRule(&d);
  EXPECT_EQ(d.current().version, 2u);
  EXPECT_EQ(store::CurrentReason(d, 2), "chosen by the user");
  EXPECT_EQ(store::CurrentReason(d, 1), "version 2 was chosen by the user");
  d.versions.push_back(V(3, "en", Completeness::kComplete));
  store::ApplyCurrentRule(&d);
  EXPECT_EQ(d.current().version, 2u);       // a later complete copy does not replace the choice
  d.current_versions[0] = {"en", 4, true};  // no such version: the rule again
  store::ApplyCurrentRule(&d);
  EXPECT_EQ(d.current().version, 3u);
  EXPECT_FALSE(d.current_versions[0].chosen);
}

TEST(SearchedVersionsTest, CurrentVersionsOfEveryLanguageAndEveryPart) {
  auto d = Doc({V(1, "en", Completeness::kCutOff), V(2, "en", Completeness::kComplete),
                V(3, "en", Completeness::kPart), V(4, "zh", Completeness::kComplete)});
  EXPECT_EQ(store::SearchedVersions(d), (std::vector<uint32_t>{2, 4, 3}));
  EXPECT_FALSE(store::IsSearchedVersion(d, 1));  // a superseded cut-off copy
}

TEST(DocsValueTest, LayoutTwoRoundTripsAndRejectsBadCurrentEntries) {
  auto d = Doc({V(1, "en", Completeness::kComplete, 7), V(2, "fr", Completeness::kPart, 3)});
  d.current_versions[0].chosen = true;  // "en"
  std::string value = store::EncodeDocument(d);
  EXPECT_EQ(value[0], 2);
  auto back = store::DecodeDocument(value, d.symbol);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->versions.size(), 2u);
  EXPECT_EQ(back->versions[1].language, "fr");
  EXPECT_EQ(back->versions[1].completeness, Completeness::kPart);
  EXPECT_EQ(back->versions[1].paragraphs, 3u);
  ASSERT_EQ(back->current_versions.size(), 2u);
  EXPECT_TRUE(back->current_versions[0].chosen);
  EXPECT_EQ(back->current_versions[1].version, 2u);
  EXPECT_TRUE(store::DecodeDocument(value + "x", d.symbol).status().IsCorruption());
  EXPECT_TRUE(
      store::DecodeDocument(value.substr(0, value.size() - 1), d.symbol).status().IsCorruption());
}

}  // namespace
}  // namespace recital
