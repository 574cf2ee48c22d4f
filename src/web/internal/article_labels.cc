// Labels and field messages shared by the content pages (article_pages.h).
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "base/strings.h"
#include "service/articles.h"
#include "web/internal/article_pages.h"

namespace binhyen::web::internal {
namespace {

// The Vietnamese wording of the services' English reasons for the content forms' fields.
std::string Vietnamese(std::string_view field, std::string_view what) {
  if (what == "must not be empty") {
    if (field == "name") return "Vui lòng nhập họ và tên.";
    if (field == "title") return "Vui lòng nhập tiêu đề.";
    if (field == "body") return "Vui lòng nhập nội dung bài viết.";
    return "Vui lòng nhập mục này.";
  }
  if (what.starts_with("must be at most")) return "Nội dung quá dài.";
  if (field == "unit_code") return "Vui lòng chọn đơn vị của bạn.";
  if (field == "category") return "Vui lòng chọn chuyên mục.";
  if (field == "audiences") return "Vui lòng chọn ít nhất một đối tượng.";
  if (field == "slug") {
    if (what == "already exists") return "Đường dẫn này đã được bài khác dùng; hãy đổi đường dẫn.";
    return "Đường dẫn chỉ gồm chữ a-z không dấu, số 0-9 và dấu gạch ngang.";
  }
  return "Giá trị chưa hợp lệ.";
}

}  // namespace

Data ArticleCategoryOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::ArticleCategory c : domain::kAllArticleCategories) {
    Data item;
    item.set("value", std::string(domain::Name(c)));
    item.set("label", std::string(service::CategoryLabel(c, context.vi())));
    item.set("selected", Data(domain::Name(c) == selected));
    list.push_back(item);
  }
  return list;
}

Data AudienceOptions(const PageContext& context, const std::vector<std::string>& selected) {
  Data list{Data::type::list};
  for (domain::Audience a : domain::kAllAudiences) {
    const std::string name(domain::Name(a));
    Data item;
    item.set("value", name);
    item.set("id", "audience-" + name);
    item.set("label", std::string(service::AudienceLabel(a, context.vi())));
    const bool on = std::find(selected.begin(), selected.end(), name) != selected.end();
    item.set("selected", Data(on));
    list.push_back(item);
  }
  return list;
}

std::string AudienceList(const PageContext& context, const std::vector<domain::Audience>& list) {
  std::string out;
  for (domain::Audience a : list) {
    if (!out.empty()) out += ", ";
    out += service::AudienceLabel(a, context.vi());
  }
  return out;
}

std::vector<FieldMessage> ContentFieldMessages(const base::Status& status) {
  std::vector<FieldMessage> out;
  for (std::string_view line : base::Split(status.message(), '\n')) {
    line = base::TrimAscii(line);
    if (line.empty()) continue;
    const size_t colon = line.find(": ");
    std::string field(colon == std::string_view::npos ? "form" : line.substr(0, colon));
    const std::string_view what = colon == std::string_view::npos ? line : line.substr(colon + 2);
    std::string en(what);
    if (!en.empty()) en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en[0])));
    out.push_back({field, Vietnamese(field, what), en});
  }
  return out;
}

}  // namespace binhyen::web::internal
