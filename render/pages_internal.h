// Private to render/: the frame and small pieces shared by the pages of `recital serve`
// (pages_*.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace recital::render::pages {

// A page's parts; Frame puts them in the site's HTML document.
struct PageParts {
  std::string title;   // <title> and nothing else; the body has its own <h1>
  std::string body;    // HTML
  std::string api;     // path of the page's JSON twin, "" for none
  std::string phrase;  // preset in the header's search box
  std::string script;  // inline JavaScript run at the end of the body, "" for none
};
std::string Frame(const PageParts& parts);

// href values (already HtmlEscape'd, ready for an attribute).
std::string ResolutionHref(std::string_view symbol);
std::string BlameHref(std::string_view symbol);
std::string SeriesHref(std::string_view key);
std::string CompareHref(std::string_view from, std::string_view to);
std::string SearchHref(std::string_view phrase);
// <a href="/resolution/SYMBOL">SYMBOL</a> (the text as given, escaped).
std::string ResolutionLink(std::string_view symbol, std::string_view text);

// "p3": the id of the paragraph at 0-based document position `position`.
std::string ParagraphId(size_t position);

// "session 61", "session ?"
std::string SessionText(uint32_t session);

// text with the byte ranges [offset, offset + length) wrapped in open/close tags and every
// byte escaped; ranges out of bounds, overlapping an earlier one or splitting a UTF-8
// character are left unmarked.
struct Span {
  size_t offset = 0;
  size_t length = 0;
};
std::string MarkSpans(std::string_view text, std::vector<Span> spans, std::string_view open,
                      std::string_view close);

}  // namespace recital::render::pages
