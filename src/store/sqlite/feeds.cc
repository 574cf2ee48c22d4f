#include "store/sqlite/feeds.h"

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>

#include "domain/audit.h"
#include "store/feed_input.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kSourceColumns =
    "id, name, format, trust, enabled, imported_at, active_entries, version";

base::Result<domain::FeedSource> ReadSource(const Statement& s) {
  domain::FeedSource f;
  f.id = s.Int(0);
  f.name = s.Text(1);
  f.format = s.Text(2);
  const std::string trust = s.Text(3);
  BINHYEN_ASSIGN_OR_RETURN(f.trust, ParseStored(domain::ParseFeedTrust(trust), "trust", trust));
  f.enabled = s.Int(4) != 0;
  f.imported_at = s.OptionalTime(5);
  f.active_entries = s.Int(6);
  f.version = s.Int(7);
  return f;
}

base::Status FeedNotFound(std::string_view name) {
  return base::NotFoundError("feed " + std::string(name) + ": not found");
}

// Kinds by stored name, parsed once per distinct name rather than once per row.
class KindCache {
 public:
  base::Result<indicator::Kind> Parse(const std::string& name) {
    if (name == last_name_) return last_kind_;
    BINHYEN_ASSIGN_OR_RETURN(last_kind_, ParseStored(indicator::ParseKind(name), "kind", name));
    last_name_ = name;
    return last_kind_;
  }

 private:
  std::string last_name_;
  indicator::Kind last_kind_ = indicator::Kind::kDomain;
};

// A (kind, canonical) as one string, for membership tests.
std::string EntryKey(const FeedEntryInput& e) {
  std::string key(indicator::KindName(e.kind));
  key.push_back('\0');
  key += e.canonical;
  return key;
}

// ApplyChanges' validation: upserts as ReplaceEntries ("upserts[i].<field>: ..."), removals by
// their key only ("removals[i].canonical: ..."), and no key in both lists.
base::Status ValidateChanges(std::span<const FeedEntryInput> upserts,
                             std::span<const FeedEntryInput> removals) {
  base::Status s = ValidateFeedInputs(upserts);
  if (!s.ok()) {
    // ValidateFeedInputs names the list "entries".
    return base::InvalidArgumentError("upserts" + s.message().substr(7));
  }
  std::unordered_set<std::string> upserted;
  for (const FeedEntryInput& e : upserts) upserted.insert(EntryKey(e));
  domain::FeedEntry probe;
  for (size_t i = 0; i < removals.size(); ++i) {
    const std::string where = "removals[" + std::to_string(i) + "]";
    probe.kind = removals[i].kind;
    probe.canonical = removals[i].canonical;
    base::Status v = domain::Validate(probe);
    if (!v.ok()) return base::InvalidArgumentError(where + "." + v.message());
    if (upserted.contains(EntryKey(removals[i]))) {
      return base::InvalidArgumentError(where + ": also in upserts");
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<domain::FeedSource> SqliteFeeds::Load(std::string_view name) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT " + std::string(kSourceColumns) +
                                                    " FROM feed_sources WHERE name = ?"));
  s->Bind(1, name);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return FeedNotFound(name);
  return ReadSource(*s);
}

base::Result<int64_t> SqliteFeeds::NextVersion() {
  // The counter shared with the indicator records (SqliteIndicators::NextVersion).
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("UPDATE counters SET value = value + 1 WHERE name = "
                                       "'indicator_version' RETURNING value"));
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::InternalError("counters: indicator_version is missing");
  const int64_t version = s->Int(0);
  BINHYEN_RETURN_IF_ERROR(s->Run());
  return version;
}

base::Result<domain::FeedSource> SqliteFeeds::UpsertSource(std::string_view name,
                                                           std::string_view format,
                                                           domain::FeedTrust trust, bool enabled) {
  return tx_.Write([&]() -> base::Result<domain::FeedSource> {
    BINHYEN_RETURN_IF_ERROR(domain::ValidateFeedName(name));
    if (format.empty()) return base::InvalidArgumentError("format: must not be empty");
    base::Result<domain::FeedSource> old = Load(name);
    if (!old.ok() && old.status().code() != base::StatusCode::kNotFound) return old.status();
    Connection& c = tx_.connection();
    if (!old.ok()) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("INSERT INTO feed_sources (name, format, trust, "
                                                 "enabled) VALUES (?, ?, ?, ?)"));
      s->Bind(1, name).Bind(2, format).Bind(3, domain::Name(trust)).Bind(4, int64_t{enabled});
      BINHYEN_RETURN_IF_ERROR(s->Run());
      s.reset();
      return Load(name);
    }
    const bool listing_changes = old->trust != trust || old->enabled != enabled;
    int64_t version = old->version;
    if (listing_changes) {
      BINHYEN_ASSIGN_OR_RETURN(version, NextVersion());
    }
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("UPDATE feed_sources SET format = ?, trust = ?, "
                                               "enabled = ?, version = ? WHERE id = ?"));
    s->Bind(1, format)
        .Bind(2, domain::Name(trust))
        .Bind(3, int64_t{enabled})
        .Bind(4, version)
        .Bind(5, old->id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    return Load(name);
  });
}

base::Result<domain::FeedSource> SqliteFeeds::GetSource(std::string_view name) {
  return tx_.Read([&] { return Load(name); });
}

base::Result<std::vector<domain::FeedSource>> SqliteFeeds::ListSources() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::FeedSource>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kSourceColumns) +
                                                      " FROM feed_sources ORDER BY name"));
    std::vector<domain::FeedSource> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FeedSource f, ReadSource(*s));
      out.push_back(std::move(f));
    }
    return out;
  });
}

base::Result<domain::FeedSource> SqliteFeeds::SetEnabled(std::string_view name, bool enabled) {
  return tx_.Write([&]() -> base::Result<domain::FeedSource> {
    BINHYEN_ASSIGN_OR_RETURN(domain::FeedSource old, Load(name));
    if (old.enabled == enabled) return old;
    BINHYEN_ASSIGN_OR_RETURN(int64_t version, NextVersion());
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("UPDATE feed_sources SET enabled = ?, version = ? WHERE id = ?"));
    s->Bind(1, int64_t{enabled}).Bind(2, version).Bind(3, old.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    return Load(name);
  });
}

base::Result<int64_t> SqliteFeeds::WriteEntries(int64_t source_id,
                                                std::span<const FeedEntryInput> entries,
                                                int64_t stamp, base::TimePoint at) {
  // The hot loop of an import (a million rows in a few seconds): one statement prepared once,
  // the constant parameters bound once, the text bound without a copy (SQLITE_STATIC: `entries`
  // outlives each step), rather than Connection::Prepare per row.
  constexpr std::string_view kSql =
      "INSERT INTO feed_entries (source_id, kind, canonical, category, first_seen, last_seen, "
      "expired_at, stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?5, NULL, ?6) ON CONFLICT (source_id, "
      "kind, canonical) DO UPDATE SET category = excluded.category, last_seen = "
      "excluded.last_seen, expired_at = NULL, stamp = excluded.stamp";
  sqlite3* db = tx_.connection().db();
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db, kSql.data(), static_cast<int>(kSql.size()), 0, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
  if (rc != SQLITE_OK) return tx_.connection().Error(rc, "feed_entries");
  sqlite3_bind_int64(raw, 1, source_id);
  sqlite3_bind_int64(raw, 5, domain::ToMicros(at));
  sqlite3_bind_int64(raw, 6, stamp);
  const std::vector<uint32_t> order = FeedInputOrder(entries);
  for (uint32_t i : order) {
    const FeedEntryInput& e = entries[i];
    const std::string_view kind = indicator::KindName(e.kind);
    sqlite3_bind_text64(raw, 2, kind.data(), kind.size(), SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_text64(raw, 3, e.canonical.data(), e.canonical.size(), SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_text64(raw, 4, e.category.data(), e.category.size(), SQLITE_STATIC, SQLITE_UTF8);
    rc = sqlite3_step(raw);
    if (rc != SQLITE_DONE) return tx_.connection().Error(rc, "feed_entries");
    sqlite3_reset(raw);
  }
  return static_cast<int64_t>(order.size());
}

base::Result<FeedReplaceOutcome> SqliteFeeds::ReplaceEntries(
    int64_t source_id, std::span<const FeedEntryInput> entries, base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<FeedReplaceOutcome> {
    BINHYEN_RETURN_IF_ERROR(ValidateFeedInputs(entries));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, c.Prepare("SELECT import_stamp, active_entries FROM feed_sources WHERE id = ?"));
    q->Bind(1, source_id);
    BINHYEN_ASSIGN_OR_RETURN(bool found, q->Step());
    if (!found) {
      return base::NotFoundError("feed source " + std::to_string(source_id) + ": not found");
    }
    const int64_t stamp = q->Int(0) + 1;
    const int64_t active_before = q->Int(1);
    q.reset();

    FeedReplaceOutcome out;
    BINHYEN_ASSIGN_OR_RETURN(out.version, NextVersion());
    // Mark: every entry of this import carries the new stamp.
    BINHYEN_ASSIGN_OR_RETURN(const int64_t present, WriteEntries(source_id, entries, stamp, at));
    // Sweep: active entries with an older stamp were not in this import.
    BINHYEN_ASSIGN_OR_RETURN(auto sweep, c.Prepare("UPDATE feed_entries SET expired_at = ? WHERE "
                                                   "source_id = ? AND stamp < ? AND "
                                                   "expired_at IS NULL"));
    sweep->Bind(1, at).Bind(2, source_id).Bind(3, stamp);
    BINHYEN_RETURN_IF_ERROR(sweep->Run());
    sweep.reset();
    out.expired = sqlite3_changes64(c.db());
    out.kept = active_before - out.expired;
    out.added = present - out.kept;
    BINHYEN_ASSIGN_OR_RETURN(auto u,
                             c.Prepare("UPDATE feed_sources SET import_stamp = ?, imported_at = ?, "
                                       "active_entries = ?, version = ? WHERE id = ?"));
    u->Bind(1, stamp).Bind(2, at).Bind(3, present).Bind(4, out.version).Bind(5, source_id);
    BINHYEN_RETURN_IF_ERROR(u->Run());
    return out;
  });
}

base::Result<bool> SqliteFeeds::Activate(int64_t source_id, const FeedEntryInput& e, int64_t stamp,
                                         base::TimePoint at) {
  Connection& c = tx_.connection();
  const std::string_view kind = indicator::KindName(e.kind);
  BINHYEN_ASSIGN_OR_RETURN(
      auto u, c.Prepare("UPDATE feed_entries SET category = ?, last_seen = ?, stamp = ? WHERE "
                        "source_id = ? AND kind = ? AND canonical = ? AND expired_at IS NULL"));
  u->Bind(1, e.category).Bind(2, at).Bind(3, stamp).Bind(4, source_id).Bind(5, kind);
  u->Bind(6, e.canonical);
  BINHYEN_RETURN_IF_ERROR(u->Run());
  u.reset();
  if (sqlite3_changes64(c.db()) == 1) return true;
  // New, or back after expiring: a new first_seen.
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, c.Prepare("INSERT INTO feed_entries (source_id, kind, canonical, category, "
                        "first_seen, last_seen, expired_at, stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?5, "
                        "NULL, ?6) ON CONFLICT (source_id, kind, canonical) DO UPDATE SET category "
                        "= excluded.category, first_seen = excluded.first_seen, last_seen = "
                        "excluded.last_seen, expired_at = NULL, stamp = excluded.stamp"));
  s->Bind(1, source_id).Bind(2, kind).Bind(3, e.canonical).Bind(4, e.category).Bind(5, at);
  s->Bind(6, stamp);
  BINHYEN_RETURN_IF_ERROR(s->Run());
  return false;
}

base::Result<FeedReplaceOutcome> SqliteFeeds::ApplyChanges(int64_t source_id,
                                                           std::span<const FeedEntryInput> upserts,
                                                           std::span<const FeedEntryInput> removals,
                                                           base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<FeedReplaceOutcome> {
    BINHYEN_RETURN_IF_ERROR(ValidateChanges(upserts, removals));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, c.Prepare("SELECT import_stamp, active_entries FROM feed_sources WHERE id = ?"));
    q->Bind(1, source_id);
    BINHYEN_ASSIGN_OR_RETURN(bool found, q->Step());
    if (!found) {
      return base::NotFoundError("feed source " + std::to_string(source_id) + ": not found");
    }
    // Entries written here carry the current stamp: the next full import (ReplaceEntries)
    // stamps past it and sweeps them unless it lists them.
    const int64_t stamp = q->Int(0);
    const int64_t active_before = q->Int(1);
    q.reset();

    FeedReplaceOutcome out;
    for (uint32_t i : FeedInputOrder(upserts)) {
      BINHYEN_ASSIGN_OR_RETURN(bool kept, Activate(source_id, upserts[i], stamp, at));
      if (kept) {
        ++out.kept;
      } else {
        ++out.added;
      }
    }
    for (const FeedEntryInput& e : removals) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto x, c.Prepare("UPDATE feed_entries SET expired_at = ? WHERE source_id = ? AND kind "
                            "= ? AND canonical = ? AND expired_at IS NULL"));
      x->Bind(1, at).Bind(2, source_id).Bind(3, indicator::KindName(e.kind)).Bind(4, e.canonical);
      BINHYEN_RETURN_IF_ERROR(x->Run());
      out.expired += sqlite3_changes64(c.db());
    }
    if (out.added + out.kept + out.expired == 0) return out;  // version 0: nothing changed
    BINHYEN_ASSIGN_OR_RETURN(out.version, NextVersion());
    BINHYEN_ASSIGN_OR_RETURN(auto u, c.Prepare("UPDATE feed_sources SET imported_at = ?, "
                                               "active_entries = ?, version = ? WHERE id = ?"));
    u->Bind(1, at).Bind(2, active_before + out.added - out.expired).Bind(3, out.version);
    u->Bind(4, source_id);
    BINHYEN_RETURN_IF_ERROR(u->Run());
    return out;
  });
}

base::Result<std::vector<domain::FeedEntry>> SqliteFeeds::ActiveEntries(int64_t source_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::FeedEntry>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT kind, canonical, category, first_seen, last_seen FROM feed_entries "
                    "WHERE source_id = ? AND expired_at IS NULL ORDER BY kind, canonical"));
    s->Bind(1, source_id);
    std::vector<domain::FeedEntry> out;
    KindCache kinds;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      domain::FeedEntry e;
      BINHYEN_ASSIGN_OR_RETURN(e.kind, kinds.Parse(s->Text(0)));
      e.canonical = s->Text(1);
      e.category = s->Text(2);
      e.first_seen = s->Time(3);
      e.last_seen = s->Time(4);
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace binhyen::store::sqlite
