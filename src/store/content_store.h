#pragma once

// The awareness programme's content (migration 0007): articles and pledges to the code of
// conduct. Included by store/store.h (which defines Page and PageRequest before including this
// header's users); this header names only base and domain types plus the two it declares here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/article.h"

namespace binhyen::store {

struct PageRequest;
template <typename T>
struct Page;

// The filter of ArticleRepository::List; unset fields match everything.
struct ArticleFilter {
  std::optional<domain::ArticleCategory> category;
  std::optional<domain::Audience> audience;  // articles whose audiences include it
  bool published_only = true;                // false: drafts too (the console)
};

// General contract: store/store.h. Thread safety: confine to the transaction's thread.
class ArticleRepository {
 public:
  virtual ~ArticleRepository() = default;

  // Ignores article.id. AlreadyExists "slug: already exists"; NotFound "user <id>: not found"
  // when author_id names no user. Returns the id.
  virtual base::Result<int64_t> Create(const domain::Article& article) = 0;
  // Replaces every field of article `article.id` except author_id and created_at. NotFound
  // "article <id>: not found"; AlreadyExists "slug: already exists".
  virtual base::Status Update(const domain::Article& article) = 0;
  // NotFound "article <id>: not found".
  virtual base::Result<domain::Article> Get(int64_t id) = 0;
  // NotFound "article '<slug>': not found".
  virtual base::Result<domain::Article> GetBySlug(std::string_view slug) = 0;
  // published_only: published articles matching `filter`, newest published_at first (then id
  // descending), cursor on (published_at, id). Otherwise every article matching, most recently
  // updated first (updated_at descending, then id descending), cursor on (updated_at, id).
  // limit 1..1000.
  virtual base::Result<Page<domain::Article>> List(const ArticleFilter& filter,
                                                   const PageRequest& page) = 0;
};

// How many pledges name one unit (directly, not its children).
struct UnitPledgeCount {
  std::string unit_code;
  int64_t count = 0;
  friend bool operator==(const UnitPledgeCount&, const UnitPledgeCount&) = default;
};

class PledgeRepository {
 public:
  virtual ~PledgeRepository() = default;

  // Ignores pledge.id. NotFound "article <id>: not found", "unit '<code>': not found", "person
  // <id>: not found"; AlreadyExists "person_id: already signed" when the person already
  // pledged to this article. Returns the id.
  virtual base::Result<int64_t> Create(const domain::Pledge& pledge) = 0;
  // The pledge of person `person_id` to article `article_id`, if any.
  virtual base::Result<std::optional<domain::Pledge>> FindByPerson(int64_t article_id,
                                                                   int64_t person_id) = 0;
  // The pledges to article `article_id`, newest first (id descending); id cursor; limit
  // 1..1000.
  virtual base::Result<Page<domain::Pledge>> List(int64_t article_id, const PageRequest& page) = 0;
  // The number of pledges to article `article_id` per unit that has any, unit_code ascending
  // (bytewise).
  virtual base::Result<std::vector<UnitPledgeCount>> CountByUnit(int64_t article_id) = 0;
};

}  // namespace binhyen::store
