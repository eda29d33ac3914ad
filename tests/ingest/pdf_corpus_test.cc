// Every official PDF of ../shared/corpus/pdf: parsed, symbol and session as SOURCES.tsv says,
// adoption date and meeting found, operative numbers 1..n in order, no page furniture in any
// paragraph, and every lead phrase exactly the italic run poppler reports at the paragraph's
// start (checked against the raw boxes in reading order, not against the layout's lines).
// (ParseRelease's own path over every PDF is pdf_series_test.cc's.)
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/pdf_internal.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

using ingest::PdfBox;
using ingest::PdfText;

std::vector<const std::string*> AllTexts(const Resolution& r) {
  std::vector<const std::string*> out;
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *list) {
      out.push_back(&p.text);
      out.push_back(&p.lead);
      for (const SubParagraph& s : p.subparagraphs) out.push_back(&s.text);
    }
  }
  return out;
}

bool IsDigits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The page furniture of a release as its raw boxes show it: the job number ("23-21904") and
// barcode text ("*2321904*") of the first page's footer. (Page labels "2/5" are not checked:
// they read like "resolution 5/8", which paragraphs cite.)
std::vector<std::string> Furniture(const PdfText& t, const std::string& symbol) {
  std::vector<std::string> out = {symbol, "(E)"};
  for (const PdfBox& b : t.boxes) {
    const std::string& s = b.text;
    if (s.size() >= 3 && s.front() == '*' && s.back() == '*') {
      out.push_back(s);
      continue;
    }
    if (b.page == 0 && (s.size() == 8 || (s.size() == 9 && s.back() == '*')) &&
        IsDigits(s.substr(0, 2)) && s[2] == '-' && IsDigits(s.substr(3, 5))) {
      out.push_back(s.substr(0, 8));  // "23-24915*" is a reissue of job 23-24915
    }
  }
  return out;
}

// Poppler's text in reading order without spaces, with a flag per byte: set in italics.
struct Stream {
  std::string text;
  std::vector<bool> italic;
};

// The raw text as the record spells it: non-breaking (U+2011) and plain (U+2010) hyphens are
// "-", no-break spaces go.
std::string Spelled(const std::string& t) {
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string_view rest = std::string_view(t).substr(i);
    if (rest.starts_with("\xE2\x80\x90") || rest.starts_with("\xE2\x80\x91")) {
      out += '-';
      i += 2;
    } else if (rest.starts_with("\xC2\xA0")) {
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

// Boxes in reading order: by page, then lines (bottoms within 2 points), then left to right.
// (poppler's own order now and then takes a word from the next line.)
std::vector<PdfBox> ReadingOrder(const PdfText& t) {
  std::vector<PdfBox> boxes = t.boxes;
  std::stable_sort(boxes.begin(), boxes.end(), [](const PdfBox& a, const PdfBox& b) {
    return a.page != b.page ? a.page < b.page : a.y1 < b.y1;
  });
  size_t i = 0;
  while (i < boxes.size()) {
    size_t e = i + 1;
    while (e < boxes.size() && boxes[e].page == boxes[i].page && boxes[e].y1 - boxes[e - 1].y1 < 2)
      ++e;
    std::stable_sort(boxes.begin() + long(i), boxes.begin() + long(e),
                     [](const PdfBox& a, const PdfBox& b) { return a.x0 < b.x0; });
    i = e;
  }
  return boxes;
}

Stream MakeStream(const PdfText& t) {
  Stream s;
  for (const PdfBox& b : ReadingOrder(t)) {
    const std::string text = Spelled(b.text);
    s.text += text;
    s.italic.insert(s.italic.end(), text.size(), (b.flags & ingest::kPdfItalic) != 0);
  }
  return s;
}

std::string NoSpaces(std::string_view t) {
  std::string out;
  for (char c : t) {
    if (c != ' ') out += c;
  }
  return out;
}

bool IsLetter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// "" when the paragraph's lead phrase is the italic run that opens it in the raw boxes, else
// what is wrong. *cursor moves past the paragraph found.
std::string CheckLead(const Paragraph& p, const Stream& s, size_t* cursor) {
  const size_t marker = p.footnotes.empty() ? p.text.size() : p.footnotes.front().byte_offset;
  const std::string key =
      NoSpaces(std::string_view(p.text).substr(0, std::min<size_t>(marker, 60)));
  if (key.size() < 4) return "";  // too short to find; nothing to check
  size_t at = s.text.find(key, *cursor);
  if (at == std::string::npos) at = s.text.find(key);
  if (at == std::string::npos) {
    // Table rows read cell by cell in poppler's order; they have no lead phrase to check.
    return p.lead.empty() ? "" : "paragraph not found in the boxes: " + key;
  }
  *cursor = at + key.size();
  const std::string lead = NoSpaces(p.lead);
  size_t end = at + lead.size();
  for (size_t i = at; i < end; ++i) {
    if (!s.italic[i]) return "lead \"" + p.lead + "\" is not all italic";
  }
  const bool after_opening =
      (std::string_view(s.text).substr(0, at).ends_with("TheGeneralAssembly") ||
       std::string_view(s.text).substr(0, at).ends_with("TheGeneralAssembly,"));
  if (!lead.empty() && at > 0 && s.italic[at - 1] && IsLetter(s.text[at - 1]) && !after_opening) {
    return "the italic run starts before the lead: ..." + s.text.substr(at > 30 ? at - 30 : 0, 40);
  }
  // Past the lead's own punctuation, the next letter must not be italic (the run is whole).
  while (end < s.text.size() && !IsLetter(s.text[end]) && end < at + key.size()) ++end;
  const bool whole_paragraph_italic = lead.empty() && end < s.italic.size() && s.italic[end];
  if (end < at + key.size() && s.italic[end] && !whole_paragraph_italic) {
    return "lead \"" + p.lead + "\" stops before the italic run does";
  }
  // A lead phrase opens with a capital: a note's italic letter ("a Includes ...") is none.
  const bool lowercase_start = at < s.text.size() && s.text[at] >= 'a' && s.text[at] <= 'z';
  if (whole_paragraph_italic && !lowercase_start) {
    for (size_t i = at; i < at + key.size(); ++i) {
      if (!s.italic[i] && IsLetter(s.text[i])) return "paragraph opens in italics but has no lead";
    }
  }
  return "";
}

// The checks of one record against its SOURCES.tsv row.
void CheckFields(const Resolution& r, const testing::PdfSource& src) {
  EXPECT_EQ(r.symbol, src.symbol);
  EXPECT_EQ(r.session_code.empty() ? std::to_string(r.session) : r.session_code, src.session);
  EXPECT_EQ(r.layout, "pdf");
  EXPECT_FALSE(r.adoption_date.empty());
  EXPECT_NE(r.meeting, 0u);
  EXPECT_FALSE(r.title.empty());
  EXPECT_FALSE(r.operative.empty());
  uint32_t next = 1;
  for (const Paragraph& p : r.operative) {
    EXPECT_EQ(p.section, Section::kOperative);
    if (p.number.empty()) continue;  // a chapeau ("Resolves that:") or a sole paragraph
    EXPECT_EQ(p.number, std::to_string(next)) << p.text.substr(0, 60);
    next = uint32_t(std::stoul(p.number)) + 1;
  }
}

// One test, so that each PDF is read once (the sanitizer build reads slowly): the record is
// laid out from the same boxes the furniture and italics are checked against.
TEST(PdfCorpusTest, EveryPdfParsesWholeWithoutFurnitureAndWithItsItalicLeads) {
  RECITAL_REQUIRE_PDF_CORPUS();
  const std::vector<testing::PdfSource> sources = testing::PdfSources();
  ASSERT_EQ(sources.size(), 313u);
  size_t paragraphs = 0, with_lead = 0, annexes = 0;
  for (const testing::PdfSource& src : sources) {
    SCOPED_TRACE(src.file);
    const std::string bytes = testing::ReadFile(testing::PdfCorpusDir() + "/" + src.file);
    Result<PdfText> raw = ingest::ExtractPdfText(bytes, src.file);
    ASSERT_TRUE(raw.ok()) << raw.status().message();
    Result<Resolution> r = ingest::LayoutPdfResolution(*raw, src.file);
    ASSERT_TRUE(r.ok()) << r.status().message();
    CheckFields(*r, src);
    annexes += r->annexes.size();

    const std::vector<std::string> furniture = Furniture(*raw, src.symbol);
    ASSERT_GE(furniture.size(), 4u);  // symbol, (E), job number, barcode at least
    for (const std::string* t : AllTexts(*r)) {
      const std::string padded = " " + *t + " ";
      for (const std::string& f : furniture) {
        EXPECT_EQ(padded.find(f), std::string::npos) << "\"" << f << "\" in: " << *t;
      }
    }

    const Stream stream = MakeStream(*raw);
    size_t cursor = 0;
    for (const auto* list : {&r->preamble, &r->operative, &r->annex}) {
      for (const Paragraph& p : *list) {
        EXPECT_EQ(CheckLead(p, stream, &cursor), "") << p.text.substr(0, 80);
        ++paragraphs;
        with_lead += !p.lead.empty();
      }
    }
  }
  EXPECT_GT(paragraphs, 10000u);
  EXPECT_GT(with_lead, 9000u);
  EXPECT_GE(annexes, 5u);  // 73/3's declaration, the staffing tables, the Trust Fund terms
}

}  // namespace
}  // namespace recital
