// The awareness programme's content: articles and pledges to the code of conduct.
#include "store/sqlite/articles.h"

#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kArticleColumns =
    "id, slug, title, summary, body, category, audiences, status, author_id, created_at, "
    "updated_at, published_at";
constexpr std::string_view kPledgeColumns =
    "id, article_id, name, unit_code, position, person_id, via, signed_at";

base::Status ArticleNotFound(int64_t id) {
  return base::NotFoundError("article " + std::to_string(id) + ": not found");
}

base::Result<domain::Article> ReadArticle(const Statement& s) {
  domain::Article a;
  a.id = s.Int(0);
  a.slug = s.Text(1);
  a.title = s.Text(2);
  a.summary = s.Text(3);
  a.body = s.Text(4);
  const std::string category = s.Text(5);
  BINHYEN_ASSIGN_OR_RETURN(
      a.category, ParseStored(domain::ParseArticleCategory(category), "category", category));
  a.audiences = domain::AudiencesFromBits(s.Int(6));
  const std::string status = s.Text(7);
  BINHYEN_ASSIGN_OR_RETURN(a.status,
                           ParseStored(domain::ParseArticleStatus(status), "status", status));
  a.author_id = s.Int(8);
  a.created_at = s.Time(9);
  a.updated_at = s.Time(10);
  a.published_at = s.OptionalTime(11);
  return a;
}

base::Result<domain::Pledge> ReadPledge(const Statement& s) {
  domain::Pledge p;
  p.id = s.Int(0);
  p.article_id = s.Int(1);
  p.name = s.Text(2);
  p.unit_code = s.Text(3);
  p.position = s.Text(4);
  p.person_id = s.OptionalInt(5);
  const std::string via = s.Text(6);
  BINHYEN_ASSIGN_OR_RETURN(p.via, ParseStored(domain::ParsePledgeVia(via), "via", via));
  p.signed_at = s.Time(7);
  return p;
}

base::Status Exists(Connection& c, std::string_view sql, auto key, base::Status missing) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  s->Bind(1, key);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : missing;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Articles

base::Status SqliteArticles::CheckSlugFree(std::string_view slug, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT 1 FROM articles WHERE slug = ? AND id <> ?"));
  s->Bind(1, slug).Bind(2, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::AlreadyExistsError("slug: already exists") : base::Status::Ok();
}

base::Result<int64_t> SqliteArticles::Create(const domain::Article& a) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), a.author_id));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(a.slug, 0));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO articles (slug, title, summary, body, category, audiences, "
                    "status, author_id, created_at, updated_at, published_at) VALUES (?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, a.slug)
        .Bind(2, a.title)
        .Bind(3, a.summary)
        .Bind(4, a.body)
        .Bind(5, domain::Name(a.category))
        .Bind(6, domain::AudienceBits(a.audiences))
        .Bind(7, domain::Name(a.status))
        .Bind(8, a.author_id)
        .Bind(9, a.created_at)
        .Bind(10, a.updated_at)
        .Bind(11, a.published_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Status SqliteArticles::Update(const domain::Article& a) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    BINHYEN_RETURN_IF_ERROR(Exists(tx_.connection(), "SELECT 1 FROM articles WHERE id = ?", a.id,
                                   ArticleNotFound(a.id)));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(a.slug, a.id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE articles SET slug = ?, title = ?, summary = ?, body = ?, category = "
                    "?, audiences = ?, status = ?, updated_at = ?, published_at = ? WHERE id = ?"));
    s->Bind(1, a.slug)
        .Bind(2, a.title)
        .Bind(3, a.summary)
        .Bind(4, a.body)
        .Bind(5, domain::Name(a.category))
        .Bind(6, domain::AudienceBits(a.audiences))
        .Bind(7, domain::Name(a.status))
        .Bind(8, a.updated_at)
        .Bind(9, a.published_at)
        .Bind(10, a.id);
    return s->Run();
  });
}

base::Result<domain::Article> SqliteArticles::Load(std::string_view where, int64_t id,
                                                   std::string_view slug) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT " + std::string(kArticleColumns) +
                                                    " FROM articles WHERE " + std::string(where)));
  if (slug.empty()) {
    s->Bind(1, id);
  } else {
    s->Bind(1, slug);
  }
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) {
    if (slug.empty()) return ArticleNotFound(id);
    return base::NotFoundError("article '" + std::string(slug) + "': not found");
  }
  return ReadArticle(*s);
}

base::Result<domain::Article> SqliteArticles::Get(int64_t id) {
  return tx_.Read([&] { return Load("id = ?", id, ""); });
}

base::Result<domain::Article> SqliteArticles::GetBySlug(std::string_view slug) {
  return tx_.Read([&]() -> base::Result<domain::Article> {
    if (slug.empty()) return base::NotFoundError("article '': not found");
    return Load("slug = ?", 0, slug);
  });
}

base::Result<Page<domain::Article>> SqliteArticles::List(const ArticleFilter& filter,
                                                         const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Article>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    const std::string key = filter.published_only ? "published_at" : "updated_at";
    std::string sql = "SELECT " + std::string(kArticleColumns) + " FROM articles WHERE 1 = 1";
    if (filter.published_only) sql += " AND status = 'published'";
    if (filter.category) sql += " AND category = ?1";
    if (filter.audience) sql += " AND (audiences & ?2) <> 0";
    if (after) sql += " AND (" + key + " < ?3 OR (" + key + " = ?3 AND id < ?4))";
    sql += " ORDER BY " + key + " DESC, id DESC LIMIT ?5";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    if (filter.category) s->Bind(1, domain::Name(*filter.category));
    if (filter.audience) s->Bind(2, domain::AudienceBits({*filter.audience}));
    if (after) s->Bind(3, after->micros).Bind(4, after->id);
    s->Bind(5, static_cast<int64_t>(page.limit) + 1);
    Page<domain::Article> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::Article a, ReadArticle(*s));
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

base::Status SqlitePledges::CheckReferences(const domain::Pledge& p) {
  Connection& c = tx_.connection();
  BINHYEN_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM articles WHERE id = ?", p.article_id,
                                 ArticleNotFound(p.article_id)));
  BINHYEN_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM units WHERE code = ?",
                                 std::string_view(p.unit_code),
                                 base::NotFoundError("unit '" + p.unit_code + "': not found")));
  if (!p.person_id) return base::Status::Ok();
  BINHYEN_RETURN_IF_ERROR(
      Exists(c, "SELECT 1 FROM people WHERE id = ?", *p.person_id,
             base::NotFoundError("person " + std::to_string(*p.person_id) + ": not found")));
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, c.Prepare("SELECT 1 FROM pledges WHERE article_id = ? AND person_id = ?"));
  s->Bind(1, p.article_id).Bind(2, *p.person_id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::AlreadyExistsError("person_id: already signed") : base::Status::Ok();
}

base::Result<int64_t> SqlitePledges::Create(const domain::Pledge& p) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(CheckReferences(p));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO pledges (article_id, name, unit_code, position, person_id, via, "
                    "signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, p.article_id)
        .Bind(2, p.name)
        .Bind(3, p.unit_code)
        .Bind(4, p.position)
        .Bind(5, p.person_id)
        .Bind(6, domain::Name(p.via))
        .Bind(7, p.signed_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(tx_.connection().db()));
  });
}

base::Result<std::optional<domain::Pledge>> SqlitePledges::FindByPerson(int64_t article_id,
                                                                        int64_t person_id) {
  return tx_.Read([&]() -> base::Result<std::optional<domain::Pledge>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kPledgeColumns) +
                                         " FROM pledges WHERE article_id = ? AND person_id = ?"));
    s->Bind(1, article_id).Bind(2, person_id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<domain::Pledge>();
    BINHYEN_ASSIGN_OR_RETURN(domain::Pledge p, ReadPledge(*s));
    return std::optional<domain::Pledge>(std::move(p));
  });
}

base::Result<Page<domain::Pledge>> SqlitePledges::List(int64_t article_id,
                                                       const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Pledge>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    std::string sql =
        "SELECT " + std::string(kPledgeColumns) + " FROM pledges WHERE article_id = ?1";
    if (after) sql += " AND id < ?2";
    sql += " ORDER BY id DESC LIMIT ?3";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    s->Bind(1, article_id);
    if (after) s->Bind(2, *after);
    s->Bind(3, static_cast<int64_t>(page.limit) + 1);
    Page<domain::Pledge> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::Pledge p, ReadPledge(*s));
      out.items.push_back(std::move(p));
    }
    if (out.items.size() > static_cast<size_t>(page.limit)) {
      out.items.pop_back();
      out.next = FormatIdCursor(out.items.back().id);
    }
    return out;
  });
}

base::Result<std::vector<UnitPledgeCount>> SqlitePledges::CountByUnit(int64_t article_id) {
  return tx_.Read([&]() -> base::Result<std::vector<UnitPledgeCount>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT unit_code, count(*) FROM pledges WHERE "
                                         "article_id = ? GROUP BY unit_code ORDER BY unit_code"));
    s->Bind(1, article_id);
    std::vector<UnitPledgeCount> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.push_back({s->Text(0), s->Int(1)});
    }
    return out;
  });
}

}  // namespace binhyen::store::sqlite
