// The word index: word normalisation and phrase search (format 4). Postings and verify's
// check are in word_postings.cc and word_index_check.cc. Layout: store/FORMAT.md "words".
//
// Normalisation is hand-written rather than full Unicode case folding: it covers the scripts of
// the six UN languages (Latin with its accents, Cyrillic, Greek; Arabic and Chinese have no
// case), needs no library, and above all is the same function on both sides (index and query),
// which is what makes matches exact. Changing it changes the keys: a format version bump.
#include "store/words.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "store/archive_impl.h"
#include "store/indexes.h"

namespace recital::store {
namespace {

enum class CharClass { kWord, kSeparator, kIgnorable, kIdeograph };

// Decodes one code point at s[*i]; invalid or truncated sequences yield U+FFFD for one byte.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(*i);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 1) {
    ++*i;
    return b;
  }
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char c = byte(*i + k);
    if ((c & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return cp;
}

void AppendUtf8(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool In(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

CharClass Classify(char32_t cp) {
  if (cp < 0x80) {
    return (In(cp, '0', '9') || In(cp, 'A', 'Z') || In(cp, 'a', 'z')) ? CharClass::kWord
                                                                      : CharClass::kSeparator;
  }
  // Invisible inside words: soft hyphen, Arabic tatweel, zero-width (non-)joiners, BOM.
  if (cp == 0xAD || cp == 0x640 || In(cp, 0x200B, 0x200D) || cp == 0x2060 || cp == 0xFEFF) {
    return CharClass::kIgnorable;
  }
  if (In(cp, 0x3040, 0x30FF) || In(cp, 0x3400, 0x4DBF) || In(cp, 0x4E00, 0x9FFF) ||
      In(cp, 0xF900, 0xFAFF) || In(cp, 0x20000, 0x2FFFF)) {
    return CharClass::kIdeograph;
  }
  bool latin1_letter_or_digit = cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 ||
                                cp == 0xB9 || cp == 0xBA;
  if ((In(cp, 0x80, 0xBF) && !latin1_letter_or_digit) || cp == 0xD7 || cp == 0xF7 ||
      cp == 0x37E || cp == 0x387 ||                                  // Greek punctuation
      cp == 0x60C || cp == 0x61B || cp == 0x61F || In(cp, 0x66A, 0x66D) || cp == 0x6D4 ||
      In(cp, 0x2000, 0x2BFF) ||                                      // punctuation, symbols
      In(cp, 0x2E00, 0x2E7F) || In(cp, 0x3000, 0x303F) ||            // CJK punctuation
      In(cp, 0xFE30, 0xFE6F) || In(cp, 0xFF01, 0xFF0F) || In(cp, 0xFF1A, 0xFF20) ||
      In(cp, 0xFF3B, 0xFF40) || In(cp, 0xFF5B, 0xFF65) || cp == 0xFFFD) {
    return CharClass::kSeparator;
  }
  return CharClass::kWord;
}

char32_t Lower(char32_t cp) {
  if (In(cp, 'A', 'Z')) return cp + 32;
  if (cp < 0xC0) return cp;
  if (In(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 32;
  if (In(cp, 0x100, 0x137) || In(cp, 0x14A, 0x177)) return cp | 1;
  if (In(cp, 0x139, 0x148) || In(cp, 0x179, 0x17E)) return (cp & 1) ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;
  if (cp == 0x386) return 0x3AC;
  if (In(cp, 0x388, 0x38A)) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (In(cp, 0x391, 0x3AB) && cp != 0x3A2) return cp + 32;
  if (cp == 0x3C2) return 0x3C3;  // final sigma folds to sigma
  if (In(cp, 0x400, 0x40F)) return cp + 80;
  if (In(cp, 0x410, 0x42F)) return cp + 32;
  if (In(cp, 0x460, 0x481) || In(cp, 0x48A, 0x4BF) || In(cp, 0x4D0, 0x52F)) return cp | 1;
  if (cp == 0x4C0) return 0x4CF;
  if (In(cp, 0x4C1, 0x4CE)) return (cp & 1) ? cp + 1 : cp;
  if (In(cp, 0x1E00, 0x1E95) || In(cp, 0x1EA0, 0x1EFF)) return cp | 1;
  if (In(cp, 0xFF21, 0xFF3A)) return cp + 32;
  return cp;
}

struct Token {
  std::string word;  // normalised
  size_t begin = 0, end = 0;  // bytes of the original text
};

// Every word of text, normalised, with its byte span.
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  Token cur;
  bool in_word = false;
  auto flush = [&] {
    if (in_word && !cur.word.empty()) out.push_back(std::move(cur));
    cur = Token{};
    in_word = false;
  };
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, &i);
    switch (Classify(cp)) {
      case CharClass::kSeparator:
        flush();
        break;
      case CharClass::kIgnorable:
        if (in_word) cur.end = i;
        break;
      case CharClass::kIdeograph:
        flush();
        AppendUtf8(&cur.word, cp);
        cur.begin = start;
        cur.end = i;
        in_word = true;
        flush();
        break;
      case CharClass::kWord:
        if (!in_word) cur.begin = start;
        in_word = true;
        AppendUtf8(&cur.word, Lower(cp));
        cur.end = i;
        break;
    }
  }
  flush();
  return out;
}

// Cuts a normalised word to kMaxWordKeyBytes at a character boundary (LMDB keys are bounded).
std::string KeyOf(std::string word) {
  if (word.size() <= kMaxWordKeyBytes) return word;
  size_t n = kMaxWordKeyBytes;
  while (n > 0 && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) --n;
  word.resize(n);
  return word;
}

// Occurrences of the phrase (normalised words) as a run of whole words in text.
void FindRuns(std::string_view text, const std::vector<std::string>& phrase, int subparagraph,
              std::vector<PhraseMatch>* out) {
  std::vector<Token> tokens = Tokenize(text);
  if (tokens.size() < phrase.size()) return;
  for (size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
    size_t k = 0;
    while (k < phrase.size() && tokens[i + k].word == phrase[k]) ++k;
    if (k < phrase.size()) continue;
    const Token& last = tokens[i + phrase.size() - 1];
    out->push_back(PhraseMatch{subparagraph, static_cast<uint32_t>(tokens[i].begin),
                               static_cast<uint32_t>(last.end - tokens[i].begin)});
  }
}

// Whether the phrase occurs as a run of whole words in text (FindRuns, stopping at the first).
bool HasRun(std::string_view text, const std::vector<std::string>& phrase) {
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
    size_t k = 0;
    while (k < phrase.size() && tokens[i + k].word == phrase[k]) ++k;
    if (k == phrase.size()) return true;
  }
  return false;
}

// The wording of a paragraph as a paragraph object holds it (lead, text, sub-paragraph numbers
// and texts; no section, number or footnotes): what PhraseHit::wording is.
Paragraph WordingOf(const Paragraph& p) {
  Paragraph w;
  w.lead = p.lead;
  w.text = p.text;
  for (const auto& sub : p.subparagraphs) w.subparagraphs.push_back({sub.number, sub.text, {}});
  return w;
}

// False only when text cannot hold `word` (normalised) as a word, decided without splitting
// it: an ASCII word can only come from the same ASCII letters and digits in a row (no other
// character lower-cases to ASCII), unless a character that is ignored inside words (soft
// hyphen, tatweel, zero-width ones, BOM) joins pieces. Search decodes every paragraph of every
// candidate document, and splitting them all dominates its time.
bool MayHold(std::string_view text, std::string_view word) {
  auto ascii = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  };
  if (word.empty() || !ascii(word)) return true;
  static constexpr std::string_view kIgnorable[] = {"\xC2\xAD", "\xD9\x80", "\xE2\x80\x8B",
                                                    "\xE2\x80\x8C", "\xE2\x80\x8D",
                                                    "\xE2\x81\xA0", "\xEF\xBB\xBF"};
  if (!ascii(text)) {
    for (std::string_view seq : kIgnorable) {
      if (text.find(seq) != std::string_view::npos) return true;
    }
  }
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::search(text.begin(), text.end(), word.begin(), word.end(),
                     [&](char t, char w) { return lower(t) == w; }) != text.end();
}

// Every occurrence of the phrase in the wording's text and sub-paragraphs, text first. `probe`
// is one of the phrase's words (the longest), to skip texts without it quickly.
void FindAllRuns(const Paragraph& wording, const std::vector<std::string>& phrase,
                 std::string_view probe, std::vector<PhraseMatch>* out) {
  if (MayHold(wording.text, probe)) FindRuns(wording.text, phrase, -1, out);
  for (size_t i = 0; i < wording.subparagraphs.size(); ++i) {
    const std::string& text = wording.subparagraphs[i].text;
    if (MayHold(text, probe)) FindRuns(text, phrase, static_cast<int>(i), out);
  }
}

}  // namespace

bool ParagraphHoldsPhrase(const Paragraph& p, const PhraseQuery& query) {
  if (MayHold(p.text, query.probe) && HasRun(p.text, query.words)) return true;
  for (const auto& sub : p.subparagraphs) {
    if (MayHold(sub.text, query.probe) && HasRun(sub.text, query.words)) return true;
  }
  return false;
}

namespace {

// Every document number posted for one word key, in order: its first-use chunks, and with
// `uses` (format 7) its use chunks too (after them in key order), the two merged.
Status ReadDocPostings(Cursor& cur, const std::string& word, bool uses,
                       std::vector<uint32_t>* out) {
  std::string start = WordChunkKey(word, 0);
  std::string_view prefix = std::string_view(start).substr(0, word.size() + 1);
  std::string_view k = start, v;
  size_t first_end = std::string::npos;  // where the use chunks' numbers begin in *out
  for (auto more = cur.Get(MDB_SET_RANGE, &k, &v);; more = cur.Get(MDB_NEXT, &k, &v)) {
    if (!more.ok()) return more.status();
    if (!*more || k.substr(0, prefix.size()) != prefix) break;
    std::string_view key_word;
    uint32_t chunk = 0;
    bool use = false;
    if (!ParseWordKey(k, &key_word, &chunk, &use) || key_word != word) {
      return Status::Corruption("words: the postings of '" + word + "' are malformed");
    }
    if (use && !uses) break;
    if (use && first_end == std::string::npos) first_end = out->size();
    if (!DecodeWordChunk(v, chunk, out)) {
      return Status::Corruption("words: the postings of '" + word + "' are malformed");
    }
  }
  if (first_end != std::string::npos) {
    std::inplace_merge(out->begin(), out->begin() + first_end, out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  }
  return Status::Ok();
}

// The documents posted for every key (first-use postings, or with `uses` both kinds; pair
// keys then skipped), intersected rarest first.
Result<std::vector<uint32_t>> Intersect(const Txn& txn, MDB_dbi words,
                                        const std::vector<std::string>& all_keys, bool uses) {
  auto cur = Cursor::Open(txn, words);
  if (!cur.ok()) return cur.status();
  std::vector<std::string> keys;
  for (const auto& key : all_keys) {
    if (!uses || !IsPairKey(key)) keys.push_back(key);
  }
  if (keys.empty()) return Status::InvalidInput("no word keys to look up");
  std::vector<std::vector<uint32_t>> lists(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    RECITAL_RETURN_IF_ERROR(ReadDocPostings(*cur, keys[i], uses, &lists[i]));
    if (lists[i].empty()) return std::vector<uint32_t>();
  }
  std::sort(lists.begin(), lists.end(),
            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<uint32_t> out = std::move(lists[0]), both;
  for (size_t i = 1; i < lists.size() && !out.empty(); ++i) {
    both.clear();
    std::set_intersection(out.begin(), out.end(), lists[i].begin(), lists[i].end(),
                          std::back_inserter(both));
    out.swap(both);
  }
  return out;
}

}  // namespace

Result<std::vector<uint32_t>> DocumentsUsingWords(const Txn& txn, MDB_dbi words,
                                                  const std::vector<std::string>& keys) {
  return Intersect(txn, words, keys, true);
}

Result<std::vector<uint32_t>> DocumentCandidates(const Txn& txn, MDB_dbi words,
                                                 const std::vector<std::string>& keys) {
  return Intersect(txn, words, keys, false);
}

namespace {

// The documents numbered `numbers` as (rank, number, symbol), sorted: `order`'s rank first
// (PhraseOptions::order; UINT32_MAX when absent), then the number.
Result<std::vector<std::tuple<uint32_t, uint32_t, std::string>>> OrderDocuments(
    const Txn& txn, const Dbis& dbis, const std::vector<uint32_t>& numbers,
    const std::unordered_map<std::string, uint32_t>* order) {
  std::vector<std::tuple<uint32_t, uint32_t, std::string>> docs;
  docs.reserve(numbers.size());
  for (uint32_t n : numbers) {
    auto symbol = txn.Get(dbis.doc_symbols, DocNumberKey(n));
    if (!symbol.ok()) return symbol.status();
    if (!symbol->has_value()) {
      return Status::Corruption("words: a posting names document number " + std::to_string(n) +
                                ", which doc_symbols does not have");
    }
    std::string name(**symbol);
    uint32_t rank = UINT32_MAX;
    if (order != nullptr) {
      if (auto it = order->find(name); it != order->end()) rank = it->second;
    }
    docs.emplace_back(rank, n, std::move(name));
  }
  std::sort(docs.begin(), docs.end());
  return docs;
}

// From wordings: every version of every candidate document (in PhraseOptions::order) is
// decoded and each paragraph checked; a wording holding the phrase was stored first by a
// document that posted all its words.
Status FindInDocuments(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                       const std::vector<std::string>& keys,
                       const std::vector<std::string>& phrase,
                       const std::unordered_map<std::string, uint32_t>* order,
                       std::vector<PhraseHit>* hits) {
  auto candidates = DocumentCandidates(txn, dbis.words, keys);
  if (!candidates.ok()) return candidates.status();
  auto docs = OrderDocuments(txn, dbis, *candidates, order);
  if (!docs.ok()) return docs.status();
  // A common word's wordings name the same documents again and again (a series repeats its
  // paragraphs): each document number's symbol is read once.
  std::unordered_map<uint32_t, std::string> symbols;
  std::set<Hash128> found;
  std::string_view probe = *std::max_element(
      phrase.begin(), phrase.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  for (const auto& [rank, n, name] : *docs) {
    auto versions = ReadDocVersions(txn, dbis, name);
    if (!versions.ok()) return versions.status();
    if (!versions->has_value()) {
      return Status::Corruption("words: document " + name + " has no versions");
    }
    for (const DocumentVersion& version : **versions) {
      auto record = LoadResolution(reader, version.record_hash);
      if (!record.ok()) return record.status().WithContext("words index");
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          PhraseHit hit;
          FindAllRuns(p, phrase, probe, &hit.matches);
          if (hit.matches.empty()) continue;
          hit.wording = WordingOf(p);
          hit.wording_hash = WordingHash(hit.wording);
          if (!found.insert(hit.wording_hash).second) continue;
          auto uses = ReadParagraphUses(txn, dbis, hit.wording_hash, &symbols);
          if (!uses.ok()) return uses.status();
          hit.uses = std::move(*uses);
          hits->push_back(std::move(hit));
        }
      }
    }
  }
  return Status::Ok();
}

// What one decoding thread of FindInUsers found, in its documents' order: a paragraph holding
// the phrase. The wording and matches are kept for the thread's first find of each wording only
// (the merge keeps the first find overall, which is some thread's first).
struct UserFind {
  size_t doc;  // in the ordered documents
  uint32_t version;
  uint32_t position;
  Hash128 hash;
  // A pointer, so the finds move cheaply as their vector grows (Paragraph's move may throw,
  // so the vector would copy it).
  std::unique_ptr<Paragraph> wording;
  std::vector<PhraseMatch> matches;
};

// One decoding thread of FindInUsers: every version of the documents [begin, end) of `docs`,
// each paragraph checked for the phrase. on_record is called under callback_mu.
Status ScanUsers(const Txn& txn, const Dbis& dbis, ObjectReader& reader,
                 const std::vector<std::tuple<uint32_t, uint32_t, std::string>>& docs,
                 size_t begin, size_t end, const std::vector<std::string>& phrase,
                 const PhraseOptions& options, std::mutex& callback_mu,
                 std::vector<UserFind>* out) {
  std::string_view probe = *std::max_element(
      phrase.begin(), phrase.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::set<Hash128> seen;  // wordings this thread found before
  for (size_t d = begin; d < end; ++d) {
    const std::string& name = std::get<2>(docs[d]);
    auto versions = ReadDocVersions(txn, dbis, name);
    if (!versions.ok()) return versions.status();
    if (!versions->has_value()) {
      return Status::Corruption("words: document " + name + " has no versions");
    }
    for (const DocumentVersion& version : **versions) {
      auto record = LoadResolution(reader, version.record_hash);
      if (!record.ok()) return record.status().WithContext("words index");
      uint32_t position = 0;
      std::vector<uint32_t> held;  // positions holding the phrase
      for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
        for (const Paragraph& p : *list) {
          const uint32_t at = position++;
          std::vector<PhraseMatch> matches;
          FindAllRuns(p, phrase, probe, &matches);
          if (matches.empty()) continue;
          held.push_back(at);
          Paragraph wording = WordingOf(p);
          UserFind find{d, version.version, at, WordingHash(wording), nullptr, {}};
          if (seen.insert(find.hash).second) {
            find.wording = std::make_unique<Paragraph>(std::move(wording));
            find.matches = std::move(matches);
          }
          out->push_back(std::move(find));
        }
      }
      if (!held.empty() && options.on_record) {
        std::lock_guard<std::mutex> hold(callback_mu);
        options.on_record(name, version.version, *record, held);
      }
    }
  }
  return Status::Ok();
}

// Decoding threads for n documents (PhraseOptions::threads). Chosen (0): one per core up to 4,
// and only as many as have 64 documents each (a thread's first record decodes its whole base
// chain, and starting a thread costs more than decoding a few records). Asked: that many, at
// most one per document.
unsigned UserThreads(unsigned asked, size_t n) {
  constexpr size_t kMinDocsPerThread = 64;
  size_t want = asked;
  if (want == 0) {
    want = std::min<size_t>(4, std::max(1u, std::thread::hardware_concurrency()));
    want = std::min(want, n / kMinDocsPerThread);
  }
  return static_cast<unsigned>(std::max<size_t>(1, std::min(want, n)));
}

// The threads FindInUsers decodes n documents on: more threads read their own transactions,
// which would not see a write transaction's changes (a derive callback's reads), so inside one
// the calling thread alone.
unsigned DecodingThreads(const Archive::Impl& impl, const Txn& txn, unsigned asked, size_t n) {
  if (txn.write() || impl.env == nullptr) return 1;
  return UserThreads(asked, n);
}

// From uses (format 7): every version of each document using wordings with all the phrase's
// words (`users`, in PhraseOptions::order) decoded once, each paragraph checked, and the uses
// taken from the records themselves: no paragraph_uses read, and the records can be handed to
// on_record. Complete as FindInDocuments is: a document with a version using a wording that
// holds the phrase uses wordings holding each of its words, so it is posted (first-use or use)
// for each. The documents are split into contiguous parts (PhraseOptions::threads), each
// decoded by a thread with its own reader and a read transaction of txn's snapshot (its
// mdb_txn_id is checked; a part whose transaction is of another snapshot is not made), then the
// finds merged in order: the hits are those one thread finds.
Status FindInUsers(const Archive::Impl& impl, const Txn& txn, ObjectReader& reader,
                   const std::vector<uint32_t>& users, const std::vector<std::string>& phrase,
                   const PhraseOptions& options, std::vector<PhraseHit>* hits) {
  const Dbis& dbis = impl.dbis();
  auto docs = OrderDocuments(txn, dbis, users, options.order);
  if (!docs.ok()) return docs.status();
  std::vector<Txn> txns;
  const unsigned want = DecodingThreads(impl, txn, options.threads, docs->size());
  if (want > 1) {
    while (txns.size() + 1 < want) {
      auto t = Txn::Begin(*impl.env, false);
      if (!t.ok() || mdb_txn_id(t->get()) != mdb_txn_id(txn.get())) break;
      txns.push_back(std::move(t).value());
    }
  }
  const size_t parts = txns.size() + 1;
  std::vector<std::vector<UserFind>> finds(parts);
  std::vector<Status> statuses(parts, Status::Ok());
  std::mutex callback_mu;
  auto bound = [&](size_t i) { return docs->size() * i / parts; };
  auto scan = [&](size_t i, const Txn& t, ObjectReader& r) {
    try {
      statuses[i] = ScanUsers(t, dbis, r, *docs, bound(i), bound(i + 1), phrase, options,
                              callback_mu, &finds[i]);
    } catch (const std::exception& e) {
      statuses[i] = Status::Internal(std::string("words: searching failed: ") + e.what());
    } catch (...) {
      statuses[i] = Status::Internal("words: searching failed");
    }
  };
  auto scan_own = [&](size_t i) {
    try {
      ObjectReader own(txns[i - 1], dbis.objects, Archive::Impl::kSharedReaderCacheBytes);
      scan(i, txns[i - 1], own);
    } catch (...) {
      statuses[i] = Status::Internal("words: searching failed: no memory for a reader");
    }
  };
  std::vector<std::thread> threads;
  size_t started = 1;  // parts 1.. on threads of their own; the rest, if one cannot start, here
  for (; started < parts; ++started) {
    try {
      threads.emplace_back([&, i = started] { scan_own(i); });
    } catch (const std::system_error&) {
      break;
    }
  }
  scan(0, txn, reader);
  for (size_t i = started; i < parts; ++i) scan_own(i);
  for (std::thread& t : threads) t.join();
  for (const Status& st : statuses) RECITAL_RETURN_IF_ERROR(st);

  std::map<Hash128, size_t> index;  // wording -> its hit in *hits
  for (std::vector<UserFind>& part : finds) {
    for (UserFind& f : part) {
      auto [it, fresh] = index.emplace(f.hash, hits->size());
      if (fresh) {
        // A wording first found here is this part's first find of it, which kept the wording.
        PhraseHit hit;
        hit.wording_hash = f.hash;
        hit.wording = std::move(*f.wording);
        hit.matches = std::move(f.matches);
        hits->push_back(std::move(hit));
      }
      (*hits)[it->second].uses.push_back({std::get<2>((*docs)[f.doc]), f.version, f.position});
    }
  }
  for (PhraseHit& hit : *hits) {
    std::sort(hit.uses.begin(), hit.uses.end(), [](const ParagraphUse& a, const ParagraphUse& b) {
      return std::tie(a.symbol, a.version, a.position) < std::tie(b.symbol, b.version, b.position);
    });
  }
  return Status::Ok();
}

}  // namespace

std::string NormalizeWordForIndex(std::string_view word) {
  std::string out;
  for (const Token& t : Tokenize(word)) out += t.word;
  return out;
}

std::vector<std::string> SplitWordsForIndex(std::string_view text) {
  std::vector<std::string> out;
  for (Token& t : Tokenize(text)) out.push_back(std::move(t.word));
  return out;
}

std::vector<std::string> ParagraphIndexKeys(const Paragraph& wording) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view text) {
    for (Token& t : Tokenize(text)) keys.push_back(KeyOf(std::move(t.word)));
  };
  add(wording.text);
  for (const auto& sub : wording.subparagraphs) add(sub.text);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string WordPairKey(std::string_view first_key, std::string_view second_key) {
  std::string out(first_key);
  out.push_back(kWordPairSeparator);
  out.append(second_key);
  return out;
}

bool IsPairIndexed(std::string_view first_key, std::string_view second_key) {
  // An ASCII word of at most 3 bytes ("of", "the", "de", "la", "to", "1", "20"): pairs with one
  // are in most documents, so their postings filter little and cost much (on 1,000 generated
  // releases 59% of the pair keys and 65% of their value bytes). Other scripts' short words
  // (Cyrillic "в", a CJK ideograph) are several bytes or not ASCII, and are kept.
  auto short_ascii = [](std::string_view w) {
    return w.size() <= 3 &&
           std::all_of(w.begin(), w.end(), [](char c) { return (c & 0x80) == 0; });
  };
  return !short_ascii(first_key) && !short_ascii(second_key);
}

std::vector<std::string> ParagraphPairKeys(const Paragraph& wording) {
  std::vector<std::string> keys;
  // Pairs never cross from one text to the next: a phrase is found within one text.
  auto add = [&](std::string_view text) {
    std::vector<Token> tokens = Tokenize(text);
    for (size_t i = 1; i < tokens.size(); ++i) {
      std::string first = KeyOf(tokens[i - 1].word), second = KeyOf(tokens[i].word);
      if (IsPairIndexed(first, second)) keys.push_back(WordPairKey(first, second));
    }
  };
  add(wording.text);
  for (const auto& sub : wording.subparagraphs) add(sub.text);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<std::string> ParagraphPostingKeys(const Paragraph& wording, int format_version) {
  if (format_version < kWordPairsFormat) return ParagraphIndexKeys(wording);
  // ParagraphIndexKeys and ParagraphPairKeys together, each text split once (ingest workers
  // call this for every paragraph: splitting is most of its time).
  std::vector<std::string> keys;
  std::string previous;
  auto add = [&](std::string_view text) {
    bool first = true;
    for (Token& t : Tokenize(text)) {
      std::string key = KeyOf(std::move(t.word));
      if (!first && IsPairIndexed(previous, key)) keys.push_back(WordPairKey(previous, key));
      keys.push_back(key);
      previous = std::move(key);
      first = false;
    }
  };
  add(wording.text);
  for (const auto& sub : wording.subparagraphs) add(sub.text);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Result<PhraseQuery> MakePhraseQuery(std::string_view phrase, int format_version,
                                    const std::string& archive_dir, bool has_words) {
  PhraseQuery q;
  q.words = SplitWordsForIndex(phrase);
  if (q.words.empty()) {
    return Status::InvalidInput("the phrase '" + std::string(phrase) +
                                "' has no words to search for");
  }
  if (format_version < 4 || !has_words) {
    return Status::InvalidInput("archive " + archive_dir + " has format version " +
                                std::to_string(format_version) +
                                ", whose word index this Recital does not read: run "
                                "`recital migrate`");
  }
  for (const auto& w : q.words) q.keys.push_back(KeyOf(w));
  // Format 5: the phrase's adjacent pairs narrow the candidates to documents that stored a
  // wording holding every pair (store/FORMAT.md "words", pairs).
  bool pairs = format_version >= kWordPairsFormat;
  if (pairs) {
    for (size_t i = 1; i < q.words.size(); ++i) {
      std::string first = KeyOf(q.words[i - 1]), second = KeyOf(q.words[i]);
      if (IsPairIndexed(first, second)) q.keys.push_back(WordPairKey(first, second));
    }
  }
  std::sort(q.keys.begin(), q.keys.end());
  q.keys.erase(std::unique(q.keys.begin(), q.keys.end()), q.keys.end());
  q.probe = *std::max_element(q.words.begin(), q.words.end(),
                              [](const auto& a, const auto& b) { return a.size() < b.size(); });
  // One whole word: its key is the word itself unless cut. Two: their posted pair is the run.
  auto whole = [](const std::string& w) { return w.size() <= kMaxWordKeyBytes; };
  q.postings_exact =
      (q.words.size() == 1 && whole(q.words[0])) ||
      (q.words.size() == 2 && pairs && whole(q.words[0]) && whole(q.words[1]) &&
       IsPairIndexed(q.words[0], q.words[1]));
  return q;
}

Result<std::vector<PhraseHit>> Archive::FindPhrase(std::string_view phrase,
                                                   const PhraseOptions& options) const {
  auto query = MakePhraseQuery(phrase, impl_->format_version, impl_->dir,
                               impl_->dbis().words != 0);
  if (!query.ok()) return query.status();
  const std::vector<std::string>& keys = query->keys;
  const std::vector<std::string>& words = query->words;

  std::shared_lock<std::shared_mutex> lock(impl_->txn_mutex);
  auto txn = impl_->Begin(false);
  if (!txn.ok()) return txn.status();
  std::vector<PhraseHit> hits;
  // Format 7: from uses when it decodes no more records than from wordings is likely to. From
  // wordings decodes the first-use candidates, and a grep then decodes the users of the
  // wordings found (at least as many again, as nearly every candidate holds the phrase); from
  // uses decodes the documents using all the words once. For one whole word those are exactly
  // the users a grep decodes anyway, so always; for a phrase, a superset of them (for a rare
  // phrase of common words many more than hold it), so only when they are at most twice the
  // candidates for each thread decoding them (from wordings decodes on one). On 20,000
  // generated releases with two threads, "triangular cooperation" (17,530 users, 7,979
  // candidates, 17,530 documents holding it) reads from uses, "international cooperation"
  // (19,909 users, 1,660 candidates and holders) from wordings.
  using Method = PhraseOptions::Method;
  Method method = options.method;
  std::vector<uint32_t> users;
  if (method == Method::kFromUses ||
      (method == Method::kAuto && impl_->format_version >= kWordUsesFormat)) {
    auto found = DocumentsUsingWords(*txn, impl_->dbis().words, keys);
    if (!found.ok()) return found.status();
    users = std::move(*found);
    if (method == Method::kAuto && query->words.size() == 1 && query->postings_exact) {
      method = Method::kFromUses;
    } else if (method == Method::kAuto) {
      auto candidates = DocumentCandidates(*txn, impl_->dbis().words, keys);
      if (!candidates.ok()) return candidates.status();
      const size_t threads = DecodingThreads(*impl_, *txn, options.threads, users.size());
      method = users.size() <= 2 * candidates->size() * threads ? Method::kFromUses
                                                                 : Method::kFromWordings;
    }
  }
  RECITAL_RETURN_IF_ERROR(impl_->WithSharedReader(*txn, [&](ObjectReader& reader) {
    if (method == Method::kFromUses) {
      return FindInUsers(*impl_, *txn, reader, users, words, options, &hits);
    }
    return FindInDocuments(*txn, impl_->dbis(), reader, keys, words, options.order, &hits);
  }));
  auto first_use = [](const PhraseHit& x) {
    return x.uses.empty() ? ParagraphUse{} : x.uses.front();
  };
  std::sort(hits.begin(), hits.end(), [&](const PhraseHit& a, const PhraseHit& b) {
    ParagraphUse ua = first_use(a), ub = first_use(b);
    return std::tie(ua.symbol, ua.version, ua.position, a.wording_hash) <
           std::tie(ub.symbol, ub.version, ub.position, b.wording_hash);
  });
  if (options.max_hits != 0 && hits.size() > options.max_hits) hits.resize(options.max_hits);
  return hits;
}

}  // namespace recital::store
