// The public content pages' routes: warnings, clarifications, guidance (content_*.cc), and the
// privacy and about pages (static text in their templates).
#include "web/internal/content_pages.h"

#include <string>
#include <string_view>
#include <utility>

#include "service/check_explanation.h"

namespace binhyen::web::internal {
namespace {

// A page whose text is all in its template.
http::Response TextPage(Shared& shared, const http::Request& request, std::string_view name,
                        std::string_view title_vi, std::string_view title_en,
                        std::string_view description_vi, std::string_view description_en) {
  PageContext context = shared.Context(request);
  PageMeta meta;
  meta.title = std::string(context.Pick(title_vi, title_en));
  meta.description = std::string(context.Pick(description_vi, description_en));
  meta.canonical_url = shared.PublicUrl(request) + context.path;
  return RenderPage(shared.templates(), context, name, Data{}, meta);
}

// The upper-case letter of a lower-case Vietnamese (Latin) letter `c`; `c` itself otherwise.
char32_t UpperVietnamese(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;    // à..þ
  if (c >= 0x100 && c <= 0x17F && c % 2 == 1) return c - 1;    // ă đ ĩ ũ ...
  if (c == 0x1A1 || c == 0x1B0) return c - 1;                  // ơ ư
  if (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 1) return c - 1;  // ạ ả ấ ... ỹ
  return c;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string CapitalizeFirst(std::string_view text) {
  if (text.empty()) return "";
  const auto byte = [&](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
  };
  char32_t c = byte(0);
  size_t length = 1;
  if ((c & 0xE0) == 0xC0 && text.size() >= 2 && (byte(1) & 0xC0) == 0x80) {
    c = ((c & 0x1F) << 6) | (byte(1) & 0x3F);
    length = 2;
  } else if ((c & 0xF0) == 0xE0 && text.size() >= 3 && (byte(1) & 0xC0) == 0x80 &&
             (byte(2) & 0xC0) == 0x80) {
    c = ((c & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    length = 3;
  } else if (c >= 0x80) {
    return std::string(text);  // not a letter we change
  }
  const char32_t upper = UpperVietnamese(c);
  if (upper == c) return std::string(text);
  std::string out;
  AppendUtf8(out, upper);
  out.append(text.substr(length));
  return out;
}

std::string ContentCategoryLabel(const PageContext& context, domain::Category category) {
  const std::string_view name = domain::Name(category);
  return CapitalizeFirst(context.vi() ? service::CategoryLabelVi(name)
                                      : service::CategoryLabelEn(name));
}

std::string PublicWarningPath(const domain::Warning& warning) {
  return (warning.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") +
         warning.slug;
}

void RegisterContentPages(http::Router& router, Shared& shared) {
  using domain::WarningKind;
  router.Add(http::Method::kGet, "/canh-bao", [&shared](http::Request& r) {
    return WarningListPage(shared, r, WarningKind::kWarning);
  });
  router.Add(http::Method::kGet, "/canh-bao/{slug}", [&shared](http::Request& r) {
    return WarningDetailPage(shared, r, WarningKind::kWarning);
  });
  router.Add(http::Method::kGet, "/canh-bao/{slug}/ap-phich",
             [&shared](http::Request& r) { return WarningPosterPage(shared, r); });
  router.Add(http::Method::kGet, "/dinh-chinh", [&shared](http::Request& r) {
    return WarningListPage(shared, r, WarningKind::kClarification);
  });
  router.Add(http::Method::kGet, "/dinh-chinh/{slug}", [&shared](http::Request& r) {
    return WarningDetailPage(shared, r, WarningKind::kClarification);
  });
  // Guidance and the text pages read only embedded files: they never block.
  http::RouteOptions in_memory;
  in_memory.blocking = false;
  router.Add(
      http::Method::kGet, "/huong-dan",
      [&shared](http::Request& r) { return GuidanceListPage(shared, r); }, in_memory);
  router.Add(
      http::Method::kGet, "/huong-dan/{slug}",
      [&shared](http::Request& r) { return GuidanceArticlePage(shared, r); }, in_memory);
  router.Add(
      http::Method::kGet, "/rieng-tu",
      [&shared](http::Request& r) {
        return TextPage(shared, r, "privacy", "Quyền riêng tư", "Privacy",
                        "Bình Yên thu thập gì, công khai gì, lưu bao lâu và cách yêu cầu xóa.",
                        "What Bình Yên collects, what it publishes, how long it keeps it and how "
                        "to ask for deletion.");
      },
      in_memory);
  router.Add(
      http::Method::kGet, "/gioi-thieu",
      [&shared](http::Request& r) {
        return TextPage(shared, r, "about", "Giới thiệu Bình Yên", "About Bình Yên",
                        "Phong trào toàn dân bảo vệ an ninh, an toàn không gian mạng: ai vận "
                        "hành, cách xác minh, dữ liệu mở cho đối tác.",
                        "The community cyber-safety movement: who runs it, how reports are "
                        "verified, open data for partners.");
      },
      in_memory);
}

}  // namespace binhyen::web::internal
