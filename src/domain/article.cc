#include "domain/article.h"

#include <string>

namespace binhyen::domain {
namespace {

constexpr std::array<std::string_view, 4> kCategoryNames = {"scam-alert", "law", "guidance",
                                                            "code-of-conduct"};
constexpr std::array<std::string_view, 4> kAudienceNames = {"officials", "students", "elderly",
                                                            "businesses"};

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

base::Status CheckLength(std::string_view field, std::string_view value, size_t min, size_t max) {
  if (value.size() < min) return Bad(field, "must not be empty");
  if (value.size() > max) return Bad(field, "must be at most " + std::to_string(max) + " bytes");
  return base::Status::Ok();
}

}  // namespace

std::string_view Name(ArticleCategory v) { return kCategoryNames[static_cast<size_t>(v)]; }

std::optional<ArticleCategory> ParseArticleCategory(std::string_view name) {
  for (ArticleCategory c : kAllArticleCategories) {
    if (Name(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view Name(Audience v) { return kAudienceNames[static_cast<size_t>(v)]; }

std::optional<Audience> ParseAudience(std::string_view name) {
  for (Audience a : kAllAudiences) {
    if (Name(a) == name) return a;
  }
  return std::nullopt;
}

int64_t AudienceBits(const std::vector<Audience>& audiences) {
  int64_t bits = 0;
  for (Audience a : audiences) bits |= int64_t{1} << static_cast<int>(a);
  return bits;
}

std::vector<Audience> AudiencesFromBits(int64_t bits) {
  std::vector<Audience> out;
  for (Audience a : kAllAudiences) {
    if ((bits & (int64_t{1} << static_cast<int>(a))) != 0) out.push_back(a);
  }
  return out;
}

std::string_view Name(ArticleStatus v) {
  return v == ArticleStatus::kPublished ? "published" : "draft";
}

std::optional<ArticleStatus> ParseArticleStatus(std::string_view name) {
  if (name == "draft") return ArticleStatus::kDraft;
  if (name == "published") return ArticleStatus::kPublished;
  return std::nullopt;
}

base::Status Validate(const Article& article) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("slug", article.slug, 1, kMaxArticleSlugBytes));
  for (char c : article.slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return Bad("slug", "only a-z, 0-9 and '-' are allowed");
    }
  }
  BINHYEN_RETURN_IF_ERROR(CheckLength("title", article.title, 1, kMaxArticleTitleBytes));
  BINHYEN_RETURN_IF_ERROR(CheckLength("summary", article.summary, 0, kMaxArticleSummaryBytes));
  BINHYEN_RETURN_IF_ERROR(CheckLength("body", article.body, 1, kMaxArticleBodyBytes));
  if (article.audiences.empty()) return Bad("audiences", "choose at least one");
  if (AudiencesFromBits(AudienceBits(article.audiences)) != article.audiences) {
    return Bad("audiences", "must be in order, each once");
  }
  if ((article.status == ArticleStatus::kPublished) != article.published_at.has_value()) {
    return Bad("published_at", "must be set exactly when published");
  }
  return base::Status::Ok();
}

std::string_view Name(PledgeVia v) { return v == PledgeVia::kLink ? "link" : "form"; }

std::optional<PledgeVia> ParsePledgeVia(std::string_view name) {
  if (name == "form") return PledgeVia::kForm;
  if (name == "link") return PledgeVia::kLink;
  return std::nullopt;
}

base::Status Validate(const Pledge& pledge) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("name", pledge.name, 1, kMaxPledgeNameBytes));
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit_code", pledge.unit_code, 1, 1000));
  BINHYEN_RETURN_IF_ERROR(CheckLength("position", pledge.position, 0, kMaxPledgePositionBytes));
  if ((pledge.via == PledgeVia::kLink) != pledge.person_id.has_value()) {
    return Bad("person_id", "a link pledge names its person, a form pledge none");
  }
  return base::Status::Ok();
}

}  // namespace binhyen::domain
