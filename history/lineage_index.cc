// The stored paragraph lineage (format 6; store/FORMAT.md "Format 6", `lineage`): per
// consecutive pair of a series, the diff's counts (a log row) and, per paragraph of the newer
// record, the change that produced it, so that `log` and `blame` at the default options read
// one entry instead of decoding and diffing the series. Layout (this file only):
//   l/<series key> -> codec byte (0 stored, 1 zstd) + payload: varint member count n >= 2,
//                     per member string symbol + varint current version, then n - 1 strings:
//                     the pairs' bodies (EncodeLineagePair)
// A pair's body is a function of its two records alone (the current versions of the preferred
// language), so a reader that finds other members or versions computes, and an update reuses
// the bodies of pairs whose members and versions it still has.
// varint: unsigned LEB128; string: varint length + bytes.
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "history/history.h"
#include "history/internal.h"
#include "schema/symbol.h"

namespace recital::history {
namespace {

constexpr int kRefreshAttempts = 3;

// Group tags (low 2 bits) of the per-paragraph part of a value.
constexpr uint8_t kTagNotReached = 0;  // run: no change produced these (outside a partial copy)
constexpr uint8_t kTagAdded = 1;       // run: added paragraphs
constexpr uint8_t kTagSame = 2;        // run: unchanged, same text, consecutive older paragraphs
constexpr uint8_t kTagStep = 3;        // one paragraph: any other producing change
constexpr uint8_t kBitUnchanged = 1 << 4;
constexpr uint8_t kBitTechnical = 1 << 5;
constexpr uint8_t kBitMerged = 1 << 6;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}
bool GetBytes(std::string_view* in, std::string_view* s) {
  uint64_t n = 0;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  *s = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

// Texts as tokens: a run of non-blank bytes and the blanks after it (the first token may be
// blanks only), so that the tokens of a text concatenate back to it.
std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    out.push_back(text.substr(start, i - start));
  }
  return out;
}

// Above this many token comparisons the middle is one hunk (annex-sized paragraphs).
constexpr size_t kMaxDiffCells = 1u << 22;

// `target` as hunks against `base`'s tokens: varint hunk count, then per hunk varint base
// tokens kept, varint base tokens dropped, string bytes inserted; the base tokens after the
// last hunk are kept. Hunks come from a longest common token subsequence.
void PutDelta(std::string* out, std::string_view base, std::string_view target) {
  const std::vector<std::string_view> a = Tokens(base), b = Tokens(target);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) {
    ++suf;
  }
  const size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  // Matched (base index, target index) pairs of the middle, in order.
  std::vector<std::pair<size_t, size_t>> match;
  if (n > 0 && m > 0 && n * m <= kMaxDiffCells) {
    std::vector<uint32_t> len((n + 1) * (m + 1), 0);  // LCS of a[i..], b[j..]
    auto at = [&](size_t i, size_t j) -> uint32_t& { return len[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1
                                            : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    for (size_t i = 0, j = 0; i < n && j < m;) {
      if (a[pre + i] == b[pre + j]) {
        match.emplace_back(pre + i++, pre + j++);
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  match.emplace_back(a.size() - suf, b.size() - suf);  // the common end closes the last hunk
  std::string hunks;
  size_t count = 0, ai = pre, bi = pre, kept = pre;
  for (const auto& [mi, mj] : match) {
    if (mi > ai || mj > bi) {  // a hunk before this match
      PutVarint(&hunks, kept);
      PutVarint(&hunks, mi - ai);
      std::string inserted;
      for (size_t j = bi; j < mj; ++j) inserted += b[j];
      PutVarint(&hunks, inserted.size());
      hunks += inserted;
      ++count;
      kept = 0;
    }
    ai = mi + 1;
    bi = mj + 1;
    ++kept;
  }
  PutVarint(out, count);
  out->append(hunks);
}
// Moves *in past one delta; false when malformed.
bool SkipDelta(std::string_view* in) {
  uint64_t count = 0, x = 0;
  if (!GetVarint(in, &count) || count > in->size()) return false;
  std::string_view bytes;
  for (uint64_t h = 0; h < count; ++h) {
    if (!GetVarint(in, &x) || !GetVarint(in, &x) || !GetBytes(in, &bytes)) return false;
  }
  return true;
}
bool ApplyDelta(std::string_view base, std::string_view delta, std::string* target) {
  const std::vector<std::string_view> a = Tokens(base);
  uint64_t count = 0;
  if (!GetVarint(&delta, &count)) return false;
  target->clear();
  size_t pos = 0;
  for (uint64_t h = 0; h < count; ++h) {
    uint64_t keep = 0, drop = 0;
    std::string_view inserted;
    if (!GetVarint(&delta, &keep) || !GetVarint(&delta, &drop) || !GetBytes(&delta, &inserted) ||
        keep > a.size() - pos || drop > a.size() - pos - keep) {
      return false;
    }
    for (size_t i = 0; i < keep; ++i) *target += a[pos + i];
    pos += keep + drop;
    *target += inserted;
  }
  if (!delta.empty()) return false;
  for (; pos < a.size(); ++pos) *target += a[pos];
  return true;
}

const std::vector<Paragraph>& SectionOf(const Resolution& r, Section s) {
  return s == Section::kPreamble ? r.preamble : s == Section::kOperative ? r.operative : r.annex;
}

std::string JoinedText(const std::vector<ParagraphRef>& refs) {
  std::string text;
  for (const ParagraphRef& f : refs) text += (text.empty() ? "" : " ") + f.text;
  return text;
}

}  // namespace

// ---- one pair ---------------------------------------------------------------------------------

std::string EncodeLineagePair(uint32_t older_version, uint32_t newer_version,
                              const Resolution& newer, const DiffResult& diff) {
  std::string v;
  PutVarint(&v, older_version);
  PutVarint(&v, newer_version);
  const DiffSummary& m = diff.summary;
  for (size_t n : {m.unchanged, m.reworded, m.added, m.removed, m.split, m.merged, m.moved,
                   m.technical, m.truncated, m.not_compared}) {
    PutVarint(&v, n);
  }
  // The change that produced each paragraph of the newer record (the last one naming it, as
  // BlameLast's map keeps).
  std::map<std::pair<Section, size_t>, const Change*> producer;
  for (const Change& c : diff.changes) {
    for (const ParagraphRef& to : c.to) producer[{to.section, to.index}] = &c;
  }
  // Open run: tag and length (kTagSame: from section and next from index too).
  uint8_t run_tag = 0xFF;
  uint64_t run_length = 0;
  size_t run_from_start = 0, run_next_from = 0;
  auto close_run = [&] {
    if (run_tag == 0xFF) return;
    v.push_back(static_cast<char>(run_tag));
    PutVarint(&v, run_length);
    if ((run_tag & 3) == kTagSame) PutVarint(&v, run_from_start);
    run_tag = 0xFF;
  };
  for (Section section : {Section::kPreamble, Section::kOperative, Section::kAnnex}) {
    PutVarint(&v, SectionOf(newer, section).size());
  }
  for (Section section : {Section::kPreamble, Section::kOperative, Section::kAnnex}) {
    const std::vector<Paragraph>& paragraphs = SectionOf(newer, section);
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      auto it = producer.find({section, i});
      const Change* c = it == producer.end() ? nullptr : it->second;
      if (c == nullptr || c->from.empty()) {
        const uint8_t tag = c == nullptr ? kTagNotReached : kTagAdded;
        if (run_tag != tag) {
          close_run();
          run_tag = tag;
          run_length = 0;
        }
        ++run_length;
        continue;
      }
      const std::string text = ParagraphFullText(paragraphs[i]);
      const ParagraphRef& from = c->from.front();
      if (c->status == ChangeStatus::kUnchanged && c->from.size() == 1 && from.text == text) {
        const uint8_t tag = kTagSame | static_cast<uint8_t>(static_cast<uint8_t>(from.section) << 2);
        if (run_tag != tag || run_next_from != from.index) {
          close_run();
          run_tag = tag;
          run_length = 0;
          run_from_start = from.index;
        }
        ++run_length;
        run_next_from = from.index + 1;
        continue;
      }
      close_run();
      uint8_t tag = kTagStep | static_cast<uint8_t>(static_cast<uint8_t>(from.section) << 2);
      if (c->status == ChangeStatus::kUnchanged) tag |= kBitUnchanged;
      if (c->technical) tag |= kBitTechnical;
      if (c->from.size() > 1) tag |= kBitMerged;
      v.push_back(static_cast<char>(tag));
      PutVarint(&v, from.index);
      PutDelta(&v, text, JoinedText(c->from));
      if (c->from.size() > 1) PutVarint(&v, from.text.size());
    }
  }
  close_run();
  return v;
}

Status DecodeLineagePair(std::string_view value, StoredPair* out) {
  auto bad = [] { return Status::Corruption("lineage index entry is malformed"); };
  uint64_t n[10];
  uint64_t ov = 0, nv = 0;
  if (!GetVarint(&value, &ov) || !GetVarint(&value, &nv)) return bad();
  for (uint64_t& x : n) {
    if (!GetVarint(&value, &x)) return bad();
  }
  out->older_version = static_cast<uint32_t>(ov);
  out->newer_version = static_cast<uint32_t>(nv);
  DiffSummary& m = out->summary;
  m = {n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]};
  uint64_t total = 0;
  for (uint64_t& c : out->counts) {
    if (!GetVarint(&value, &c) || c > (1u << 20)) return bad();
    total += c;
  }
  out->slots.clear();
  out->slots.reserve(total);
  while (!value.empty()) {
    const auto tag = static_cast<uint8_t>(value.front());
    value.remove_prefix(1);
    StoredPair::Slot s;
    s.from_section = static_cast<Section>((tag >> 2) & 3);
    if (s.from_section > Section::kAnnex) return bad();
    const uint8_t kind = tag & 3;
    if (kind == kTagStep) {
      uint64_t index = 0;
      if (!GetVarint(&value, &index)) return bad();
      s.kind = StoredPair::Slot::kStep;
      s.from_index = index;
      s.unchanged = tag & kBitUnchanged;
      s.technical = tag & kBitTechnical;
      s.exact = false;
      // The delta: two varints and a string.
      const std::string_view start = value;
      if (!SkipDelta(&value)) return bad();
      s.delta = start.substr(0, start.size() - value.size());
      s.merged = tag & kBitMerged;
      if (s.merged && !GetVarint(&value, &s.first_length)) return bad();
      out->slots.push_back(s);
      continue;
    }
    uint64_t length = 0, from = 0;
    if (!GetVarint(&value, &length) || length == 0 || length > total) return bad();
    if (kind == kTagSame && !GetVarint(&value, &from)) return bad();
    s.kind = kind == kTagNotReached ? StoredPair::Slot::kNotReached
             : kind == kTagAdded    ? StoredPair::Slot::kAdded
                                    : StoredPair::Slot::kStep;
    s.unchanged = s.exact = kind == kTagSame;
    for (uint64_t i = 0; i < length; ++i) {
      s.from_index = from + i;
      out->slots.push_back(s);
    }
  }
  return out->slots.size() == total ? Status::Ok() : bad();
}

// ---- one series ---------------------------------------------------------------------------

namespace {

constexpr uint8_t kCodecStored = 0;
constexpr uint8_t kCodecZstd = 1;
// Level 3: the series' pairs repeat structure and wording, so even fast levels gain ~6x
// (1.52 MB at 20,000 releases against 1.34 MB at level 19 for 6x the CPU).
constexpr int kZstdLevel = 3;
constexpr size_t kMaxSeriesLineageBytes = 256u << 20;

std::string SeriesKey(std::string_view series_key) {
  std::string k(kSeriesLineagePrefix);
  k += series_key;
  return k;
}

}  // namespace

std::string EncodeSeriesLineage(const SeriesLineage& s) {
  std::string payload;
  PutVarint(&payload, s.symbols.size());
  for (size_t i = 0; i < s.symbols.size(); ++i) {
    PutVarint(&payload, s.symbols[i].size());
    payload += s.symbols[i];
    PutVarint(&payload, s.versions[i]);
  }
  for (const std::string& p : s.pairs) {
    PutVarint(&payload, p.size());
    payload += p;
  }
  std::string out(1, static_cast<char>(kCodecZstd));
  out.resize(1 + ZSTD_compressBound(payload.size()));
  const size_t n =
      ZSTD_compress(out.data() + 1, out.size() - 1, payload.data(), payload.size(), kZstdLevel);
  if (ZSTD_isError(n) || n >= payload.size()) {
    out.assign(1, static_cast<char>(kCodecStored));
    return out + payload;
  }
  out.resize(1 + n);
  return out;
}

Status DecodeSeriesLineage(std::string_view value, SeriesLineage* out) {
  auto bad = [] { return Status::Corruption("lineage index entry is malformed"); };
  if (value.empty()) return bad();
  std::string payload;
  if (value[0] == static_cast<char>(kCodecStored)) {
    payload = std::string(value.substr(1));
  } else if (value[0] == static_cast<char>(kCodecZstd)) {
    const unsigned long long size = ZSTD_getFrameContentSize(value.data() + 1, value.size() - 1);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > kMaxSeriesLineageBytes) {
      return bad();
    }
    payload.resize(size);
    // One decompression context per thread, not one per call: ZSTD_decompress allocates one
    // (96 KB) afresh for each log and blame, and every new page of it is a page fault.
    struct DCtx {
      ZSTD_DCtx* ctx = ZSTD_createDCtx();
      ~DCtx() { ZSTD_freeDCtx(ctx); }
    };
    thread_local DCtx dctx;
    if (dctx.ctx == nullptr) return Status::Internal("zstd: cannot allocate a context");
    const size_t n = ZSTD_decompressDCtx(dctx.ctx, payload.data(), payload.size(), value.data() + 1,
                                         value.size() - 1);
    if (ZSTD_isError(n) || n != size) return bad();
  } else {
    return bad();
  }
  std::string_view in = payload;
  uint64_t count = 0;
  if (!GetVarint(&in, &count) || count < 2 || count > in.size()) return bad();
  out->symbols.resize(count);
  out->versions.resize(count);
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view sym;
    uint64_t version = 0;
    if (!GetBytes(&in, &sym) || sym.empty() || !GetVarint(&in, &version)) return bad();
    out->symbols[i] = std::string(sym);
    out->versions[i] = static_cast<uint32_t>(version);
  }
  out->pairs.resize(count - 1);
  for (std::string& p : out->pairs) {
    std::string_view body;
    if (!GetBytes(&in, &body)) return bad();
    p = std::string(body);
  }
  return in.empty() ? Status::Ok() : bad();
}

// ---- building -----------------------------------------------------------------------------

namespace {

using Pair = std::pair<std::string, std::string>;

// The current version (preferred language) of each symbol.
Result<std::vector<uint32_t>> CurrentVersions(const store::Archive& archive,
                                              const std::vector<std::string>& symbols) {
  std::vector<uint32_t> out;
  for (const std::string& sym : symbols) {
    auto doc = archive.GetDocument(sym);
    if (!doc.ok()) return doc.status();
    out.push_back(doc->current().version);
  }
  return out;
}

// The entry of one pair, decoding and diffing the two records (the newer one kept in *held
// for the next pair of the same series; `cache`, when given, across transactions).
Result<std::string> ComputePair(const store::Archive& archive, const store::DerivedTxn* txn,
                                DeriveCache* cache,
                                const std::string& older, uint32_t older_version,
                                const std::string& newer, uint32_t newer_version,
                                std::map<std::string, PreparedResolution>* held) {
  auto load = [&](const std::string& sym, uint32_t version) -> Result<const PreparedResolution*> {
    auto it = held->find(sym);
    if (it == held->end()) {
      auto r = CachedRecord(archive, txn, cache, sym, version);
      if (!r.ok()) return r.status();
      it = held->emplace(sym, std::move(r).value()).first;
    }
    return &it->second;
  };
  auto a = load(older, older_version);
  if (!a.ok()) return a.status();
  auto b = load(newer, newer_version);
  if (!b.ok()) return b.status();
  DiffOptions options;  // the defaults (IsDefaultDiffOptions) the lineage is computed at
  options.word_edits = false;  // EncodeLineagePair reads no edits
  const DiffResult diff = DiffPrepared(**a, **b, options);
  std::string value = EncodeLineagePair(older_version, newer_version, (*b)->resolution(), diff);
  held->erase(older);  // series go oldest first: the older one is not needed again
  // Nor, usually, by a later transaction: the next arrival of the series pairs with `newer`.
  // Keeping only the newest member of each series lets the cache span more series.
  ForgetCachedRecord(archive, cache, older, older_version);
  return value;
}

// Pair bodies that may be reused, by (older, newer, older version, newer version).
using Reusable = std::map<std::pair<Pair, std::pair<uint32_t, uint32_t>>, std::string>;

void AddReusable(SeriesLineage&& held, Reusable* reusable) {
  for (size_t i = 0; i + 1 < held.symbols.size(); ++i) {
    (*reusable)[{{held.symbols[i], held.symbols[i + 1]}, {held.versions[i], held.versions[i + 1]}}] =
        std::move(held.pairs[i]);
  }
}

// The lineage of one series (>= 2 members), reusing what `reusable` holds.
Result<SeriesLineage> BuildSeries(const store::Archive& archive, const Series& s,
                                  Reusable* reusable, const store::DerivedTxn* txn,
                                  DeriveCache* cache) {
  SeriesLineage out;
  out.symbols = s.symbols;
  auto versions = CurrentVersions(archive, s.symbols);
  if (!versions.ok()) return versions.status();
  out.versions = std::move(versions).value();
  std::map<std::string, PreparedResolution> held;
  for (size_t i = 1; i < s.symbols.size(); ++i) {
    auto it = reusable->find(
        {{s.symbols[i - 1], s.symbols[i]}, {out.versions[i - 1], out.versions[i]}});
    if (it != reusable->end()) {
      out.pairs.push_back(std::move(it->second));
      reusable->erase(it);
      continue;
    }
    auto value = ComputePair(archive, txn, cache, s.symbols[i - 1], out.versions[i - 1], s.symbols[i],
                             out.versions[i], &held);
    if (!value.ok()) return value.status();
    out.pairs.push_back(std::move(value).value());
  }
  return out;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> LineageIndexEntries(
    const store::Archive& archive, const std::vector<Series>& all) {
  std::vector<std::pair<std::string, std::string>> entries;
  Reusable none;
  for (const Series& s : all) {
    if (s.symbols.size() < 2) continue;
    auto lineage = BuildSeries(archive, s, &none, nullptr, nullptr);
    if (!lineage.ok()) return lineage.status();
    entries.emplace_back(SeriesKey(s.key), EncodeSeriesLineage(*lineage));
  }
  return entries;
}

Status UpdateLineageIndex(const store::Archive& archive, store::DerivedTxn& txn,
                          const std::vector<Series>& before, const std::vector<Series>& after,
                          DeriveCache* cache) {
  // What the index holds under the keys of both memberships: pairs to reuse.
  std::map<std::string, std::string> held_values;  // by key
  Reusable reusable;
  for (const std::vector<Series>* side : {&before, &after}) {
    for (const Series& s : *side) {
      const std::string key = SeriesKey(s.key);
      if (held_values.count(key)) continue;
      auto held = txn.Get(store::kLineageIndex, key);
      if (!held.ok()) return held.status();
      if (!held->has_value()) continue;
      held_values.emplace(key, **held);
      SeriesLineage lineage;
      if (DecodeSeriesLineage(**held, &lineage).ok()) AddReusable(std::move(lineage), &reusable);
    }
  }
  // Series of `before` no longer there (or now of one member) lose their entry.
  for (const auto& held : held_values) {
    bool kept = false;
    for (const Series& s : after) {
      kept = kept || (SeriesKey(s.key) == held.first && s.symbols.size() > 1);
    }
    if (!kept) RECITAL_RETURN_IF_ERROR(txn.Delete(store::kLineageIndex, held.first));
  }
  for (const Series& s : after) {
    if (s.symbols.size() < 2) continue;
    auto lineage = BuildSeries(archive, s, &reusable, &txn, cache);
    if (!lineage.ok()) return lineage.status();
    const std::string key = SeriesKey(s.key);
    std::string value = EncodeSeriesLineage(*lineage);
    auto held = held_values.find(key);
    if (held != held_values.end() && held->second == value) continue;  // nothing changed
    RECITAL_RETURN_IF_ERROR(txn.Put(store::kLineageIndex, key, value));
  }
  return Status::Ok();
}

Result<bool> RefreshLineageIndex(store::Archive& archive) {
  if (archive.format_version() < 6) return false;
  for (int attempt = 0; attempt < kRefreshAttempts; ++attempt) {
    auto gen = archive.InputGeneration();
    if (!gen.ok()) return gen.status();
    auto fresh = archive.GetDerived(store::kLineageIndex, {});
    if (!fresh.ok()) return fresh.status();
    if (fresh->fresh) return false;
    auto all = ArchiveSeries(archive);
    if (!all.ok()) return all.status();
    auto entries = LineageIndexEntries(archive, *all);
    if (!entries.ok()) return entries.status();
    auto done = archive.ReplaceDerived(store::kLineageIndex, *gen, *entries);
    if (!done.ok()) return done.status();
    if (*done) return true;
  }
  return false;
}

Result<std::vector<std::string>> CheckLineageIndex(const store::Archive& archive) {
  std::vector<std::string> problems;
  if (archive.format_version() < 6) return problems;
  auto index = archive.ReadDerived(store::kLineageIndex, "");
  if (!index.ok()) return index.status();
  if (!index->fresh) return problems;
  auto all = ArchiveSeries(archive);
  if (!all.ok()) return all.status();
  auto computed = LineageIndexEntries(archive, *all);
  if (!computed.ok()) return computed.status();
  auto generation = archive.InputGeneration();
  if (!generation.ok()) return generation.status();
  if (*generation != index->generation) return problems;  // a write came between: not compared
  auto name = [](std::string_view key) {
    return std::string(key.substr(std::min(key.size(), kSeriesLineagePrefix.size())));
  };
  std::map<std::string, std::string> stored(index->entries.begin(), index->entries.end());
  for (const auto& [key, value] : *computed) {
    auto it = stored.find(key);
    if (it == stored.end()) {
      problems.push_back("lineage index lacks series " + name(key));
      continue;
    }
    SeriesLineage a, b;
    if (!DecodeSeriesLineage(it->second, &a).ok() || !DecodeSeriesLineage(value, &b).ok() ||
        a.symbols != b.symbols || a.versions != b.versions || a.pairs != b.pairs) {
      problems.push_back("lineage index holds another lineage for series " + name(key));
    }
    stored.erase(it);
  }
  for (const auto& [key, value] : stored) {
    problems.push_back("lineage index holds series " + name(key) + ", which detection does not give");
  }
  return problems;
}

// ---- readers ------------------------------------------------------------------------------

namespace {

// What log and blame read of a series' members and pairs, all from one input generation.
struct StoredSeriesView {
  std::vector<store::DocumentVersion> current;  // per member
  SeriesLineage lineage;                        // the entry the pairs point into
  std::vector<StoredPair> pairs;                // pairs[i] = members i -> i + 1
};

// nullopt when the index is stale or absent, lacks the series, or holds other members or
// versions. `generation`: the input generation read before the series was. Only the first
// `members` members (all when larger) are read, and the pairs between them: blame of a member
// needs nothing of the later ones.
Result<std::optional<StoredSeriesView>> ReadStoredSeries(const store::Archive& archive,
                                                         const Series& series,
                                                         uint64_t generation,
                                                         size_t members = SIZE_MAX) {
  members = std::min(members, series.symbols.size());
  StoredSeriesView view;
  for (size_t i = 0; i < members; ++i) {
    auto doc = archive.GetDocument(series.symbols[i]);
    if (!doc.ok()) return std::optional<StoredSeriesView>();
    view.current.push_back(doc->current());
  }
  std::vector<std::string> keys;
  if (series.symbols.size() > 1) keys.push_back(SeriesKey(series.key));
  auto read = archive.GetDerived(store::kLineageIndex, keys);
  if (!read.ok()) return read.status();
  // The same generation as before the series was read: nothing changed in between.
  if (!read->fresh || read->generation != generation) return std::optional<StoredSeriesView>();
  if (keys.empty()) return std::optional<StoredSeriesView>(std::move(view));
  if (!read->values.front()) return std::optional<StoredSeriesView>();
  RECITAL_RETURN_IF_ERROR(DecodeSeriesLineage(*read->values.front(), &view.lineage));
  if (view.lineage.symbols != series.symbols) return std::optional<StoredSeriesView>();
  for (size_t i = 0; i < view.current.size(); ++i) {
    if (view.lineage.versions[i] != view.current[i].version) {
      return std::optional<StoredSeriesView>();
    }
  }
  view.pairs.resize(std::min(view.lineage.pairs.size(), members - 1));
  for (size_t i = 0; i < view.pairs.size(); ++i) {
    RECITAL_RETURN_IF_ERROR(DecodeLineagePair(view.lineage.pairs[i], &view.pairs[i]));
  }
  return std::optional<StoredSeriesView>(std::move(view));
}

// The input generation, when the lineage index is fresh at it; nullopt otherwise.
Result<std::optional<uint64_t>> FreshLineageGeneration(const store::Archive& archive) {
  if (archive.format_version() < 6) return std::optional<uint64_t>();
  auto probe = archive.GetDerived(store::kLineageIndex, {});
  if (!probe.ok()) return probe.status();
  if (!probe->fresh) return std::optional<uint64_t>();
  return std::optional<uint64_t>(probe->generation);
}

Resolution HeaderRecord(const std::string& symbol, const store::DocumentVersion& v) {
  Resolution r;
  r.symbol = symbol;
  r.session = v.session;
  r.number = v.number;
  r.title = v.title;
  r.adoption_date = v.adoption_date;
  r.language = v.language;
  return r;
}

struct StoredWalk {
  std::vector<LineageEntry> chain;
  size_t at = 0;
  Section section = Section::kPreamble;
  size_t index = 0;
  std::string exact;  // the text of records[at] at (section, index)
  bool active = true;
};

// BlameLast over stored steps; nullopt when a walk meets a paragraph the older copy does not
// reach (partial copies: BlameLast then compares with earlier copies, which is not stored).
std::optional<std::vector<BlameParagraph>> StoredBlameLast(const Series& series,
                                                           const Resolution& newest,
                                                           const StoredSeriesView& view) {
  const size_t last = series.symbols.size() - 1;
  std::vector<StoredWalk> walks;
  for (Section section : {Section::kPreamble, Section::kOperative, Section::kAnnex}) {
    const std::vector<Paragraph>& ps = SectionOf(newest, section);
    for (size_t i = 0; i < ps.size(); ++i) {
      StoredWalk w;
      w.exact = ParagraphFullText(ps[i]);
      w.chain.push_back({newest.symbol, w.exact, false});
      w.at = last;
      w.section = section;
      w.index = i;
      walks.push_back(std::move(w));
    }
  }
  for (size_t k = last; k > 0; --k) {
    const StoredPair& pair = view.pairs[k - 1];
    const std::string& older = series.symbols[k - 1];
    for (StoredWalk& w : walks) {
      if (!w.active || w.at != k) continue;
      const auto sec = static_cast<size_t>(w.section);
      if (w.index >= pair.counts[sec]) return std::nullopt;
      size_t flat = w.index;
      for (size_t s = 0; s < sec; ++s) flat += pair.counts[s];
      const StoredPair::Slot& slot = pair.slots[flat];
      if (slot.kind == StoredPair::Slot::kNotReached) return std::nullopt;
      if (slot.kind == StoredPair::Slot::kAdded) {
        w.active = false;
        continue;
      }
      std::string joined;
      if (slot.exact) {
        joined = w.exact;
      } else if (!ApplyDelta(w.exact, slot.delta, &joined)) {
        return std::nullopt;
      }
      if (slot.unchanged) {
        w.chain.back().symbol = older;
      } else {
        w.chain.push_back({older, joined, slot.technical});
      }
      if (slot.merged && slot.first_length <= joined.size()) joined.resize(slot.first_length);
      w.exact = std::move(joined);
      w.at = k - 1;
      w.section = slot.from_section;
      w.index = slot.from_index;
    }
  }
  std::vector<BlameParagraph> out;
  size_t k = 0;
  for (Section section : {Section::kPreamble, Section::kOperative, Section::kAnnex}) {
    for (const Paragraph& p : SectionOf(newest, section)) {
      const StoredWalk& w = walks[k++];
      BlameParagraph b;
      b.section = section;
      b.number = p.number;
      b.lead = p.lead;
      b.text = w.chain.front().text;
      b.wording_since = w.chain.front().symbol;
      size_t m = 0;
      while (m + 1 < w.chain.size() && w.chain[m + 1].technical) ++m;
      b.since = w.chain[m].symbol;
      b.lineage.assign(w.chain.begin() + 1, w.chain.end());
      out.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace

Result<std::optional<LogView>> StoredLogOf(const store::Archive& archive,
                                           std::string_view target) {
  auto generation = FreshLineageGeneration(archive);
  if (!generation.ok()) return generation.status();
  if (!*generation) return std::optional<LogView>();
  std::optional<Series> series;
  if (const std::string sym = NormalizeSymbol(target); archive.GetDocument(sym).ok()) {
    auto s = StoredSeriesOf(archive, sym);
    if (!s.ok()) return s.status();
    series = std::move(s).value();
  } else {
    auto s = ResolveSeriesArg(archive, target);
    if (s.ok()) series = std::move(s).value();  // errors: the computing path gives them
  }
  if (!series) return std::optional<LogView>();
  auto view = ReadStoredSeries(archive, *series, **generation);
  if (!view.ok()) return view.status();
  if (!*view) return std::optional<LogView>();
  LogView log;
  for (size_t i = 0; i < series->symbols.size(); ++i) {
    const store::DocumentVersion& v = (*view)->current[i];
    SessionRow row;
    row.symbol = series->symbols[i];
    row.session = v.session;
    row.adoption_date = v.adoption_date;
    row.title = v.title;
    if (i > 0) {
      row.has_previous = true;
      row.summary = (*view)->pairs[i - 1].summary;
    }
    log.rows.push_back(std::move(row));
  }
  log.series = std::move(*series);
  return std::optional<LogView>(std::move(log));
}

Result<std::optional<BlameView>> StoredBlameOf(const store::Archive& archive,
                                               const std::string& symbol) {
  auto generation = FreshLineageGeneration(archive);
  if (!generation.ok()) return generation.status();
  if (!*generation) return std::optional<BlameView>();
  auto series = StoredSeriesOf(archive, symbol);
  if (!series.ok()) return series.status();
  if (!*series) return std::optional<BlameView>();
  // Only the sessions up to this one matter.
  auto& syms = (*series)->symbols;
  auto it = std::find(syms.begin(), syms.end(), symbol);
  if (it == syms.end()) return std::optional<BlameView>();
  const size_t members = static_cast<size_t>(it - syms.begin()) + 1;
  auto view = ReadStoredSeries(archive, **series, **generation, members);
  if (!view.ok()) return view.status();
  if (!*view) return std::optional<BlameView>();
  syms.resize(members);
  auto newest = archive.GetResolution(symbol, (*view)->current.back().version);
  if (!newest.ok()) return newest.status();
  auto paragraphs = StoredBlameLast(**series, *newest, **view);
  if (!paragraphs) return std::optional<BlameView>();
  BlameView blame;
  blame.symbol = symbol;
  blame.paragraphs = std::move(*paragraphs);
  blame.history.series = std::move(**series);
  for (size_t i = 0; i + 1 < blame.history.series.symbols.size(); ++i) {
    blame.history.records.push_back(
        HeaderRecord(blame.history.series.symbols[i], (*view)->current[i]));
  }
  blame.history.records.push_back(std::move(newest).value());
  return std::optional<BlameView>(std::move(blame));
}

}  // namespace recital::history
