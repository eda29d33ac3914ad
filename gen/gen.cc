// Series generation: seed state, session-bound paragraphs, records, truth and JSON.
#include <map>

#include <nlohmann/json.hpp>

#include "gen/evolve.h"
#include "schema/strings.h"
#include "schema/symbol.h"

namespace recital::gen {
namespace {

using internal::GPara;
using internal::LeadKind;
using internal::Op;
using internal::Rng;
using internal::SeriesState;

std::string Pad2(uint32_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }
uint32_t Year(uint32_t session) { return 1945 + session; }

// A paragraph's text followed by each sub-paragraph's number and text, single spaces between.
std::string FullText(const Paragraph& p) {
  std::string out = p.text;
  for (const SubParagraph& s : p.subparagraphs) out += " " + s.number + " " + s.text;
  return out;
}

GPara Fixed(SeriesState* st, Section s, int bound, std::string lead, std::string body) {
  GPara p;
  p.id = st->next_id++;
  p.section = s;
  p.kind = LeadKind::kFixed;
  p.bound = bound;
  p.lead = std::move(lead);
  p.parts.push_back(std::move(body));
  return p;
}

// Paragraphs of a real record as free paragraphs (their bound counterparts are ours).
void SeedFromRecord(SeriesState* st, const Resolution& r) {
  auto convert = [st](const Paragraph& p, Section s) {
    GPara g;
    g.id = st->next_id++;
    g.section = s;
    std::string text = FullText(p);
    g.lead = p.lead.empty() ? text.substr(0, text.find(' ')) : p.lead;
    std::string body = text.size() > g.lead.size() ? text.substr(g.lead.size()) : "";
    while (!body.empty() && body.front() == ' ') body.erase(0, 1);
    while (!body.empty() && (body.back() == ',' || body.back() == ';' || body.back() == '.'))
      body.pop_back();
    for (size_t pos = 0; pos <= body.size();) {
      size_t next = body.find(", ", pos);
      if (next == std::string::npos) next = body.size();
      if (next > pos) g.parts.push_back(body.substr(pos, next - pos));
      pos = next + 2;
    }
    if (g.parts.empty()) g.parts.push_back("the question");
    return g;
  };
  for (const Paragraph& p : r.preamble) {
    if (p.text.starts_with("Recalling its resolution") || p.text.starts_with("Having considered"))
      continue;
    st->preamble.push_back(convert(p, Section::kPreamble));
  }
  for (const Paragraph& p : r.operative) {
    if (p.text.starts_with("Decides to") || p.text.starts_with("Requests the Secretary-General to report"))
      continue;
    st->operative.push_back(convert(p, Section::kOperative));
  }
}

SeriesState InitialState(const GenOptions& opt, uint32_t series_index, Rng& rng) {
  SeriesState st;
  st.series_index = series_index;
  st.number = 101 + series_index;
  st.session = opt.first_session;
  st.base_title = internal::MakeTitle(series_index, rng);
  if (opt.seed_record && series_index == 0 && !opt.seed_record->title.empty())
    st.base_title = opt.seed_record->title;
  st.title = st.base_title;
  st.agenda = std::to_string(80 + rng.Uniform(60));
  for (uint32_t back = 2; back >= 1; --back) {
    uint32_t s = opt.first_session > back ? opt.first_session - back : 1;
    st.history.push_back({std::to_string(s) + "/" + std::to_string(st.number),
                          std::to_string(5 + rng.Uniform(15)) + " December " + std::to_string(Year(s))});
  }
  st.preamble.push_back(Fixed(&st, Section::kPreamble, 1, "Recalling", ""));
  st.preamble.push_back(
      Fixed(&st, Section::kPreamble, 4, "Having considered", "the report of the Secretary-General"));
  if (opt.seed_record) {
    SeedFromRecord(&st, *opt.seed_record);
  } else {
    for (uint32_t k = 2; k < opt.preamble_paragraphs; ++k)
      st.preamble.push_back(internal::MakeParagraph(rng, Section::kPreamble));
    for (uint32_t k = 2; k < opt.operative_paragraphs; ++k)
      st.operative.push_back(internal::MakeParagraph(rng, Section::kOperative));
  }
  for (auto& p : st.preamble)
    if (p.id == 0) p.id = st.next_id++;
  for (auto& p : st.operative)
    if (p.id == 0) p.id = st.next_id++;
  st.operative.push_back(Fixed(&st, Section::kOperative, 2, "Requests the Secretary-General", ""));
  st.operative.push_back(Fixed(&st, Section::kOperative, 3, "Decides", ""));
  return st;
}

// Session-bound paragraphs follow the session: recalls, the report request, the next agenda.
// Returns the ids whose wording changed.
std::vector<uint64_t> UpdateBound(SeriesState* st) {
  std::vector<uint64_t> changed;
  std::string next = SessionOrdinal(st->session + 1);
  for (auto* sec : {&st->preamble, &st->operative}) {
    for (GPara& p : *sec) {
      std::string body;
      if (p.bound == 1) {
        size_t n = st->history.size(), first = n > 4 ? n - 4 : 0;
        body = n - first > 1 ? "its resolutions " : "its resolution ";
        for (size_t k = first; k < n; ++k) {
          if (k > first) body += k + 1 == n ? " and " : ", ";
          body += st->history[k].first + " of " + st->history[k].second;
        }
      } else if (p.bound == 2) {
        body = "to report to the General Assembly at its " + next +
               " session on the implementation of the present resolution";
      } else if (p.bound == 3) {
        body = "to include in the provisional agenda of its " + next +
               " session the item entitled \"" + st->title + "\"";
      } else if (p.bound == 4) {
        p.footnote = "A/" + std::to_string(st->session) + "/" + std::to_string(200 + st->number) + ".";
        continue;
      } else {
        continue;
      }
      if (!p.parts.empty() && p.parts[0] == body) continue;
      bool had = !p.parts.empty() && !p.parts[0].empty();
      p.parts.assign(1, body);
      if (had) changed.push_back(p.id);
    }
  }
  return changed;
}

Resolution BuildRecord(const SeriesState& st, const GenOptions& opt, Rng& rng) {
  Resolution r;
  r.session = st.session;
  r.number = st.number;
  r.symbol = ResolutionSymbol(st.session, st.number).ToString();
  r.title = st.title;
  r.agenda_items = {st.agenda};
  r.committee = "Third Committee";
  r.report = "A/" + std::to_string(st.session) + "/" + std::to_string(600 + st.series_index % 300);
  uint32_t year = Year(st.session);
  r.distribution_date = std::to_string(year + 1) + "-02-" + Pad2(1 + static_cast<uint32_t>(rng.Uniform(28)));
  r.meeting = 60 + static_cast<uint32_t>(rng.Uniform(35));
  r.adoption_date = std::to_string(year) + "-12-" + Pad2(1 + static_cast<uint32_t>(rng.Uniform(20)));
  uint32_t footnote = 0;
  auto convert = [&](const GPara& g, size_t index) {
    Paragraph p;
    p.section = g.section;
    p.number = g.section == Section::kOperative ? std::to_string(index + 1) : "";
    p.lead = g.lead;
    p.text = internal::ParaText(g);
    if (!g.footnote.empty()) {
      ++footnote;
      p.footnotes.push_back({footnote, static_cast<uint32_t>(p.text.size())});
      r.footnotes.push_back({footnote, g.footnote});
    }
    return p;
  };
  for (size_t i = 0; i < st.preamble.size(); ++i) r.preamble.push_back(convert(st.preamble[i], i));
  for (size_t i = 0; i < st.operative.size(); ++i) r.operative.push_back(convert(st.operative[i], i));
  size_t n = st.history.size(), first = n > 4 ? n - 4 : 0;
  for (size_t k = first; k < n; ++k) r.citations.push_back({"A/RES/" + st.history[k].first, ""});
  r.language = "en";
  r.layout = opt.layout;
  return r;
}

std::vector<TruthChange> Truth(const std::vector<Op>& ops, const std::vector<GPara>& old_pre,
                               const std::vector<GPara>& old_op, const SeriesState& now) {
  std::map<uint64_t, TruthRef> before, after;
  for (size_t i = 0; i < old_pre.size(); ++i) before[old_pre[i].id] = {Section::kPreamble, i};
  for (size_t i = 0; i < old_op.size(); ++i) before[old_op[i].id] = {Section::kOperative, i};
  for (size_t i = 0; i < now.preamble.size(); ++i) after[now.preamble[i].id] = {Section::kPreamble, i};
  for (size_t i = 0; i < now.operative.size(); ++i) after[now.operative[i].id] = {Section::kOperative, i};
  std::vector<TruthChange> out;
  for (const Op& op : ops) {
    TruthChange c;
    c.status = op.status;
    c.moved = op.moved;
    c.lead_changed = op.lead_changed;
    c.session_bound = op.session_bound;
    for (uint64_t id : op.from) c.from.push_back(before.at(id));
    for (uint64_t id : op.to) c.to.push_back(after.at(id));
    out.push_back(std::move(c));
  }
  return out;
}

Status GenerateOne(const GenOptions& opt, uint32_t series_index,
                   const std::function<Status(GeneratedRelease&&)>& sink) {
  Rng rng(opt.seed ^ (0x5DEECE66Dull * (series_index + 1)));
  SeriesState st = InitialState(opt, series_index, rng);
  std::string previous;
  for (uint32_t k = 0; k < opt.sessions; ++k) {
    st.session = opt.first_session + k;
    std::vector<GPara> old_pre = st.preamble, old_op = st.operative;
    std::vector<std::string> previous_texts;
    for (const auto* sec : {&old_pre, &old_op}) {
      for (const GPara& p : *sec) previous_texts.push_back(internal::ParaText(p));
    }
    std::vector<Op> ops;
    if (k > 0) {
      if (rng.Chance(opt.title_change_probability)) {
        st.title = st.title == st.base_title
                       ? "Comprehensive consideration of " + internal::LowerFirst(st.base_title)
                       : st.base_title;
      }
      if (rng.Chance(0.3)) st.agenda = std::to_string(std::stoi(st.agenda) + 1 + static_cast<int>(rng.Uniform(5)));
    }
    std::vector<uint64_t> bound_changed = UpdateBound(&st);
    if (k > 0) {
      for (uint64_t id : bound_changed) ops.push_back({"reworded", {id}, {id}, false, false, true});
      std::vector<Op> edits = internal::EvolveSession(&st, &rng, opt, previous_texts);
      ops.insert(ops.end(), edits.begin(), edits.end());
    }
    GeneratedRelease rel;
    rel.series_index = series_index;
    rel.session = st.session;
    rel.truth_record = BuildRecord(st, opt, rng);
    rel.filename = SymbolFileStem(rel.truth_record.symbol) + "." + opt.layout + ".txt";
    int width = 64 + static_cast<int>(rng.Uniform(14));  // re-wrapped every session
    rel.text = RenderRelease(rel.truth_record, opt.layout, width);
    rel.previous_symbol = previous;
    if (k > 0) rel.changes = Truth(ops, old_pre, old_op, st);
    previous = rel.truth_record.symbol;
    st.history.push_back({std::to_string(st.session) + "/" + std::to_string(st.number),
                          internal::HumanDate(rel.truth_record.adoption_date)});
    RECITAL_RETURN_IF_ERROR(sink(std::move(rel)));
  }
  return Status::Ok();
}

}  // namespace

namespace internal {
std::string LowerFirst(std::string s) {
  if (!s.empty()) s[0] = AsciiLower(s[0]);
  return s;
}
}  // namespace internal

Status GenerateSeries(const GenOptions& options,
                      const std::function<Status(GeneratedRelease&&)>& sink) {
  if (options.layout != "ods" && options.layout != "unorg")
    return Status::InvalidInput("generate: layout must be 'ods' or 'unorg', not '" + options.layout + "'");
  if (options.sessions == 0) return Status::InvalidInput("generate: --sessions must be at least 1");
  if (options.first_session == 0) return Status::InvalidInput("generate: first session must be at least 1");
  for (uint32_t s = 0; s < options.series; ++s) RECITAL_RETURN_IF_ERROR(GenerateOne(options, s, sink));
  return Status::Ok();
}

Result<std::vector<GeneratedRelease>> GenerateSeriesVector(const GenOptions& options) {
  std::vector<GeneratedRelease> out;
  Status st = GenerateSeries(options, [&out](GeneratedRelease&& r) {
    out.push_back(std::move(r));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

std::string TruthJson(const GeneratedRelease& release) {
  using nlohmann::json;
  json changes = json::array();
  auto refs = [](const std::vector<TruthRef>& v) {
    json a = json::array();
    for (const TruthRef& r : v) a.push_back({{"section", SectionName(r.section)}, {"index", r.index}});
    return a;
  };
  for (const TruthChange& c : release.changes) {
    changes.push_back({{"status", c.status}, {"moved", c.moved}, {"lead_changed", c.lead_changed},
                       {"from", refs(c.from)}, {"to", refs(c.to)}});
  }
  json j = {{"file", release.filename},         {"symbol", release.truth_record.symbol},
            {"series", release.series_index},   {"session", release.session},
            {"previous", release.previous_symbol}, {"title", release.truth_record.title},
            {"changes", changes}};
  return j.dump();
}

}  // namespace recital::gen
