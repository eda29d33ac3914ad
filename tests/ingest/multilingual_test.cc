// Releases in the five UN languages other than English (../shared/corpus/multilingual): every
// file gets the language SOURCES.tsv gives and a body (or is refused with what is missing), and
// two files per language are checked field by field against the text, read by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

std::string MultilingualDir() {
  const std::string dir = testing::CorpusDir();
  return dir.empty() ? "" : dir + "/multilingual";
}

#define REQUIRE_MULTILINGUAL()                                              \
  do {                                                                      \
    RECITAL_REQUIRE_CORPUS();                                               \
    if (!std::filesystem::exists(MultilingualDir() + "/SOURCES.tsv"))       \
      GTEST_SKIP() << "no " << MultilingualDir() << "/SOURCES.tsv";         \
  } while (0)

struct Source {
  std::string symbol, language, part;
};

// file -> symbol, language, part (SOURCES.tsv columns 1, 2, 3 and 6).
std::map<std::string, Source> ReadSources() {
  std::map<std::string, Source> out;
  std::istringstream in(testing::ReadFile(MultilingualDir() + "/SOURCES.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, '\t')) f.push_back(cell);
    if (f.size() < 6) continue;
    out[f[0]] = {f[1], f[2], f[5]};
  }
  return out;
}

Result<Resolution> Parse(const std::string& file) {
  ParseOptions opts;
  opts.source_name = file;
  return ParseRelease(testing::ReadFile(MultilingualDir() + "/" + file), opts);
}

std::vector<std::string> Leads(const std::vector<Paragraph>& ps) {
  std::vector<std::string> out;
  for (const Paragraph& p : ps) out.push_back(p.lead);
  return out;
}

std::vector<std::string> Numbers(const std::vector<Paragraph>& ps) {
  std::vector<std::string> out;
  for (const Paragraph& p : ps) out.push_back(p.number);
  return out;
}

bool Cites(const Resolution& r, const std::string& symbol, const std::string& date) {
  for (const Citation& c : r.citations) {
    if (c.symbol == symbol && c.date == date) return true;
  }
  return false;
}

bool HasWarning(const Resolution& r, std::string_view part) {
  for (const std::string& w : r.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

using V = std::vector<std::string>;

TEST(MultilingualTest, EveryFileGetsItsLanguageAndABodyOrIsRefusedWithWhatIsMissing) {
  REQUIRE_MULTILINGUAL();
  const auto sources = ReadSources();
  ASSERT_EQ(sources.size(), 52u);
  size_t parsed = 0;
  for (const auto& [file, source] : sources) {
    SCOPED_TRACE(file);
    auto r = Parse(file);
    if (file == "A-61-L.56.ru.docstoc.txt") {
      // The excerpt ends inside the sponsor list, before "Генеральная Ассамблея,".
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.status().message().find("no \"Генеральная Ассамблея,\""), std::string::npos)
          << r.status().message();
      EXPECT_NE(r.status().message().find(file), std::string::npos);
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().message();
    ++parsed;
    EXPECT_EQ(r->language, source.language);
    EXPECT_FALSE(r->preamble.empty() && r->operative.empty());
    if (!r->symbol.empty()) {
      EXPECT_EQ(r->symbol, source.symbol);
    }
    for (const auto* list : {&r->preamble, &r->operative}) {
      for (const Paragraph& p : *list) EXPECT_FALSE(p.text.empty());
    }
    EXPECT_FALSE(HasWarning(*r, "language not recognised"));
  }
  EXPECT_EQ(parsed, 51u);
}

TEST(MultilingualTest, FrenchCoverNumberedOperativePartAndCitationList) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-56-262.fr.ulaval-cefan.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "fr");
  EXPECT_EQ(r->symbol, "A/RES/56/262");
  EXPECT_EQ(r->session, 56u);
  EXPECT_EQ(r->number, 262u);
  EXPECT_EQ(r->title, "Multilinguisme");
  EXPECT_EQ(r->agenda_items, V{"32"});
  EXPECT_EQ(Leads(r->preamble), (V{"Considérant", "Considérant également", "Rappelant", "Rappelant également"}));
  // "I 1. Prend acte": the part heading "I" is neither a paragraph nor part of one.
  EXPECT_EQ(Numbers(r->operative), (V{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(Leads(r->operative),
            (V{"Prend acte", "Prend note", "Note avec satisfaction", "Souligne", "Souligne également"}));
  EXPECT_TRUE(r->preamble[3].text.ends_with("du 24 décembre 2001,"));
  // "2 (I)" is resolution 2 of the first session, not footnote marker 2.
  EXPECT_NE(r->preamble[3].text.find("ses résolutions 2 (I) du 1er février 1946, 2480 B (XXIII)"), std::string::npos);
  EXPECT_TRUE(Cites(*r, "A/RES/47/135", "1992-12-18"));
  EXPECT_TRUE(Cites(*r, "A/RES/50/11", "1995-11-02"));
  EXPECT_TRUE(Cites(*r, "A/RES/55/258", "2001-06-14"));
  EXPECT_TRUE(Cites(*r, "A/RES/56/242", "2001-12-24"));
  EXPECT_TRUE(r->adoption_date.empty());  // the page gives none
  EXPECT_FALSE(HasWarning(*r, "stray spaces"));  // "de la", "du": French words, not fragments
}

TEST(MultilingualTest, FrenchFactSheetWithAdoptionDateMeetingAndReport) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-52-48.fr.un-org-french-ga.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "fr");
  EXPECT_EQ(r->symbol, "A/RES/52/48");
  EXPECT_EQ(r->session, 52u);
  EXPECT_EQ(r->title, "Maintien de la sécurité internationale");
  EXPECT_EQ(r->adoption_date, "1997-12-09");
  EXPECT_EQ(r->meeting, 67u);
  EXPECT_EQ(r->report, "A/52/610");
  EXPECT_EQ(Leads(r->preamble), (V{"Rappelant", "Consciente", "Affirmant", "Soulignant", "Notant", "Soulignant",
                                   "Déclarant", "Déclarant également"}));
  EXPECT_TRUE(r->operative.empty());
  EXPECT_TRUE(Cites(*r, "A/RES/46/62", "1991-12-09"));
  EXPECT_TRUE(Cites(*r, "A/RES/48/84", "1993-12-16"));
  EXPECT_TRUE(Cites(*r, "A/RES/50/80", "1995-12-12"));
}

TEST(MultilingualTest, FrenchEmergencySpecialSessionIsASessionCode) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-ES-11-L.1.fr.reliefweb.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->session, 0u);  // "Onzième session extraordinaire d'urgence" is no regular session
  EXPECT_EQ(r->session_code, "ES-11");
  EXPECT_EQ(r->agenda_items, V{"5"});
  EXPECT_EQ(Leads(r->preamble), (V{"Réaffirmant", "Rappelant", "Rappelant également", "Prenant note", "Rappelant",
                                   "Rappelant également"}));
}

TEST(MultilingualTest, SpanishCoverLeadsAndDates) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-59-26.es.girlsrightsplatform.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "es");
  EXPECT_EQ(r->symbol, "A/RES/59/26");
  EXPECT_EQ(r->session, 59u);
  EXPECT_EQ(r->title, "Celebración del sexagésimo aniversario del fin de la segunda guerra mundial");
  EXPECT_EQ(r->agenda_items, V{"158"});
  EXPECT_EQ(r->committee, "without reference to a Main Committee");
  EXPECT_EQ(r->distribution_date, "2005-05-03");  // "3 de mayo de 2005"
  EXPECT_EQ(r->adoption_date, "2004-11-22");      // "el 22 de noviembre de 2004"
  EXPECT_EQ(Leads(r->preamble), (V{"Recordando", "Destacando", "Exhortando", "Destacando"}));
  ASSERT_EQ(r->operative.size(), 1u);
  EXPECT_EQ(r->operative[0].lead, "Declara");
}

TEST(MultilingualTest, SpanishWrappedTitleAndNoCoverInTheBody) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-55-56.es.studylib-es.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->symbol, "A/RES/55/56");
  EXPECT_EQ(r->session, 55u);
  EXPECT_EQ(r->title,
            "El papel de los diamantes en el fomento de los conflictos: romper el vínculo entre el comercio "
            "ilícito de diamantes en bruto y los conflictos armados, a fin de contribuir a la prevención y la "
            "solución de los conflictos");
  EXPECT_EQ(r->distribution_date, "2001-01-29");
  EXPECT_EQ(r->agenda_items, V{"175"});
  // "Resolución aprobada por la Asamblea General" ends with the formula's words: no opening.
  EXPECT_EQ(Leads(r->preamble), (V{"Expresando", "Consciente", "Reconociendo", "Reconociendo también", "Admitiendo",
                                   "Reconociendo", "Haciendo hincapié"}));
  EXPECT_TRUE(r->operative.empty());
}

TEST(MultilingualTest, SpanishDaysAreNotFootnoteMarkers) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-59-309.es.studylib-es.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_GE(r->preamble.size(), 4u);
  EXPECT_EQ(Leads(r->preamble), (V{"Reconociendo", "Reconociendo también", "Recordando", "Recordando también"}));
  EXPECT_NE(r->preamble[2].text.find("47/135, de 18 de diciembre de 1992"), std::string::npos);
  EXPECT_NE(r->preamble[3].text.find("sus resoluciones 2 (I), de 1° de febrero de 1946"), std::string::npos);
  EXPECT_TRUE(Cites(*r, "A/RES/47/135", "1992-12-18"));
  EXPECT_EQ(Leads(r->operative), (V{"Toma nota", "Toma nota también", "Subraya", "Subraya también"}));
}

TEST(MultilingualTest, RussianLowerCaseLeadsCommitteeAndDatedCitations) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-56-18.ru.kodeks.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "ru");
  EXPECT_EQ(r->symbol, "A/RES/56/18");
  EXPECT_EQ(r->session, 56u);
  EXPECT_EQ(r->title,
            "Поддержание международной безопасности - добрососедство, стабильность и развитие в Юго-Восточной "
            "Европе");
  EXPECT_EQ(r->committee, "First Committee");
  EXPECT_EQ(r->report, "A/56/530");  // printed with a Cyrillic "А"
  EXPECT_EQ(Leads(r->preamble),
            (V{"ссылаясь на", "ссылаясь также на", "ссылаясь далее на", "будучи убеждена", "подчеркивая"}));
  EXPECT_EQ(r->citations.size(), 7u);  // 1244 (1999) is the Security Council's
  EXPECT_TRUE(Cites(*r, "A/RES/48/84", "1993-12-16"));  // "48/84 В от 16 декабря 1993 года"
  EXPECT_TRUE(Cites(*r, "A/RES/55/27", "2000-11-20"));
}

TEST(MultilingualTest, RussianQuotedTitleAndDateAfterIt) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-68-262.ru.parusconsultant.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->symbol, "A/RES/68/262");
  EXPECT_EQ(r->title, "Территориальная целостность Украины");
  EXPECT_EQ(r->adoption_date, "2014-03-27");  // "27 марта 2014 года"
  EXPECT_EQ(r->committee, "without reference to a Main Committee");
  EXPECT_EQ(Leads(r->preamble), (V{"вновь подтверждая", "ссылаясь на", "ссылаясь также на"}));
  EXPECT_TRUE(Cites(*r, "A/RES/2625(XXV)", "1970-10-24"));
  EXPECT_FALSE(HasWarning(*r, "stray spaces"));
}

TEST(MultilingualTest, ChineseJsonListPageWithModifiersBeforeTheVerb) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-66-54.zh.hf-undl_zh2en.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "zh");
  EXPECT_EQ(r->symbol, "A/RES/66/54");
  EXPECT_EQ(r->session, 66u);
  EXPECT_EQ(r->title, "联合国和平、裁军与发展拉丁美洲和加勒比区域中心");
  EXPECT_EQ(r->committee, "First Committee");
  EXPECT_EQ(r->report, "A/66/413");
  EXPECT_EQ(r->adoption_date, "2011-12-02");  // "2011年12月2日大会决议"
  EXPECT_EQ(Leads(r->preamble), (V{"回顾", "又回顾", "确认", "重申", "注意到", "欢迎", "强调", "欢迎"}));
  // 3 numbers in the first paragraph, 18 in the second, part letters glued ("第41/6J号").
  EXPECT_EQ(r->citations.size(), 21u);
  EXPECT_TRUE(Cites(*r, "A/RES/41/6", "1986-12-03"));
  EXPECT_TRUE(Cites(*r, "A/RES/52/220", "1997-12-22"));
  EXPECT_TRUE(Cites(*r, "A/RES/65/79", "2010-12-08"));
}

TEST(MultilingualTest, ChineseNumberedOperativeParagraphs) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-65-119.zh.zh-wikisource.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->symbol, "A/RES/65/119");
  EXPECT_EQ(r->title, "第三个铲除殖民主义国际十年");
  EXPECT_EQ(Leads(r->preamble), (V{"回顾", "又回顾", "铭记", "又铭记", "回顾", "遵循", "审查了", "考虑到"}));
  EXPECT_EQ(Numbers(r->operative), (V{"1", "2", "3"}));
  EXPECT_EQ(Leads(r->operative), (V{"宣布", "吁请", "吁请"}));
  EXPECT_EQ(r->operative[0].text, "宣布2011-2020年为第三个铲除殖民主义国际十年;");
  EXPECT_TRUE(Cites(*r, "A/RES/43/47", "1988-11-22"));
  EXPECT_TRUE(Cites(*r, "A/RES/64/106", "2009-12-10"));
}

TEST(MultilingualTest, ChineseTraditionalCharactersReadAsSimplified) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-50-52.zh.zh-wikisource.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->symbol, "A/RES/50/52");
  EXPECT_EQ(r->committee, "Sixth Committee");
  ASSERT_GE(r->preamble.size(), 4u);
  // Leads keep the text's own characters; 並 is read as 并 (a modifier before the verb).
  EXPECT_EQ(Leads(r->preamble)[0], "回顧");
  EXPECT_EQ(Leads(r->preamble)[1], "又回顧");
  EXPECT_EQ(Leads(r->preamble)[2], "並回顧");
}

TEST(MultilingualTest, ArabicAdoptionLineInTheCoverAndLeadsWithWaIdh) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-RES-61-53.ar.hugflare-osman_readability.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "ar");
  EXPECT_EQ(r->symbol, "A/RES/61/53");
  EXPECT_EQ(r->session, 61u);
  EXPECT_EQ(r->title, "صون الأمن الدولي - علاقات حسن الجوار والاستقرار والتنمية في جنوب شرق أوروبا");
  EXPECT_EQ(r->adoption_date, "2006-12-06");  // "6 كانون الأول/ديسمبر 2006"
  EXPECT_EQ(r->meeting, 67u);                 // "الجلسة العامة 67"
  EXPECT_EQ(r->report, "A/61/387");
  EXPECT_EQ(Leads(r->preamble), (V{"إذ تشير إلى", "وإذ تشير أيضا إلى"}));
}

TEST(MultilingualTest, ArabicSideOfAnAlignmentPage) {
  REQUIRE_MULTILINGUAL();
  auto r = Parse("A-74-L.75.ar.conferences-unite-bitext.txt");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->language, "ar");
  EXPECT_TRUE(HasWarning(*r, "interleaved"));
  EXPECT_TRUE(HasWarning(*r, "draft decision"));
  EXPECT_EQ(r->session, 74u);  // "الدورة الرابعة والسبعون"
  EXPECT_EQ(r->agenda_items, V{"7"});
  EXPECT_EQ(r->distribution_date, "2020-07-16");
  EXPECT_EQ(Leads(r->preamble), (V{"إذ تلاحظ مع القلق", "وإذ تشير إلى"}));
  // The Arabic side only: no English word is left in the paragraphs.
  for (const Paragraph& p : r->preamble) EXPECT_EQ(p.text.find("Recalling"), std::string::npos);
  EXPECT_TRUE(Cites(*r, "A/RES/57/301", "2003-03-13"));  // "13 آذار/مارس 2003"
  EXPECT_TRUE(Cites(*r, "A/RES/73/299", "2019-06-14"));  // "14 حزيران/ يونيه 2019"
}

}  // namespace
}  // namespace recital
