// The lists of published warnings (/canh-bao) and clarifications (/dinh-chinh): newest first,
// paged by the store's cursor, filtered by category, searched with or without diacritics.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "render/markdown.h"
#include "store/store.h"
#include "web/internal/content_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr int kPageSize = 20;
// Search answers are not paged: the first this many published matches.
constexpr int kSearchIds = 200;
constexpr size_t kMaxSearchResults = 50;
constexpr size_t kSummaryBytes = 200;
constexpr size_t kMaxQueryBytes = 200;

struct ListQuery {
  domain::WarningKind kind = domain::WarningKind::kWarning;
  std::string q;                             // trimmed search words; "" = no search
  std::optional<domain::Category> category;  // warnings only
  std::string after;                         // the store's cursor
};

bool IsPublished(const domain::Warning& w, base::TimePoint now) {
  return w.published_at.has_value() && *w.published_at <= now;
}

// Newest published warnings of the query's kind and category (one page), or the search's
// published matches.
base::Result<store::Page<domain::Warning>> Load(Shared& shared, const ListQuery& query) {
  const base::TimePoint now = shared.services().clock.Now();
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           shared.services().store.Begin(store::TxMode::kReadOnly));
  store::WarningRepository& warnings = tx->Warnings();
  if (query.q.empty()) {
    store::PageRequest page;
    page.limit = kPageSize;
    page.after = query.after;
    return warnings.ListPublished(store::WarningFilter{query.kind, query.category}, now, page);
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, warnings.Search(query.q, kSearchIds));
  store::Page<domain::Warning> found;
  for (int64_t id : ids) {
    base::Result<domain::Warning> w = warnings.Get(id);
    if (!w.ok()) {
      if (w.status().code() == base::StatusCode::kNotFound) continue;  // deleted meanwhile
      return w.status();
    }
    if (!IsPublished(*w, now) || w->kind != query.kind) continue;
    if (query.category && w->category != query.category) continue;
    found.items.push_back(*std::move(w));
    if (found.items.size() == kMaxSearchResults) break;
  }
  std::stable_sort(found.items.begin(), found.items.end(),
                   [](const domain::Warning& a, const domain::Warning& b) {
                     return *a.published_at > *b.published_at;
                   });
  return found;
}

Data CategorySelect(const PageContext& context, std::optional<domain::Category> selected) {
  Data list{Data::type::list};
  for (domain::Category c : domain::AllCategories()) {
    Data item;
    item.set("value", std::string(domain::Name(c)));
    item.set("label", ContentCategoryLabel(context, c));
    item.set("selected", Data(selected == c));
    list.push_back(item);
  }
  return list;
}

Data Items(const PageContext& context, const std::vector<domain::Warning>& warnings) {
  Data list{Data::type::list};
  for (const domain::Warning& w : warnings) {
    Data item;
    item.set("title", w.title);
    item.set("href", PublicWarningPath(w));
    const base::TimePoint published = w.published_at.value_or(w.created_at);
    item.set("date", FormatVietnamDate(published));
    item.set("datetime", base::FormatRfc3339(published));
    if (w.category) item.set("badge_label", ContentCategoryLabel(context, *w.category));
    item.set("summary", render::MarkdownToText(w.body, kSummaryBytes));
    list.push_back(item);
  }
  return list;
}

// Warnings of our federation peers (the newest kPeerWarnings of the list's kind), each with the
// peer's name and a link to the warning at its origin. Empty when there are none; a store error
// leaves the section out (our own list still shows).
Data PeerItems(Shared& shared, domain::WarningKind kind) {
  constexpr int kPeerWarnings = 10;
  Data list{Data::type::list};
  base::Result<std::unique_ptr<store::Transaction>> tx =
      shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return list;
  store::PeerWarningFilter filter;
  filter.limit = 50;
  base::Result<std::vector<domain::PeerWarning>> warnings =
      (*tx)->Federation().ListPeerWarnings(filter);
  base::Result<std::vector<domain::Peer>> peers = (*tx)->Federation().ListPeers();
  if (!warnings.ok() || !peers.ok()) return list;
  int shown = 0;
  for (const domain::PeerWarning& pw : *warnings) {
    const domain::FederationWarning& w = pw.warning;
    if (w.kind != kind || !w.published_at || shown == kPeerWarnings) continue;
    auto peer = std::find_if(peers->begin(), peers->end(),
                             [&](const domain::Peer& p) { return p.id == pw.peer_id; });
    if (peer == peers->end()) continue;
    Data item;
    item.set("title", w.title);
    // Only absolute http(s) links (domain::Validate(FederationWarning) checked the form).
    if (w.url.starts_with("https://") || w.url.starts_with("http://")) item.set("href", w.url);
    item.set("peer", peer->name);
    item.set("date", FormatVietnamDate(*w.published_at));
    item.set("datetime", base::FormatRfc3339(*w.published_at));
    item.set("summary", w.summary);
    list.push_back(item);
    ++shown;
  }
  return list;
}

std::string MoreHref(std::string_view base_path, const ListQuery& query, std::string_view next) {
  std::string href = std::string(base_path) + "?after=" + http::UrlEncode(next);
  if (query.category) href += "&category=" + std::string(domain::Name(*query.category));
  return href;
}

// The list's query: ?q= (trimmed, at most kMaxQueryBytes), ?category= (warnings only; an
// unknown name lists every category), ?after=.
ListQuery ParseQuery(const http::Request& request, domain::WarningKind kind) {
  ListQuery query;
  query.kind = kind;
  std::string_view q = base::TrimAscii(request.Query("q").value_or(""));
  if (q.size() > kMaxQueryBytes) q = q.substr(0, kMaxQueryBytes);
  query.q = std::string(q);
  if (kind == domain::WarningKind::kWarning) {
    query.category = domain::ParseCategory(request.Query("category").value_or(""));
  }
  query.after = std::string(request.Query("after").value_or(""));
  return query;
}

PageMeta ListMeta(const PageContext& context, bool clarification) {
  PageMeta meta;
  if (clarification) {
    meta.title =
        std::string(context.Pick("Đính chính tin sai sự thật", "Clarifications of false rumours"));
    meta.description =
        std::string(context.Pick("Thông tin chính thức của công an về các tin đồn sai sự thật.",
                                 "The police's official answers to false rumours."));
  } else {
    meta.title = std::string(context.Pick("Cảnh báo lừa đảo", "Scam warnings"));
    meta.description = std::string(
        context.Pick("Các thủ đoạn lừa đảo đã được công an xác minh, kèm số điện thoại, đường "
                     "link, tài khoản cần tránh.",
                     "Scams verified by the police, with the numbers, links and accounts to "
                     "avoid."));
  }
  return meta;
}

}  // namespace

http::Response WarningListPage(Shared& shared, const http::Request& request,
                               domain::WarningKind kind) {
  PageContext context = shared.Context(request);
  const bool clarification = kind == domain::WarningKind::kClarification;
  const std::string_view base_path = clarification ? "/dinh-chinh" : "/canh-bao";
  const ListQuery query = ParseQuery(request, kind);
  base::Result<store::Page<domain::Warning>> page = Load(shared, query);
  if (!page.ok()) {
    if (page.status().code() == base::StatusCode::kInvalidArgument) {
      return shared.ErrorPage(context, 400, "Địa chỉ trang không hợp lệ", "Invalid page address",
                              "Hãy mở lại danh sách từ đầu.", "Open the list from the start.");
    }
    return shared.ErrorPage(context, 503, "Tạm thời chưa xem được", "Try again later",
                            "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                            "The system is busy; please try again in a few minutes.");
  }
  Data data;
  data.set("clarification", Data(clarification));
  data.set("base", std::string(base_path));
  data.set("q", query.q);
  data.set("searching", Data(!query.q.empty()));
  data.set("count", std::to_string(page->items.size()));
  data.set("filtered", Data(!query.q.empty() || query.category.has_value()));
  if (!clarification) data.set("categories", CategorySelect(context, query.category));
  data.set("has_items", Data(!page->items.empty()));
  data.set("items", Items(context, page->items));
  if (!page->next.empty() && query.q.empty()) {
    data.set("more_href", MoreHref(base_path, query, page->next));
  }
  if (query.q.empty() && query.after.empty() && !query.category) {
    Data peer_items = PeerItems(shared, kind);
    data.set("has_peer_items", Data(!peer_items.is_empty_list()));
    data.set("peer_items", std::move(peer_items));
  }
  PageMeta meta = ListMeta(context, clarification);
  if (query.q.empty() && query.after.empty() && !query.category) {
    meta.canonical_url = shared.PublicUrl(request) + std::string(base_path);
  }
  return RenderPage(shared.templates(), context, "warnings", std::move(data), meta);
}

}  // namespace binhyen::web::internal
