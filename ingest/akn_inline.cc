// Akoma Ntoso input: recognising the document, element names, inline text.
#include <cstdlib>

#include "ingest/akn_internal.h"
#include "schema/strings.h"

namespace recital::ingest {
namespace {

// Position just past `close` at or after from, npos when absent.
size_t After(std::string_view s, size_t from, std::string_view close) {
  const size_t at = s.find(close, from);
  return at == std::string_view::npos ? at : at + close.size();
}

bool IsNameChar(char c) {
  return IsAsciiAlnum(c) || c == ':' || c == '_' || c == '-' || c == '.' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

bool LooksLikeAkn(std::string_view s) {
  size_t i = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    if (i >= s.size() || s[i] != '<') return false;
    const std::string_view rest = s.substr(i);
    if (rest.starts_with("<?")) {
      i = After(s, i, "?>");
    } else if (rest.starts_with("<!--")) {
      i = After(s, i + 4, "-->");
    } else if (rest.starts_with("<!DOCTYPE")) {
      // An internal subset ("[...]") ends with "]>"; without one the first '>' ends it.
      const size_t bracket = s.find('[', i), close = s.find('>', i);
      i = bracket != std::string_view::npos && bracket < close ? After(s, bracket, "]>")
                                                                : After(s, i, ">");
    } else {
      size_t e = i + 1;
      while (e < s.size() && IsNameChar(s[e])) ++e;
      std::string_view name = s.substr(i + 1, e - i - 1);
      if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) {
        name.remove_prefix(colon + 1);
      }
      return name == "akomaNtoso";
    }
    if (i == std::string_view::npos) return false;
  }
  return false;
}

namespace akn {
namespace {

class Reader {
 public:
  Reader(const Names& names, bool exact, InlineResult* out)
      : names_(names), exact_(exact), out_(out) {}

  Status Walk(pugi::xml_node n, int depth) {
    if (depth > 32) {
      return Status::InvalidInput("inline markup nested more than 32 levels deep");
    }
    for (pugi::xml_node c : n.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        Append(c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      const std::string_view local = names_.Local(c);
      if (local == "authorialNote" || local == "noteRef") {
        Note(c);
      } else if (local == "br" || local == "eol" || local == "eop") {
        Append(" ");
      } else if (local == "i" && depth == 0 && !lead_seen_ && out_->text.empty() && !space_) {
        lead_seen_ = true;
        RECITAL_RETURN_IF_ERROR(Walk(c, depth + 1));
        out_->lead = out_->text;
      } else {
        RECITAL_RETURN_IF_ERROR(Walk(c, depth + 1));
      }
    }
    return Status::Ok();
  }

  void Finish() {
    // A pending space at the end is dropped; markers that stood after it move back onto the end.
    for (FootnoteRef& f : out_->footnotes) {
      f.byte_offset = std::min<uint32_t>(f.byte_offset, out_->text.size());
    }
  }

 private:
  void Append(std::string_view s) {
    if (exact_) {
      out_->text += s;
      return;
    }
    for (char c : s) {
      if (IsAsciiSpace(c)) {
        space_ = !out_->text.empty();
        continue;
      }
      if (space_) out_->text += ' ';
      space_ = false;
      out_->text += c;
    }
  }

  void Note(pugi::xml_node note) {
    const char* marker = note.attribute("marker").value();
    const uint32_t number = static_cast<uint32_t>(std::strtoul(marker, nullptr, 10));
    const size_t at = out_->text.size() + (space_ ? 1 : 0);
    out_->footnotes.push_back({number, static_cast<uint32_t>(at)});
    if (names_.Local(note) != "authorialNote") return;
    InlineResult text;
    for (pugi::xml_node p : note.children()) {
      if (p.type() != pugi::node_element) continue;
      InlineResult part;
      Reader r(names_, exact_, &part);
      if (!r.Walk(p, 1).ok()) continue;
      if (!text.text.empty() && !part.text.empty()) text.text += ' ';
      text.text += part.text;
    }
    out_->notes.push_back({number, std::move(text.text)});
  }

  const Names& names_;
  bool exact_;
  InlineResult* out_;
  bool space_ = false;  // whitespace seen and not yet written (collapsing mode)
  bool lead_seen_ = false;
};

}  // namespace

std::string_view Names::Local(pugi::xml_node n) const {
  if (n.type() != pugi::node_element) return {};
  std::string_view name = n.name();
  if (akn_.empty()) return name.find(':') == std::string_view::npos ? name : std::string_view();
  if (!name.starts_with(akn_)) return {};
  return name.substr(akn_.size());
}

bool Names::IsRecital(pugi::xml_node n, std::string_view local) const {
  if (recital_.empty() || n.type() != pugi::node_element) return false;
  const std::string_view name = n.name();
  return name.starts_with(recital_) && name.substr(recital_.size()) == local;
}

pugi::xml_node Names::Child(pugi::xml_node n, std::string_view local) const {
  for (pugi::xml_node c : n.children()) {
    if (Local(c) == local) return c;
  }
  return {};
}

pugi::xml_node Names::Find(pugi::xml_node n, std::string_view local) const {
  struct Search {
    const Names& names;
    std::string_view local;
    pugi::xml_node Run(pugi::xml_node at, int depth) const {
      for (pugi::xml_node c : at.children()) {
        if (names.Local(c) == local) return c;
        if (depth < 8) {
          if (pugi::xml_node found = Run(c, depth + 1)) return found;
        }
      }
      return {};
    }
  };
  return Search{*this, local}.Run(n, 0);
}

Status ReadInline(pugi::xml_node p, const Names& names, bool exact, InlineResult* out) {
  Reader reader(names, exact, out);
  RECITAL_RETURN_IF_ERROR(reader.Walk(p, 0));
  reader.Finish();
  return Status::Ok();
}

}  // namespace akn
}  // namespace recital::ingest
