// Guidance articles (/huong-dan, /huong-dan/{slug}): Markdown files under
// src/web/content/guidance/<slug>.<vi|en>.md, compiled into the binary.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "render/markdown.h"
#include "web/internal/assets.h"
#include "web/internal/content_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr std::string_view kGuidancePrefix = "content/guidance/";
constexpr size_t kSummaryBytes = 180;

// The reading order of the index; articles not named here follow by slug.
constexpr std::array<std::string_view, 6> kGuidanceOrder = {
    "cuoc-goi-gia-danh-cong-an",
    "bao-ve-tai-khoan-ngan-hang-va-otp",
    "viec-nhe-luong-cao-nhiem-vu-online",
    "lo-chuyen-tien-thi-lam-gi",
    "bao-ve-nguoi-cao-tuoi",
    "quy-tac-ung-xu-tren-mang",
};

size_t OrderOf(std::string_view slug) {
  auto it = std::find(kGuidanceOrder.begin(), kGuidanceOrder.end(), slug);
  return static_cast<size_t>(it - kGuidanceOrder.begin());
}

// Splits "# Title\n\nBody" into the title and the body.
GuidanceArticle Parse(std::string slug, std::string_view text) {
  GuidanceArticle a;
  a.slug = std::move(slug);
  size_t end = text.find('\n');
  std::string_view first = text.substr(0, end);
  if (first.starts_with("# ")) {
    a.title = std::string(base::TrimAscii(first.substr(2)));
    a.markdown = end == std::string_view::npos ? "" : std::string(text.substr(end + 1));
  } else {
    a.title = a.slug;
    a.markdown = std::string(text);
  }
  return a;
}

const GuidanceArticle* Find(const std::vector<GuidanceArticle>& articles, std::string_view slug) {
  for (const GuidanceArticle& a : articles) {
    if (a.slug == slug) return &a;
  }
  return nullptr;
}

}  // namespace

std::vector<GuidanceArticle> GuidanceArticles(std::string_view lang) {
  std::string suffix = ".";
  suffix.append(lang).append(".md");
  std::vector<GuidanceArticle> out;
  for (const Asset& asset : EmbeddedAssets()) {
    std::string_view path = asset.path;
    if (!path.starts_with(kGuidancePrefix) || !path.ends_with(suffix)) continue;
    path.remove_prefix(kGuidancePrefix.size());
    path.remove_suffix(suffix.size());
    if (path.empty() || path.find('/') != std::string_view::npos) continue;
    out.push_back(Parse(std::string(path), asset.data));
  }
  std::sort(out.begin(), out.end(), [](const GuidanceArticle& a, const GuidanceArticle& b) {
    return std::pair(OrderOf(a.slug), a.slug) < std::pair(OrderOf(b.slug), b.slug);
  });
  return out;
}

http::Response GuidanceListPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  Data list{Data::type::list};
  for (const GuidanceArticle& a : GuidanceArticles(context.vi() ? "vi" : "en")) {
    Data item;
    item.set("title", a.title);
    item.set("href", "/huong-dan/" + a.slug);
    item.set("summary", render::MarkdownToText(a.markdown, kSummaryBytes));
    list.push_back(item);
  }
  Data data;
  data.set("articles", list);
  PageMeta meta;
  meta.title =
      std::string(context.Pick("Hướng dẫn phòng tránh lừa đảo", "Staying safe from scams"));
  meta.description = std::string(context.Pick(
      "Những bài hướng dẫn ngắn, dễ hiểu để nhận biết và phòng tránh lừa đảo trên mạng.",
      "Short, plain guides to spotting and avoiding online scams."));
  meta.canonical_url = shared.PublicUrl(request) + "/huong-dan";
  return RenderPage(shared.templates(), context, "guidance", std::move(data), meta);
}

http::Response GuidanceArticlePage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  const std::string_view slug = request.PathParam("slug");
  std::vector<GuidanceArticle> articles = GuidanceArticles(context.vi() ? "vi" : "en");
  const GuidanceArticle* article = Find(articles, slug);
  std::vector<GuidanceArticle> fallback;
  if (article == nullptr && !context.vi()) {  // an article not translated yet
    fallback = GuidanceArticles("vi");
    article = Find(fallback, slug);
  }
  if (article == nullptr) {
    return shared.ErrorPage(context, 404, "Không tìm thấy bài hướng dẫn", "Guide not found",
                            "Hãy xem danh sách bài hướng dẫn.", "See the list of guides.");
  }
  Data data;
  data.set("title", article->title);
  data.set("body_html", render::MarkdownToHtml(article->markdown, 0));
  Data others{Data::type::list};
  for (const GuidanceArticle& a : articles) {
    if (a.slug == article->slug) continue;
    Data item;
    item.set("title", a.title);
    item.set("href", "/huong-dan/" + a.slug);
    others.push_back(item);
  }
  data.set("others", others);
  PageMeta meta;
  meta.title = article->title;
  meta.description = render::MarkdownToText(article->markdown, 200);
  meta.og_type = "article";
  meta.canonical_url = shared.PublicUrl(request) + "/huong-dan/" + article->slug;
  return RenderPage(shared.templates(), context, "guidance_article", std::move(data), meta);
}

}  // namespace binhyen::web::internal
