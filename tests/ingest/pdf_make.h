// Small PDFs written by hand at test time (never committed as files): pages of text set with
// the standard Times fonts, an image-only page, an encrypted file. Enough PDF (ISO 32000-1)
// for poppler to read: objects, a cross-reference table with exact offsets, a trailer.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace recital::testing {

// A piece of a line: font ("R" Times-Roman, "I" Times-Italic, "B" Times-Bold), size, text
// rise (a superscript is raised), ASCII text, and a gap before it in thousandths of an em
// (what justified text inserts between letters: 110 cuts "mat ter" into two words).
struct PdfSeg {
  const char* font = "R";
  double size = 10;
  double rise = 0;
  std::string text;
  int gap = 0;
};

// One line of text at (x, y), points from the bottom left as PDF counts.
struct PdfRun {
  double x = 0, y = 0;
  std::vector<PdfSeg> segs;
};

struct PdfPageSpec {
  std::vector<PdfRun> runs;
  bool image = false;  // paint a small grey image instead (a scanned page has no text)
};

struct PdfOptions {
  // Adds a standard security handler whose user password is not empty: the file cannot be
  // opened without the password.
  bool encrypted = false;
};

inline std::string EscapePdfString(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

inline std::string MakePdf(const std::vector<PdfPageSpec>& pages, const PdfOptions& options = {}) {
  std::vector<std::string> objects;  // object i + 1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // the page tree, filled in below
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>");   // 3
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic >>");  // 4
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>");    // 5
  std::string kids;
  for (const PdfPageSpec& page : pages) {
    std::string content;
    if (page.image) {
      content = "q 400 0 0 500 100 150 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x40\x80\xC0\xFF EI Q\n";
    }
    for (const PdfRun& run : page.runs) {
      char buf[96];
      std::snprintf(buf, sizeof(buf), "BT %.2f %.2f Td ", run.x, run.y);
      content += buf;
      for (const PdfSeg& seg : run.segs) {
        std::snprintf(buf, sizeof(buf), "/F%s %.2f Tf %.2f Ts [%d (", seg.font, seg.size, seg.rise,
                      -seg.gap);
        content += buf + EscapePdfString(seg.text) + ")] TJ ";
      }
      content += "ET\n";
    }
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
    const size_t content_id = objects.size();
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " +
                      std::to_string(content_id) +
                      " 0 R /Resources << /Font << /FR 3 0 R /FI 4 0 R /FB 5 0 R >> >> >>");
    kids += std::to_string(objects.size()) + " 0 R ";
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string trailer_extra;
  if (options.encrypted) {
    objects.push_back(
        "<< /Filter /Standard /V 1 /R 2 /P -4 "
        "/O <0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF> "
        "/U <FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210> >>");
    trailer_extra =
        " /Encrypt " + std::to_string(objects.size()) +
        " 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]";
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof(line), "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" +
         trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A one-page resolution in the UN's layout, small enough to read at a glance: cover block,
// numbered title, "The General Assembly,", a preamble paragraph with an italic lead and a
// footnote marker, two operative paragraphs (the second with a word cut by a justification
// gap), the adoption line, the footnote under its rule and the page footer with a barcode-like
// job number.
inline std::vector<PdfPageSpec> SampleResolutionPages() {
  PdfPageSpec p;
  auto line = [&p](double x, double y, std::vector<PdfSeg> segs) {
    p.runs.push_back({x, y, std::move(segs)});
  };
  line(123, 740, {{"R", 14, 0, "United Nations"}});
  line(480, 740, {{"R", 10, 0, "A/RES/78/999"}});
  line(123, 715, {{"B", 20, 0, "General Assembly"}});
  line(397, 712, {{"R", 10, 0, "Distr.: General"}});
  line(397, 700, {{"R", 10, 0, "9 November 2023"}});
  line(60, 570, {{"B", 10, 0, "Seventy-eighth session"}});
  line(60, 558, {{"R", 10, 0, "Agenda item 89"}});
  line(123, 520, {{"B", 14, 0, "Resolution adopted by the General Assembly"}});
  line(123, 505, {{"B", 14, 0, "on 8 November 2023"}});
  line(123, 480, {{"I", 10, 0, "[without reference to a Main Committee (A/78/L.99)]"}});
  line(85, 455, {{"B", 12, 0, "78/999."}});
  line(133, 455, {{"B", 12, 0, "Testing of the layout reader"}});
  line(147, 430, {{"I", 10, 0, "The General Assembly,"}});
  line(147, 412,
       {{"I", 10, 0, "Recalling also"},
        {"R", 10, 0, " its resolution 77/1 of 1 January 2023,"},
        {"R", 6.5, 3.5, "1"}});
  line(147, 394, {{"R", 10, 0, "1."}});
  line(171, 394, {{"I", 10, 0, "Calls upon"}, {"R", 10, 0, " all States to support post-"}});
  line(123, 382, {{"R", 10, 0, "conflict recovery;"}});
  line(147, 364, {{"R", 10, 0, "2."}});
  line(171, 364,
       {{"I", 10, 0, "Decides"},
        {"R", 10, 0, " to remain seized of the mat"},
        {"R", 10, 0, "ter.", 110}});
  line(397, 340, {{"I", 10, 0, "30th plenary meeting"}});
  line(413, 328, {{"I", 10, 0, "8 November 2023"}});
  line(99, 90, {{"B", 8, 0, "__________________"}});
  line(117, 74, {{"R", 5.5, 3, "1"}, {"R", 8.5, 0, " See A/77/1."}});
  line(65, 45, {{"R", 10, 0, "23-99999 (E) 151123"}});
  line(65, 30, {{"R", 12, 0, "*2399999*"}});
  return {p};
}

}  // namespace recital::testing
