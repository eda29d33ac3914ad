// Lead phrases of the other five languages (English: leads.cc). Each language has a table of
// known phrases (longest match, compared case- and apostrophe-blind, Traditional Chinese read as
// Simplified), the modifiers drafting puts before or after them, and a rule for unknown ones:
//   fr  preamble: a participle in -ant ("Rappelant", "Ayant examiné") or a feminine adjective
//       agreeing with "l'Assemblée" ("Consciente", "Préoccupée"); operative: a third person.
//   es  preamble: a gerund in -ando/-iendo ("Recordando") or a feminine adjective agreeing
//       with "la Asamblea" ("Convencida", "Preocupada"); operative: a third person.
//   ru  preamble: a lower-case adverbial participle in -я/-в ("напоминая", "рассмотрев") or
//       "будучи" + its complement; operative: a capitalised third person in -ет/-ит.
//   zh  no spaces: modifiers 又/还/并/再次 before the verb, a two-character verb (+到/了).
//   ar  preamble: إذ/وإذ (and وقد) before the verb; operative: a present tense verb in ت.
#include <array>
#include <string>

#include "ingest/lang_internal.h"

namespace recital::ingest {
namespace {

constexpr LeadKind P = LeadKind::kPreamble;
constexpr LeadKind O = LeadKind::kOperative;

struct Phrase {
  std::string_view text;  // lower-case, ' for apostrophes, Simplified Chinese
  LeadKind kind;
};

// ---- French ----
constexpr std::array kFrPhrases = {
    Phrase{"rappelant", P}, Phrase{"réaffirmant", P}, Phrase{"affirmant", P}, Phrase{"considérant", P},
    Phrase{"notant", P}, Phrase{"prenant note", P}, Phrase{"prenant acte", P},
    Phrase{"prenant en considération", P}, Phrase{"soulignant", P}, Phrase{"constatant", P},
    Phrase{"reconnaissant", P}, Phrase{"accueillant avec satisfaction", P},
    Phrase{"accueillant favorablement", P}, Phrase{"se félicitant", P}, Phrase{"saluant", P},
    Phrase{"sachant", P}, Phrase{"tenant compte", P}, Phrase{"ayant à l'esprit", P},
    Phrase{"ayant présent à l'esprit", P}, Phrase{"gardant à l'esprit", P}, Phrase{"ayant examiné", P},
    Phrase{"ayant étudié", P}, Phrase{"ayant pris note", P}, Phrase{"ayant adopté", P},
    Phrase{"ayant entendu", P}, Phrase{"ayant considéré", P}, Phrase{"ayant reçu", P},
    Phrase{"guidée par", P}, Phrase{"consciente", P}, Phrase{"convaincue", P}, Phrase{"préoccupée", P},
    Phrase{"profondément préoccupée", P}, Phrase{"vivement préoccupée", P},
    Phrase{"gravement préoccupée", P}, Phrase{"sérieusement préoccupée", P}, Phrase{"inquiète", P},
    Phrase{"profondément inquiète", P}, Phrase{"vivement inquiète", P}, Phrase{"alarmée", P},
    Phrase{"profondément alarmée", P}, Phrase{"déterminée", P}, Phrase{"résolue", P},
    Phrase{"désireuse", P}, Phrase{"exprimant", P}, Phrase{"insistant", P}, Phrase{"mettant l'accent", P},
    Phrase{"estimant", P}, Phrase{"déclarant", P}, Phrase{"déplorant", P}, Phrase{"condamnant", P},
    Phrase{"encouragée", P}, Phrase{"réitérant", P}, Phrase{"appréciant", P}, Phrase{"remerciant", P},
    Phrase{"félicitant", P}, Phrase{"soucieuse", P}, Phrase{"confiante", P}, Phrase{"persuadée", P},
    Phrase{"fermement convaincue", P}, Phrase{"profondément convaincue", P}, Phrase{"observant", P},
    Phrase{"appuyant", P}, Phrase{"se déclarant", P}, Phrase{"agissant", P}, Phrase{"regrettant", P},
    Phrase{"faisant siennes", P}, Phrase{"faisant sienne", P}, Phrase{"se disant", P},
    Phrase{"décide", O}, Phrase{"prie", O}, Phrase{"invite", O}, Phrase{"demande", O}, Phrase{"engage", O},
    Phrase{"exhorte", O}, Phrase{"prend note", O}, Phrase{"prend acte", O}, Phrase{"note", O},
    Phrase{"souligne", O}, Phrase{"réaffirme", O}, Phrase{"rappelle", O}, Phrase{"se félicite", O},
    Phrase{"accueille avec satisfaction", O}, Phrase{"accueille favorablement", O}, Phrase{"salue", O},
    Phrase{"encourage", O}, Phrase{"condamne", O}, Phrase{"déplore", O}, Phrase{"exprime", O},
    Phrase{"reconnaît", O}, Phrase{"reconnait", O}, Phrase{"approuve", O}, Phrase{"adopte", O},
    Phrase{"proclame", O}, Phrase{"déclare", O}, Phrase{"considère", O}, Phrase{"estime", O},
    Phrase{"affirme", O}, Phrase{"lance un appel", O}, Phrase{"recommande", O}, Phrase{"remercie", O},
    Phrase{"insiste", O}, Phrase{"constate", O}, Phrase{"réitère", O}, Phrase{"souscrit", O},
    Phrase{"charge", O}, Phrase{"autorise", O}, Phrase{"appuie", O}, Phrase{"soutient", O},
    Phrase{"se déclare", O}, Phrase{"fait sienne", O}, Phrase{"fait siennes", O}, Phrase{"confirme", O},
    Phrase{"félicite", O}, Phrase{"se dit", O}, Phrase{"renouvelle", O}, Phrase{"entérine", O},
    Phrase{"convient", O}, Phrase{"sait gré", O}, Phrase{"rend hommage", O}, Phrase{"observe", O},
    Phrase{"met l'accent", O}, Phrase{"appelle", O}, Phrase{"exige", O}, Phrase{"attend avec intérêt", O},
    Phrase{"souhaite", O}, Phrase{"se réjouit", O}, Phrase{"s'inquiète", O}, Phrase{"est consciente", O},
    Phrase{"est convaincue", O}, Phrase{"prie instamment", O}, Phrase{"demande instamment", O},
};
constexpr std::array<std::string_view, 31> kFrAfter = {
    "également", "en outre", "de nouveau", "à nouveau", "aussi", "par ailleurs", "encore", "instamment",
    "vivement", "énergiquement", "fermement", "résolument", "fortement", "une fois de plus", "enfin",
    "par conséquent", "avec satisfaction", "avec préoccupation", "avec inquiétude",
    "avec une vive préoccupation", "avec une profonde préoccupation", "avec une grande préoccupation",
    "avec gratitude", "avec appréciation", "avec intérêt", "avec regret", "avec consternation",
    "avec reconnaissance", "avec un profond regret", "avec une vive inquiétude", "avec une profonde inquiétude"};

// ---- Spanish ----
constexpr std::array kEsPhrases = {
    Phrase{"recordando", P}, Phrase{"reafirmando", P}, Phrase{"afirmando", P}, Phrase{"reconociendo", P},
    Phrase{"observando", P}, Phrase{"tomando nota", P}, Phrase{"tomando conocimiento", P},
    Phrase{"destacando", P}, Phrase{"subrayando", P}, Phrase{"poniendo de relieve", P},
    Phrase{"haciendo hincapié", P}, Phrase{"expresando", P}, Phrase{"acogiendo con beneplácito", P},
    Phrase{"acogiendo con satisfacción", P}, Phrase{"acogiendo favorablemente", P}, Phrase{"celebrando", P},
    Phrase{"teniendo presente", P}, Phrase{"teniendo en cuenta", P}, Phrase{"teniendo en consideración", P},
    Phrase{"tomando en consideración", P}, Phrase{"habiendo examinado", P}, Phrase{"habiendo considerado", P},
    Phrase{"habiendo aprobado", P}, Phrase{"habiendo estudiado", P}, Phrase{"considerando", P},
    Phrase{"consciente", P}, Phrase{"convencida", P}, Phrase{"profundamente convencida", P},
    Phrase{"firmemente convencida", P}, Phrase{"preocupada", P}, Phrase{"profundamente preocupada", P},
    Phrase{"gravemente preocupada", P}, Phrase{"seriamente preocupada", P}, Phrase{"sumamente preocupada", P},
    Phrase{"alarmada", P}, Phrase{"profundamente alarmada", P}, Phrase{"decidida", P}, Phrase{"resuelta", P},
    Phrase{"deseosa", P}, Phrase{"guiada por", P}, Phrase{"admitiendo", P}, Phrase{"exhortando", P},
    Phrase{"reiterando", P}, Phrase{"declarando", P}, Phrase{"deplorando", P}, Phrase{"condenando", P},
    Phrase{"señalando", P}, Phrase{"encomiando", P}, Phrase{"apreciando", P}, Phrase{"agradeciendo", P},
    Phrase{"insistiendo", P}, Phrase{"alentada", P}, Phrase{"inspirada", P}, Phrase{"lamentando", P},
    Phrase{"advirtiendo", P}, Phrase{"haciendo notar", P},
    Phrase{"decide", O}, Phrase{"pide", O}, Phrase{"solicita", O}, Phrase{"exhorta", O}, Phrase{"insta", O},
    Phrase{"invita", O}, Phrase{"toma nota", O}, Phrase{"toma conocimiento", O}, Phrase{"observa", O},
    Phrase{"reafirma", O}, Phrase{"recuerda", O}, Phrase{"acoge con beneplácito", O},
    Phrase{"acoge con satisfacción", O}, Phrase{"acoge favorablemente", O}, Phrase{"celebra", O},
    Phrase{"alienta", O}, Phrase{"condena", O}, Phrase{"deplora", O}, Phrase{"expresa", O},
    Phrase{"reconoce", O}, Phrase{"aprueba", O}, Phrase{"proclama", O}, Phrase{"declara", O},
    Phrase{"subraya", O}, Phrase{"destaca", O}, Phrase{"hace hincapié", O}, Phrase{"encomia", O},
    Phrase{"hace un llamamiento", O}, Phrase{"afirma", O}, Phrase{"recomienda", O}, Phrase{"reitera", O},
    Phrase{"apoya", O}, Phrase{"respalda", O}, Phrase{"considera", O}, Phrase{"autoriza", O},
    Phrase{"encarga", O}, Phrase{"agradece", O}, Phrase{"felicita", O}, Phrase{"exige", O},
    Phrase{"hace suya", O}, Phrase{"hace suyas", O}, Phrase{"conviene", O}, Phrase{"resuelve", O},
    Phrase{"señala", O}, Phrase{"lamenta", O}, Phrase{"rinde homenaje", O}, Phrase{"pone de relieve", O},
    Phrase{"insiste", O}, Phrase{"estima", O}, Phrase{"confirma", O}, Phrase{"elogia", O},
};
constexpr std::array<std::string_view, 27> kEsAfter = {
    "también", "además", "asimismo", "nuevamente", "una vez más", "de nuevo", "igualmente", "encarecidamente",
    "enérgicamente", "firmemente", "por tanto", "por consiguiente", "con preocupación",
    "con profunda preocupación", "con gran preocupación", "con grave preocupación", "con satisfacción",
    "con beneplácito", "con reconocimiento", "con aprecio", "con interés", "con pesar", "con gratitud",
    "con inquietud", "con profundo pesar", "con alarma", "firmemente"};

// ---- Russian ----
constexpr std::array kRuPhrases = {
    Phrase{"ссылаясь", P}, Phrase{"напоминая", P}, Phrase{"подтверждая", P}, Phrase{"признавая", P},
    Phrase{"отмечая", P}, Phrase{"принимая к сведению", P}, Phrase{"принимая во внимание", P},
    Phrase{"будучи убеждена", P}, Phrase{"будучи обеспокоена", P}, Phrase{"будучи встревожена", P},
    Phrase{"будучи преисполнена решимости", P}, Phrase{"будучи исполнена решимости", P},
    Phrase{"приветствуя", P}, Phrase{"подчеркивая", P}, Phrase{"выражая", P}, Phrase{"учитывая", P},
    Phrase{"сознавая", P}, Phrase{"памятуя", P}, Phrase{"рассмотрев", P}, Phrase{"изучив", P},
    Phrase{"заявляя", P}, Phrase{"считая", P}, Phrase{"констатируя", P}, Phrase{"исходя из", P},
    Phrase{"руководствуясь", P}, Phrase{"высоко оценивая", P}, Phrase{"желая", P}, Phrase{"стремясь", P},
    Phrase{"призывая", P}, Phrase{"одобряя", P}, Phrase{"осуждая", P}, Phrase{"сожалея", P},
    Phrase{"отдавая себе отчет", P}, Phrase{"давая высокую оценку", P}, Phrase{"обеспокоенная", P},
    Phrase{"убежденная", P}, Phrase{"преисполненная решимости", P}, Phrase{"встревоженная", P},
    Phrase{"постановляет", O}, Phrase{"призывает", O}, Phrase{"просит", O}, Phrase{"предлагает", O},
    Phrase{"принимает к сведению", O}, Phrase{"подтверждает", O}, Phrase{"приветствует", O},
    Phrase{"подчеркивает", O}, Phrase{"рекомендует", O}, Phrase{"одобряет", O}, Phrase{"осуждает", O},
    Phrase{"выражает", O}, Phrase{"признает", O}, Phrase{"заявляет", O}, Phrase{"поддерживает", O},
    Phrase{"отмечает", O}, Phrase{"считает", O}, Phrase{"объявляет", O}, Phrase{"провозглашает", O},
    Phrase{"решает", O}, Phrase{"напоминает", O}, Phrase{"ссылается", O}, Phrase{"утверждает", O},
    Phrase{"поручает", O}, Phrase{"уполномочивает", O}, Phrase{"благодарит", O}, Phrase{"требует", O},
    Phrase{"сожалеет", O}, Phrase{"высоко оценивает", O}, Phrase{"обращается с призывом", O},
    Phrase{"принимает", O}, Phrase{"учреждает", O}, Phrase{"констатирует", O}, Phrase{"соглашается", O},
};
// Before the head ("вновь подтверждая", "с удовлетворением отмечая", "настоятельно призывает").
constexpr std::array<std::string_view, 21> kRuBefore = {
    "вновь", "также", "далее", "особо", "глубоко", "настоятельно", "решительно", "твердо", "серьезно",
    "с удовлетворением", "с глубокой озабоченностью", "с озабоченностью", "с признательностью",
    "с сожалением", "с тревогой", "с беспокойством", "с интересом", "с благодарностью", "вместе с тем",
    "в этой связи", "еще раз"};
constexpr std::array<std::string_view, 5> kRuAfter = {"также", "далее", "вновь", "впредь", "еще раз"};

// ---- Chinese (Simplified; Traditional text is folded to these) ----
constexpr std::array kZhPhrases = {
    Phrase{"回顾", P}, Phrase{"忆及", P}, Phrase{"重申", P}, Phrase{"确认", P}, Phrase{"认识到", P},
    Phrase{"意识到", P}, Phrase{"注意到", P}, Phrase{"表示注意到", P}, Phrase{"欢迎", P}, Phrase{"强调", P},
    Phrase{"念及", P}, Phrase{"铭记", P}, Phrase{"深信", P}, Phrase{"坚信", P}, Phrase{"相信", P},
    Phrase{"关切", P}, Phrase{"关切地注意到", P}, Phrase{"深为关切", P}, Phrase{"深表关切", P},
    Phrase{"深感关切", P}, Phrase{"严重关切", P}, Phrase{"表示严重关切", P}, Phrase{"表示关切", P},
    Phrase{"申明", P}, Phrase{"考虑到", P}, Phrase{"审议了", P}, Phrase{"审查了", P}, Phrase{"研究了", P},
    Phrase{"听取了", P}, Phrase{"遵循", P}, Phrase{"依循", P}, Phrase{"赞扬", P}, Phrase{"赞赏", P},
    Phrase{"表示赞赏", P}, Phrase{"表示", P}, Phrase{"表示支持", P}, Phrase{"决心", P}, Phrase{"希望", P},
    Phrase{"承认", P}, Phrase{"重视", P}, Phrase{"震惊", P}, Phrase{"深感震惊", P}, Phrase{"痛惜", P},
    Phrase{"鉴于", P}, Phrase{"认为", P}, Phrase{"指出", P}, Phrase{"深感忧虑", P},
    Phrase{"满意地注意到", P}, Phrase{"赞赏地注意到", P}, Phrase{"遗憾地注意到", P},
    Phrase{"决定", O}, Phrase{"请", O}, Phrase{"吁请", O}, Phrase{"促请", O}, Phrase{"敦促", O},
    Phrase{"邀请", O}, Phrase{"鼓励", O}, Phrase{"谴责", O}, Phrase{"强烈谴责", O}, Phrase{"宣布", O},
    Phrase{"宣告", O}, Phrase{"核可", O}, Phrase{"核准", O}, Phrase{"通过", O}, Phrase{"建议", O},
    Phrase{"要求", O}, Phrase{"支持", O}, Phrase{"呼吁", O}, Phrase{"感谢", O}, Phrase{"表示感谢", O},
    Phrase{"赞同", O}, Phrase{"认可", O}, Phrase{"授权", O}, Phrase{"同意", O}, Phrase{"深表遗憾", O},
};
constexpr std::array<std::string_view, 10> kZhBefore = {"又", "还", "并", "再次", "也", "进一步", "另外",
                                                        "同时", "大会", "坚决"};

// ---- Arabic ----
// The verb phrases; "إذ"/"وإذ" before them (preamble) is taken by the rule, as is a bare
// present tense (operative).
constexpr std::array kArPhrases = {
    Phrase{"تشير", O}, Phrase{"تؤكد من جديد", O}, Phrase{"تعيد تأكيد", O}, Phrase{"تؤكد", O},
    Phrase{"تضع في اعتبارها", O}, Phrase{"تأخذ في اعتبارها", O}, Phrase{"تضع في الاعتبار", O},
    Phrase{"تحيط علما", O}, Phrase{"تلاحظ", O}, Phrase{"تدرك", O}, Phrase{"تعترف", O}, Phrase{"ترحب", O},
    Phrase{"تشدد", O}, Phrase{"تعرب عن", O}, Phrase{"تسلم", O}, Phrase{"تسترشد", O}, Phrase{"تقر", O},
    Phrase{"تثني", O}, Phrase{"تقرر", O}, Phrase{"تطلب", O}, Phrase{"تهيب", O}, Phrase{"تحث", O},
    Phrase{"تدعو", O}, Phrase{"تشجع", O}, Phrase{"تدين", O}, Phrase{"توصي", O}, Phrase{"تؤيد", O},
    Phrase{"تعلن", O}, Phrase{"توافق", O}, Phrase{"تعتمد", O}, Phrase{"تكرر", O}, Phrase{"تناشد", O},
    Phrase{"يساورها القلق", O}, Phrase{"يساورها بالغ القلق", O}, Phrase{"يساورها قلق بالغ", O},
    Phrase{"يثير جزعها", O},
};
constexpr std::array<std::string_view, 14> kArAfter = {
    "أيضا", "كذلك", "من جديد", "مرة أخرى", "بقوة", "مع القلق", "مع بالغ القلق", "مع التقدير", "مع الارتياح",
    "مع الامتنان", "مع الأسف", "بقلق", "بارتياح", "بتقدير"};
// Prepositions that belong to the verb ("تشير إلى", "تعرب عن", "ссылаясь на").
constexpr std::array<std::string_view, 4> kArParticles = {"إلى", "عن", "على", "في"};
constexpr std::array<std::string_view, 3> kRuParticles = {"на", "о", "об"};

struct Table {
  const Phrase* phrases;
  size_t count;
};

Table TableOf(Lang lang) {
  switch (lang) {
    case Lang::kFr: return {kFrPhrases.data(), kFrPhrases.size()};
    case Lang::kEs: return {kEsPhrases.data(), kEsPhrases.size()};
    case Lang::kRu: return {kRuPhrases.data(), kRuPhrases.size()};
    case Lang::kZh: return {kZhPhrases.data(), kZhPhrases.size()};
    case Lang::kAr: return {kArPhrases.data(), kArPhrases.size()};
    case Lang::kEn:
    case Lang::kUnknown: break;
  }
  return {nullptr, 0};
}

// The longest known phrase at t[pos]; its kind, *len its bytes.
LeadKind LongestPhrase(std::string_view t, size_t pos, Lang lang, size_t* len) {
  const Table table = TableOf(lang);
  LeadKind kind = LeadKind::kNone;
  *len = 0;
  for (size_t i = 0; i < table.count; ++i) {
    const size_t n = MatchWordsAt(t, pos, table.phrases[i].text);
    if (n > *len) *len = n, kind = table.phrases[i].kind;
  }
  return kind;
}

// Words of list at t[pos] after one space (none for Chinese): the bytes taken, 0 when none.
size_t OneOf(std::string_view t, size_t pos, const auto& list, bool space) {
  size_t at = pos;
  if (space) {
    if (at >= t.size() || t[at] != ' ') return 0;
    ++at;
  }
  size_t best = 0;
  for (std::string_view w : list) {
    const size_t n = MatchWordsAt(t, at, w);
    if (n > best) best = n;
  }
  return best == 0 ? 0 : at + best - pos;
}

// Extends a lead ending at len by the modifiers that may follow its head, then the particle
// of the verb.
size_t Extend(std::string_view t, size_t len, Lang lang) {
  auto repeat = [&](const auto& list) {
    for (int k = 0; k < 3; ++k) {
      const size_t n = OneOf(t, len, list, true);
      if (n == 0) break;
      len += n;
    }
  };
  switch (lang) {
    case Lang::kFr: repeat(kFrAfter); break;
    case Lang::kEs: repeat(kEsAfter); break;
    case Lang::kRu:
      repeat(kRuAfter);
      len += OneOf(t, len, kRuParticles, true);
      break;
    case Lang::kAr:
      repeat(kArAfter);
      len += OneOf(t, len, kArParticles, true);
      break;
    case Lang::kZh:
    case Lang::kEn:
    case Lang::kUnknown: break;
  }
  return len;
}

// The word at t[pos] (letters only): its end.
size_t WordEnd(std::string_view t, size_t pos) {
  size_t i = pos;
  while (i < t.size()) {
    size_t l = 0;
    const uint32_t cp = CodePointAt(t, i, &l);
    if (!IsWordCodePoint(cp) && cp != '\'' && cp != 0x2019) break;
    i += l;
  }
  return i;
}

bool EndsWith(std::string_view w, std::string_view suffix) { return w.size() > suffix.size() && w.ends_with(suffix); }

// Determiners and pronouns that open sentences and are never a lead.
bool IsFunctionWord(std::string_view lower) {
  static constexpr std::array<std::string_view, 45> kWords = {
      "la", "le", "les", "une", "un", "des", "cette", "ces", "ce", "elle", "il", "nous", "toute", "tout",
      "chaque", "une", "el", "los", "las", "una", "uno", "esta", "este", "estas", "estos", "esa", "ese",
      "cada", "toda", "todo", "todas", "todos", "ella", "se", "que", "qui",
      // Adverbs and prepositions in -ant/-ando that open sentences, not participles.
      "cependant", "pendant", "maintenant", "durant", "avant", "néanmoins", "cuando", "mientras", "sin"};
  for (std::string_view w : kWords)
    if (w == lower) return true;
  return false;
}

std::string FoldedLower(std::string_view w) {
  std::string out;
  for (size_t i = 0; i < w.size();) {
    size_t l = 0;
    const uint32_t cp = LowerCodePoint(CodePointAt(w, i, &l));
    if (cp < 0x80) {
      out += char(cp);
    } else {
      // Lower-casing keeps Latin and Cyrillic letters in the same UTF-8 length.
      out.append(w.substr(i, l));
      if (cp < 0x800 && l == 2) {
        out[out.size() - 2] = char(0xC0 | (cp >> 6));
        out[out.size() - 1] = char(0x80 | (cp & 0x3F));
      }
    }
    i += l;
  }
  return out;
}

// The head word of t: its end, and lower-cased.
struct Head {
  size_t end = 0;
  std::string lower;
};

Head HeadWord(std::string_view t) {
  const size_t e = WordEnd(t, 0);
  return {e, FoldedLower(t.substr(0, e))};
}

// A lower-case word follows at t[at] (after one space).
bool NextWordLower(std::string_view t, size_t at) {
  return at < t.size() && t[at] == ' ' && IsLowerLetter(CodePointAt(t, at + 1));
}

// The end of the word after the head ending at `at` ("Ayant examiné"), else at.
size_t WithNextWord(std::string_view t, size_t at) {
  if (at >= t.size() || t[at] != ' ') return at;
  const size_t e2 = WordEnd(t, at + 1);
  return e2 > at + 1 ? e2 : at;
}

LeadMatch FrenchRule(std::string_view t) {
  const Head h = HeadWord(t);
  const std::string& w = h.lower;
  const size_t e = h.end;
  if (e == 0 || !IsUpperLetter(CodePointAt(t, 0)) || IsFunctionWord(w)) return {};
  if (w == "ayant" || w == "étant") return {P, Extend(t, WithNextWord(t, e), Lang::kFr), false};
  if (EndsWith(w, "ant") && w.size() >= 6) return {P, Extend(t, e, Lang::kFr), false};
  if ((EndsWith(w, "ée") || EndsWith(w, "ue") || EndsWith(w, "ive") || EndsWith(w, "euse")) && NextWordLower(t, e)) {
    return {P, Extend(t, e, Lang::kFr), false};
  }
  if ((w == "se" || w.starts_with("s'")) && NextWordLower(t, e)) {
    return {O, Extend(t, WithNextWord(t, e), Lang::kFr), false};
  }
  if ((EndsWith(w, "e") || EndsWith(w, "t")) && w.size() >= 4 && NextWordLower(t, e)) {
    return {O, Extend(t, e, Lang::kFr), false};
  }
  return {};
}

LeadMatch SpanishRule(std::string_view t) {
  const Head h = HeadWord(t);
  const std::string& w = h.lower;
  const size_t e = h.end;
  if (e == 0 || !IsUpperLetter(CodePointAt(t, 0)) || IsFunctionWord(w)) return {};
  if (w == "habiendo" || w == "teniendo") return {P, Extend(t, WithNextWord(t, e), Lang::kEs), false};
  if (EndsWith(w, "ando") || EndsWith(w, "iendo") || EndsWith(w, "yendo")) return {P, Extend(t, e, Lang::kEs), false};
  if ((EndsWith(w, "ada") || EndsWith(w, "ida") || EndsWith(w, "osa")) && NextWordLower(t, e)) {
    return {P, Extend(t, e, Lang::kEs), false};
  }
  if ((EndsWith(w, "a") || EndsWith(w, "e")) && w.size() >= 4 && NextWordLower(t, e)) {
    return {O, Extend(t, e, Lang::kEs), false};
  }
  return {};
}

LeadMatch RussianRule(std::string_view t) {
  const uint32_t first = CodePointAt(t, 0);
  Head h = HeadWord(t);
  if (h.end == 0 || !IsCyrillic(first)) return {};
  const size_t before = OneOf(t, 0, kRuBefore, false);  // "глубоко", "с удовлетворением"
  if (before > 0 && before < t.size() && t[before] == ' ') {
    h.end = WordEnd(t, before + 1);
    h.lower = FoldedLower(t.substr(before + 1, h.end - before - 1));
  }
  const std::string& head = h.lower;
  if (IsLowerLetter(first)) {
    if (head == "будучи") return {P, Extend(t, WithNextWord(t, h.end), Lang::kRu), false};
    if (EndsWith(head, "я") || EndsWith(head, "в") || EndsWith(head, "вшись")) {
      return {P, Extend(t, h.end, Lang::kRu), false};
    }
    return {};
  }
  if (EndsWith(head, "ет") || EndsWith(head, "ит") || EndsWith(head, "ют") || EndsWith(head, "ят")) {
    return {O, Extend(t, h.end, Lang::kRu), false};
  }
  return {};
}

// Modifiers, then a two-character verb (+到/了): "又重申", "审议了".
LeadMatch ChineseRule(std::string_view t) {
  size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    const size_t n = OneOf(t, i, kZhBefore, false);
    if (n == 0) break;
    i += n;
  }
  // Prepositions, pronouns and connectives open sentences whose verb comes later
  // ("对...表示感谢", "我们再次承诺", "然而,"): no lead by rule.
  static constexpr std::array<std::string_view, 18> kNotVerbs = {
      "对", "向", "在", "就", "根据", "按照", "为", "关于", "由于", "如果", "我们", "然而", "但是",
      "因此", "此外", "这", "该", "其"};
  for (std::string_view w : kNotVerbs) {
    if (MatchFoldedAt(t, i, w) > 0) return {};
  }
  size_t l1 = 0, l2 = 0;
  if (!IsHan(CodePointAt(t, i, &l1)) || !IsHan(CodePointAt(t, i + l1, &l2))) return {};
  size_t end = i + l1 + l2;
  if (t.substr(end).starts_with("到") || t.substr(end).starts_with("了")) end += 3;
  return {P, end, false};
}

// إذ/وإذ/وقد before the verb: preamble; a bare present tense verb in ت: operative.
LeadMatch ArabicRule(std::string_view t) {
  size_t i = 0;
  LeadKind kind = O;
  for (std::string_view intro : {"وإذ", "إذ", "وقد"}) {
    const size_t n = MatchWordsAt(t, 0, intro);
    if (n > 0 && n < t.size() && t[n] == ' ') {
      i = n + 1;
      kind = P;
      break;
    }
  }
  size_t len = 0;
  if (LongestPhrase(t, i, Lang::kAr, &len) != LeadKind::kNone) return {kind, Extend(t, i + len, Lang::kAr), true};
  const size_t end = WordEnd(t, i);
  if (end == i) return {};
  // An operative paragraph opens with a present tense verb (ت..., third person feminine).
  if (kind == O && !t.substr(i).starts_with("ت")) return {};
  return {kind, Extend(t, end, Lang::kAr), false};
}

// The rule for leads not in the table.
LeadMatch RuleLead(std::string_view t, Lang lang) {
  switch (lang) {
    case Lang::kFr: return FrenchRule(t);
    case Lang::kEs: return SpanishRule(t);
    case Lang::kRu: return RussianRule(t);
    case Lang::kZh: return ChineseRule(t);
    case Lang::kAr: return ArabicRule(t);
    case Lang::kEn:
    case Lang::kUnknown: break;
  }
  return {};
}

}  // namespace

LeadMatch MatchKnownLeadLang(std::string_view t, Lang lang) {
  if (t.empty()) return {};
  if (lang == Lang::kAr) {
    // إذ/وإذ/وقد before a verb is as sure a mark of a preamble paragraph as a known verb.
    const LeadMatch m = RuleLead(t, lang);
    return m.known || m.kind == LeadKind::kPreamble ? LeadMatch{m.kind, m.length, true} : LeadMatch{};
  }
  size_t start = 0;
  if (lang == Lang::kZh) {
    for (int k = 0; k < 3; ++k) {
      const size_t n = OneOf(t, start, kZhBefore, false);
      if (n == 0) break;
      start += n;
    }
  } else if (lang == Lang::kRu) {
    const size_t n = OneOf(t, 0, kRuBefore, false);
    if (n > 0 && n < t.size() && t[n] == ' ') start = n + 1;
  }
  size_t len = 0;
  LeadKind kind = LongestPhrase(t, start, lang, &len);
  if (kind == LeadKind::kNone && start > 0) {  // a modifier that is no prefix: match from 0
    start = 0;
    kind = LongestPhrase(t, 0, lang, &len);
  }
  if (kind == LeadKind::kNone) return {};
  if (lang == Lang::kRu) {
    // Russian writes preamble leads in lower case and operative ones capitalised.
    kind = IsUpperLetter(CodePointAt(t, 0)) ? O : P;
  }
  return {kind, Extend(t, start + len, lang), true};
}

LeadMatch MatchLeadLang(std::string_view t, Lang lang) {
  const LeadMatch known = MatchKnownLeadLang(t, lang);
  if (known.kind != LeadKind::kNone) return known;
  return RuleLead(t, lang);
}

}  // namespace recital::ingest
