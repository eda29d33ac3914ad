// The language of a text, and the pieces of the other five languages' rules: dates, lead
// phrases (known and by rule), the enacting formula. Expected values are read off the examples.
#include <gtest/gtest.h>

#include <string>

#include "ingest/ingest_internal.h"
#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

TEST(LanguageTest, ScriptsFirstThenFunctionWords) {
  EXPECT_EQ(GuessLanguage("大会，回顾其关于和平文化的各项决议，又回顾其1993年12月16日第48/113号决议，").code, "zh");
  EXPECT_EQ(GuessLanguage("إن الجمعية العامة، إذ تشير إلى قراراتها السابقة بشأن هذه المسألة، وإذ تؤكد من جديد").code,
            "ar");
  EXPECT_EQ(GuessLanguage("Генеральная Ассамблея, ссылаясь на свои резолюции о поддержании мира и безопасности").code,
            "ru");
  EXPECT_EQ(GuessLanguage("L'Assemblée générale, rappelant les résolutions de la session et les décisions des "
                          "États, le rapport de la Commission et la Charte des Nations Unies")
                .code,
            "fr");
  EXPECT_EQ(GuessLanguage("La Asamblea General, recordando las resoluciones de los Estados y el informe de la "
                          "Comisión, en el marco de las Naciones Unidas y del programa")
                .code,
            "es");
  EXPECT_EQ(GuessLanguage("12345 67/89").code, "");
}

TEST(LanguageTest, SecondLanguageAndAlignmentPagesAreReported) {
  // Russian text (21 words) with much English beside it (12 words): Russian, but unsure.
  const LanguageGuess mixed = GuessLanguage(
      "ссылаясь на свои резолюции о поддержании мира и безопасности в регионе Юго-Восточной Европы, "
      "подчеркивая важность добрососедских отношений между всеми государствами этого региона "
      "recalling its resolutions on the maintenance of peace and security in South-Eastern Europe");
  EXPECT_EQ(mixed.code, "ru");
  EXPECT_EQ(mixed.also, "en");
  EXPECT_FALSE(mixed.bitext);
  const LanguageGuess bitext = GuessLanguage(
      "The General Assembly,إن الجمعية العامة،\n"
      "Recalling its resolutions on the matter,وإذ تشير إلى قراراتها بشأن المسألة،\n"
      "Noting with concern the situation,إذ تلاحظ مع القلق الحالة،\n"
      "Decides to hold the meetings,تقرر أن تعقد الاجتماعات،\n");
  EXPECT_EQ(bitext.code, "ar");
  EXPECT_TRUE(bitext.bitext);
}

TEST(LanguageTest, DatesOfEachLanguageToIso) {
  size_t end = 0;
  EXPECT_EQ(ParseDateAtLang("5 juillet 2018", 0, &end, Lang::kFr), "2018-07-05");
  EXPECT_EQ(ParseDateAtLang("1er février 1946", 0, &end, Lang::kFr), "1946-02-01");
  EXPECT_EQ(ParseDateAtLang("14 de febrero de 2002", 0, &end, Lang::kEs), "2002-02-14");
  EXPECT_EQ(ParseDateAtLang("9 декабря 1991 года", 0, &end, Lang::kRu), "1991-12-09");
  EXPECT_EQ(end, std::string("9 декабря 1991 года").size());
  EXPECT_EQ(ParseDateAtLang("1993年12月16日", 0, &end, Lang::kZh), "1993-12-16");
  EXPECT_EQ(ParseDateAtLang("6 كانون الأول/ديسمبر 2006", 0, &end, Lang::kAr), "2006-12-06");
  EXPECT_EQ(ParseDateAtLang("17 December 1999", 0, &end, Lang::kFr), "1999-12-17");  // covers carry English dates
  EXPECT_EQ(ParseDateAtLang("32 juillet 2018", 0, &end, Lang::kFr), "");
}

TEST(LanguageTest, SessionOrdinalsInWords) {
  size_t len = 0;
  EXPECT_EQ(SessionOrdinalAt("Cinquante-cinquième session", Lang::kFr, &len), 55u);
  EXPECT_EQ(len, std::string("Cinquante-cinquième").size());
  EXPECT_EQ(SessionOrdinalAt("Soixante et onzième session", Lang::kFr, &len), 71u);
  EXPECT_EQ(SessionOrdinalAt("Quatre-vingtième session", Lang::kFr, &len), 80u);
  EXPECT_EQ(SessionOrdinalAt("Quincuagésimo quinto período de sesiones", Lang::kEs, &len), 55u);
  EXPECT_EQ(SessionOrdinalAt("Шестьдесят первая сессия", Lang::kRu, &len), 61u);
  EXPECT_EQ(SessionOrdinalAt("五十届会议", Lang::kZh, &len), 50u);  // after 第
  EXPECT_EQ(SessionOrdinalAt("الحادية والستون", Lang::kAr, &len), 61u);
  EXPECT_EQ(SessionOrdinalAt("Résolution adoptée", Lang::kFr, &len), 0u);
}

TEST(LanguageTest, KnownLeadsWithTheirModifiers) {
  LeadMatch m = MatchLeadLang("Rappelant également sa résolution 47/135,", Lang::kFr);
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  EXPECT_EQ(std::string("Rappelant également sa résolution 47/135,").substr(0, m.length), "Rappelant également");
  m = MatchLeadLang("Prie instamment les États", Lang::kFr);
  EXPECT_EQ(m.kind, LeadKind::kOperative);
  m = MatchLeadLang("ссылаясь далее на свои резолюции", Lang::kRu);
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  EXPECT_EQ(std::string("ссылаясь далее на свои резолюции").substr(0, m.length), "ссылаясь далее на");
  m = MatchLeadLang("Призывает все государства", Lang::kRu);  // capitalised: operative
  EXPECT_EQ(m.kind, LeadKind::kOperative);
  m = MatchLeadLang("又回顾其决议,", Lang::kZh);
  EXPECT_EQ(std::string("又回顾其决议,").substr(0, m.length), "又回顾");
  m = MatchLeadLang("又回顧其決議,", Lang::kZh);  // Traditional characters
  EXPECT_EQ(std::string("又回顧其決議,").substr(0, m.length), "又回顧");
  m = MatchLeadLang("وإذ تشير أيضا إلى قرارها", Lang::kAr);
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  EXPECT_EQ(std::string("وإذ تشير أيضا إلى قرارها").substr(0, m.length), "وإذ تشير أيضا إلى");
  m = MatchLeadLang("تقرر أن تبقي المسألة قيد نظرها", Lang::kAr);
  EXPECT_EQ(m.kind, LeadKind::kOperative);
}

TEST(LanguageTest, UnknownLeadsByRule) {
  // Not in any table: the form decides.
  LeadMatch m = MatchLeadLang("Encourageant les États à coopérer,", Lang::kFr);  // -ant participle
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  EXPECT_FALSE(m.known);
  m = MatchLeadLang("Invitando a los Estados Miembros,", Lang::kEs);  // gerund
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  m = MatchLeadLang("поощряя государства к сотрудничеству,", Lang::kRu);  // lower-case participle in -я
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  m = MatchLeadLang("وإذ تستذكر قراراتها السابقة،", Lang::kAr);  // وإذ before an unknown verb
  EXPECT_EQ(m.kind, LeadKind::kPreamble);
  // A sentence that opens with an article is no lead.
  EXPECT_EQ(MatchLeadLang("La Commission a examiné la question.", Lang::kFr).kind, LeadKind::kNone);
}

TEST(LanguageTest, EnactingFormulaNeedsItsCommaExceptChinese) {
  EXPECT_GT(IntlOpeningLength("L’Assemblée générale,", Lang::kFr), 0u);
  EXPECT_GT(IntlOpeningLength("Генеральная Ассамблея,", Lang::kRu), 0u);
  EXPECT_GT(IntlOpeningLength("إن الجمعية العامة،", Lang::kAr), 0u);
  EXPECT_GT(IntlOpeningLength("大会", Lang::kZh), 0u);
  // The organ's name on a cover line is no formula.
  EXPECT_EQ(IntlOpeningLength("Генеральная Ассамблея", Lang::kRu), 0u);
  EXPECT_EQ(IntlOpeningLength("Resolución aprobada por la Asamblea General", Lang::kEs), 0u);
}

}  // namespace
}  // namespace recital::ingest
