#pragma once

// The public content pages' pieces shared by content_pages.cc (routes, privacy, about),
// content_warnings.cc (the lists), content_warning_detail.cc (a warning, its poster and the
// ClaimReview of a clarification) and content_guidance.cc (the guidance articles).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.h"
#include "domain/warning.h"
#include "http/message.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// `text` with its first letter in upper case (ASCII and the Vietnamese letters: "ứng" -> "Ứng",
// "đ" -> "Đ"); other text unchanged.
std::string CapitalizeFirst(std::string_view text);

// "Giả danh công an, viện kiểm sát" / "Impersonating the police": the category's label in the
// page's language, first letter upper case.
std::string ContentCategoryLabel(const PageContext& context, domain::Category category);

// "/canh-bao/<slug>" for a warning, "/dinh-chinh/<slug>" for a clarification.
std::string PublicWarningPath(const domain::Warning& warning);

// The published warnings (or clarifications) list: ?q= search, ?category= filter, ?after= page.
http::Response WarningListPage(Shared& shared, const http::Request& request,
                               domain::WarningKind kind);

// One published warning or clarification by the {slug} path parameter: 404 for a draft or an
// unknown slug, 301 to the other list's path when the slug is of the other kind.
http::Response WarningDetailPage(Shared& shared, const http::Request& request,
                                 domain::WarningKind kind);

// The printable A4 poster of a published warning ({slug}).
http::Response WarningPosterPage(Shared& shared, const http::Request& request);

// The schema.org ClaimReview of clarification `warning` as JSON text safe to put inside a
// <script type="application/ld+json"> element: every '<', '>' and '&' is written as a \u escape
// (the same JSON string), so no text of the warning can end the element ("</script") or open a
// comment ("<!--"). Invalid UTF-8 in the warning is replaced. `page_url` is the clarification's
// absolute URL, `site_url` the portal's.
std::string ClaimReviewJsonLd(const domain::Warning& warning, std::string_view page_url,
                              std::string_view site_url);

// A guidance article (src/web/content/guidance/<slug>.<lang>.md, first line "# Title").
struct GuidanceArticle {
  std::string slug;
  std::string title;
  std::string markdown;  // without the title line
};

// The articles in the language `lang` ("vi" or "en"), in the order of kGuidanceOrder, then by
// slug. Read from the embedded assets once per call (a handful of small files).
std::vector<GuidanceArticle> GuidanceArticles(std::string_view lang);

// The guidance index and one article.
http::Response GuidanceListPage(Shared& shared, const http::Request& request);
http::Response GuidanceArticlePage(Shared& shared, const http::Request& request);

}  // namespace binhyen::web::internal
