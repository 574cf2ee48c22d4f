// The awareness programme's content: articles and pledges to the code of conduct.
#include "store/postgres/article_repositories.h"

#include <string>
#include <utility>

#include "store/common.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_ARTICLE_COLUMNS                                                       \
  "id, slug, title, summary, body, category, audiences, status, author_id, created_at, " \
  "updated_at, published_at "
#define BINHYEN_PG_PLEDGE_COLUMNS \
  "id, article_id, name, unit_code, position, person_id, via, signed_at "
constexpr Sql kArticleInsert{
    "article_insert",
    "INSERT INTO articles (slug, title, summary, body, category, audiences, status, author_id, "
    "created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11) RETURNING id"};
constexpr Sql kArticleUpdate{
    "article_update",
    "UPDATE articles SET slug = $1, title = $2, summary = $3, body = $4, category = $5, "
    "audiences = $6, status = $7, updated_at = $8, published_at = $9 WHERE id = $10"};
constexpr Sql kArticleGet{"article_get",
                          "SELECT " BINHYEN_PG_ARTICLE_COLUMNS "FROM articles WHERE id = $1"};
constexpr Sql kArticleBySlug{"article_by_slug",
                             "SELECT " BINHYEN_PG_ARTICLE_COLUMNS "FROM articles WHERE slug = $1"};
constexpr Sql kArticleSlugTaken{"article_slug_taken",
                                "SELECT 1 FROM articles WHERE slug = $1 AND id <> $2"};
constexpr Sql kArticleExists{"article_exists", "SELECT 1 FROM articles WHERE id = $1"};
constexpr Sql kArticleUserExists{"article_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kArticlePublished{
    "article_published",
    "SELECT " BINHYEN_PG_ARTICLE_COLUMNS
    "FROM articles WHERE status = 'published' AND ($1::text IS NULL OR category = $1) "
    "AND ($2::bigint IS NULL OR (audiences & $2::bigint) <> 0) "
    "AND ($3::bigint IS NULL OR (published_at, id) < ($3::bigint, $4::bigint)) "
    "ORDER BY published_at DESC, id DESC LIMIT $5"};
constexpr Sql kArticleAll{"article_all",
                          "SELECT " BINHYEN_PG_ARTICLE_COLUMNS
                          "FROM articles WHERE ($1::text IS NULL OR category = $1) "
                          "AND ($2::bigint IS NULL OR (audiences & $2::bigint) <> 0) "
                          "AND ($3::bigint IS NULL OR (updated_at, id) < ($3::bigint, $4::bigint)) "
                          "ORDER BY updated_at DESC, id DESC LIMIT $5"};
constexpr Sql kPledgeUnitExists{"pledge_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kPledgePersonExists{"pledge_person_exists", "SELECT 1 FROM people WHERE id = $1"};
constexpr Sql kPledgeInsert{
    "pledge_insert",
    "INSERT INTO pledges (article_id, name, unit_code, position, person_id, via, signed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Sql kPledgeByPerson{"pledge_by_person",
                              "SELECT " BINHYEN_PG_PLEDGE_COLUMNS
                              "FROM pledges WHERE article_id = $1 AND person_id = $2"};
constexpr Sql kPledgeList{"pledge_list",
                          "SELECT " BINHYEN_PG_PLEDGE_COLUMNS
                          "FROM pledges WHERE article_id = $1 AND ($2::bigint IS NULL OR id < "
                          "$2::bigint) ORDER BY id DESC LIMIT $3"};
constexpr Sql kPledgeCounts{"pledge_counts",
                            "SELECT unit_code, count(*) AS n FROM pledges WHERE article_id = $1 "
                            "GROUP BY unit_code ORDER BY unit_code COLLATE \"C\""};
#undef BINHYEN_PG_ARTICLE_COLUMNS
#undef BINHYEN_PG_PLEDGE_COLUMNS

base::Status ArticleNotFound(int64_t id) {
  return base::NotFoundError("article " + std::to_string(id) + ": not found");
}

base::Result<domain::Article> ArticleFromRow(const pqxx::row& row) {
  domain::Article a;
  a.id = Int(row["id"]);
  a.slug = Text(row["slug"]);
  a.title = Text(row["title"]);
  a.summary = Text(row["summary"]);
  a.body = Text(row["body"]);
  BINHYEN_ASSIGN_OR_RETURN(a.category,
                           ParseColumn<domain::ArticleCategory>("category", Text(row["category"]),
                                                                domain::ParseArticleCategory));
  a.audiences = domain::AudiencesFromBits(Int(row["audiences"]));
  BINHYEN_ASSIGN_OR_RETURN(a.status,
                           ParseColumn<domain::ArticleStatus>("status", Text(row["status"]),
                                                              domain::ParseArticleStatus));
  a.author_id = Int(row["author_id"]);
  a.created_at = Time(row["created_at"]);
  a.updated_at = Time(row["updated_at"]);
  a.published_at = OptionalTime(row["published_at"]);
  return a;
}

base::Result<domain::Pledge> PledgeFromRow(const pqxx::row& row) {
  domain::Pledge p;
  p.id = Int(row["id"]);
  p.article_id = Int(row["article_id"]);
  p.name = Text(row["name"]);
  p.unit_code = Text(row["unit_code"]);
  p.position = Text(row["position"]);
  p.person_id = OptionalInt(row["person_id"]);
  BINHYEN_ASSIGN_OR_RETURN(
      p.via, ParseColumn<domain::PledgeVia>("via", Text(row["via"]), domain::ParsePledgeVia));
  p.signed_at = Time(row["signed_at"]);
  return p;
}

Params ArticleParams(const domain::Article& a) {
  Params p;
  p.Add(a.slug)
      .Add(a.title)
      .Add(a.summary)
      .Add(a.body)
      .Add(domain::Name(a.category))
      .Add(domain::AudienceBits(a.audiences))
      .Add(domain::Name(a.status));
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Articles

base::Result<int64_t> PgArticleRepository::Create(const domain::Article& a) {
  return s_.Write("articles.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    if (s_.Exec(kArticleUserExists, Params().Add(a.author_id)).empty()) {
      return base::NotFoundError("user " + std::to_string(a.author_id) + ": not found");
    }
    if (!s_.Exec(kArticleSlugTaken, Params().Add(a.slug).Add(int64_t{0})).empty()) {
      return base::AlreadyExistsError("slug: already exists");
    }
    Params params = ArticleParams(a);
    params.Add(a.author_id).AddTime(a.created_at).AddTime(a.updated_at).AddTime(a.published_at);
    const pqxx::result r = s_.Exec(kArticleInsert, params);
    return Int(r[0][0]);
  });
}

base::Status PgArticleRepository::Update(const domain::Article& a) {
  return s_.Write("articles.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    if (s_.Exec(kArticleExists, Params().Add(a.id)).empty()) return ArticleNotFound(a.id);
    if (!s_.Exec(kArticleSlugTaken, Params().Add(a.slug).Add(a.id)).empty()) {
      return base::AlreadyExistsError("slug: already exists");
    }
    Params params = ArticleParams(a);
    params.AddTime(a.updated_at).AddTime(a.published_at).Add(a.id);
    s_.Exec(kArticleUpdate, params);
    return base::Status::Ok();
  });
}

base::Result<domain::Article> PgArticleRepository::Get(int64_t id) {
  return s_.Read("articles.get", [&]() -> base::Result<domain::Article> {
    const pqxx::result r = s_.Exec(kArticleGet, Params().Add(id));
    if (r.empty()) return ArticleNotFound(id);
    return ArticleFromRow(r[0]);
  });
}

base::Result<domain::Article> PgArticleRepository::GetBySlug(std::string_view slug) {
  return s_.Read("articles.get_by_slug", [&]() -> base::Result<domain::Article> {
    const pqxx::result r = s_.Exec(kArticleBySlug, Params().Add(slug));
    if (r.empty()) return base::NotFoundError("article '" + std::string(slug) + "': not found");
    return ArticleFromRow(r[0]);
  });
}

base::Result<Page<domain::Article>> PgArticleRepository::List(const ArticleFilter& filter,
                                                              const PageRequest& page) {
  return s_.Read("articles.list", [&]() -> base::Result<Page<domain::Article>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    Params params;
    if (filter.category) {
      params.Add(domain::Name(*filter.category));
    } else {
      params.AddNull();
    }
    if (filter.audience) {
      params.Add(domain::AudienceBits({*filter.audience}));
    } else {
      params.AddNull();
    }
    if (after) {
      params.Add(after->micros).Add(after->id);
    } else {
      params.AddNull().AddNull();
    }
    params.Add(page.limit + 1);
    Page<domain::Article> out;
    for (const pqxx::row& row :
         s_.Exec(filter.published_only ? kArticlePublished : kArticleAll, params)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Article a, ArticleFromRow(row));
      out.items.push_back(std::move(a));
    }
    if (out.items.size() > static_cast<size_t>(page.limit)) {
      out.items.pop_back();
      const domain::Article& last = out.items.back();
      out.next = FormatTimeIdCursor(
          filter.published_only ? last.published_at.value_or(last.updated_at) : last.updated_at,
          last.id);
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Pledges

base::Result<int64_t> PgPledgeRepository::Create(const domain::Pledge& p) {
  return s_.Write("pledges.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    if (s_.Exec(kArticleExists, Params().Add(p.article_id)).empty()) {
      return ArticleNotFound(p.article_id);
    }
    if (s_.Exec(kPledgeUnitExists, Params().Add(p.unit_code)).empty()) {
      return base::NotFoundError("unit '" + p.unit_code + "': not found");
    }
    if (p.person_id) {
      if (s_.Exec(kPledgePersonExists, Params().Add(*p.person_id)).empty()) {
        return base::NotFoundError("person " + std::to_string(*p.person_id) + ": not found");
      }
      if (!s_.Exec(kPledgeByPerson, Params().Add(p.article_id).Add(*p.person_id)).empty()) {
        return base::AlreadyExistsError("person_id: already signed");
      }
    }
    const pqxx::result r = s_.Exec(kPledgeInsert, Params()
                                                      .Add(p.article_id)
                                                      .Add(p.name)
                                                      .Add(p.unit_code)
                                                      .Add(p.position)
                                                      .Add(p.person_id)
                                                      .Add(domain::Name(p.via))
                                                      .AddTime(p.signed_at));
    return Int(r[0][0]);
  });
}

base::Result<std::optional<domain::Pledge>> PgPledgeRepository::FindByPerson(int64_t article_id,
                                                                             int64_t person_id) {
  return s_.Read("pledges.find_by_person", [&]() -> base::Result<std::optional<domain::Pledge>> {
    const pqxx::result r = s_.Exec(kPledgeByPerson, Params().Add(article_id).Add(person_id));
    if (r.empty()) return std::optional<domain::Pledge>();
    BINHYEN_ASSIGN_OR_RETURN(domain::Pledge p, PledgeFromRow(r[0]));
    return std::optional<domain::Pledge>(std::move(p));
  });
}

base::Result<Page<domain::Pledge>> PgPledgeRepository::List(int64_t article_id,
                                                            const PageRequest& page) {
  return s_.Read("pledges.list", [&]() -> base::Result<Page<domain::Pledge>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    Page<domain::Pledge> out;
    for (const pqxx::row& row :
         s_.Exec(kPledgeList, Params().Add(article_id).Add(after).Add(page.limit + 1))) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Pledge p, PledgeFromRow(row));
      out.items.push_back(std::move(p));
    }
    if (out.items.size() > static_cast<size_t>(page.limit)) {
      out.items.pop_back();
      out.next = FormatIdCursor(out.items.back().id);
    }
    return out;
  });
}

base::Result<std::vector<UnitPledgeCount>> PgPledgeRepository::CountByUnit(int64_t article_id) {
  return s_.Read("pledges.count_by_unit", [&]() -> base::Result<std::vector<UnitPledgeCount>> {
    std::vector<UnitPledgeCount> out;
    for (const pqxx::row& row : s_.Exec(kPledgeCounts, Params().Add(article_id))) {
      out.push_back({Text(row["unit_code"]), Int(row["n"])});
    }
    return out;
  });
}

}  // namespace binhyen::store::postgres
