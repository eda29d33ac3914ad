// The format-4 word index (store/words.h): chunk keys and values, PutWordPostings, and phrase
// search over document postings on a generated series (records written for these tests, parsed
// by FakeParse), checked against a brute-force scan of the records, on the index ingest wrote
// and on one rebuilt from the records.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "store/store.h"
#include "tests/store/store_helpers.h"
#include "tests/store/words_helpers.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using store::DecodeWordChunk;
using store::EncodeWordChunk;
using store::WordChunkKey;
using testing::TempDir;
using Numbers = std::vector<uint32_t>;

Numbers RoundTrip(const Numbers& numbers) {
  std::string value = EncodeWordChunk(numbers);
  Numbers back;
  EXPECT_TRUE(DecodeWordChunk(value, numbers.front() >> store::kWordChunkShift, &back));
  return back;
}

TEST(WordChunkTest, KeyIsWordSeparatorAndThreeByteChunk) {
  EXPECT_EQ(WordChunkKey("ab", 1), std::string("ab\xFF\x00\x00\x01", 6));
  EXPECT_EQ(WordChunkKey("x", 0xFFFFF), std::string("x\xFF\x0F\xFF\xFF", 5));
  std::string_view word;
  uint32_t chunk = 0;
  const std::string key = WordChunkKey("états", 300);  // word views into it (ASan)
  ASSERT_TRUE(store::ParseWordChunkKey(key, &word, &chunk));
  EXPECT_EQ(word, "états");
  EXPECT_EQ(chunk, 300u);
  EXPECT_FALSE(store::ParseWordChunkKey("plainword", &word, &chunk));
  EXPECT_FALSE(store::ParseWordChunkKey(std::string("\xFF\x00\x00\x01", 4), &word, &chunk));
  // All chunks of "ab" sort together, after those of "abc" (0xFF is above every UTF-8 byte).
  EXPECT_LT(WordChunkKey("ab", 0), WordChunkKey("ab", 1));
  EXPECT_LT(WordChunkKey("abc", 5), WordChunkKey("ab", 0));
  EXPECT_LT(WordChunkKey("abd", 0), WordChunkKey("ab", 0));
  EXPECT_LT(WordChunkKey("ab", 0xFFFFF), WordChunkKey("ac", 0));
}

TEST(WordChunkTest, ShortListsAreVarintDeltas) {
  EXPECT_EQ(EncodeWordChunk({0}), std::string("\x00\x00", 2));
  EXPECT_EQ(EncodeWordChunk({1, 20, 30}), std::string("\x00\x01\x12\x09", 4));
  EXPECT_EQ(EncodeWordChunk({1, 2, 3}), std::string("\x01\x00\x0E", 3));  // 1 bitmap byte
  EXPECT_EQ(EncodeWordChunk({4095}), std::string("\x00\xFF\x1F", 3));  // varint 4095
  EXPECT_EQ(EncodeWordChunk({4096}), std::string("\x00\x00", 2));      // offset 0 of chunk 1
  EXPECT_EQ(RoundTrip({0}), Numbers{0});
  EXPECT_EQ(RoundTrip({4095}), Numbers{4095});
  EXPECT_EQ(RoundTrip({4096, 5000, 8191}), (Numbers{4096, 5000, 8191}));
  EXPECT_EQ(RoundTrip({UINT32_MAX}), Numbers{UINT32_MAX});
  EXPECT_EQ(RoundTrip({UINT32_MAX - 4095, UINT32_MAX}), (Numbers{UINT32_MAX - 4095, UINT32_MAX}));
  // Decoding appends, in the given chunk.
  Numbers out{7};
  ASSERT_TRUE(DecodeWordChunk(std::string("\x00\x05", 2), 2, &out));
  EXPECT_EQ(out, (Numbers{7, 2 * 4096 + 5}));
}

TEST(WordChunkTest, DenseChunksAreTrimmedBitmaps) {
  Numbers dense;
  for (uint32_t n = 0; n < 64; ++n) dense.push_back(n);  // list: 65 bytes; bitmap: 10
  EXPECT_EQ(EncodeWordChunk(dense), std::string("\x01\x00", 2) + std::string(8, '\xFF'));
  EXPECT_EQ(RoundTrip(dense), dense);
  Numbers trimmed;
  for (uint32_t n = 800; n <= 815; ++n) trimmed.push_back(n);
  trimmed.push_back(830);  // bytes 100 and 101 full, 102 empty, 103 bit 6
  EXPECT_EQ(EncodeWordChunk(trimmed), std::string("\x01\x64\xFF\xFF\x00\x40", 6));
  EXPECT_EQ(RoundTrip(trimmed), trimmed);
  Numbers full;  // a whole chunk near the top of the u32 range: 1 + 2 + 512 bytes
  for (uint32_t n = UINT32_MAX - 4095;; ++n) {
    full.push_back(n);
    if (n == UINT32_MAX) break;
  }
  EXPECT_EQ(EncodeWordChunk(full).size(), 514u);  // kind, varint 0, 512 bitmap bytes
  EXPECT_EQ(RoundTrip(full), full);
  Numbers last_bits{4088 + 0, 4088 + 7, 4090, 4091, 4092, 4093, 4094, 4095};
  std::sort(last_bits.begin(), last_bits.end());
  last_bits.erase(std::unique(last_bits.begin(), last_bits.end()), last_bits.end());
  EXPECT_EQ(EncodeWordChunk(last_bits), std::string("\x01\xFF\x03\xFD", 4));
  EXPECT_EQ(RoundTrip(last_bits), last_bits);
}

TEST(WordChunkTest, RejectsMalformedAndNonCanonicalValues) {
  Numbers out;
  for (std::string bad : {std::string(), std::string("\x02\x00", 2),
                          std::string("\x00\x80\x20", 3),   // offset 4096
                          std::string("\x00\x80\x00", 3),   // overlong varint
                          std::string("\x00", 1),           // no numbers
                          std::string("\x01\x00\x01", 3),   // {0} as a bitmap: the list is shorter
                          std::string("\x01\x00\xFF\x00", 4),  // untrimmed bitmap
                          std::string("\x01\x00", 2),
                          std::string("\x00\xFF\x1F\x00", 4)}) {  // 4095 then 4096
    EXPECT_FALSE(DecodeWordChunk(bad, 0, &out)) << ::testing::PrintToString(bad);
  }
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(DecodeWordChunk(std::string("\x00\x00", 2), 0x100000, &out));  // chunk > 2^20-1
}

TEST(WordChunkTest, EncodeWordIndexSplitsChunksInKeyOrder) {
  std::map<std::string, Numbers> postings{{"ab", {1, 4096, 4097}}, {"abc", {5}}};
  auto pairs = store::EncodeWordIndex(postings);
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0], std::make_pair(WordChunkKey("abc", 0), EncodeWordChunk({5})));
  EXPECT_EQ(pairs[1], std::make_pair(WordChunkKey("ab", 0), EncodeWordChunk({1})));
  EXPECT_EQ(pairs[2], std::make_pair(WordChunkKey("ab", 1), EncodeWordChunk({4096, 4097})));
}

using testing::WordsContents;

bool IsUseKey(const std::string& key) {
  std::string_view word;
  uint32_t chunk = 0;
  bool use = false;
  return store::ParseWordKey(key, &word, &chunk, &use) && use;
}

TEST(WordPostingsTest, AddsEachDocumentOnceAndKeepsChunksSorted) {
  TempDir dir;
  {
    store::OpenOptions create;
    create.read_only = false;
    create.create_if_missing = true;
    ASSERT_TRUE(store::Archive::Open(dir.str(), create).ok());
  }
  ASSERT_TRUE(testing::RewriteWordsAsFormat4(dir.str(), /*fill=*/false).ok());
  {
    auto env = testing::OpenArchiveEnvForTest(dir.str(), /*write=*/true);
    ASSERT_TRUE(env.ok());
    auto txn = store::Txn::Begin(*env->env, true);
    ASSERT_TRUE(txn.ok());
    MDB_dbi words = env->dbis.words;
    for (uint32_t doc : {3u, 3u, 5u, 4u, 4096u + 7u, 5u}) {
      std::vector<std::string> keys{"assembly", "general"};
      if (doc == 4) keys = {"general"};
      ASSERT_TRUE(store::PutWordPostings(*txn, words, doc, keys).ok());
    }
    ASSERT_TRUE(store::PutWordPostings(*txn, words, 9, {}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto contents = WordsContents(dir.str());
  EXPECT_EQ(contents, (std::map<std::string, std::string>{
                          {WordChunkKey("assembly", 0), EncodeWordChunk({3, 5})},
                          {WordChunkKey("assembly", 1), EncodeWordChunk({4096 + 7})},
                          {WordChunkKey("general", 0), EncodeWordChunk({3, 4, 5})},
                          {WordChunkKey("general", 1), EncodeWordChunk({4096 + 7})}}));
}

// ---- phrase search on a generated archive --------------------------------------------------

// Series `series` at session `session`, in FakeParse's line format: wording shared by every
// document ("General Assembly" is in each), wording of one series (held by all its sessions),
// wording of one series from its fourth session on, and wording of one document.
std::string GeneratedRelease(uint32_t series, uint32_t session) {
  static const char* kRegions[] = {"Andoria", "Borealis", "Caldera", "Deltora"};
  const std::string region = kRegions[series % 4];
  const std::string symbol =
      "A/RES/" + std::to_string(session) + "/" + std::to_string(100 + series);
  const std::string previous =
      "A/RES/" + std::to_string(session - 1) + "/" + std::to_string(100 + series);
  std::vector<std::string> preamble = {
      "Recalling its resolution " + previous + " on the situation in " + region + ",",
      "Reaffirming the role of the General Assembly in the protection of refugees,",
      "Noting the report of the Secretary-General on the displaced persons of " + region + ",",
  };
  std::vector<std::string> operative = {
      "Takes note of the report of the Secretary-General;",
      "Urges the authorities of " + region + " to protect displaced persons and returnees;",
  };
  if (session % 2 == 0) {
    operative.push_back("Welcomes the progress made in " + region + " since session " +
                        std::to_string(session - 1) + ";");
  }
  if (session >= 63) {
    operative.push_back("Decides to review the " + region + " relief programme every year;");
  }
  operative.push_back("Decides to remain seized of the matter.");
  return testing::FakeRelease(symbol, session, "Situation in " + region, preamble, operative,
                              {previous});
}

// Documents numbered in ingest order: session by session, series by series.
std::string IngestGenerated(const TempDir& dir, uint32_t series, uint32_t sessions) {
  std::string path = dir.str() + "/archive";
  store::OpenOptions open;
  open.read_only = false;
  open.create_if_missing = true;
  auto archive = store::Archive::Open(path, open);
  EXPECT_TRUE(archive.ok()) << archive.status().ToString();
  if (!archive.ok()) return path;
  std::vector<store::ReleaseInput> inputs;
  for (uint32_t session = 60; session < 60 + sessions; ++session) {
    for (uint32_t s = 0; s < series; ++s) {
      inputs.push_back({"r" + std::to_string(session) + "_" + std::to_string(s) + ".txt",
                        GeneratedRelease(s, session)});
    }
  }
  store::IngestOptions options;
  options.parse = testing::FakeParse;
  options.threads = 1;
  Status st = (*archive)->IngestBatch(inputs, options, [](const store::IngestResult& r) {
    EXPECT_NE(r.status, store::IngestStatus::kRefused) << r.message;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return path;
}

std::unique_ptr<store::Archive> OpenReadOnly(const std::string& path) {
  auto archive = store::Archive::Open(path, store::OpenOptions{});
  EXPECT_TRUE(archive.ok()) << archive.status().ToString();
  return archive.ok() ? std::move(*archive) : nullptr;
}

using UseSet = std::set<std::tuple<std::string, uint32_t>>;  // (symbol, position)

// Every (symbol, position) whose paragraph holds the phrase, by scanning every record.
UseSet BruteForce(const store::Archive& archive, std::string_view phrase) {
  std::vector<std::string> want = store::SplitWordsForIndex(phrase);
  auto holds = [&](std::string_view text) {
    std::vector<std::string> words = store::SplitWordsForIndex(text);
    for (size_t i = 0; i + want.size() <= words.size(); ++i) {
      if (std::equal(want.begin(), want.end(), words.begin() + i)) return true;
    }
    return false;
  };
  UseSet out;
  Status st = archive.ForEachResolution([&](const store::Document& doc, const Resolution& r) {
    uint32_t position = 0;
    for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
      for (const Paragraph& p : *list) {
        bool found = holds(p.text);
        for (const auto& sub : p.subparagraphs) found = found || holds(sub.text);
        if (found) out.insert({doc.symbol, position});
        ++position;
      }
    }
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  return out;
}

UseSet UsesOf(const std::vector<store::PhraseHit>& hits) {
  UseSet out;
  for (const auto& h : hits) {
    for (const auto& u : h.uses) out.insert({u.symbol, u.position});
  }
  return out;
}

void ExpectSameHits(const std::vector<store::PhraseHit>& a, const std::vector<store::PhraseHit>& b,
                    std::string_view phrase) {
  ASSERT_EQ(a.size(), b.size()) << phrase;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].wording_hash, b[i].wording_hash) << phrase << " hit " << i;
    EXPECT_EQ(a[i].wording, b[i].wording) << phrase << " hit " << i;
    EXPECT_EQ(a[i].uses, b[i].uses) << phrase << " hit " << i;
    ASSERT_EQ(a[i].matches.size(), b[i].matches.size()) << phrase << " hit " << i;
    for (size_t m = 0; m < a[i].matches.size(); ++m) {
      EXPECT_EQ(std::tie(a[i].matches[m].subparagraph, a[i].matches[m].byte_offset,
                         a[i].matches[m].byte_length),
                std::tie(b[i].matches[m].subparagraph, b[i].matches[m].byte_offset,
                         b[i].matches[m].byte_length));
    }
  }
}

// A phrase of `length` words from a paragraph of the last document that not every document
// of the archive holds (so the search has something to tell apart).
std::string PhraseInSomeDocuments(const store::Archive& archive, size_t length) {
  auto docs = archive.ListDocuments();
  EXPECT_TRUE(docs.ok());
  auto last = archive.GetResolution(docs->back().symbol);
  EXPECT_TRUE(last.ok());
  for (const auto* list : {&last->operative, &last->preamble}) {
    for (const Paragraph& p : *list) {
      std::vector<std::string> words = store::SplitWordsForIndex(p.text);
      for (size_t i = 0; i + length <= words.size(); i += length) {
        std::string phrase;
        for (size_t k = 0; k < length; ++k) phrase += (k ? " " : "") + words[i + k];
        std::set<std::string> symbols;
        for (const auto& [symbol, position] : BruteForce(archive, phrase)) symbols.insert(symbol);
        if (symbols.size() > 1 && symbols.size() < docs->size() / 2) return phrase;
      }
    }
  }
  ADD_FAILURE() << "no phrase held by only some documents";
  return "";
}

TEST(FindPhraseFormat4Test, SameHitsAsTheWordingIndexAndAsAScan) {
  TempDir dir;
  std::string path = IngestGenerated(dir, 3, 8);
  std::vector<std::string> phrases{"General Assembly", "the", "GENERAL, assembly!",
                                   "lighthouse keepers of the moon", "refugees", "Secretary-General"};
  std::map<std::string, std::vector<store::PhraseHit>> before;
  {
    auto archive = OpenReadOnly(path);
    ASSERT_NE(archive, nullptr);
    phrases.push_back(PhraseInSomeDocuments(*archive, 3));
    phrases.push_back(PhraseInSomeDocuments(*archive, 5));
    for (const auto& phrase : phrases) {
      auto hits = archive->FindPhrase(phrase);
      ASSERT_TRUE(hits.ok()) << hits.status().ToString();
      EXPECT_EQ(UsesOf(*hits), BruteForce(*archive, phrase)) << phrase;
      before[phrase] = std::move(*hits);
    }
  }
  EXPECT_FALSE(before["General Assembly"].empty());
  EXPECT_TRUE(before["lighthouse keepers of the moon"].empty());
  // One version per document, ingested in number order: ingest posted each wording for the
  // same document as the rebuild from the records does, so the bytes are the same (but for
  // format 7's use chunks, which the rebuild does not make).
  auto ingested = WordsContents(path);
  std::erase_if(ingested, [](const auto& kv) { return IsUseKey(kv.first); });
  ASSERT_TRUE(testing::RewriteWordsAsFormat4(path).ok());
  EXPECT_EQ(WordsContents(path), ingested);
  auto archive = OpenReadOnly(path);
  ASSERT_NE(archive, nullptr);
  // The rewritten index has first-use postings only (no use chunks): searched from wordings,
  // it gives what the ingested one gave (the phrases above were searched from uses when
  // that decodes fewer records).
  store::PhraseOptions wordings;
  wordings.method = store::PhraseOptions::Method::kFromWordings;
  for (const auto& phrase : phrases) {
    auto hits = archive->FindPhrase(phrase, wordings);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    ExpectSameHits(*hits, before[phrase], phrase);
    EXPECT_EQ(UsesOf(*hits), BruteForce(*archive, phrase)) << phrase;
  }
  store::PhraseOptions two = wordings;
  two.max_hits = 2;
  auto limited = archive->FindPhrase("the", two);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ((*limited)[0].wording_hash, before["the"][0].wording_hash);
  EXPECT_EQ((*limited)[1].wording_hash, before["the"][1].wording_hash);
  EXPECT_TRUE(archive->FindPhrase(" ,; ").status().IsInvalidInput());
}

TEST(WordPairMigrationTest, RebuildsExactlyThePairsIngestPosted) {
  TempDir dir;
  std::string path = IngestGenerated(dir, 3, 8);
  auto ingested = WordsContents(path);
  size_t pairs = 0;
  for (const auto& [key, value] : ingested) {
    std::string_view word;
    uint32_t chunk = 0;
    bool use = false;
    ASSERT_TRUE(store::ParseWordKey(key, &word, &chunk, &use));
    if (use || word.find(store::kWordPairSeparator) == std::string_view::npos) continue;
    ++pairs;
    ASSERT_TRUE(testing::EditWords(path, key, std::nullopt).ok());
  }
  ASSERT_GE(pairs, 10u);  // the generated releases hold 17 pairs of words of 4+ letters
  ASSERT_LT(WordsContents(path).size(), ingested.size());
  {
    store::OpenOptions rw;
    rw.read_only = false;
    auto archive = store::Archive::Open(path, rw);
    ASSERT_TRUE(archive.ok());
    Status st = (*archive)->Migrate(store::kFormatVersion, [](store::MigrationTxn& txn) {
      return store::AddWordPairPostings(txn);
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_EQ(WordsContents(path), ingested);
  auto archive = OpenReadOnly(path);
  ASSERT_NE(archive, nullptr);
  auto report = archive->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems[0].what;
}

// The documents posted for a word: first-use chunks only, or (format 7) with the use chunks.
Numbers PostedFor(const std::string& path, const std::string& word, bool uses) {
  auto env = testing::OpenArchiveEnvForTest(path, false);
  EXPECT_TRUE(env.ok());
  if (!env.ok()) return {};
  auto txn = store::Txn::Begin(*env->env, false);
  EXPECT_TRUE(txn.ok());
  if (!txn.ok()) return {};
  auto got = uses ? store::DocumentsUsingWords(*txn, env->dbis.words, {word})
                  : store::DocumentCandidates(*txn, env->dbis.words, {word});
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  return got.ok() ? *got : Numbers();
}

TEST(WordUsePostingsTest, IngestPostsEveryDocumentUsingAWordingOnce) {
  TempDir dir;
  // 3 series x 8 sessions: documents 1-3 are session 60's (series 0, 1, 2), 4-6 session 61's...
  std::string path = IngestGenerated(dir, 3, 8);
  Numbers all;
  for (uint32_t n = 1; n <= 24; ++n) all.push_back(n);
  // "Decides to remain seized of the matter." is in every document; document 1 stored it.
  EXPECT_EQ(PostedFor(path, "seized", false), Numbers({1}));
  EXPECT_EQ(PostedFor(path, "seized", true), all);
  // "... relief programme every year;" from session 63 on (documents 10-24), each series its
  // own wording, stored first by session 63's documents 10, 11, 12.
  EXPECT_EQ(PostedFor(path, "relief", false), Numbers({10, 11, 12}));
  Numbers from_63(all.begin() + 9, all.end());
  EXPECT_EQ(PostedFor(path, "relief", true), from_63);
  // Series 0 is Andoria: documents 1, 4, 7, ..., 22; every one stores a new wording with it
  // (the "Recalling its resolution ..." paragraph names the previous session), so no use
  // chunk is needed for it.
  Numbers andoria;
  for (uint32_t n = 1; n <= 24; n += 3) andoria.push_back(n);
  EXPECT_EQ(PostedFor(path, "andoria", false), andoria);
  EXPECT_EQ(PostedFor(path, "andoria", true), andoria);
  // Use chunks hold words only, and never a document its word's first-use chunk holds.
  auto contents = WordsContents(path);
  size_t use_keys = 0;
  for (const auto& [key, value] : contents) {
    std::string_view word;
    uint32_t chunk = 0;
    bool use = false;
    ASSERT_TRUE(store::ParseWordKey(key, &word, &chunk, &use));
    if (!use) continue;
    ++use_keys;
    EXPECT_FALSE(store::IsPairKey(word));
    EXPECT_EQ(key, store::WordUseChunkKey(word, chunk));
    Numbers numbers;
    ASSERT_TRUE(DecodeWordChunk(value, chunk, &numbers));
    auto first = contents.find(WordChunkKey(word, chunk));
    if (first == contents.end()) continue;
    Numbers first_numbers;
    ASSERT_TRUE(DecodeWordChunk(first->second, chunk, &first_numbers));
    for (uint32_t n : numbers) {
      EXPECT_FALSE(std::binary_search(first_numbers.begin(), first_numbers.end(), n)) << word;
    }
  }
  EXPECT_GT(use_keys, 0u);
  EXPECT_FALSE(contents.count(store::WordUseChunkKey("andoria", 0)));
}

TEST(FindPhraseFromUsesTest, SameHitsAsFromWordingsInAnyOrderAndThreadsWithEachHitRecordHandedOver) {
  TempDir dir;
  std::string path = IngestGenerated(dir, 3, 8);
  {
    // A second version of A/RES/62/101 (series 1), the "Takes note" paragraph reworded: its
    // first version's uses stay in paragraph_uses, and both versions are decoded.
    std::string corrected = GeneratedRelease(1, 62);
    const std::string from = "Takes note of the report", to = "Takes note with thanks of the report";
    ASSERT_NE(corrected.find(from), std::string::npos);
    corrected.replace(corrected.find(from), from.size(), to);
    auto archive = store::Archive::Open(path, store::OpenOptions{.read_only = false});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    store::IngestOptions options;
    options.parse = testing::FakeParse;
    Status st = (*archive)->IngestBatch({{"fix.txt", corrected}}, options,
                                        [](const store::IngestResult& r) {
                                          EXPECT_EQ(r.status, store::IngestStatus::kVersion);
                                        });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto archive = OpenReadOnly(path);
  ASSERT_NE(archive, nullptr);
  using Method = store::PhraseOptions::Method;
  // Reverse symbol order, A/RES/67/102 first: a document is decoded before its base.
  std::unordered_map<std::string, uint32_t> reverse;
  auto docs = archive->ListDocuments();
  ASSERT_TRUE(docs.ok());
  for (uint32_t i = 0; i < docs->size(); ++i) reverse[(*docs)[i].symbol] = 100 - i;
  for (const std::string phrase :
       {"General Assembly", "the", "report of the Secretary-General", "takes note",
        "with thanks", "seized", "relief programme", "lighthouse keepers", "Deltora"}) {
    store::PhraseOptions wordings;
    wordings.method = Method::kFromWordings;
    auto expected = archive->FindPhrase(phrase, wordings);
    ASSERT_TRUE(expected.ok()) << expected.status().ToString();
    using Order = const std::unordered_map<std::string, uint32_t>*;
    // One thread, and three (each a contiguous third of the 24 documents, with its own
    // transaction and reader; the finds are merged).
    for (auto [order, threads] : {std::pair{Order{nullptr}, 1u}, std::pair{Order{&reverse}, 1u},
                                  std::pair{Order{nullptr}, 3u}, std::pair{Order{&reverse}, 3u}}) {
      store::PhraseOptions uses;
      uses.method = Method::kFromUses;
      uses.order = order;
      uses.threads = threads;
      // What on_record is handed: (symbol, version, position), and the paragraph there.
      std::set<std::tuple<std::string, uint32_t, uint32_t>> handed;
      uses.on_record = [&](const std::string& symbol, uint32_t version, const Resolution& r,
                           const std::vector<uint32_t>& positions) {
        const size_t paragraphs = r.preamble.size() + r.operative.size() + r.annex.size();
        for (uint32_t at : positions) {
          EXPECT_LT(at, paragraphs) << symbol;
          EXPECT_TRUE(handed.insert({symbol, version, at}).second) << symbol << " " << at;
        }
      };
      auto got = archive->FindPhrase(phrase, uses);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ExpectSameHits(*got, *expected, phrase);
      std::set<std::tuple<std::string, uint32_t, uint32_t>> all_uses;
      for (const auto& h : *expected) {
        for (const auto& u : h.uses) all_uses.insert({u.symbol, u.version, u.position});
      }
      EXPECT_EQ(handed, all_uses) << phrase;
    }
    auto automatic = archive->FindPhrase(phrase);
    ASSERT_TRUE(automatic.ok());
    ExpectSameHits(*automatic, *expected, phrase);
  }
  // The reworded paragraph: in version 2 of 62/101 only; the old wording in its version 1 and
  // in the other documents.
  store::PhraseOptions uses;
  uses.method = Method::kFromUses;
  auto thanks = archive->FindPhrase("with thanks", uses);
  ASSERT_TRUE(thanks.ok());
  ASSERT_EQ(thanks->size(), 1u);
  ASSERT_EQ((*thanks)[0].uses.size(), 1u);
  EXPECT_EQ((*thanks)[0].uses[0].symbol, "A/RES/62/101");
  EXPECT_EQ((*thanks)[0].uses[0].version, 2u);
}

// What verify's word index check reports on the archive at path, read as format 7.
std::vector<std::string> CheckAsFormat7(const std::string& path) {
  std::vector<std::string> out;
  auto env = testing::OpenArchiveEnvForTest(path, false);
  EXPECT_TRUE(env.ok());
  if (!env.ok()) return out;
  auto txn = store::Txn::Begin(*env->env, false);
  EXPECT_TRUE(txn.ok());
  if (!txn.ok()) return out;
  store::WordIndexCheck check;
  check.SetFormat(store::kWordUsesFormat);
  auto names = store::ReadDocSymbols(*txn, env->dbis);
  EXPECT_TRUE(names.ok());
  if (!names.ok()) return out;
  {
    store::ObjectReader reader(*txn, env->dbis.objects);
    for (const auto& [number, symbol] : *names) {
      auto versions = store::ReadDocVersions(*txn, env->dbis, symbol);
      EXPECT_TRUE(versions.ok() && versions->has_value());
      if (!versions.ok() || !versions->has_value()) return out;
      for (const auto& v : **versions) {
        auto record = store::LoadResolution(reader, v.record_hash);
        EXPECT_TRUE(record.ok());
        if (!record.ok()) return out;
        for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
          for (const Paragraph& p : *list) check.AddParagraph(number, WordingHash(p), p);
        }
      }
    }
  }
  Status st = check.Compare(*txn, env->dbis.words, [&](std::string what) { out.push_back(what); });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

TEST(WordIndexCheckTest, FormatSevenReportsADocumentMissingFromTheUsePostings) {
  TempDir dir;
  std::string path = IngestGenerated(dir, 3, 8);
  EXPECT_EQ(CheckAsFormat7(path), std::vector<std::string>());
  // "seized": document 1 first, 2-24 in the use chunk; drop 2-24.
  ASSERT_TRUE(
      testing::EditWords(path, store::WordUseChunkKey("seized", 0), EncodeWordChunk({5})).ok());
  std::vector<std::string> what = CheckAsFormat7(path);
  ASSERT_EQ(what.size(), 21u) << ::testing::PrintToString(what);  // 20, then the summary
  EXPECT_EQ(what[0], "words: document number 2 uses a wording with 'seized' but is not posted "
                     "for it");
  EXPECT_EQ(what[20], "words: 22 problems of this kind in all");
}

TEST(WordChunkTest, UseChunkKeysSortAfterTheWordsFirstUseChunks) {
  std::string use = store::WordUseChunkKey("ab", 1);
  EXPECT_EQ(use, std::string("ab\xFF\x80\x00\x01", 6));
  EXPECT_LT(WordChunkKey("ab", 0xFFFFF), use);
  EXPECT_LT(WordChunkKey("abé", 0), WordChunkKey("ab", 0));  // nothing between ab's two kinds
  std::string_view word;
  uint32_t chunk = 0;
  bool is_use = false;
  ASSERT_TRUE(store::ParseWordKey(use, &word, &chunk, &is_use));
  EXPECT_EQ(word, "ab");
  EXPECT_EQ(chunk, 1u);
  EXPECT_TRUE(is_use);
  EXPECT_FALSE(store::ParseWordChunkKey(use, &word, &chunk));
  ASSERT_TRUE(store::ParseWordKey(WordChunkKey("ab", 7), &word, &chunk, &is_use));
  EXPECT_FALSE(is_use);
  EXPECT_EQ(chunk, 7u);
  // A chunk of 2^20 or more, and a use chunk of a pair, are not keys.
  EXPECT_FALSE(store::ParseWordKey(std::string("ab\xFF\x10\x00\x00", 6), &word, &chunk, &is_use));
  EXPECT_FALSE(store::ParseWordKey(std::string("a\xFE" "b\xFF\x80\x00\x00", 7), &word, &chunk,
                                   &is_use));
}

Status PutWordsValue(const std::string& dir, const std::string& key, const std::string& value) {
  return testing::EditWords(dir, key, value);
}

TEST(WordIndexCheckTest, ReportsBadValuesUnsoundPostingsAndUnfindableWordings) {
  TempDir dir;
  std::string path = IngestGenerated(dir, 1, 3);  // documents 1, 2, 3
  {
    auto archive = OpenReadOnly(path);
    ASSERT_NE(archive, nullptr);
    auto report = archive->Verify();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << report->problems[0].what;
  }
  // "assembly" posted for every document, and for document 9, which does not exist.
  ASSERT_TRUE(PutWordsValue(path, WordChunkKey("assembly", 0), EncodeWordChunk({1, 2, 3, 9})).ok());
  ASSERT_TRUE(PutWordsValue(path, WordChunkKey("general", 0), std::string("\x02", 1)).ok());
  ASSERT_TRUE(PutWordsValue(path, "no separator", EncodeWordChunk({1})).ok());
  auto archive = OpenReadOnly(path);
  ASSERT_NE(archive, nullptr);
  auto report = archive->Verify();
  ASSERT_TRUE(report.ok());
  std::vector<std::string> what;
  for (const auto& p : report->problems) what.push_back(p.what);
  auto has = [&](const std::string& text) {
    return std::find(what.begin(), what.end(), text) != what.end();
  };
  EXPECT_TRUE(has("words: key of 12 bytes is not word 0xFF chunk")) << ::testing::PrintToString(what);
  EXPECT_TRUE(has("words: the postings of 'general' (chunk 0) are malformed"));
  EXPECT_TRUE(has("words: posting 'assembly' -> document number 9, which has no paragraph with "
                  "that word"));
  // Every wording with "general" has lost its postings: each is reported (20 at most); and
  // (format 7, use postings) so is a document using such a wording without a posting for it.
  size_t unfindable = 0, unposted = 0, summaries = 0;
  for (const auto& w : what) {
    unfindable += w.find("has no document whose postings") != std::string::npos;
    unposted += w.find("but is not posted for it") != std::string::npos;
    summaries += w.find("problems of this kind in all") != std::string::npos;
  }
  EXPECT_GT(unfindable, 0u);
  EXPECT_LE(unfindable, 20u);
  EXPECT_GT(unposted, 0u);
  EXPECT_EQ(what.size(), 3 + unfindable + unposted + summaries) << ::testing::PrintToString(what);
}

}  // namespace
}  // namespace recital
