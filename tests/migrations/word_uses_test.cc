// RepostWordUses (migrations/m0007_word_uses.cc) on an archive whose word index posts only
// first uses, as format 6's did (the golden archive of format 5, whose words database formats 4
// and 5's code built, migrated; use chunks removed should a later step have made them). The repeated paragraph "Having considered the report
// of the Secretary-General on assistance to displaced persons," is in A/RES/58/101, 59/98 and
// both versions of 60/101 (tests/testdata/golden-v5-src), and "considered" in no other text.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "migrations/migrations.h"
#include "migrations/steps.h"
#include "store/store.h"
#include "tests/migrations/migration_helpers.h"
#include "tests/store/words_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using Method = store::PhraseDocumentOptions::Method;
using testing::TempDir;

std::string GoldenV5() { return std::string(RECITAL_SOURCE_DIR) + "/tests/testdata/golden-v5"; }

// The golden archive of format 5 migrated to the current format, with a first-use-only word
// index as format 6 had (any use chunk a later step made is removed), in dir.
void MakeFirstUseOnly(const std::string& dir) {
  testing::CopyArchive(GoldenV5(), dir);
  auto plan = migrations::Migrate(dir, {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->steps.empty());
  for (const auto& [key, value] : testing::WordsContents(dir)) {
    std::string_view word;
    uint32_t chunk = 0;
    bool use = false;
    ASSERT_TRUE(store::ParseWordKey(key, &word, &chunk, &use));
    if (!use) continue;
    ASSERT_TRUE(testing::EditWords(dir, key, std::nullopt).ok());
  }
}

Status Repost(const std::string& dir) {
  store::OpenOptions rw;
  rw.read_only = false;
  auto archive = store::Archive::Open(dir, rw);
  if (!archive.ok()) return archive.status();
  return (*archive)->Migrate(store::kFormatVersion, [](store::MigrationTxn& txn) {
    return migrations::RepostWordUses(txn);
  });
}

std::vector<std::string> Users(const std::string& dir, const std::string& word, Method m) {
  auto archive = store::Archive::Open(dir, store::OpenOptions{});
  EXPECT_TRUE(archive.ok());
  if (!archive.ok()) return {};
  store::PhraseDocumentOptions options;
  options.method = m;
  auto docs = (*archive)->FindPhraseDocuments(word, options);
  EXPECT_TRUE(docs.ok()) << docs.status().ToString();
  std::vector<std::string> out;
  if (docs.ok()) {
    for (const auto& d : *docs) out.push_back(d.symbol);
  }
  return out;
}

// (word key, document number) of every word of every paragraph of every version, by splitting
// the texts (SplitWordsForIndex; no word of these releases is long enough to be cut).
std::set<std::pair<std::string, uint32_t>> WordsInRecords(const std::string& dir) {
  std::set<std::pair<std::string, uint32_t>> out;
  std::map<std::string, uint32_t> number_of;  // doc_symbols (LMDB: one environment at a time)
  {
    auto env = testing::OpenArchiveEnvForTest(dir, false);
    EXPECT_TRUE(env.ok());
    if (!env.ok()) return out;
    auto txn = store::Txn::Begin(*env->env, false);
    EXPECT_TRUE(txn.ok());
    if (!txn.ok()) return out;
    auto numbers = store::ReadDocSymbols(*txn, env->dbis);
    EXPECT_TRUE(numbers.ok());
    if (!numbers.ok()) return out;
    for (const auto& [n, symbol] : *numbers) number_of[symbol] = n;
  }
  auto archive = store::Archive::Open(dir, store::OpenOptions{});
  EXPECT_TRUE(archive.ok());
  if (!archive.ok()) return out;
  auto docs = (*archive)->ListDocuments();
  EXPECT_TRUE(docs.ok());
  if (!docs.ok()) return out;
  for (const auto& doc : *docs) {
    for (const auto& v : doc.versions) {
      auto record = (*archive)->GetResolution(doc.symbol, v.version);
      EXPECT_TRUE(record.ok()) << record.status().ToString();
      if (!record.ok()) continue;
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          std::vector<std::string> texts{p.text};
          for (const auto& sub : p.subparagraphs) texts.push_back(sub.text);
          for (const auto& text : texts) {
            for (auto& w : store::SplitWordsForIndex(text)) {
              out.insert({std::move(w), number_of.at(doc.symbol)});
            }
          }
        }
      }
    }
  }
  return out;
}

// (word key, document number) of the words database: first-use chunks (use = false) or use
// chunks (use = true); pairs left out.
std::set<std::pair<std::string, uint32_t>> Posted(const std::map<std::string, std::string>& words,
                                                  bool use) {
  std::set<std::pair<std::string, uint32_t>> out;
  for (const auto& [k, v] : words) {
    std::string_view word;
    uint32_t chunk = 0;
    bool is_use = false;
    EXPECT_TRUE(store::ParseWordKey(k, &word, &chunk, &is_use));
    if (is_use != use || store::IsPairKey(word)) continue;
    std::vector<uint32_t> numbers;
    EXPECT_TRUE(store::DecodeWordChunk(v, chunk, &numbers));
    for (uint32_t n : numbers) out.insert({std::string(word), n});
  }
  return out;
}

TEST(WordUsesMigrationTest, PostsEveryDocumentUsingAWordingAndKeepsTheFirstUses) {
  TempDir dir;
  MakeFirstUseOnly(dir.str());
  const std::vector<std::string> users = {"A/RES/58/101", "A/RES/59/98", "A/RES/60/101"};
  // Before: one document posted for the repeated paragraph, so the use postings miss two.
  auto before = testing::WordsContents(dir.str());
  EXPECT_TRUE(Posted(before, true).empty());
  EXPECT_EQ(Users(dir.str(), "considered", Method::kFromUses).size(), 1u);
  EXPECT_EQ(Users(dir.str(), "considered", Method::kFromWordings), users);

  ASSERT_TRUE(Repost(dir.str()).ok());
  auto after = testing::WordsContents(dir.str());
  for (const auto& [k, v] : before) {  // first-use and pair keys are untouched
    auto it = after.find(k);
    ASSERT_NE(it, after.end());
    EXPECT_EQ(it->second, v);
  }
  std::set<std::pair<std::string, uint32_t>> first = Posted(after, false);
  std::set<std::pair<std::string, uint32_t>> uses = Posted(after, true);
  EXPECT_FALSE(uses.empty());
  for (const auto& p : uses) EXPECT_FALSE(first.count(p)) << p.first << " " << p.second;
  std::set<std::pair<std::string, uint32_t>> all = first;
  all.insert(uses.begin(), uses.end());
  EXPECT_EQ(all, WordsInRecords(dir.str()));
  for (Method m : {Method::kFromUses, Method::kFromWordings, Method::kAuto}) {
    EXPECT_EQ(Users(dir.str(), "considered", m), users) << static_cast<int>(m);
    EXPECT_EQ(Users(dir.str(), "assistance to displaced persons", m), users)
        << static_cast<int>(m);
  }
  auto archive = store::Archive::Open(dir.str(), store::OpenOptions{});
  ASSERT_TRUE(archive.ok());
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
}

TEST(WordUsesMigrationTest, RunningItAgainChangesNothing) {
  TempDir dir;
  MakeFirstUseOnly(dir.str());
  ASSERT_TRUE(Repost(dir.str()).ok());
  auto once = testing::WordsContents(dir.str());
  ASSERT_TRUE(Repost(dir.str()).ok());
  EXPECT_EQ(testing::WordsContents(dir.str()), once);
}

}  // namespace
}  // namespace recital
