// The frame of every page of `recital serve` (header with search, footer naming the JSON
// twin), its style sheet, link building and the error page.
#include <fmt/format.h>

#include <algorithm>

#include "render/pages_internal.h"
#include "render/render.h"

namespace recital::render {
namespace {

// Colours as the change report's (report.cc); the serve pages add the frame, charts and the
// search marks. No fonts, images or anything else from outside the page.
constexpr const char* kPageCss = R"css(
body{font-family:Georgia,"Times New Roman",serif;margin:0;line-height:1.45;color:#1a1a1a;background:#fff}
header.site{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.45rem 1rem;
  background:#1f3b5a;color:#fff;font-family:system-ui,sans-serif}
header.site a{color:#fff;text-decoration:none} header.site a:hover{text-decoration:underline}
header.site .home{font-weight:bold;font-size:1.15rem;letter-spacing:.02em}
header.site form{margin-left:auto;display:flex;gap:.3rem}
header.site input{width:16rem;max-width:50vw}
main{max-width:82rem;margin:1rem auto;padding:0 1rem}
footer.site{max-width:82rem;margin:2.5rem auto 1rem;padding:.5rem 1rem;border-top:1px solid #ddd;
  color:#555;font-size:.9rem;font-family:system-ui,sans-serif}
h1{font-size:1.6rem;margin:.6rem 0 .3rem} h2{font-size:1.25rem;border-bottom:1px solid #bbb;margin-top:2rem}
.meta{color:#555} .title{font-style:italic} code{font-size:.92em}
a{color:#1a4f8b}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0} td.n{text-align:right;font-variant-numeric:tabular-nums}
table.sbs td.old,table.sbs td.new{width:43%} table.sbs td.label{width:14%;font-size:.9rem}
table.sbs tr.same td{color:#555}
.status{display:block;color:#555;font-style:italic}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
ins{background:#ccf2d0;color:#055d20;text-decoration:underline}
mark{background:#ffe066;color:inherit;padding:0 .1em}
.lead-change{border-left:4px solid #b08800;background:#fff8c5;padding:.25rem .6rem;margin:.3rem 0}
.none{color:#777;font-style:italic}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.8rem 0}
dl.facts dt{color:#555} dl.facts dd{margin:0}
.para{display:grid;grid-template-columns:3rem 1fr 5.5rem;gap:.6rem;padding:.3rem 0;border-bottom:1px solid #eee}
.para:target{background:#fff8c5}
.para .num{text-align:right;color:#555} .para p{margin:0} .para .side{font-size:.85rem;font-family:system-ui,sans-serif}
.lead{font-style:italic}
ol.sub{list-style:none;margin:.3rem 0 0;padding-left:1.2rem} ol.sub .num{color:#555;margin-right:.4rem}
ol.lineage{margin:.4rem 0 0;padding-left:1.2rem;font-size:.95rem}
ol.lineage li{margin:.3rem 0} ol.lineage .from{font-family:system-ui,sans-serif;font-size:.85rem;color:#555}
ol.series li{margin:.5rem 0} ol.series .members a{margin-right:.4rem;font-size:.9rem}
ol.hits>li{margin:.6rem 0}
figure.chart{margin:1rem 0} figure.chart svg{max-width:100%;height:auto;font-family:system-ui,sans-serif}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin:0 .25em}
form.compare{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.8rem 0}
form.compare label{display:flex;flex-direction:column;font-size:.9rem}
@media print{header.site,footer.site,form{display:none} main{max-width:none}
  del::before{content:"[-"} del::after{content:"-]"} ins::before{content:"{+"} ins::after{content:"+}"}}
)css";

std::string Escape(std::string_view value, bool keep_path_chars) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    const bool path_char = c == '/' || c == '(' || c == ')';
    if (unreserved || (keep_path_chars && path_char)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

const char* StatusTitle(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 403: return "Forbidden";
    case 404: return "Not found";
    case 414: return "Request too long";
    default: return status >= 500 ? "Server error" : "Request refused";
  }
}

}  // namespace

std::string PagePath(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + Escape(value, true);
}

std::string QueryEscape(std::string_view value) { return Escape(value, false); }

std::string ErrorPage(int http_status, std::string_view message) {
  pages::PageParts parts;
  parts.title = fmt::format("{} {}", http_status, StatusTitle(http_status));
  parts.body = fmt::format(
      "<h1>{} — {}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/\">All series</a> · "
      "<a href=\"/compare\">Compare two resolutions</a></p>\n",
      http_status, StatusTitle(http_status), HtmlEscape(message));
  return pages::Frame(parts);
}

namespace pages {

std::string Frame(const PageParts& parts) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"Recital\">\n<link rel=\"icon\" href=\"data:,\">\n"
      "<title>{} — Recital</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<header class=\"site\"><a class=\"home\" href=\"/\">Recital</a>\n"
      "<nav><a href=\"/\">Series</a> · <a href=\"/compare\">Compare</a></nav>\n"
      "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
      "<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search a phrase\" "
      "aria-label=\"Phrase to search\"><button type=\"submit\">Search</button></form>\n"
      "</header>\n<main>\n",
      HtmlEscape(parts.title), kPageCss, HtmlEscape(parts.phrase));
  out += parts.body;
  out += "</main>\n<footer class=\"site\">";
  if (!parts.api.empty()) {
    out += fmt::format("The same as JSON: <a class=\"api\" href=\"{0}\">{0}</a>. ",
                       HtmlEscape(parts.api));
  }
  out += "Recital serves this archive read-only.</footer>\n";
  if (!parts.script.empty()) out += "<script>\n" + parts.script + "</script>\n";
  return out + "</body>\n</html>\n";
}

std::string ResolutionHref(std::string_view symbol) {
  return HtmlEscape(PagePath("/resolution/", symbol));
}
std::string BlameHref(std::string_view symbol) { return HtmlEscape(PagePath("/blame/", symbol)); }
std::string SeriesHref(std::string_view key) { return HtmlEscape(PagePath("/series/", key)); }
std::string CompareHref(std::string_view from, std::string_view to) {
  return HtmlEscape("/compare?from=" + QueryEscape(from) + "&to=" + QueryEscape(to));
}
std::string SearchHref(std::string_view phrase) {
  return HtmlEscape("/search?q=" + QueryEscape(phrase));
}

std::string ResolutionLink(std::string_view symbol, std::string_view text) {
  return fmt::format("<a href=\"{}\">{}</a>", ResolutionHref(symbol), HtmlEscape(text));
}

std::string ParagraphId(size_t position) { return "p" + std::to_string(position + 1); }

std::string SessionText(uint32_t session) {
  return session ? "session " + std::to_string(session) : std::string("session ?");
}

std::string MarkSpans(std::string_view text, std::vector<Span> spans, std::string_view open,
                      std::string_view close) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.offset < b.offset; });
  auto boundary = [&](size_t i) {
    return i == text.size() || (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
  };
  std::string out;
  size_t done = 0;
  for (const Span& s : spans) {
    const size_t end = s.offset + s.length;
    if (s.length == 0 || s.offset < done || end > text.size() || !boundary(s.offset) ||
        !boundary(end))
      continue;
    out += HtmlEscape(text.substr(done, s.offset - done));
    out += open;
    out += HtmlEscape(text.substr(s.offset, s.length));
    out += close;
    done = end;
  }
  return out + HtmlEscape(text.substr(done));
}

}  // namespace pages
}  // namespace recital::render
