#include "exchange/warning_feeds.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "domain/enums.h"
#include "text/utf8.h"

namespace binhyen::exchange {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kFeedTitle = "Bình Yên – Cảnh báo lừa đảo và đính chính";
constexpr std::string_view kFeedSubtitle =
    "Cảnh báo lừa đảo đã được xác minh và thông tin đính chính tin đồn sai sự thật";
constexpr std::string_view kAuthor = "Bình Yên";

// Published warnings, newest first.
std::vector<const domain::Warning*> Published(const std::vector<domain::Warning>& warnings) {
  std::vector<const domain::Warning*> out;
  for (const domain::Warning& w : warnings) {
    if (w.published_at) out.push_back(&w);
  }
  std::stable_sort(out.begin(), out.end(), [](const domain::Warning* a, const domain::Warning* b) {
    return std::tie(*a->published_at, a->id) > std::tie(*b->published_at, b->id);
  });
  return out;
}

std::string ItemTitle(const domain::Warning& w) {
  const std::string_view prefix =
      w.kind == domain::WarningKind::kClarification ? "[Đính chính] " : "[Cảnh báo] ";
  return std::string(prefix) + w.title;
}

std::string_view KindLabel(domain::WarningKind kind) {
  return kind == domain::WarningKind::kClarification ? "Đính chính" : "Cảnh báo";
}

std::string ItemUrl(std::string_view base_url, const domain::Warning& w) {
  return std::string(base_url) +
         (w.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") + w.slug;
}

// A warning's last change is never before its publication.
base::TimePoint ItemUpdated(const domain::Warning& w) {
  return std::max(w.updated_at, *w.published_at);
}

void AppendElement(std::string* out, std::string_view indent, std::string_view name,
                   std::string_view text) {
  out->append(indent).append("<").append(name).append(">");
  AppendXmlEscaped(text, out);
  out->append("</").append(name).append(">\n");
}

void AppendLink(std::string* out, std::string_view indent, std::string_view rel,
                std::string_view type, std::string_view href) {
  out->append(indent).append("<link rel=\"").append(rel).append("\" type=\"").append(type);
  out->append("\" href=\"");
  AppendXmlEscaped(href, out);
  out->append("\"/>\n");
}

void AppendAtomEntry(std::string* out, std::string_view base_url, const domain::Warning& w) {
  const std::string url = ItemUrl(base_url, w);
  out->append("  <entry>\n");
  AppendElement(out, "    ", "title", ItemTitle(w));
  AppendElement(out, "    ", "id", url);
  AppendLink(out, "    ", "alternate", "text/html", url);
  AppendElement(out, "    ", "published", base::FormatRfc3339(*w.published_at));
  AppendElement(out, "    ", "updated", base::FormatRfc3339(ItemUpdated(w)));
  out->append("    <category term=\"").append(domain::Name(w.kind)).append("\" label=\"");
  out->append(KindLabel(w.kind)).append("\"/>\n");
  out->append("    <content type=\"text\">");
  AppendXmlEscaped(w.body, out);
  out->append("</content>\n  </entry>\n");
}

}  // namespace

void AppendXmlEscaped(std::string_view text, std::string* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t c = text::DecodeUtf8(text, &pos);
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&apos;"); break;
      default:
        // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
        // DecodeUtf8 never yields surrogates; U+FFFE and U+FFFF are not characters either.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
          break;
        }
        text::AppendUtf8(c, out);
    }
  }
}

std::string RenderAtom(const std::vector<domain::Warning>& warnings, std::string_view base_url,
                       base::TimePoint updated) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n";
  AppendElement(&out, "  ", "title", kFeedTitle);
  AppendElement(&out, "  ", "subtitle", kFeedSubtitle);
  AppendElement(&out, "  ", "id", std::string(base_url) + "/canh-bao");
  AppendLink(&out, "  ", "self", "application/atom+xml",
             std::string(base_url) + "/feeds/canhbao.atom");
  AppendLink(&out, "  ", "alternate", "text/html", std::string(base_url) + "/canh-bao");
  AppendElement(&out, "  ", "updated", base::FormatRfc3339(updated));
  out.append("  <author>\n");
  AppendElement(&out, "    ", "name", kAuthor);
  out.append("  </author>\n");
  for (const domain::Warning* w : Published(warnings)) AppendAtomEntry(&out, base_url, *w);
  out.append("</feed>\n");
  return out;
}

std::string RenderJsonFeed(const std::vector<domain::Warning>& warnings, std::string_view base_url,
                           base::TimePoint /*updated*/) {
  Json feed;
  feed["version"] = "https://jsonfeed.org/version/1.1";
  feed["title"] = kFeedTitle;
  feed["description"] = kFeedSubtitle;
  feed["home_page_url"] = std::string(base_url) + "/canh-bao";
  feed["feed_url"] = std::string(base_url) + "/feeds/canhbao.json";
  feed["language"] = "vi";
  feed["authors"] = Json::array({{{"name", kAuthor}}});
  Json items = Json::array();
  for (const domain::Warning* w : Published(warnings)) {
    const std::string url = ItemUrl(base_url, *w);
    Json item;
    item["id"] = url;
    item["url"] = url;
    item["title"] = ItemTitle(*w);
    item["content_text"] = w->body;
    item["date_published"] = base::FormatRfc3339(*w->published_at);
    item["date_modified"] = base::FormatRfc3339(ItemUpdated(*w));
    item["tags"] = Json::array({KindLabel(w->kind)});
    items.push_back(std::move(item));
  }
  feed["items"] = std::move(items);
  // Ill-formed UTF-8 from the store becomes U+FFFD instead of an exception.
  return feed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace binhyen::exchange
