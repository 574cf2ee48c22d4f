// Warnings and clarifications in the console: the list with drafts (/quan-tri/canh-bao), a new
// one, prefilled from a confirmed report (/quan-tri/canh-bao/moi?report=ID), and editing,
// publishing and unpublishing one (/quan-tri/canh-bao/{id}), and sending a published one to the
// community channels' webhooks (/quan-tri/canh-bao/{id}/gui-kenh). Analysts write them (the
// reports:triage permission: whoever confirms reports warns the public about them).
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "http/form.h"
#include "indicator/indicator.h"
#include "service/channels.h"
#include "service/publishing.h"
#include "web/internal/channel_common.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kWrite = service::Permission::kReportsTriage;
constexpr int kWarningPageSize = 50;

constexpr ConsoleMessage kWarningMessages[] = {
    {"created", "Đã lưu cảnh báo.", "The warning was saved."},
    {"saved", "Đã lưu thay đổi.", "The changes were saved."},
    {"published", "Đã đăng công khai.", "Published."},
    {"unpublished", "Đã gỡ khỏi trang công khai (thành bản nháp).", "Unpublished (a draft again)."},
    {"channels-sent",
     "Đã xếp hàng gửi tới các kênh cộng đồng có webhook; xem kết quả ở trang Kênh.",
     "Queued to the community channels with a webhook; see the Channels page for the result."},
    {"channels-none",
     "Không có kênh nào nhận: chưa kênh nào có webhook đang hoạt động, hoặc cảnh báo đã được gửi.",
     "No channel to send to: none has an active webhook, or it was sent already."},
};

std::string PublicPath(const domain::Warning& w) {
  return (w.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") + w.slug;
}

// "url http://x/" lines of the indicators box.
std::string IndicatorLines(const std::vector<domain::WarningIndicator>& indicators) {
  std::string out;
  for (const domain::WarningIndicator& i : indicators) {
    out += std::string(indicator::KindName(i.kind)) + " " + i.canonical + "\n";
  }
  return out;
}

// The indicators box: one "<kind> <value>" per line, each canonicalised; InvalidArgument
// "indicators: line <n>: ..." for a line that is not one.
base::Result<std::vector<domain::WarningIndicator>> ParseIndicatorLines(std::string_view text) {
  std::vector<domain::WarningIndicator> out;
  int line_no = 0;
  for (std::string_view line : base::Split(text, '\n')) {
    ++line_no;
    line = base::TrimAscii(line);
    if (line.empty()) continue;
    const size_t space = line.find_first_of(" \t");
    const std::string where = "indicators: line " + std::to_string(line_no) + ": ";
    if (space == std::string_view::npos) {
      return base::InvalidArgumentError(where + "write the kind, a space, then the value");
    }
    std::optional<indicator::Kind> kind = indicator::ParseKind(line.substr(0, space));
    if (!kind) return base::InvalidArgumentError(where + "unknown kind");
    auto canonical = indicator::Canonicalize(*kind, base::TrimAscii(line.substr(space + 1)));
    if (!canonical.ok()) return base::InvalidArgumentError(where + canonical.status().message());
    domain::WarningIndicator w{*kind, canonical->canonical};
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

// The form's fields as typed.
struct WarningForm {
  std::string kind = "warning";
  std::string title;
  std::string body;
  std::string category;
  std::string indicators;
  std::string report_id;
  bool publish = false;
};

WarningForm FromDraft(const service::WarningDraft& d) {
  WarningForm f;
  f.kind = std::string(domain::Name(d.kind));
  f.title = d.title;
  f.body = d.body;
  f.category = d.category ? std::string(domain::Name(*d.category)) : "";
  f.indicators = IndicatorLines(d.indicators);
  f.report_id = d.report_id ? std::to_string(*d.report_id) : "";
  f.publish = d.publish;
  return f;
}

WarningForm FromFields(const FormData& form) {
  WarningForm f;
  f.kind = form.Field("kind");
  f.title = form.Field("title");
  f.body = form.Field("body");
  f.category = form.Field("category");
  f.indicators = form.Field("indicators");
  f.report_id = base::TrimAscii(form.Field("report_id"));
  f.publish = form.Checked("publish");
  return f;
}

base::Result<service::WarningDraft> ToDraft(const WarningForm& f) {
  service::WarningDraft d;
  std::optional<domain::WarningKind> kind = domain::ParseWarningKind(f.kind);
  if (!kind) return base::InvalidArgumentError("kind: choose warning or clarification");
  d.kind = *kind;
  d.title = f.title;
  d.body = f.body;
  if (!f.category.empty()) {
    d.category = domain::ParseCategory(f.category);
    if (!d.category) return base::InvalidArgumentError("category: unknown category");
  }
  BINHYEN_ASSIGN_OR_RETURN(d.indicators, ParseIndicatorLines(f.indicators));
  if (!f.report_id.empty()) {
    d.report_id = ParseId(f.report_id);
    if (!d.report_id) return base::InvalidArgumentError("report_id: must be a report number");
  }
  d.publish = f.publish;
  return d;
}

// The edit form page: new (`existing` null) or warning `existing`.
http::Response FormPage(Shared& shared, const http::Request& request, PageContext& context,
                        const WarningForm& f, const domain::Warning* existing, int status,
                        const std::string& error) {
  Data data;
  data.set("is_new", Data(existing == nullptr));
  data.set("action", existing ? "/quan-tri/canh-bao/" + std::to_string(existing->id)
                              : std::string("/quan-tri/canh-bao/moi"));
  data.set("kind_warning", Data(f.kind != "clarification"));
  data.set("kind_clarification", Data(f.kind == "clarification"));
  data.set("title", f.title);
  data.set("body", f.body);
  data.set("categories", CategoryOptionList(context, f.category));
  data.set("indicators", f.indicators);
  data.set("report_id", TextOrFalse(f.report_id));
  data.set("report_id_value", f.report_id);
  data.set("publish", Data(f.publish));
  data.set("csrf_token", context.csrf_token);
  if (existing) {
    data.set("id", std::to_string(existing->id));
    data.set("published", Data(existing->published_at.has_value()));
    data.set("public_href", PublicPath(*existing));
    data.set("slug", existing->slug);
    // Whoever may publish it may also send it to the community channels' webhooks.
    data.set("can_send_channels", Data(existing->published_at.has_value()));
  }
  AddConsoleNotices(data, request, context, kWarningMessages,
                    error.empty() ? std::string() : "Chưa lưu được: " + error,
                    error.empty() ? std::string() : "Not saved: " + error);
  PageMeta meta = existing ? ConsoleMeta(context, "Sửa cảnh báo", "Edit a warning", status)
                           : ConsoleMeta(context, "Viết cảnh báo", "New warning", status);
  return RenderPage(shared.templates(), context, "console_warning", std::move(data), meta);
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kWrite)) return *std::move(refusal);
  store::PageRequest page_request;
  page_request.limit = kWarningPageSize;
  page_request.after = std::string(request.Query("after").value_or(""));
  Data data;
  Data rows{Data::type::list};
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  auto page = tx.ok() ? (*tx)->Warnings().ListAll(page_request)
                      : base::Result<store::Page<domain::Warning>>(tx.status());
  if (tx.ok() && !page.ok() && page.status().code() == base::StatusCode::kInvalidArgument) {
    // A garbled or hand-made `after` cursor: the first page, not "the system is busy" (503).
    page_request.after.clear();
    page = (*tx)->Warnings().ListAll(page_request);
  }
  if (!page.ok()) {
    return shared.ErrorPage(context, 503, "Chưa đọc được danh sách", "The list cannot be read",
                            "Hệ thống đang bận, vui lòng thử lại.",
                            "The system is busy; please try again.");
  }
  for (const domain::Warning& w : page->items) {
    Data row;
    row.set("id", std::to_string(w.id));
    row.set("title", w.title);
    row.set("clarification", Data(w.kind == domain::WarningKind::kClarification));
    row.set("published",
            TextOrFalse(w.published_at ? FormatVietnamDate(*w.published_at) : std::string()));
    row.set("category", w.category ? ConsoleCategoryLabel(context, *w.category) : std::string());
    row.set("updated", FormatVietnamDate(w.updated_at, true));
    rows.push_back(row);
  }
  if (!page->next.empty()) {
    data.set("next_href", "/quan-tri/canh-bao?after=" + http::UrlEncode(page->next));
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  return RenderPage(shared.templates(), context, "console_warnings", std::move(data),
                    ConsoleMeta(context, "Cảnh báo và đính chính", "Warnings and clarifications"));
}

http::Response New(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kWrite)) return *std::move(refusal);
  WarningForm f;
  std::string error;
  if (auto report = request.Query("report")) {
    std::optional<int64_t> id = ParseId(*report);
    service::Publishing publishing(shared.services().store, shared.services().clock);
    auto draft = id ? publishing.DraftFromReport(*id)
                    : base::Result<service::WarningDraft>(
                          base::InvalidArgumentError("report: must be a report number"));
    if (draft.ok()) {
      f = FromDraft(*draft);
    } else {
      error = draft.status().message();
    }
  }
  return FormPage(shared, request, context, f, nullptr, error.empty() ? 200 : 422, error);
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kWrite);
  if (post.refusal) return *std::move(post.refusal);
  const WarningForm f = FromFields(post.form);
  base::Result<service::WarningDraft> draft = ToDraft(f);
  service::Publishing publishing(shared.services().store, shared.services().clock);
  base::Result<domain::Warning> created = draft.ok()
                                              ? publishing.Create(*draft, context.user->Actor())
                                              : base::Result<domain::Warning>(draft.status());
  if (!created.ok()) {
    return FormPage(shared, request, context, f, nullptr, 422, created.status().message());
  }
  return RedirectWithNotice("/quan-tri/canh-bao/" + std::to_string(created->id), "created");
}

// Warning `id` for an edit page, or the 404 page.
base::Result<domain::Warning> Load(Shared& shared, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, shared.services().store.Begin(store::TxMode::kReadOnly));
  return tx->Warnings().Get(id);
}

http::Response NotFound(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không có cảnh báo này", "No such warning",
                          "Không tìm thấy cảnh báo.", "The warning was not found.");
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kWrite)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  auto w = id ? Load(shared, *id) : base::Result<domain::Warning>(base::NotFoundError("id"));
  if (!w.ok()) return NotFound(shared, context);
  service::WarningDraft d{w->kind,
                          w->title,
                          w->body,
                          w->category,
                          w->indicators,
                          w->report_id,
                          w->published_at.has_value()};
  return FormPage(shared, request, context, FromDraft(d), &*w, 200, "");
}

http::Response Update(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kWrite);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  auto w = id ? Load(shared, *id) : base::Result<domain::Warning>(base::NotFoundError("id"));
  if (!w.ok()) return NotFound(shared, context);
  const WarningForm f = FromFields(post.form);
  base::Result<service::WarningDraft> draft = ToDraft(f);
  service::Publishing publishing(shared.services().store, shared.services().clock);
  base::Result<domain::Warning> saved = draft.ok()
                                            ? publishing.Update(*id, *draft, context.user->Actor())
                                            : base::Result<domain::Warning>(draft.status());
  if (!saved.ok()) {
    return FormPage(shared, request, context, f, &*w, 422, saved.status().message());
  }
  return RedirectWithNotice("/quan-tri/canh-bao/" + std::to_string(*id), "saved");
}

http::Response SetPublished(Shared& shared, const http::Request& request, bool publish) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kWrite);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(shared, context);
  service::Publishing publishing(shared.services().store, shared.services().clock);
  auto done = publish ? publishing.Publish(*id, context.user->Actor())
                      : publishing.Unpublish(*id, context.user->Actor());
  if (!done.ok()) return NotFound(shared, context);
  return RedirectWithNotice("/quan-tri/canh-bao/" + std::to_string(*id),
                            publish ? "published" : "unpublished");
}

// POST /quan-tri/canh-bao/{id}/gui-kenh: queues published warning `id` to every active channel
// with a webhook (service::Channels::SendWarning, audited), then back to the warning.
http::Response SendToChannels(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kWrite);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(shared, context);
  service::Channels channels = MakeChannels(shared);
  base::Result<int> queued = channels.SendWarning(*context.user, *id);
  if (!queued.ok()) {
    if (queued.status().code() == base::StatusCode::kNotFound) return NotFound(shared, context);
    if (queued.status().code() != base::StatusCode::kFailedPrecondition) {
      return ChannelsUnavailable(shared, context);
    }
  }
  return RedirectWithNotice("/quan-tri/canh-bao/" + std::to_string(*id),
                            queued.ok() && *queued > 0 ? "channels-sent" : "channels-none");
}

}  // namespace

void RegisterConsoleWarnings(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/canh-bao",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/canh-bao/moi",
             [&shared](http::Request& r) { return New(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/canh-bao/moi",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/canh-bao/{id}",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/canh-bao/{id}",
             [&shared](http::Request& r) { return Update(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/canh-bao/{id}/dang",
             [&shared](http::Request& r) { return SetPublished(shared, r, true); });
  router.Add(http::Method::kPost, "/quan-tri/canh-bao/{id}/go",
             [&shared](http::Request& r) { return SetPublished(shared, r, false); });
  router.Add(http::Method::kPost, "/quan-tri/canh-bao/{id}/gui-kenh",
             [&shared](http::Request& r) { return SendToChannels(shared, r); });
}

}  // namespace binhyen::web::internal
