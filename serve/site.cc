// The site: each URL of serve.h is one archive call (history/, store/) and one renderer
// (render/). The API answers are the CLI's own: the same history call and the same JSON value
// through render::JsonText, so they match `recital ... --json` byte for byte.
#include <cstdio>
#include <exception>
#include <optional>

#include "diff/diff.h"
#include "history/history.h"
#include "render/render.h"
#include "schema/symbol.h"
#include "serve/internal.h"
#include "serve/serve.h"

namespace recital::serve {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kText = "text/plain; charset=utf-8";

int HttpStatus(const Status& st) {
  if (st.IsNotFound()) return 404;
  if (st.IsInvalidInput()) return 400;
  return 500;
}

// "/series/" + rest: rest when the path starts with the prefix and rest is not empty.
std::optional<std::string> After(const std::string& path, std::string_view prefix) {
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return std::nullopt;
  return path.substr(prefix.size());
}

class Handler {
 public:
  Handler(const store::Archive& archive, const internal::Target& target)
      : archive_(archive), t_(target) {}

  Response Page() const {
    const std::string& p = t_.path;
    if (p == "/") return IndexPage();
    if (auto key = After(p, "/series/")) return SeriesPage(*key);
    if (auto sym = After(p, "/resolution/")) return ResolutionPage(*sym);
    if (auto sym = After(p, "/blame/")) return BlamePage(*sym);
    if (p == "/compare") return ComparePage();
    if (p == "/search") return SearchPage();
    if (auto sym = After(p, "/parallel/")) return ParallelPage(*sym);
    return HtmlError(Status::NotFound("there is no page " + p + " here"));
  }

  Response Api() const {
    const std::string& p = t_.path;
    if (p == "/api/series") {
      auto all = history::ArchiveSeries(archive_);
      if (!all.ok()) return JsonError(all.status());
      return Json(render::SeriesListJson(*all));
    }
    if (auto sym = After(p, "/api/resolution/")) {
      auto r = LoadResolution(*sym);
      if (!r.ok()) return JsonError(r.status());
      return Json(render::RecordJson(*r));
    }
    if (p == "/api/diff") {
      if (t_.Param("from").empty() || t_.Param("to").empty())
        return JsonError(Status::InvalidInput("/api/diff needs from=SYMBOL&to=SYMBOL"));
      auto from = LoadResolution(t_.Param("from"));
      if (!from.ok()) return JsonError(from.status());
      auto to = LoadResolution(t_.Param("to"));
      if (!to.ok()) return JsonError(to.status());
      return Json(render::DiffJson(Diff(*from, *to)));
    }
    if (auto sym = After(p, "/api/blame/")) {
      auto view = history::BlameSymbol(archive_, *sym);
      if (!view.ok()) return JsonError(view.status());
      return Json(render::BlameJson(*view));
    }
    if (auto series = After(p, "/api/log/")) {
      auto log = history::LogOf(archive_, *series);
      if (!log.ok()) return JsonError(log.status());
      return Json(render::LogJson(*log));
    }
    if (auto sym = After(p, "/api/parallel/")) {
      auto par = Parallel(*sym);
      if (!par.ok()) return JsonError(par.status());
      return Json(render::ParallelJson(NormalizeSymbol(*sym), *par));
    }
    if (p == "/api/grep") {
      auto grep = history::Grep(archive_, t_.Param("q"), t_.Param("series"));
      if (!grep.ok()) return JsonError(grep.status());
      return Json(render::GrepJson(*grep));
    }
    return JsonError(Status::NotFound("there is no API call " + p + " (see /api/series)"));
  }

 private:
  static Response Html(std::string body) { return {200, kHtml, std::move(body)}; }
  static Response Json(const nlohmann::json& j) { return {200, kJson, render::JsonText(j)}; }
  static Response HtmlError(const Status& st) {
    const int code = HttpStatus(st);
    return {code, kHtml, render::ErrorPage(code, st.message())};
  }
  static Response JsonError(const Status& st) {
    return {HttpStatus(st), kJson, render::JsonText({{"error", st.message()}})};
  }

  // The newest version of a symbol as typed ("A/RES/54/144", "54/144"), as `recital diff`
  // looks symbols up; NotFound names the symbol as asked.
  Result<Resolution> LoadResolution(const std::string& arg) const {
    Result<Resolution> r = archive_.GetResolution(NormalizeSymbol(arg));
    if (!r.ok() && r.status().IsNotFound())
      return Status::NotFound(arg + " is not a resolution in this archive");
    return r;
  }

  // As `recital diff OLD NEW` with symbols and default options.
  static DiffResult Diff(const Resolution& from, const Resolution& to) {
    DiffResult d = DiffResolutions(from, to, DiffOptions{});
    if (d.from_symbol.empty()) d.from_symbol = from.symbol;
    if (d.to_symbol.empty()) d.to_symbol = to.symbol;
    return d;
  }

  Response IndexPage() const {
    auto all = history::ArchiveSeries(archive_);
    if (!all.ok()) return HtmlError(all.status());
    return Html(render::IndexPage(*all, t_.Param("filter")));
  }

  Response SeriesPage(const std::string& key) const {
    auto log = history::LogOf(archive_, key);
    if (!log.ok()) return HtmlError(log.status());
    return Html(render::SeriesPage(*log));
  }

  Response ResolutionPage(const std::string& arg) const {
    auto r = LoadResolution(arg);
    if (!r.ok()) return HtmlError(r.status());
    render::ResolutionPageContext context;
    auto series = history::SeriesOfSymbol(archive_, r->symbol);
    if (series.ok()) context.series = &*series;
    for (const Citation& c : r->citations)
      context.citation_archived.push_back(archive_.GetDocument(c.symbol).ok());
    return Html(render::ResolutionPage(*r, context));
  }

  Response BlamePage(const std::string& arg) const {
    auto view = history::BlameSymbol(archive_, arg);
    if (!view.ok()) return HtmlError(view.status());
    return Html(render::BlamePage(*view));
  }

  Response ComparePage() const {
    render::CompareView view;
    view.from_arg = t_.Param("from");
    view.to_arg = t_.Param("to");
    auto docs = archive_.ListDocuments();
    if (!docs.ok()) return HtmlError(docs.status());
    for (const store::Document& d : *docs) view.symbols.push_back(d.symbol);
    if (view.from_arg.empty() || view.to_arg.empty()) return Html(render::ComparePage(view));
    auto from = LoadResolution(view.from_arg);
    if (!from.ok()) return HtmlError(from.status());
    auto to = LoadResolution(view.to_arg);
    if (!to.ok()) return HtmlError(to.status());
    const DiffResult diff = Diff(*from, *to);
    view.from = &*from;
    view.to = &*to;
    view.diff = &diff;
    return Html(render::ComparePage(view));
  }

  // Two language versions side by side, as `recital show SYMBOL --parallel LANGS`.
  Result<ParallelResult> Parallel(const std::string& arg) const {
    if (t_.Param("langs").empty())
      return Status::InvalidInput("/parallel needs langs=A,B (e.g. langs=en,fr)");
    return history::ParallelVersions(archive_, NormalizeSymbol(arg), t_.Param("langs"));
  }

  Response ParallelPage(const std::string& arg) const {
    auto par = Parallel(arg);
    if (!par.ok()) return HtmlError(par.status());
    return Html(render::ParallelHtml(NormalizeSymbol(arg), *par));
  }

  Response SearchPage() const {
    const std::string phrase = t_.Param("q");
    if (phrase.empty()) return Html(render::SearchPage("", nullptr));
    auto grep = history::Grep(archive_, phrase);
    if (!grep.ok()) return HtmlError(grep.status());
    return Html(render::SearchPage(phrase, &*grep));
  }

  const store::Archive& archive_;
  const internal::Target& t_;
};

Response Plain(int status, const std::string& text) { return {status, kText, text + "\n"}; }

}  // namespace

Site::Site(const store::Archive& archive, bool allow_any_host)
    : archive_(archive), allow_any_host_(allow_any_host) {}

Response Site::Handle(const Request& request) const {
  try {
    if (!allow_any_host_ && !internal::IsLoopbackHost(request.host)) {
      return Plain(403, "403 Forbidden: this server answers requests for localhost only (Host: " +
                            (internal::IsValidUtf8(request.host) ? request.host : "?") + ")");
    }
    auto target = internal::ParseTarget(request.target);
    if (!target.ok()) {
      const bool too_long = target.status().IsResourceExhausted();
      return Plain(too_long ? 414 : 400,
                   std::string(too_long ? "414 URI Too Long: " : "400 Bad Request: ") +
                       target.status().message());
    }
    Handler handler(archive_, *target);
    Response response = target->path.starts_with("/api/") ? handler.Api() : handler.Page();
    if (response.status >= 500) {
      std::fprintf(stderr, "recital: serve: %s: %d\n", target->path.c_str(), response.status);
    }
    return response;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "recital: serve: internal error: %s\n", e.what());
    return Plain(500, "500 Internal Server Error");
  } catch (...) {
    return Plain(500, "500 Internal Server Error");
  }
}

}  // namespace recital::serve
