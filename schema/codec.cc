// Cap'n Proto encoding of records. This is the only file that touches capnp readers: every
// reader gets explicit limits, and kj::Exception never leaves this file (it becomes Corruption).
#include <capnp/common.h>
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include <cstring>
#include <type_traits>
#include <xxhash.h>

#include "schema/resolution.capnp.h"
#include "schema/schema.h"

namespace recital {
namespace {

namespace cs = ::recital::capnp_schema;

// Limits for untrusted bytes: a record is at most a few MB; these allow 16x headroom.
constexpr uint64_t kTraversalLimitWords = 64ull * 1024 * 1024 / 8;  // 64 MiB
constexpr int kNestingLimit = 16;

capnp::ReaderOptions Limits() {
  capnp::ReaderOptions o;
  o.traversalLimitInWords = kTraversalLimitWords;
  o.nestingLimit = kNestingLimit;
  return o;
}

std::string ToBytes(capnp::MessageBuilder& message) {
  kj::Array<capnp::word> words = capnp::messageToFlatArray(message);
  auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

// Copies into word-aligned memory: capnp needs alignment and callers hand us arbitrary views.
kj::Array<capnp::word> Aligned(std::string_view bytes) {
  auto words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  if (!bytes.empty()) std::memcpy(words.begin(), bytes.data(), words.size() * sizeof(capnp::word));
  return words;
}

kj::StringPtr Text(const std::string& s) { return kj::StringPtr(s.c_str(), s.size()); }
std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

void SetRefs(capnp::List<cs::FootnoteRef>::Builder out, const std::vector<FootnoteRef>& refs) {
  for (size_t i = 0; i < refs.size(); ++i) {
    out[i].setNumber(refs[i].number);
    out[i].setByteOffset(refs[i].byte_offset);
  }
}
std::vector<FootnoteRef> GetRefs(capnp::List<cs::FootnoteRef>::Reader in) {
  std::vector<FootnoteRef> refs;
  refs.reserve(in.size());
  for (auto r : in) refs.push_back({r.getNumber(), r.getByteOffset()});
  return refs;
}

cs::Section ToCapnp(Section s) {
  switch (s) {
    case Section::kPreamble: return cs::Section::PREAMBLE;
    case Section::kOperative: return cs::Section::OPERATIVE;
    case Section::kAnnex: return cs::Section::ANNEX;
  }
  return cs::Section::PREAMBLE;
}
bool FromCapnp(cs::Section s, Section* out) {
  switch (s) {
    case cs::Section::PREAMBLE: *out = Section::kPreamble; return true;
    case cs::Section::OPERATIVE: *out = Section::kOperative; return true;
    case cs::Section::ANNEX: *out = Section::kAnnex; return true;
  }
  return false;
}

void SetTextList(capnp::List<capnp::Text>::Builder out, const std::vector<std::string>& v) {
  for (size_t i = 0; i < v.size(); ++i) out.set(i, Text(v[i]));
}
std::vector<std::string> GetTextList(capnp::List<capnp::Text>::Reader in) {
  std::vector<std::string> v;
  v.reserve(in.size());
  for (auto t : in) v.push_back(Str(t));
  return v;
}

// Runs fn with a reader over bytes; turns every capnp failure into Corruption.
template <typename Fn>
Status WithReader(std::string_view bytes, const char* what, Fn&& fn) {
  if (bytes.size() % sizeof(capnp::word) != 0 || bytes.empty()) {
    return Status::Corruption(std::string(what) + ": record size " + std::to_string(bytes.size()) +
                              " is not a positive multiple of 8 bytes");
  }
  auto words = Aligned(bytes);
  Status st;
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() {
                capnp::FlatArrayMessageReader reader(words.asPtr(), Limits());
                if (reader.getEnd() != words.end()) {
                  st = Status::Corruption(std::string(what) + ": trailing bytes after record");
                  return;
                }
                st = fn(reader);
              })) {
    return Status::Corruption(std::string(what) + ": undecodable record: " +
                              std::string(e->getDescription().cStr()));
  }
  return st;
}

}  // namespace

std::string Hash128::ToHex() const {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return std::string(buf, 32);
}

std::string Hash128::ToBytes() const {
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(high >> (56 - 8 * i));
    out[8 + i] = static_cast<char>(low >> (56 - 8 * i));
  }
  return out;
}

bool Hash128::FromBytes(std::string_view bytes, Hash128* out) {
  if (bytes.size() != 16) return false;
  Hash128 h;
  for (int i = 0; i < 8; ++i) {
    h.high = (h.high << 8) | static_cast<uint8_t>(bytes[i]);
    h.low = (h.low << 8) | static_cast<uint8_t>(bytes[8 + i]);
  }
  *out = h;
  return true;
}

bool Hash128::FromHex(std::string_view hex, Hash128* out) {
  if (hex.size() != 32) return false;
  Hash128 h;
  for (size_t i = 0; i < 32; ++i) {
    char c = hex[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    uint64_t& part = i < 16 ? h.high : h.low;
    part = (part << 4) | static_cast<uint64_t>(d);
  }
  *out = h;
  return true;
}

Hash128 HashBytes(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return Hash128{h.high64, h.low64};
}

const char* SectionName(Section s) {
  switch (s) {
    case Section::kPreamble: return "preamble";
    case Section::kOperative: return "operative";
    case Section::kAnnex: return "annex";
  }
  return "preamble";
}

namespace {

void SetWording(cs::Paragraph::Builder b, const Paragraph& p) {
  b.setLead(Text(p.lead));
  b.setText(Text(p.text));
  auto subs = b.initSubparagraphs(p.subparagraphs.size());
  for (size_t i = 0; i < p.subparagraphs.size(); ++i) {
    subs[i].setNumber(Text(p.subparagraphs[i].number));
    subs[i].setText(Text(p.subparagraphs[i].text));
  }
}

// Fills lead, text and sub-paragraph wording of *out (see DecodeParagraph).
void GetWording(cs::Paragraph::Reader r, Paragraph* out) {
  out->lead = Str(r.getLead());
  out->text = Str(r.getText());
  auto subs = r.getSubparagraphs();
  out->subparagraphs.resize(subs.size());
  for (size_t i = 0; i < subs.size(); ++i) {
    out->subparagraphs[i].number = Str(subs[i].getNumber());
    out->subparagraphs[i].text = Str(subs[i].getText());
  }
}

}  // namespace

std::string EncodeParagraph(const Paragraph& p) {
  capnp::MallocMessageBuilder message;
  SetWording(message.initRoot<cs::Paragraph>(), p);
  return ToBytes(message);
}

Hash128 WordingHash(const Paragraph& p) { return HashBytes(EncodeParagraph(p)); }

Status DecodeParagraph(std::string_view bytes, Paragraph* out) {
  return WithReader(bytes, "paragraph", [&](capnp::MessageReader& reader) {
    GetWording(reader.getRoot<cs::Paragraph>(), out);
    return Status::Ok();
  });
}

namespace {

// Calls fn(use) for every message of a format-4 paragraph stream, in order. Runs inside
// WithReader's exception guard: a malformed message throws kj::Exception (-> Corruption).
template <typename Fn>
Status ForEachStreamParagraph(capnp::Data::Reader stream, Fn&& fn) {
  if (stream.size() % sizeof(capnp::word) != 0) {
    return Status::Corruption("resolution: paragraph stream is not a multiple of 8 bytes");
  }
  auto words = Aligned(std::string_view(reinterpret_cast<const char*>(stream.begin()),
                                        stream.size()));
  const capnp::word* at = words.begin();
  while (at != words.end()) {
    capnp::FlatArrayMessageReader one(
        kj::ArrayPtr<const capnp::word>(at, static_cast<const capnp::word*>(words.end())), Limits());
    RECITAL_RETURN_IF_ERROR(fn(one.getRoot<cs::ParagraphUse>()));
    at = one.getEnd();
  }
  return Status::Ok();
}

// Record is cs::Resolution, or cs::ResolutionFormat4 (the same fields but the ones added after
// format 4) for records that leave those empty: their bytes stay what format 4 wrote.
template <typename Record>
std::string EncodeRecordAs(const Resolution& r, bool inline_wording) {
  capnp::MallocMessageBuilder message;
  auto b = message.template initRoot<Record>();
  b.setSymbol(Text(r.symbol));
  b.setSession(r.session);
  b.setNumber(r.number);
  b.setTitle(Text(r.title));
  SetTextList(b.initAgendaItems(r.agenda_items.size()), r.agenda_items);
  b.setCommittee(Text(r.committee));
  b.setReport(Text(r.report));
  b.setDistributionDate(Text(r.distribution_date));
  b.setMeeting(r.meeting);
  b.setAdoptionDate(Text(r.adoption_date));
  size_t n = r.preamble.size() + r.operative.size() + r.annex.size();
  auto set_use = [](cs::ParagraphUse::Builder u, const Paragraph& p) {
    u.setSection(ToCapnp(p.section));
    u.setNumber(Text(p.number));
    SetRefs(u.initFootnotes(p.footnotes.size()), p.footnotes);
    auto sub = u.initSubFootnotes(p.subparagraphs.size());
    for (size_t k = 0; k < p.subparagraphs.size(); ++k) {
      SetRefs(sub.init(k, p.subparagraphs[k].footnotes.size()), p.subparagraphs[k].footnotes);
    }
  };
  (void)n;
  std::string inline_stream;
  if (inline_wording) {
    std::string stream;
    for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
      for (const Paragraph& p : *list) {
        // Allocation order fixes the bytes: the small parts first and the text last, so that
        // the pointers of a new paragraph depend on little but its own lengths.
        capnp::MallocMessageBuilder one(256);
        auto u = one.initRoot<cs::ParagraphUse>();
        set_use(u, p);
        auto w = u.initWording();
        auto subs = w.initSubparagraphs(p.subparagraphs.size());
        for (size_t k = 0; k < p.subparagraphs.size(); ++k) {
          subs[k].setNumber(Text(p.subparagraphs[k].number));
          subs[k].setText(Text(p.subparagraphs[k].text));
        }
        w.setLead(Text(p.lead));
        w.setText(Text(p.text));
        stream += ToBytes(one);
      }
    }
    inline_stream = std::move(stream);
  } else {
    auto uses = b.initParagraphs(n);
    size_t i = 0;
    for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
      for (const Paragraph& p : *list) {
        auto u = uses[i++];
        std::string h = WordingHash(p).ToBytes();
        u.setHash(capnp::Data::Reader(reinterpret_cast<const capnp::byte*>(h.data()), h.size()));
        set_use(u, p);
      }
    }
  }
  auto fns = b.initFootnotes(r.footnotes.size());
  for (size_t k = 0; k < r.footnotes.size(); ++k) {
    fns[k].setNumber(r.footnotes[k].number);
    fns[k].setText(Text(r.footnotes[k].text));
  }
  auto cits = b.initCitations(r.citations.size());
  for (size_t k = 0; k < r.citations.size(); ++k) {
    cits[k].setSymbol(Text(r.citations[k].symbol));
    cits[k].setDate(Text(r.citations[k].date));
  }
  SetTextList(b.initDocuments(r.documents.size()), r.documents);
  b.setLanguage(Text(r.language));
  b.setLayout(Text(r.layout));
  b.setParserVersion(Text(r.parser_version));
  std::string rh = r.raw_hash.ToBytes();
  b.setRawHash(capnp::Data::Reader(reinterpret_cast<const capnp::byte*>(rh.data()), rh.size()));
  SetTextList(b.initWarnings(r.warnings.size()), r.warnings);
  if constexpr (std::is_same_v<Record, cs::Resolution>) {  // fields added after format 4
    b.setSessionCode(Text(r.session_code));
    auto annexes = b.initAnnexes(r.annexes.size());
    for (size_t k = 0; k < r.annexes.size(); ++k) {
      annexes[k].setTitle(Text(r.annexes[k].title));
      annexes[k].setParagraphCount(r.annexes[k].paragraph_count);
    }
    b.setTruncatedEnd(r.truncated_end);
    b.setStartsMidDocument(r.starts_mid_document);
  }
  if (inline_wording) {  // last: its length moves no other pointer
    b.setParagraphStream(capnp::Data::Reader(
        reinterpret_cast<const capnp::byte*>(inline_stream.data()), inline_stream.size()));
  }
  return ToBytes(message);
}

std::string EncodeRecord(const Resolution& r, bool inline_wording) {
  if (r.session_code.empty() && r.annexes.empty() && !r.truncated_end && !r.starts_mid_document) {
    return EncodeRecordAs<cs::ResolutionFormat4>(r, inline_wording);
  }
  return EncodeRecordAs<cs::Resolution>(r, inline_wording);
}

}  // namespace

std::string EncodeResolution(const Resolution& r) { return EncodeRecord(r, false); }
std::string EncodeResolutionInline(const Resolution& r) { return EncodeRecord(r, true); }

Result<std::vector<ParagraphUseRef>> ListParagraphUses(std::string_view bytes) {
  std::vector<ParagraphUseRef> out;
  Status st = WithReader(bytes, "resolution", [&](capnp::MessageReader& reader) -> Status {
    auto root = reader.getRoot<cs::Resolution>();
    if (root.hasParagraphStream()) {
      RECITAL_RETURN_IF_ERROR(ForEachStreamParagraph(
          root.getParagraphStream(), [&](cs::ParagraphUse::Reader u) -> Status {
            ParagraphUseRef ref;
            Paragraph p;
            GetWording(u.getWording(), &p);
            ref.hash = WordingHash(p);
            if (!FromCapnp(u.getSection(), &ref.section)) {
              return Status::Corruption("resolution: unknown paragraph section");
            }
            ref.number = Str(u.getNumber());
            out.push_back(std::move(ref));
            return Status::Ok();
          }));
    }
    for (auto u : root.getParagraphs()) {
      auto d = u.getHash();
      ParagraphUseRef ref;
      if (u.hasWording()) {
        Paragraph p;
        GetWording(u.getWording(), &p);
        ref.hash = WordingHash(p);
      } else if (!Hash128::FromBytes(std::string_view(reinterpret_cast<const char*>(d.begin()), d.size()),
                              &ref.hash)) {
        return Status::Corruption("resolution: paragraph hash is not 16 bytes");
      }
      if (!FromCapnp(u.getSection(), &ref.section)) {
        return Status::Corruption("resolution: unknown paragraph section");
      }
      ref.number = Str(u.getNumber());
      out.push_back(std::move(ref));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<Resolution> DecodeResolution(std::string_view bytes, const WordingLoader& load_wording) {
  Resolution r;
  Status st = WithReader(bytes, "resolution", [&](capnp::MessageReader& reader) -> Status {
    auto b = reader.getRoot<cs::Resolution>();
    r.symbol = Str(b.getSymbol());
    r.session = b.getSession();
    r.number = b.getNumber();
    r.title = Str(b.getTitle());
    r.agenda_items = GetTextList(b.getAgendaItems());
    r.committee = Str(b.getCommittee());
    r.report = Str(b.getReport());
    r.distribution_date = Str(b.getDistributionDate());
    r.meeting = b.getMeeting();
    r.adoption_date = Str(b.getAdoptionDate());
    auto add = [&](cs::ParagraphUse::Reader u) -> Status {
      Paragraph p;
      if (!FromCapnp(u.getSection(), &p.section)) {
        return Status::Corruption("resolution " + r.symbol + ": unknown paragraph section");
      }
      p.number = Str(u.getNumber());
      p.footnotes = GetRefs(u.getFootnotes());
      if (u.hasWording()) {
        GetWording(u.getWording(), &p);
      } else {
        auto d = u.getHash();
        Hash128 h;
        if (!Hash128::FromBytes(
                std::string_view(reinterpret_cast<const char*>(d.begin()), d.size()), &h)) {
          return Status::Corruption("resolution " + r.symbol +
                                    ": paragraph hash is not 16 bytes");
        }
        if (!load_wording) {
          return Status::Corruption("resolution " + r.symbol +
                                    ": a paragraph names a wording object, none can be loaded");
        }
        RECITAL_RETURN_IF_ERROR(load_wording(h, &p));
      }
      auto sub = u.getSubFootnotes();
      for (size_t k = 0; k < p.subparagraphs.size() && k < sub.size(); ++k) {
        p.subparagraphs[k].footnotes = GetRefs(sub[k]);
      }
      switch (p.section) {
        case Section::kPreamble: r.preamble.push_back(std::move(p)); break;
        case Section::kOperative: r.operative.push_back(std::move(p)); break;
        case Section::kAnnex: r.annex.push_back(std::move(p)); break;
      }
      return Status::Ok();
    };
    if (b.hasParagraphStream()) {
      RECITAL_RETURN_IF_ERROR(ForEachStreamParagraph(b.getParagraphStream(), add));
    }
    for (auto u : b.getParagraphs()) RECITAL_RETURN_IF_ERROR(add(u));
    for (auto f : b.getFootnotes()) r.footnotes.push_back({f.getNumber(), Str(f.getText())});
    for (auto c : b.getCitations()) r.citations.push_back({Str(c.getSymbol()), Str(c.getDate())});
    r.documents = GetTextList(b.getDocuments());
    r.language = Str(b.getLanguage());
    r.layout = Str(b.getLayout());
    r.parser_version = Str(b.getParserVersion());
    auto rh = b.getRawHash();
    if (rh.size() != 0 &&
        !Hash128::FromBytes(std::string_view(reinterpret_cast<const char*>(rh.begin()), rh.size()),
                            &r.raw_hash)) {
      return Status::Corruption("resolution " + r.symbol + ": raw hash is not 16 bytes");
    }
    r.warnings = GetTextList(b.getWarnings());
    r.session_code = Str(b.getSessionCode());
    for (auto a : b.getAnnexes()) r.annexes.push_back({Str(a.getTitle()), a.getParagraphCount()});
    r.truncated_end = b.getTruncatedEnd();
    r.starts_mid_document = b.getStartsMidDocument();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return r;
}

std::string CapnpVersionString() {
  return std::to_string(CAPNP_VERSION_MAJOR) + "." + std::to_string(CAPNP_VERSION_MINOR) + "." +
         std::to_string(CAPNP_VERSION_MICRO);
}

std::string XxhashVersionString() {
  unsigned v = XXH_versionNumber();
  return std::to_string(v / 10000) + "." + std::to_string((v / 100) % 100) + "." +
         std::to_string(v % 100);
}

}  // namespace recital
