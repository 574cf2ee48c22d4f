#include "service/articles.h"

#include <string>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/permissions.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "article:" + std::to_string(id); }

void CheckText(FieldErrors& errors, std::string_view field, std::string_view value, size_t min,
               size_t max) {
  if (value.size() < min) {
    errors.Add(field, "must not be empty");
  } else if (value.size() > max) {
    errors.Add(field, "must be at most " + std::to_string(max) + " bytes");
  } else if (HasNul(value)) {
    errors.Add(field, kNoNul);
  } else if (!text::IsValidUtf8(value)) {
    errors.Add(field, "must be valid UTF-8");
  }
}

// Checks every field of the draft (all errors at once) and fills `article`'s text, category
// and audiences from it.
base::Status FillFromDraft(const ArticleDraft& draft, domain::Article& article) {
  FieldErrors errors;
  article.title = std::string(base::TrimAscii(draft.title));
  article.summary = std::string(base::TrimAscii(draft.summary));
  article.body = draft.body;
  const std::string slug(base::TrimAscii(draft.slug));
  article.slug = slug.empty() ? ArticleSlugFromTitle(article.title) : slug;
  bool slug_ok = !article.slug.empty() && article.slug.size() <= domain::kMaxArticleSlugBytes;
  for (char c : article.slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) slug_ok = false;
  }
  if (!slug_ok) errors.Add("slug", "use only a-z, 0-9 and '-' (at most 120)");
  CheckText(errors, "title", article.title, 1, domain::kMaxArticleTitleBytes);
  CheckText(errors, "summary", article.summary, 0, domain::kMaxArticleSummaryBytes);
  CheckText(errors, "body", article.body, 1, domain::kMaxArticleBodyBytes);
  if (const auto category = domain::ParseArticleCategory(draft.category)) {
    article.category = *category;
  } else {
    errors.Add("category", "choose a category");
  }
  int64_t bits = 0;
  bool unknown = false;
  for (const std::string& name : draft.audiences) {
    if (const auto audience = domain::ParseAudience(name)) {
      bits |= domain::AudienceBits({*audience});
    } else {
      unknown = true;
    }
  }
  if (unknown) {
    errors.Add("audiences", "unknown audience");
  } else if (bits == 0) {
    errors.Add("audiences", "choose at least one");
  }
  article.audiences = domain::AudiencesFromBits(bits);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return domain::Validate(article);
}

}  // namespace

std::string ArticleSlugFromTitle(std::string_view title) {
  const std::string folded = text::FoldVietnamese(title);
  std::string slug;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (slug.size() >= 80) break;
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "bai-viet" : slug;
}

base::Status Articles::CheckCaller(const Principal& caller) const {
  if (!caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError("articles: programme:manage required");
  }
  return base::Status::Ok();
}

base::Result<store::Page<domain::Article>> Articles::ListPublished(store::ArticleFilter filter,
                                                                   const store::PageRequest& page) {
  filter.published_only = true;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Articles().List(filter, page);
}

base::Result<domain::Article> Articles::GetPublished(std::string_view slug) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article a, tx->Articles().GetBySlug(slug));
  if (a.status != domain::ArticleStatus::kPublished) {
    return base::NotFoundError("article '" + std::string(slug) + "': not found");
  }
  return a;
}

base::Result<domain::Article> Articles::CurrentCodeOfConduct() {
  store::ArticleFilter filter;
  filter.category = domain::ArticleCategory::kCodeOfConduct;
  BINHYEN_ASSIGN_OR_RETURN(auto page, ListPublished(filter, store::PageRequest{1, ""}));
  if (page.items.empty()) return base::NotFoundError("code of conduct: not published yet");
  return std::move(page.items.front());
}

base::Result<store::Page<domain::Article>> Articles::ListAll(store::ArticleFilter filter,
                                                             const store::PageRequest& page,
                                                             const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  filter.published_only = false;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Articles().List(filter, page);
}

base::Result<domain::Article> Articles::Get(std::string_view slug, const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Articles().GetBySlug(slug);
}

base::Result<domain::Article> Articles::Create(const ArticleDraft& draft, const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  domain::Article a;
  BINHYEN_RETURN_IF_ERROR(FillFromDraft(draft, a));
  a.author_id = caller.user_id;
  a.created_at = a.updated_at = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(a.id, tx->Articles().Create(a));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(a.created_at, caller.Actor(), "article.create",
                                                     Target(a.id), "draft \"" + a.title + "\""))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return a;
}

base::Result<domain::Article> Articles::Update(std::string_view slug, const ArticleDraft& draft,
                                               const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article a, tx->Articles().GetBySlug(slug));
  BINHYEN_RETURN_IF_ERROR(FillFromDraft(draft, a));
  a.updated_at = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(tx->Articles().Update(a));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(a.updated_at, caller.Actor(), "article.update",
                                                     Target(a.id), "\"" + a.title + "\""))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return a;
}

base::Result<domain::Article> Articles::SetStatus(std::string_view slug, bool published,
                                                  const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article a, tx->Articles().GetBySlug(slug));
  const domain::ArticleStatus to =
      published ? domain::ArticleStatus::kPublished : domain::ArticleStatus::kDraft;
  if (a.status == to) return a;
  const base::TimePoint now = clock_.Now();
  a.status = to;
  a.updated_at = now;
  a.published_at = published ? std::optional<base::TimePoint>(now) : std::nullopt;
  BINHYEN_RETURN_IF_ERROR(tx->Articles().Update(a));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(),
                                 published ? "article.publish" : "article.unpublish", Target(a.id),
                                 "\"" + a.title + "\""))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return a;
}

base::Result<domain::Article> Articles::Publish(std::string_view slug, const Principal& caller) {
  return SetStatus(slug, true, caller);
}

base::Result<domain::Article> Articles::Unpublish(std::string_view slug, const Principal& caller) {
  return SetStatus(slug, false, caller);
}

std::string_view CategoryLabel(domain::ArticleCategory category, bool vietnamese) {
  switch (category) {
    case domain::ArticleCategory::kScamAlert: return vietnamese ? "Cảnh báo lừa đảo" : "Scam alert";
    case domain::ArticleCategory::kLaw: return vietnamese ? "Pháp luật" : "Law";
    case domain::ArticleCategory::kGuidance: return vietnamese ? "Hướng dẫn" : "Guidance";
    case domain::ArticleCategory::kCodeOfConduct:
      return vietnamese ? "Quy tắc ứng xử" : "Code of conduct";
  }
  return "";
}

std::string_view AudienceLabel(domain::Audience audience, bool vietnamese) {
  switch (audience) {
    case domain::Audience::kOfficials: return vietnamese ? "Cán bộ, công chức" : "Officials";
    case domain::Audience::kStudents: return vietnamese ? "Học sinh, sinh viên" : "Students";
    case domain::Audience::kElderly: return vietnamese ? "Người cao tuổi" : "Elderly people";
    case domain::Audience::kBusinesses: return vietnamese ? "Doanh nghiệp" : "Businesses";
  }
  return "";
}

}  // namespace binhyen::service
