// Right-to-left paragraphs in the HTML renderings.
#include <gtest/gtest.h>

#include <string>

#include "render/internal.h"
#include "render/render.h"

namespace recital {
namespace {

TEST(HtmlDirectionTest, ArabicParagraphsAreRightToLeftOthersKeepThePageDirection) {
  EXPECT_EQ(render::HtmlDirAttribute("إذ تشير إلى قرارها 57/301،"), " dir=\"rtl\"");
  // Leading digits, punctuation and quotes have no direction: the first letter decides.
  EXPECT_EQ(render::HtmlDirAttribute("12 - «تقرر» أن"), " dir=\"rtl\"");
  EXPECT_EQ(render::HtmlDirAttribute("1. Decides to remain seized of the matter;"), "");
  EXPECT_EQ(render::HtmlDirAttribute("Recalling resolution 57/301 (إذ تشير)"), "");
  EXPECT_EQ(render::HtmlDirAttribute("回顾其决议,"), "");
  EXPECT_EQ(render::HtmlDirAttribute("ссылаясь на"), "");
  EXPECT_EQ(render::HtmlDirAttribute(""), "");
}

TEST(HtmlDirectionTest, DiffHtmlMarksAnArabicParagraph) {
  Resolution a, b;
  a.symbol = b.symbol = "A/74/L.75";
  Paragraph p;
  p.lead = "وإذ تشير إلى";
  p.text = "وإذ تشير إلى قراريها 57/301 و 73/299،";
  a.preamble.push_back(p);
  p.text = "وإذ تشير إلى قراراتها 57/301 و 73/299 و 74/1،";
  b.preamble.push_back(p);
  const std::string html = render::DiffHtml(DiffResolutions(a, b), {});
  EXPECT_NE(html.find("<p dir=\"rtl\">"), std::string::npos) << html;
}

}  // namespace
}  // namespace recital
