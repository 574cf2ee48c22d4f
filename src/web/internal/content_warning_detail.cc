// One published warning (/canh-bao/{slug}) or clarification (/dinh-chinh/{slug}, with its
// schema.org ClaimReview), and a warning's printable A4 poster (/canh-bao/{slug}/ap-phich).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/strings.h"
#include "indicator/indicator.h"
#include "render/markdown.h"
#include "render/qr_svg.h"
#include "store/store.h"
#include "web/internal/check_subject.h"
#include "web/internal/content_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr size_t kDescriptionBytes = 200;
// A poster names at most this many indicators (it must fit one A4 page); the QR code leads to
// the rest.
constexpr size_t kPosterIndicators = 6;
constexpr size_t kPosterValueBytes = 48;
// A longer title is printed smaller.
constexpr size_t kPosterShortTitleBytes = 120;

// The published warning `slug`, or the response to send instead (404 for a draft or an unknown
// slug, 503 when the store cannot be read).
std::variant<domain::Warning, http::Response> LoadPublished(Shared& shared,
                                                            const PageContext& context,
                                                            std::string_view slug) {
  auto not_found = [&] {
    return shared.ErrorPage(context, 404, "Không tìm thấy trang này", "Page not found",
                            "Cảnh báo này không tồn tại hoặc chưa được đăng. Hãy xem danh sách "
                            "cảnh báo.",
                            "This warning does not exist or is not published. See the list of "
                            "warnings.");
  };
  base::Result<std::unique_ptr<store::Transaction>> tx =
      shared.services().store.Begin(store::TxMode::kReadOnly);
  base::Result<domain::Warning> w =
      tx.ok() ? (*tx)->Warnings().GetBySlug(slug) : base::Result<domain::Warning>(tx.status());
  if (!w.ok()) {
    if (w.status().code() == base::StatusCode::kNotFound ||
        w.status().code() == base::StatusCode::kInvalidArgument) {
      return not_found();
    }
    return shared.ErrorPage(context, 503, "Tạm thời chưa xem được", "Try again later",
                            "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                            "The system is busy; please try again in a few minutes.");
  }
  if (!w->published_at || *w->published_at > shared.services().clock.Now()) return not_found();
  return *std::move(w);
}

// `text` cut to at most `max_bytes` bytes at a UTF-8 character boundary, with "…" when cut.
std::string Shortened(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// The indicators the warning names; on the poster (`max_value_bytes` > 0) long values are cut so
// the page stays one sheet (the QR code leads to the full list).
Data IndicatorList(const PageContext& context, const domain::Warning& w, size_t limit,
                   size_t max_value_bytes = 0) {
  Data list{Data::type::list};
  for (size_t i = 0; i < w.indicators.size() && i < limit; ++i) {
    const domain::WarningIndicator& ind = w.indicators[i];
    Data item;
    item.set("kind_label", std::string(KindLabel(context, ind.kind)));
    item.set("value",
             max_value_bytes > 0 ? Shortened(ind.canonical, max_value_bytes) : ind.canonical);
    item.set("check_href", "/kiem-tra?q=" + http::UrlEncode(ind.canonical) +
                               "&kind=" + std::string(indicator::KindName(ind.kind)));
    list.push_back(item);
  }
  return list;
}

void SetCommon(Data& data, const PageContext& context, const domain::Warning& w) {
  data.set("title", w.title);
  const base::TimePoint published = w.published_at.value_or(w.created_at);
  data.set("date", FormatVietnamDate(published));
  data.set("datetime", base::FormatRfc3339(published));
  if (w.category) data.set("category", ContentCategoryLabel(context, *w.category));
}

}  // namespace

std::string ClaimReviewJsonLd(const domain::Warning& warning, std::string_view page_url,
                              std::string_view site_url) {
  const base::TimePoint published = warning.published_at.value_or(warning.created_at);
  nlohmann::json review = {
      {"@context", "https://schema.org"},
      {"@type", "ClaimReview"},
      {"url", page_url},
      {"claimReviewed", warning.title},
      {"datePublished", base::FormatRfc3339(published)},
      {"inLanguage", "vi"},
      {"author", {{"@type", "Organization"}, {"name", "Bình Yên"}, {"url", site_url}}},
      {"reviewRating",
       {{"@type", "Rating"},
        {"ratingValue", 1},
        {"bestRating", 5},
        {"worstRating", 1},
        {"alternateName", "Sai sự thật"}}},
  };
  const std::string text = review.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

http::Response WarningDetailPage(Shared& shared, const http::Request& request,
                                 domain::WarningKind kind) {
  PageContext context = shared.Context(request);
  auto loaded = LoadPublished(shared, context, request.PathParam("slug"));
  if (auto* response = std::get_if<http::Response>(&loaded)) return std::move(*response);
  const domain::Warning& w = std::get<domain::Warning>(loaded);
  if (w.kind != kind) return http::Response::Redirect(301, PublicWarningPath(w));
  const bool clarification = kind == domain::WarningKind::kClarification;
  const std::string site_url = shared.PublicUrl(request);
  const std::string page_url = site_url + PublicWarningPath(w);

  Data data;
  SetCommon(data, context, w);
  data.set("clarification", Data(clarification));
  data.set("body_html", render::MarkdownToHtml(w.body, 1));
  data.set("has_indicators", Data(!w.indicators.empty()));
  data.set("indicators", IndicatorList(context, w, w.indicators.size()));
  data.set("page_url", page_url);
  data.set("facebook_href",
           "https://www.facebook.com/sharer/sharer.php?u=" + http::UrlEncode(page_url));
  data.set("poster_href", PublicWarningPath(w) + "/ap-phich");
  data.set("list_href", std::string(clarification ? "/dinh-chinh" : "/canh-bao"));
  if (clarification) data.set("json_ld", ClaimReviewJsonLd(w, page_url, site_url));

  PageMeta meta;
  meta.title = w.title;
  meta.description = render::MarkdownToText(w.body, kDescriptionBytes);
  meta.og_type = "article";
  meta.canonical_url = page_url;
  return RenderPage(shared.templates(), context, "warning", std::move(data), meta);
}

http::Response WarningPosterPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  auto loaded = LoadPublished(shared, context, request.PathParam("slug"));
  if (auto* response = std::get_if<http::Response>(&loaded)) return std::move(*response);
  const domain::Warning& w = std::get<domain::Warning>(loaded);
  if (w.kind != domain::WarningKind::kWarning) {
    return http::Response::Redirect(301, PublicWarningPath(w));
  }
  const std::string site_url = shared.PublicUrl(request);
  const std::string page_url = site_url + PublicWarningPath(w);

  Data data;
  SetCommon(data, context, w);
  data.set("long_title", Data(w.title.size() > kPosterShortTitleBytes));
  data.set("has_indicators", Data(!w.indicators.empty()));
  data.set("indicators", IndicatorList(context, w, kPosterIndicators, kPosterValueBytes));
  if (w.indicators.size() > kPosterIndicators) {
    data.set("more_indicators", std::to_string(w.indicators.size() - kPosterIndicators));
  }
  data.set("page_url", page_url);
  std::string_view site_label = site_url;  // the address as people type it
  for (std::string_view scheme : {"https://", "http://"}) {
    if (site_label.starts_with(scheme)) site_label.remove_prefix(scheme.size());
  }
  data.set("site_label", std::string(site_label));
  data.set("back_href", PublicWarningPath(w));
  if (base::Result<std::string> qr = render::QrSvg(page_url, w.title, 8); qr.ok()) {
    data.set("qr", *qr);
  }
  PageMeta meta;
  meta.title = std::string(context.Pick("Áp phích: ", "Poster: ")) + w.title;
  meta.description = render::MarkdownToText(w.body, kDescriptionBytes);
  meta.canonical_url = page_url;
  return RenderPage(shared.templates(), context, "poster", std::move(data), meta);
}

}  // namespace binhyen::web::internal
