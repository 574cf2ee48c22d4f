#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

base::Status NotFound(int64_t id) {
  return base::NotFoundError("warning " + std::to_string(id) + ": not found");
}

// Binds a warning's category as stored: its name, or NULL.
void BindCategory(Statement& s, int index, const std::optional<domain::Category>& category) {
  if (category) {
    s.Bind(index, domain::Name(*category));
  } else {
    s.BindNull(index);
  }
}

}  // namespace

base::Status SqliteWarnings::Exists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM warnings WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : NotFound(id);
}

base::Status SqliteWarnings::CheckSlugFree(std::string_view slug, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT 1 FROM warnings WHERE slug = ? AND id <> ?"));
  s->Bind(1, slug).Bind(2, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::AlreadyExistsError("slug: already exists") : base::Status::Ok();
}

base::Status SqliteWarnings::CheckReport(std::optional<int64_t> report_id) {
  if (!report_id) return base::Status::Ok();
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM reports WHERE id = ?"));
  s->Bind(1, *report_id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : ReportNotFound(*report_id);
}

base::Status SqliteWarnings::WriteChildren(const domain::Warning& w, int64_t id) {
  Connection& c = tx_.connection();
  for (const domain::WarningIndicator& ind : w.indicators) {
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("INSERT INTO warning_indicators (warning_id, kind, "
                                               "canonical) VALUES (?, ?, ?)"));
    s->Bind(1, id).Bind(2, indicator::KindName(ind.kind)).Bind(3, ind.canonical);
    BINHYEN_RETURN_IF_ERROR(s->Run());
  }
  BINHYEN_ASSIGN_OR_RETURN(
      auto fts, c.Prepare("INSERT INTO warnings_fts (rowid, title, body) VALUES (?, ?, ?)"));
  fts->Bind(1, id).Bind(2, FoldForSearch(w.title)).Bind(3, FoldForSearch(w.body));
  return fts->Run();
}

base::Result<int64_t> SqliteWarnings::Create(const domain::Warning& w) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
    BINHYEN_RETURN_IF_ERROR(CheckReport(w.report_id));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(w.slug, 0));  // see Update
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "INSERT INTO warnings (kind, slug, title, body, published_at, created_at, "
                    "updated_at, category, report_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, domain::Name(w.kind))
        .Bind(2, w.slug)
        .Bind(3, w.title)
        .Bind(4, w.body)
        .Bind(5, w.published_at)
        .Bind(6, w.created_at)
        .Bind(7, w.updated_at)
        .Bind(9, w.report_id);
    BindCategory(*s, 8, w.category);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(tx_.connection().db());
    BINHYEN_RETURN_IF_ERROR(WriteChildren(w, id));
    return id;
  });
}

base::Status SqliteWarnings::Update(const domain::Warning& w) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
    BINHYEN_RETURN_IF_ERROR(CheckReport(w.report_id));
    // Existence and slug are checked before writing, so that the UPDATE cannot fail on input:
    // since version 5 this table has a foreign key, so the UPDATE opens a statement journal,
    // which makes FTS5 flush the transaction's pending warnings_fts rows; those writes move
    // sqlite3_total_changes even when the UPDATE then fails, and TxContext would (rightly)
    // treat the failure as a partial write and poison the transaction.
    BINHYEN_RETURN_IF_ERROR(Exists(w.id));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(w.slug, w.id));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("UPDATE warnings SET kind = ?, slug = ?, title = ?, "
                                               "body = ?, published_at = ?, updated_at = ?, "
                                               "category = ?, report_id = ? WHERE id = ?"));
    s->Bind(1, domain::Name(w.kind))
        .Bind(2, w.slug)
        .Bind(3, w.title)
        .Bind(4, w.body)
        .Bind(5, w.published_at)
        .Bind(6, w.updated_at)
        .Bind(8, w.report_id)
        .Bind(9, w.id);
    BindCategory(*s, 7, w.category);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(c.db()) == 0) return NotFound(w.id);
    BINHYEN_ASSIGN_OR_RETURN(auto del, c.Prepare("DELETE FROM warning_indicators WHERE "
                                                 "warning_id = ?"));
    del->Bind(1, w.id);
    BINHYEN_RETURN_IF_ERROR(del->Run());
    BINHYEN_ASSIGN_OR_RETURN(auto fts, c.Prepare("DELETE FROM warnings_fts WHERE rowid = ?"));
    fts->Bind(1, w.id);
    BINHYEN_RETURN_IF_ERROR(fts->Run());
    return WriteChildren(w, w.id);
  });
}

base::Result<domain::Warning> SqliteWarnings::Load(int64_t id) {
  Connection& c = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           c.Prepare("SELECT kind, slug, title, body, published_at, created_at, "
                                     "updated_at, category, report_id FROM warnings WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NotFound(id);
  domain::Warning w;
  w.id = id;
  const std::string kind = s->Text(0);
  BINHYEN_ASSIGN_OR_RETURN(w.kind, ParseStored(domain::ParseWarningKind(kind), "kind", kind));
  w.slug = s->Text(1);
  w.title = s->Text(2);
  w.body = s->Text(3);
  w.published_at = s->OptionalTime(4);
  w.created_at = s->Time(5);
  w.updated_at = s->Time(6);
  if (!s->IsNull(7)) {
    const std::string category = s->Text(7);
    BINHYEN_ASSIGN_OR_RETURN(w.category,
                             ParseStored(domain::ParseCategory(category), "category", category));
  }
  w.report_id = s->OptionalInt(8);
  s.reset();
  BINHYEN_ASSIGN_OR_RETURN(auto ind, c.Prepare("SELECT kind, canonical FROM warning_indicators "
                                               "WHERE warning_id = ? ORDER BY id"));
  ind->Bind(1, id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, ind->Step());
    if (!more) break;
    const std::string k = ind->Text(0);
    BINHYEN_ASSIGN_OR_RETURN(auto parsed, ParseStored(indicator::ParseKind(k), "kind", k));
    w.indicators.push_back({parsed, ind->Text(1)});
  }
  return w;
}

base::Result<domain::Warning> SqliteWarnings::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<domain::Warning> SqliteWarnings::GetBySlug(std::string_view slug) {
  return tx_.Read([&]() -> base::Result<domain::Warning> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT id FROM warnings WHERE slug = ?"));
    s->Bind(1, slug);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("warning '" + std::string(slug) + "': not found");
    const int64_t id = s->Int(0);
    s.reset();
    return Load(id);
  });
}

base::Result<Page<domain::Warning>> SqliteWarnings::ListPublished(const WarningFilter& filter,
                                                                  base::TimePoint now,
                                                                  const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Warning>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    std::string sql =
        "SELECT id FROM warnings WHERE published_at IS NOT NULL AND published_at <= ?1";
    if (filter.kind) sql += " AND kind = ?2";
    if (filter.category) sql += " AND category = ?6";
    if (after) sql += " AND (published_at < ?3 OR (published_at = ?3 AND id < ?4))";
    sql += " ORDER BY published_at DESC, id DESC LIMIT ?5";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    s->Bind(1, now);
    if (filter.kind) s->Bind(2, domain::Name(*filter.kind));
    if (filter.category) s->Bind(6, domain::Name(*filter.category));
    if (after) s->Bind(3, after->micros).Bind(4, after->id);
    s->Bind(5, static_cast<int64_t>(page.limit) + 1);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    s.reset();
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    Page<domain::Warning> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Warning w, Load(id));
      out.items.push_back(std::move(w));
    }
    if (more) out.next = FormatTimeIdCursor(*out.items.back().published_at, out.items.back().id);
    return out;
  });
}

base::Result<Page<domain::Warning>> SqliteWarnings::ListAll(const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Warning>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    std::string sql = "SELECT id FROM warnings";
    if (after) sql += " WHERE updated_at < ?1 OR (updated_at = ?1 AND id < ?2)";
    sql += " ORDER BY updated_at DESC, id DESC LIMIT ?3";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    if (after) s->Bind(1, after->micros).Bind(2, after->id);
    s->Bind(3, static_cast<int64_t>(page.limit) + 1);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    s.reset();
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    Page<domain::Warning> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Warning w, Load(id));
      out.items.push_back(std::move(w));
    }
    if (more) out.next = FormatTimeIdCursor(out.items.back().updated_at, out.items.back().id);
    return out;
  });
}

base::Result<std::vector<int64_t>> SqliteWarnings::FindByIndicator(indicator::Kind kind,
                                                                   std::string_view canonical) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT w.id FROM warning_indicators i JOIN warnings w ON w.id = i.warning_id "
                    "WHERE i.kind = ? AND i.canonical = ? AND w.published_at IS NOT NULL "
                    "ORDER BY w.published_at DESC, w.id DESC LIMIT ?"));
    s->Bind(1, indicator::KindName(kind))
        .Bind(2, canonical)
        .Bind(3, static_cast<int64_t>(kMaxWarningsByIndicator));
    return CollectIds(*s);
  });
}

base::Result<std::vector<int64_t>> SqliteWarnings::Search(std::string_view query, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    const std::vector<std::string> words = SearchWords(query);
    if (words.empty()) return std::vector<int64_t>();
    std::string match;
    for (const std::string& w : words) match += (match.empty() ? "\"" : " \"") + w + "\"";
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT rowid FROM warnings_fts WHERE warnings_fts "
                                         "MATCH ? ORDER BY rowid DESC LIMIT ?"));
    s->Bind(1, match).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

}  // namespace binhyen::store::sqlite
