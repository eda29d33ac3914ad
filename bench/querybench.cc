// recital_querybench: in-process query latency. Opens an archive once, then times each query
// many times on random archived symbols (and words of them, for grep), computed from scratch
// each time as the command computes it (no state kept between runs), without process start.
//
//   recital_querybench ARCHIVE [--runs N] [--seed S] [--budget-s T] [--rows FILE] [--reopen]
//                      [--queries show,cat,log,blame,grep,grep-phrase,grep-l,
//                       grep-l-phrase,series]
//
// show    GetResolution + the JSON of `recital show --format json` (dumped to a string)
// cat     GetRawRelease
// log     LogOf + LogJson (`recital log --json`)
// blame   BlameSymbol + BlameJson (`recital blame --format json`)
// grep    history::Grep: FindPhrase + grouping by series, as `recital grep` (no rendering, as
//         measured before history/ existed, so figures stay comparable), of a word
// grep-phrase  the same, of a phrase (the third column of --rows; "General Assembly" else)
// grep-l, grep-l-phrase  history::GrepDocuments of the word / the phrase, rendered as
//         `recital grep -l` prints it
// series  ResolveSeriesArg alone (the series lookup that log and blame start with)
// The archive stays open across runs, as in a process that serves queries (`recital serve`),
// and forgets the objects it decoded before every run (Archive::ForgetDecodedObjects), so no
// run finds what an earlier one decoded. --reopen: closes and opens the archive before every
// run instead (untimed), so each run also maps afresh every page it reads, as a new process
// does (the in-process measure of bench/RESULTS.md from 8db7c1d to 8fe9a66).
// --rows FILE: lines "SYMBOL<TAB>WORD[<TAB>PHRASE]" to query (cycled) instead of random ones.
// Prints one line per query: "query<TAB>runs<TAB>p50_ms<TAB>p99_ms<TAB>mean_ms" (after a
// header line "query runs p50_ms p99_ms mean_ms"); exit 0, or 2 on misuse / a failing query.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "history/history.h"
#include "render/render.h"
#include "store/store.h"

namespace {

using recital::Status;
using recital::store::Archive;
namespace history = recital::history;
namespace render = recital::render;

struct Options {
  std::string archive;
  int runs = 200;
  unsigned seed = 1;
  double budget_s = 10;
  int min_runs = 5;
  std::string rows;
  std::string queries = "show,cat,log,blame,grep,grep-phrase,grep-l,grep-l-phrase";
  bool reopen = false;
};

struct Row {
  std::string symbol;
  std::string word;
  std::string phrase;  // grep-phrase
};

int Usage() {
  std::fputs(
      "usage: recital_querybench ARCHIVE [--runs N] [--seed S] [--budget-s T] [--min-runs M]\n"
      "                          [--rows FILE] [--reopen]\n"
      "                          [--queries show,cat,log,blame,grep,grep-phrase,grep-l,\n"
      "                                     grep-l-phrase,series]\n",
      stderr);
  return 2;
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--runs" && (v = value())) {
      o->runs = std::atoi(v);
    } else if (a == "--seed" && (v = value())) {
      o->seed = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    } else if (a == "--budget-s" && (v = value())) {
      o->budget_s = std::atof(v);
    } else if (a == "--min-runs" && (v = value())) {
      o->min_runs = std::max(1, std::atoi(v));
    } else if (a == "--rows" && (v = value())) {
      o->rows = v;
    } else if (a == "--queries" && (v = value())) {
      o->queries = v;
    } else if (a == "--reopen") {
      o->reopen = true;
    } else if (!a.empty() && a[0] != '-' && o->archive.empty()) {
      o->archive = a;
    } else {
      return false;
    }
  }
  return !o->archive.empty() && o->runs > 0;
}

// A word of 7+ letters of the release text (grep's query), or "resolution".
std::string WordOf(const std::string& text, std::mt19937& rng) {
  std::vector<std::string> words;
  std::string w;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      w += c;
    } else {
      if (w.size() >= 7) words.push_back(w);
      w.clear();
    }
  }
  if (words.empty()) return "resolution";
  return words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(rng)];
}

recital::Result<std::vector<Row>> PickRows(const Archive& archive, const Options& o) {
  std::vector<Row> rows;
  if (!o.rows.empty()) {
    std::ifstream in(o.rows);
    if (!in) return Status::NotFound("cannot read " + o.rows);
    std::string line;
    while (std::getline(in, line)) {
      size_t tab = line.find('\t');
      if (line.empty()) continue;
      // SYMBOL [TAB WORD [TAB PHRASE]]
      std::string rest = tab == std::string::npos ? "resolution" : line.substr(tab + 1);
      size_t tab2 = rest.find('\t');
      std::string phrase = tab2 == std::string::npos ? "General Assembly" : rest.substr(tab2 + 1);
      if (tab2 != std::string::npos) rest.resize(tab2);
      rows.push_back({line.substr(0, tab), rest, phrase});
    }
    return rows;
  }
  auto docs = archive.ListDocuments();
  if (!docs.ok()) return docs.status();
  if (docs->empty()) return Status::NotFound("the archive holds no documents");
  std::mt19937 rng(o.seed);
  std::uniform_int_distribution<size_t> pick(0, docs->size() - 1);
  for (int i = 0; i < std::min(o.runs, 1000); ++i) {
    const std::string& sym = (*docs)[pick(rng)].symbol;
    auto raw = archive.GetRawRelease(sym);
    rows.push_back({sym, raw.ok() ? WordOf(*raw, rng) : "resolution", "General Assembly"});
  }
  return rows;
}

using Query = std::function<Status(const Row&, size_t*)>;

// The queries read *holder, whose decoded objects main drops before every run (untimed): the
// archive keeps them between calls (Archive::Impl's shared reader), and no run may find what an
// earlier one decoded.
std::map<std::string, Query> Queries(const std::unique_ptr<Archive>& holder) {
  std::map<std::string, Query> q;
  q["show"] = [&](const Row& r, size_t* sink) {
    auto res = holder->GetResolution(r.symbol);
    if (!res.ok()) return res.status();
    *sink += render::JsonText(render::RecordJson(*res)).size();
    return Status::Ok();
  };
  q["cat"] = [&](const Row& r, size_t* sink) {
    auto raw = holder->GetRawRelease(r.symbol);
    if (!raw.ok()) return raw.status();
    *sink += raw->size();
    return Status::Ok();
  };
  q["log"] = [&](const Row& r, size_t* sink) {
    auto view = history::LogOf(*holder, r.symbol);
    if (!view.ok()) return view.status();
    *sink += render::JsonText(render::LogJson(*view)).size();
    return Status::Ok();
  };
  q["blame"] = [&](const Row& r, size_t* sink) {
    auto view = history::BlameSymbol(*holder, r.symbol);
    if (!view.ok()) return view.status();
    *sink += render::JsonText(render::BlameJson(*view)).size();
    return Status::Ok();
  };
  q["grep-phrase"] = [&](const Row& r, size_t* sink) {
    auto grep = history::Grep(*holder, r.phrase);
    if (!grep.ok()) return grep.status();
    *sink += grep->series.size() + grep->hits.size();
    return Status::Ok();
  };
  q["grep"] = [&](const Row& r, size_t* sink) {
    auto grep = history::Grep(*holder, r.word);
    if (!grep.ok()) return grep.status();
    *sink += grep->series.size() + grep->hits.size();
    return Status::Ok();
  };
  // `recital grep -l`: the documents only (no grouping), rendered as the command prints them.
  q["grep-l"] = [&](const Row& r, size_t* sink) {
    auto docs = history::GrepDocuments(*holder, r.word);
    if (!docs.ok()) return docs.status();
    *sink += render::GrepDocumentsText(*docs).size();
    return Status::Ok();
  };
  q["grep-l-phrase"] = [&](const Row& r, size_t* sink) {
    auto docs = history::GrepDocuments(*holder, r.phrase);
    if (!docs.ok()) return docs.status();
    *sink += render::GrepDocumentsText(*docs).size();
    return Status::Ok();
  };
  q["series"] = [&](const Row& r, size_t* sink) {
    auto s = history::ResolveSeriesArg(*holder, r.symbol);
    if (!s.ok()) return s.status();
    *sink += s->symbols.size();
    return Status::Ok();
  };
  return q;
}

double Percentile(std::vector<double> v, double p) {  // nearest rank
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(p * static_cast<double>(v.size()) + 0.999);
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

// Times q over the rows (cycled) `runs` times, or fewer (at least min_runs) once the budget
// (seconds per query) is spent.
bool TimeQuery(const std::string& name, const Query& q, const std::vector<Row>& rows,
               const Options& o, size_t* sink, const std::function<Status()>& reopen) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> ms;
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < o.runs; ++i) {
    const Row& row = rows[static_cast<size_t>(i) % rows.size()];
    if (reopen) {
      Status st = reopen();
      if (!st.ok()) {
        std::fprintf(stderr, "recital_querybench: reopening: %s\n", st.message().c_str());
        return false;
      }
    }
    Clock::time_point t0 = Clock::now();
    Status st = q(row, sink);
    Clock::time_point t1 = Clock::now();
    if (!st.ok()) {
      std::fprintf(stderr, "recital_querybench: %s %s: %s\n", name.c_str(), row.symbol.c_str(),
                   st.message().c_str());
      return false;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    const double spent_s = std::chrono::duration<double>(t1 - start).count();
    if (ms.size() >= static_cast<size_t>(o.min_runs) && spent_s > o.budget_s) break;
  }
  double mean = 0;
  for (double x : ms) mean += x;
  mean /= static_cast<double>(ms.size());
  std::printf("%s\t%zu\t%.3f\t%.3f\t%.3f\n", name.c_str(), ms.size(), Percentile(ms, 0.50),
              Percentile(ms, 0.99), mean);
  std::fflush(stdout);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) return Usage();
  recital::store::OpenOptions open;
  auto t0 = std::chrono::steady_clock::now();
  auto archive = Archive::Open(o.archive, open);
  auto t1 = std::chrono::steady_clock::now();
  if (!archive.ok()) {
    std::fprintf(stderr, "recital_querybench: %s: %s\n", o.archive.c_str(),
                 archive.status().message().c_str());
    return 2;
  }
  auto rows = PickRows(**archive, o);
  if (!rows.ok() || rows->empty()) {
    std::fprintf(stderr, "recital_querybench: no queries: %s\n",
                 rows.ok() ? "empty rows" : rows.status().message().c_str());
    return 2;
  }
  std::printf("query\truns\tp50_ms\tp99_ms\tmean_ms\n");
  double open_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  std::printf("open\t1\t%.3f\t%.3f\t%.3f\n", open_ms, open_ms, open_ms);
  std::unique_ptr<Archive> holder = std::move(*archive);
  std::map<std::string, Query> queries = Queries(holder);
  size_t sink = 0;
  std::stringstream list(o.queries);
  std::string name;
  int rc = 0;
  while (std::getline(list, name, ',')) {
    auto it = queries.find(name);
    if (it == queries.end()) {
      std::fprintf(stderr, "recital_querybench: unknown query '%s'\n", name.c_str());
      return 2;
    }
    auto reopen = [&]() -> Status {
      if (!o.reopen) {
        holder->ForgetDecodedObjects();
        return Status::Ok();
      }
      holder.reset();  // one Archive per environment in a process
      auto fresh = Archive::Open(o.archive, open);
      if (!fresh.ok()) return fresh.status();
      holder = std::move(*fresh);
      return Status::Ok();
    };
    if (!TimeQuery(name, it->second, *rows, o, &sink, reopen)) rc = 2;
  }
  std::fprintf(stderr, "recital_querybench: %zu bytes/items produced\n", sink);
  return rc;
}
