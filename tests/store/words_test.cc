// The word index (store/words.cc; format 4 layout: store/words.h): normalisation, ingest keeping
// the index, phrase search and verify's check of the index.
#include <gtest/gtest.h>

#include <sstream>

#include "store/store.h"
#include "store/words.h"
#include "tests/store/words_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using testing::TempDir;

TEST(WordNormalizeTest, LowerCasesAndStripsPunctuation) {
  EXPECT_EQ(store::NormalizeWordForIndex("General,"), "general");
  EXPECT_EQ(store::NormalizeWordForIndex("\"Recalling"), "recalling");
  EXPECT_EQ(store::NormalizeWordForIndex("ÉTATS"), "états");
  EXPECT_EQ(store::NormalizeWordForIndex("Łódź"), "łódź");
  EXPECT_EQ(store::NormalizeWordForIndex("ГЕНЕРАЛЬНАЯ"), "генеральная");
  EXPECT_EQ(store::NormalizeWordForIndex("ΣΟΦΟΣ"), "σοφοσ");  // final sigma folded too
  EXPECT_EQ(store::NormalizeWordForIndex("inter\u00ADnational"), "international");  // soft hyphen
  EXPECT_EQ(store::NormalizeWordForIndex("الجمعية"), "الجمعية");
  EXPECT_EQ(store::NormalizeWordForIndex("...,;"), "");
}

TEST(WordNormalizeTest, SplitsAtPunctuationAndIdeographs) {
  using V = std::vector<std::string>;
  EXPECT_EQ(store::SplitWordsForIndex("the Secretary-General's report, 53/123"),
            (V{"the", "secretary", "general", "s", "report", "53", "123"}));
  EXPECT_EQ(store::SplitWordsForIndex("  «Réaffirme»\u2014 l’Assemblée  "),
            (V{"réaffirme", "l", "assemblée"}));
  EXPECT_EQ(store::SplitWordsForIndex("大会决议"), (V{"大", "会", "决", "议"}));
  EXPECT_EQ(store::SplitWordsForIndex("bad \xff\xfe bytes"), (V{"bad", "bytes"}));
  EXPECT_TRUE(store::SplitWordsForIndex("").empty());
}

TEST(WordNormalizeTest, ParagraphKeysCoverSubparagraphsSortedAndUnique) {
  Paragraph p;
  p.lead = "Calls upon";
  p.text = "Calls upon States to act, and calls upon:";
  p.subparagraphs.push_back({"(a)", "Donors to give;", {}});
  EXPECT_EQ(store::ParagraphIndexKeys(p),
            (std::vector<std::string>{"act", "and", "calls", "donors", "give", "states", "to",
                                      "upon"}));
  std::string long_word(300, 'x');
  p.text = long_word;
  p.subparagraphs.clear();
  ASSERT_EQ(store::ParagraphIndexKeys(p).size(), 1u);
  EXPECT_EQ(store::ParagraphIndexKeys(p)[0].size(), store::kMaxWordKeyBytes);
}

// A release in a line format: "SYMBOL s", then one paragraph per line ("O text" operative,
// "P text" preamble), "S text" a sub-paragraph of the last paragraph.
Result<Resolution> LineParse(std::string_view bytes, const std::string&) {
  Resolution r;
  std::istringstream in{std::string(bytes)};
  std::string line;
  Paragraph* last = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("SYMBOL ", 0) == 0) r.symbol = line.substr(7);
    if (line.size() < 2 || line[1] != ' ') continue;
    std::string text = line.substr(2);
    if (line[0] == 'S' && last != nullptr) {
      last->subparagraphs.push_back({"(" + std::string(1, 'a' + last->subparagraphs.size()) + ")",
                                     text, {}});
      continue;
    }
    if (line[0] != 'P' && line[0] != 'O') continue;
    auto& list = line[0] == 'P' ? r.preamble : r.operative;
    Paragraph p;
    p.section = line[0] == 'P' ? Section::kPreamble : Section::kOperative;
    p.number = line[0] == 'P' ? "" : std::to_string(r.operative.size() + 1);
    p.lead = text.substr(0, text.find(' '));
    p.text = text;
    list.push_back(std::move(p));
    last = &list.back();
  }
  return r;
}

std::unique_ptr<store::Archive> Ingest(const std::string& dir,
                                       const std::vector<std::string>& releases) {
  store::OpenOptions open;
  open.read_only = false;
  open.create_if_missing = true;
  auto archive = store::Archive::Open(dir, open);
  EXPECT_TRUE(archive.ok()) << archive.status().ToString();
  std::vector<store::ReleaseInput> inputs;
  for (size_t i = 0; i < releases.size(); ++i) {
    inputs.push_back({"release" + std::to_string(i) + ".txt", releases[i]});
  }
  store::IngestOptions options;
  options.parse = LineParse;
  options.threads = 1;
  Status st = (*archive)->IngestBatch(inputs, options, [](const store::IngestResult& r) {
    EXPECT_NE(r.status, store::IngestStatus::kRefused) << r.message;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return std::move(*archive);
}

const char* kFirst =
    "SYMBOL A/RES/60/1\n"
    "P Recalling the report of the Secretary-General on refugees,\n"
    "O Requests the Secretary General to report on refugees and returnees;\n"
    "O Calls upon:\n"
    "S States to give;\n"
    "S donors to act;\n";
const char* kSecond =
    "SYMBOL A/RES/61/1\n"
    "P Recalling the report of the Secretary-General on refugees,\n"
    "O Decides to remain seized of the matter.\n";

TEST(FindPhraseTest, FindsWholeWordRunsIgnoringCaseAndPunctuation) {
  TempDir dir;
  auto archive = Ingest(dir.str(), {kFirst, kSecond});
  auto hits = archive->FindPhrase("secretary-GENERAL on Refugees");
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  // Only the shared preamble: the operative paragraph has "Secretary General to report".
  ASSERT_EQ(hits->size(), 1u);
  const auto& hit = (*hits)[0];
  EXPECT_EQ(hit.wording.text, "Recalling the report of the Secretary-General on refugees,");
  ASSERT_EQ(hit.matches.size(), 1u);
  EXPECT_EQ(hit.matches[0].subparagraph, -1);
  EXPECT_EQ(hit.matches[0].byte_offset, 28u);   // "Secretary"
  EXPECT_EQ(hit.matches[0].byte_length, 29u);   // ... "refugees"
  EXPECT_EQ(hit.uses, (std::vector<store::ParagraphUse>{{"A/RES/60/1", 1, 0}, {"A/RES/61/1", 1, 0}}));

  auto both = archive->FindPhrase("Secretary General");
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);  // sorted by first use: preamble (position 0), then operative 1
  EXPECT_EQ((*both)[0].uses[0].position, 0u);
  EXPECT_EQ((*both)[1].uses[0], (store::ParagraphUse{"A/RES/60/1", 1, 1}));
}

TEST(FindPhraseTest, NeedsTheWordsInOrderAndWithinOneSubparagraph) {
  TempDir dir;
  auto archive = Ingest(dir.str(), {kFirst});
  auto reversed = archive->FindPhrase("refugees on");
  ASSERT_TRUE(reversed.ok());
  EXPECT_TRUE(reversed->empty());
  auto partial = archive->FindPhrase("refuge");  // whole words only
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(partial->empty());
  auto across = archive->FindPhrase("give donors");  // end of (a), start of (b)
  ASSERT_TRUE(across.ok());
  EXPECT_TRUE(across->empty());
  auto sub = archive->FindPhrase("donors to ACT");
  ASSERT_TRUE(sub.ok());
  ASSERT_EQ(sub->size(), 1u);
  ASSERT_EQ((*sub)[0].matches.size(), 1u);
  EXPECT_EQ((*sub)[0].matches[0].subparagraph, 1);
  EXPECT_EQ((*sub)[0].matches[0].byte_offset, 0u);
  auto none = archive->FindPhrase("unknownword");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto empty = archive->FindPhrase(" ,; ");
  EXPECT_TRUE(empty.status().IsInvalidInput());
  store::PhraseOptions one;
  one.max_hits = 1;
  auto limited = archive->FindPhrase("to", one);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 1u);
}

TEST(FindPhraseTest, FindsWordsJoinedBySoftHyphensAndNonAsciiCase) {
  TempDir dir;
  // A soft hyphen inside "international" and an upper-case accented word: the quick ASCII
  // substring test must not drop these paragraphs.
  auto archive = Ingest(dir.str(), {"SYMBOL A/RES/62/9\n"
                                    "O Welcomes the inter\u00ADnational partnership of ÉTATS;\n"
                                    "O Notes the international partnership;\n"});
  auto joined = archive->FindPhrase("International partnership of états");
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  ASSERT_EQ(joined->size(), 1u);
  EXPECT_EQ((*joined)[0].uses, (std::vector<store::ParagraphUse>{{"A/RES/62/9", 1, 0}}));
  EXPECT_EQ((*joined)[0].matches[0].byte_offset, 13u);  // "inter" after "Welcomes the "
  auto both = archive->FindPhrase("international PARTNERSHIP");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->size(), 2u);
}

TEST(WordIndexTest, IngestKeepsTheIndexAndVerifyChecksIt) {
  TempDir dir;
  {
    auto archive = Ingest(dir.str(), {kFirst, kSecond});
    EXPECT_EQ(archive->format_version(), store::kFormatVersion);
    auto report = archive->Verify();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << report->problems[0].what;
  }
  // Format 4: "decides" is only in A/RES/61/1's operative paragraph, and A/RES/61/1 is
  // document 2: drop its one posting, and post "nowhere" for it, a word it does not have.
  ASSERT_EQ(testing::WordsContents(dir.str()).at(store::WordChunkKey("decides", 0)),
            store::EncodeWordChunk({2}));
  ASSERT_TRUE(testing::EditWords(dir.str(), store::WordChunkKey("decides", 0), std::nullopt).ok());
  ASSERT_TRUE(
      testing::EditWords(dir.str(), store::WordChunkKey("nowhere", 0), store::EncodeWordChunk({2}))
          .ok());
  store::OpenOptions ro;
  auto archive = store::Archive::Open(dir.str(), ro);
  ASSERT_TRUE(archive.ok());
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  // Format 7 also finds document 2 using a wording with "decides" that no posting covers.
  ASSERT_EQ(report->problems.size(), 3u);
  EXPECT_EQ(report->problems[1].what,
            "words: document number 2 uses a wording with 'decides' but is not posted for it");
  EXPECT_EQ(report->problems[0].what,
            "words: posting 'nowhere' -> document number 2, which has no paragraph with that word");
  Paragraph p;
  p.lead = "Decides";
  p.text = "Decides to remain seized of the matter.";
  EXPECT_EQ(report->problems[2].what,
            "words: wording " + WordingHash(p).ToHex() +
                " ('Decides to remain seized of the matter.') has no document whose postings "
                "hold all its words");
}

TEST(WordPairIndexTest, PostsAdjacentPairsWithinOneTextAndVerifyChecksThem) {
  TempDir dir;
  {
    auto archive = Ingest(dir.str(), {kFirst, kSecond});
    auto report = archive->Verify();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << report->problems[0].what;
  }
  auto pair = [](const char* a, const char* b) {
    return store::WordChunkKey(store::WordPairKey(a, b), 0);
  };
  auto words = testing::WordsContents(dir.str());
  // "Decides to remain seized of the matter." is document 2's own wording.
  EXPECT_EQ(words.at(pair("remain", "seized")), store::EncodeWordChunk({2}));
  // The shared preamble was stored first by document 1 only.
  EXPECT_EQ(words.at(pair("secretary", "general")), store::EncodeWordChunk({1}));
  EXPECT_EQ(words.at(pair("calls", "upon")), store::EncodeWordChunk({1}));
  // Text "Calls upon:", sub-paragraphs "States to give;", "donors to act;": no pair across.
  EXPECT_EQ(words.count(pair("give", "donors")), 0u);
  EXPECT_EQ(words.count(pair("upon", "states")), 0u);
  EXPECT_EQ(words.count(pair("decides", "remain")), 0u);  // not adjacent
  // Pairs with an ASCII word of up to 3 bytes are not posted.
  EXPECT_EQ(words.count(pair("seized", "of")), 0u);
  EXPECT_EQ(words.count(pair("of", "the")), 0u);
  EXPECT_FALSE(store::IsPairIndexed("states", "to"));
  EXPECT_TRUE(store::IsPairIndexed("联", "合"));  // an ideograph is 3 bytes, not ASCII
  EXPECT_TRUE(store::IsPairIndexed("в", "мире"));

  store::OpenOptions ro;
  {
    auto archive = store::Archive::Open(dir.str(), ro);
    ASSERT_TRUE(archive.ok());
    auto hits = (*archive)->FindPhrase("remain seized of the matter");
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].uses, (std::vector<store::ParagraphUse>{{"A/RES/61/1", 1, 1}}));
    auto none = (*archive)->FindPhrase("decides remain");
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
  }
  // Without its pair "remain seized" the wording cannot be found: verify says so.
  ASSERT_TRUE(testing::EditWords(dir.str(), pair("remain", "seized"), std::nullopt).ok());
  auto archive = store::Archive::Open(dir.str(), ro);
  ASSERT_TRUE(archive.ok());
  auto report = (*archive)->Verify();
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  Paragraph p;
  p.lead = "Decides";
  p.text = "Decides to remain seized of the matter.";
  EXPECT_EQ(report->problems[0].what,
            "words: wording " + WordingHash(p).ToHex() +
                " ('Decides to remain seized of the matter.') has no document whose postings "
                "hold all its words");
}

}  // namespace
}  // namespace recital
