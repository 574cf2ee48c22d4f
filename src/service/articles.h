#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/article.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// What a programme admin types (a form or a JSON body): names, not enum values, so that every
// wrong field can be reported at once.
struct ArticleDraft {
  std::string slug;                    // "" = made from the title
  std::string title;                   // trimmed; 1..300 bytes
  std::string summary;                 // trimmed; 0..1000 bytes
  std::string body;                    // Markdown; 1..200000 bytes
  std::string category;                // a domain::ArticleCategory name
  std::vector<std::string> audiences;  // domain::Audience names; at least one
};

// A URL slug made from a title: folded (no diacritics, lower case), every run of other
// characters turned into one '-', at most 80 bytes; "bai-viet" when nothing is left.
std::string ArticleSlugFromTitle(std::string_view title);

// Articles of the awareness programme: anyone reads the published ones; programme admins
// (Permission::kProgrammeManage) write drafts, publish and unpublish them. Every change is
// written with its audit entry in the same transaction ("article.create", "article.update",
// "article.publish", "article.unpublish"; target "article:<id>").
// Thread safety: thread-safe (holds references to thread-safe objects).
class Articles {
 public:
  // Both references must outlive the Articles.
  Articles(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

  // Published articles matching the category / audience (filter.published_only is forced).
  base::Result<store::Page<domain::Article>> ListPublished(store::ArticleFilter filter,
                                                           const store::PageRequest& page);
  // A published article; NotFound for a draft or an unknown slug (drafts are never public).
  base::Result<domain::Article> GetPublished(std::string_view slug);
  // The newest published article of category code-of-conduct; NotFound "code of conduct: not
  // published yet" when there is none.
  base::Result<domain::Article> CurrentCodeOfConduct();

  // For programme admins (PermissionDenied otherwise): every article, drafts included.
  base::Result<store::Page<domain::Article>> ListAll(store::ArticleFilter filter,
                                                     const store::PageRequest& page,
                                                     const Principal& caller);
  base::Result<domain::Article> Get(std::string_view slug, const Principal& caller);
  // A new draft. InvalidArgument with one line per wrong field ("title: must not be empty",
  // "category: choose a category", "audiences: choose at least one", ...); AlreadyExists
  // "slug: already exists".
  base::Result<domain::Article> Create(const ArticleDraft& draft, const Principal& caller);
  // Replaces the text, category and audiences of article `slug` (its status is kept). Errors
  // as Create, and NotFound.
  base::Result<domain::Article> Update(std::string_view slug, const ArticleDraft& draft,
                                       const Principal& caller);
  // Publishes (published_at = now) or takes back to draft. Idempotent. NotFound.
  base::Result<domain::Article> Publish(std::string_view slug, const Principal& caller);
  base::Result<domain::Article> Unpublish(std::string_view slug, const Principal& caller);

 private:
  base::Status CheckCaller(const Principal& caller) const;
  base::Result<domain::Article> SetStatus(std::string_view slug, bool published,
                                          const Principal& caller);

  store::Store& store_;
  const base::Clock& clock_;
};

// The Vietnamese / English labels of categories and audiences, for pages and lists.
std::string_view CategoryLabel(domain::ArticleCategory category, bool vietnamese);
std::string_view AudienceLabel(domain::Audience audience, bool vietnamese);

}  // namespace binhyen::service
