// Federation: our outgoing feed, peer warnings, conflicts (peers in federation_peers.cc).
#include "store/sqlite/federation.h"

#include <string>
#include <utility>

#include "store/sqlite/connection.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr int kMaxChanges = 10'000;
constexpr int kMaxListRows = 1'000;

constexpr std::string_view kEntryColumns =
    "seq, kind, canonical, state, category, origin, hops, expires_at, changed_at, via_peer_id";
constexpr std::string_view kWarningColumns =
    "seq, origin, remote_id, kind, title, summary, url, category, published_at, changed_at";
constexpr std::string_view kConflictColumns =
    "id, peer_id, kind, canonical, remote_state, seen_at, resolved_at";

base::Result<domain::FederationEntry> ReadEntry(const Statement& s) {
  domain::FederationEntry e;
  e.seq = s.Int(0);
  const std::string kind = s.Text(1), state = s.Text(3);
  BINHYEN_ASSIGN_OR_RETURN(e.kind, ParseStored(indicator::ParseKind(kind), "kind", kind));
  e.canonical = s.Text(2);
  BINHYEN_ASSIGN_OR_RETURN(e.state,
                           ParseStored(domain::ParseFederationState(state), "state", state));
  e.category = s.Text(4);
  e.origin = s.Text(5);
  e.hops = static_cast<int>(s.Int(6));
  e.expires_at = s.OptionalTime(7);
  e.changed_at = s.Time(8);
  e.via_peer_id = s.Int(9);
  return e;
}

// Reads kWarningColumns starting at column `first`.
base::Result<domain::FederationWarning> ReadWarning(const Statement& s, int first = 0) {
  domain::FederationWarning w;
  w.seq = s.Int(first);
  w.origin = s.Text(first + 1);
  w.remote_id = s.Int(first + 2);
  const std::string kind = s.Text(first + 3);
  BINHYEN_ASSIGN_OR_RETURN(w.kind, ParseStored(domain::ParseWarningKind(kind), "kind", kind));
  w.title = s.Text(first + 4);
  w.summary = s.Text(first + 5);
  w.url = s.Text(first + 6);
  w.category = s.Text(first + 7);
  w.published_at = s.OptionalTime(first + 8);
  w.changed_at = s.Time(first + 9);
  return w;
}

base::Result<domain::FederationConflict> ReadConflict(const Statement& s) {
  domain::FederationConflict c;
  c.id = s.Int(0);
  c.peer_id = s.Int(1);
  const std::string kind = s.Text(2), state = s.Text(4);
  BINHYEN_ASSIGN_OR_RETURN(c.kind, ParseStored(indicator::ParseKind(kind), "kind", kind));
  c.canonical = s.Text(3);
  BINHYEN_ASSIGN_OR_RETURN(c.remote_state,
                           ParseStored(domain::ParseFederationState(state), "remote_state", state));
  c.seen_at = s.Time(5);
  c.resolved_at = s.OptionalTime(6);
  return c;
}

// Binds `w` to ?first.. in the order origin, remote_id, seq, kind, title, summary, url,
// category, published_at, changed_at (changed_at taken from the argument).
void BindWarning(Statement& s, int first, const domain::FederationWarning& w, int64_t seq,
                 base::TimePoint changed_at) {
  s.Bind(first, w.origin).Bind(first + 1, w.remote_id).Bind(first + 2, seq);
  s.Bind(first + 3, domain::Name(w.kind)).Bind(first + 4, w.title).Bind(first + 5, w.summary);
  s.Bind(first + 6, w.url).Bind(first + 7, w.category).Bind(first + 8, w.published_at);
  s.Bind(first + 9, changed_at);
}

bool SameEntryState(const domain::FederationEntry& a, const domain::FederationEntry& b) {
  return a.state == b.state && a.category == b.category && a.hops == b.hops &&
         a.expires_at == b.expires_at;
}

bool SameWarning(const domain::FederationWarning& a, const domain::FederationWarning& b) {
  return a.kind == b.kind && a.title == b.title && a.summary == b.summary && a.url == b.url &&
         a.category == b.category && a.published_at == b.published_at;
}

}  // namespace

// --- Counters ---------------------------------------------------------------------------------

base::Result<int64_t> SqliteFederation::Next(std::string_view counter) {
  // Incremented under the writer lock, so values follow commit order.
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare(
                  "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value"));
  s->Bind(1, counter);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::InternalError("counters: " + std::string(counter) + " is missing");
  const int64_t value = s->Int(0);
  BINHYEN_RETURN_IF_ERROR(s->Run());
  return value;
}

base::Result<int64_t> SqliteFederation::ReadCounter(std::string_view counter) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT value FROM counters WHERE name = ?"));
  s->Bind(1, counter);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::InternalError("counters: " + std::string(counter) + " is missing");
  return s->Int(0);
}

// --- Our outgoing feed -----------------------------------------------------------------------

base::Result<std::optional<domain::FederationEntry>> SqliteFederation::FindEntry(
    indicator::Kind kind, std::string_view canonical, std::string_view origin) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT " + std::string(kEntryColumns) +
                                       " FROM federation_entries WHERE kind = ? AND canonical = "
                                       "? AND origin = ?"));
  s->Bind(1, indicator::KindName(kind)).Bind(2, canonical).Bind(3, origin);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return std::optional<domain::FederationEntry>();
  BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry e, ReadEntry(*s));
  return std::optional<domain::FederationEntry>(std::move(e));
}

base::Result<int64_t> SqliteFederation::Publish(std::span<const domain::FederationEntry> entries,
                                                base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    for (size_t i = 0; i < entries.size(); ++i) {
      base::Status s = domain::Validate(entries[i]);
      if (!s.ok()) {
        return base::InvalidArgumentError("entries[" + std::to_string(i) + "]." + s.message());
      }
    }
    int64_t changed = 0;
    for (const domain::FederationEntry& e : entries) {
      BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::FederationEntry> old,
                               FindEntry(e.kind, e.canonical, e.origin));
      if (old && SameEntryState(*old, e)) continue;  // republishing is idempotent
      BINHYEN_ASSIGN_OR_RETURN(int64_t seq, Next("federation_seq"));
      BINHYEN_ASSIGN_OR_RETURN(
          auto s,
          tx_.connection().Prepare(
              "INSERT INTO federation_entries (kind, canonical, origin, seq, state, category, "
              "hops, expires_at, changed_at, via_peer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (kind, canonical, origin) DO UPDATE SET seq = excluded.seq, state = "
              "excluded.state, category = excluded.category, hops = excluded.hops, expires_at = "
              "excluded.expires_at, changed_at = excluded.changed_at, via_peer_id = "
              "excluded.via_peer_id"));
      s->Bind(1, indicator::KindName(e.kind)).Bind(2, e.canonical).Bind(3, e.origin);
      s->Bind(4, seq).Bind(5, domain::Name(e.state)).Bind(6, e.category);
      s->Bind(7, int64_t{e.hops}).Bind(8, e.expires_at).Bind(9, at).Bind(10, e.via_peer_id);
      BINHYEN_RETURN_IF_ERROR(s->Run());
      ++changed;
    }
    return changed;
  });
}

base::Result<std::optional<domain::FederationEntry>> SqliteFederation::GetEntry(
    indicator::Kind kind, std::string_view canonical, std::string_view origin) {
  return tx_.Read([&] { return FindEntry(kind, canonical, origin); });
}

base::Result<std::optional<domain::FederationWarning>> SqliteFederation::FindWarning(
    std::string_view origin, int64_t remote_id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT " + std::string(kWarningColumns) +
                                       " FROM federation_warnings WHERE origin = ? AND "
                                       "remote_id = ?"));
  s->Bind(1, origin).Bind(2, remote_id);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return std::optional<domain::FederationWarning>();
  BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning w, ReadWarning(*s));
  return std::optional<domain::FederationWarning>(std::move(w));
}

base::Result<int64_t> SqliteFederation::PublishWarnings(
    std::span<const domain::FederationWarning> warnings, base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(ValidateWarnings(warnings));
    int64_t changed = 0;
    for (const domain::FederationWarning& w : warnings) {
      BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::FederationWarning> old,
                               FindWarning(w.origin, w.remote_id));
      if (old && SameWarning(*old, w)) continue;
      BINHYEN_ASSIGN_OR_RETURN(int64_t seq, Next("federation_seq"));
      BINHYEN_ASSIGN_OR_RETURN(
          auto s,
          tx_.connection().Prepare(
              "INSERT INTO federation_warnings (origin, remote_id, seq, kind, title, summary, "
              "url, category, published_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (origin, remote_id) DO UPDATE SET seq = excluded.seq, kind = "
              "excluded.kind, title = excluded.title, summary = excluded.summary, url = "
              "excluded.url, category = excluded.category, published_at = "
              "excluded.published_at, changed_at = excluded.changed_at"));
      BindWarning(*s, 1, w, seq, at);
      BINHYEN_RETURN_IF_ERROR(s->Run());
      ++changed;
    }
    return changed;
  });
}

base::Status SqliteFederation::ValidateWarnings(
    std::span<const domain::FederationWarning> warnings) {
  for (size_t i = 0; i < warnings.size(); ++i) {
    base::Status s = domain::Validate(warnings[i]);
    if (!s.ok()) {
      return base::InvalidArgumentError("warnings[" + std::to_string(i) + "]." + s.message());
    }
  }
  return base::Status::Ok();
}

base::Result<std::vector<domain::FederationWarning>> SqliteFederation::ListWarnings(
    std::string_view origin) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::FederationWarning>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kWarningColumns) +
                                         " FROM federation_warnings WHERE origin = ? ORDER BY "
                                         "remote_id"));
    s->Bind(1, origin);
    std::vector<domain::FederationWarning> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning w, ReadWarning(*s));
      out.push_back(std::move(w));
    }
    return out;
  });
}

base::Result<std::vector<domain::FederationEntry>> SqliteFederation::ExpiredListings(
    base::TimePoint now, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::FederationEntry>> {
    if (limit < 1 || limit > kMaxChanges) {
      return base::InvalidArgumentError("limit: must be 1..10000");
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kEntryColumns) +
                                         " FROM federation_entries WHERE state = 'listed' AND "
                                         "expires_at <= ? ORDER BY seq LIMIT ?"));
    s->Bind(1, now).Bind(2, int64_t{limit});
    std::vector<domain::FederationEntry> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry entry, ReadEntry(*s));
      out.push_back(std::move(entry));
    }
    return out;
  });
}

base::Result<FederationRepository::Changes> SqliteFederation::ChangesSince(int64_t since,
                                                                           int limit) {
  return tx_.Read([&]() -> base::Result<Changes> {
    if (limit < 1 || limit > kMaxChanges) {
      return base::InvalidArgumentError("limit: must be 1..10000");
    }
    Connection& c = tx_.connection();
    Changes out;
    BINHYEN_ASSIGN_OR_RETURN(auto e, c.Prepare("SELECT " + std::string(kEntryColumns) +
                                               " FROM federation_entries WHERE seq > ? ORDER BY "
                                               "seq LIMIT ?"));
    e->Bind(1, since).Bind(2, int64_t{limit});
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, e->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry entry, ReadEntry(*e));
      out.entries.push_back(std::move(entry));
    }
    e.reset();
    BINHYEN_ASSIGN_OR_RETURN(auto w, c.Prepare("SELECT " + std::string(kWarningColumns) +
                                               " FROM federation_warnings WHERE seq > ? ORDER BY "
                                               "seq LIMIT ?"));
    w->Bind(1, since).Bind(2, int64_t{limit});
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, w->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning warning, ReadWarning(*w));
      out.warnings.push_back(std::move(warning));
    }
    // Keep the `limit` lowest seqs of both lists together.
    size_t ei = 0, wi = 0;
    while (ei + wi < static_cast<size_t>(limit) &&
           (ei < out.entries.size() || wi < out.warnings.size())) {
      const bool take_entry =
          wi == out.warnings.size() ||
          (ei < out.entries.size() && out.entries[ei].seq < out.warnings[wi].seq);
      if (take_entry) {
        ++ei;
      } else {
        ++wi;
      }
    }
    out.entries.resize(ei);
    out.warnings.resize(wi);
    return out;
  });
}

base::Result<int64_t> SqliteFederation::CurrentSeq() {
  return tx_.Read([&] { return ReadCounter("federation_seq"); });
}

base::Result<int64_t> SqliteFederation::OwnCursor() {
  return tx_.Read([&] { return ReadCounter("federation_own_cursor"); });
}

base::Status SqliteFederation::SetOwnCursor(int64_t version) {
  // A read-write SQLite transaction holds the store's writer lock to its end: that is the lock.
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE counters SET value = ? WHERE name = 'federation_own_cursor'"));
    s->Bind(1, version);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes64(tx_.connection().db()) != 1) {
      return base::InternalError("counters: federation_own_cursor is missing");
    }
    return base::Status::Ok();
  });
}

base::Result<int64_t> SqliteFederation::LockOwnCursor() {
  return tx_.Write([&] { return ReadCounter("federation_own_cursor"); });
}

// --- Warnings received from peers ------------------------------------------------------------

base::Status SqliteFederation::PutPeerWarnings(
    int64_t peer_id, std::span<const domain::FederationWarning> warnings) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(ValidateWarnings(warnings));
    BINHYEN_RETURN_IF_ERROR(LoadById(peer_id).status());
    for (const domain::FederationWarning& w : warnings) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto s,
          tx_.connection().Prepare(
              "INSERT INTO peer_warnings (peer_id, origin, remote_id, seq, kind, title, summary, "
              "url, category, published_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (peer_id, origin, remote_id) DO UPDATE SET seq = excluded.seq, kind = "
              "excluded.kind, title = excluded.title, summary = excluded.summary, url = "
              "excluded.url, category = excluded.category, published_at = "
              "excluded.published_at, changed_at = excluded.changed_at"));
      s->Bind(1, peer_id);
      BindWarning(*s, 2, w, w.seq, w.changed_at);
      BINHYEN_RETURN_IF_ERROR(s->Run());
    }
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::PeerWarning>> SqliteFederation::ListPeerWarnings(
    const PeerWarningFilter& filter) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::PeerWarning>> {
    if (filter.limit < 1 || filter.limit > kMaxListRows) {
      return base::InvalidArgumentError("limit: must be 1..1000");
    }
    std::string sql = "SELECT w.peer_id";
    for (std::string_view col : {"seq", "origin", "remote_id", "kind", "title", "summary", "url",
                                 "category", "published_at", "changed_at"}) {
      sql += ", w.";
      sql += col;
    }
    sql += " FROM peer_warnings w JOIN peers p ON p.id = w.peer_id WHERE p.enabled = 1";
    if (filter.published_only) sql += " AND w.published_at IS NOT NULL";
    // Withdrawn ones (published_at NULL) last; ties by the warning's id at its origin.
    sql +=
        " ORDER BY w.published_at IS NULL, w.published_at DESC, w.remote_id DESC, w.peer_id DESC, "
        "w.origin DESC LIMIT ?";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    s->Bind(1, int64_t{filter.limit});
    std::vector<domain::PeerWarning> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      domain::PeerWarning pw;
      pw.peer_id = s->Int(0);
      BINHYEN_ASSIGN_OR_RETURN(pw.warning, ReadWarning(*s, 1));
      out.push_back(std::move(pw));
    }
    return out;
  });
}

// --- Conflicts -------------------------------------------------------------------------------

base::Result<int64_t> SqliteFederation::RecordConflict(const domain::FederationConflict& conflict) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(LoadById(conflict.peer_id).status());
    Connection& c = tx_.connection();
    const std::string_view kind = indicator::KindName(conflict.kind);
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, c.Prepare("SELECT id FROM federation_conflicts WHERE peer_id = ? AND kind = ? AND "
                          "canonical = ? AND resolved_at IS NULL"));
    q->Bind(1, conflict.peer_id).Bind(2, kind).Bind(3, conflict.canonical);
    BINHYEN_ASSIGN_OR_RETURN(bool open, q->Step());
    const int64_t open_id = open ? q->Int(0) : 0;
    q.reset();
    if (open) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto u,
          c.Prepare("UPDATE federation_conflicts SET remote_state = ?, seen_at = ? WHERE id = ?"));
      u->Bind(1, domain::Name(conflict.remote_state)).Bind(2, conflict.seen_at).Bind(3, open_id);
      BINHYEN_RETURN_IF_ERROR(u->Run());
      return open_id;
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO federation_conflicts (peer_id, kind, canonical, "
                          "remote_state, seen_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    s->Bind(1, conflict.peer_id).Bind(2, kind).Bind(3, conflict.canonical);
    s->Bind(4, domain::Name(conflict.remote_state)).Bind(5, conflict.seen_at);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::InternalError("federation_conflicts: insert returned no row");
    const int64_t id = s->Int(0);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return id;
  });
}

base::Result<std::vector<domain::FederationConflict>> SqliteFederation::ListConflicts(
    bool open_only, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::FederationConflict>> {
    if (limit < 1 || limit > kMaxListRows) {
      return base::InvalidArgumentError("limit: must be 1..1000");
    }
    std::string sql = "SELECT " + std::string(kConflictColumns) + " FROM federation_conflicts";
    if (open_only) sql += " WHERE resolved_at IS NULL";
    sql += " ORDER BY id DESC LIMIT ?";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    s->Bind(1, int64_t{limit});
    std::vector<domain::FederationConflict> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::FederationConflict conflict, ReadConflict(*s));
      out.push_back(std::move(conflict));
    }
    return out;
  });
}

base::Status SqliteFederation::ResolveConflict(int64_t id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, c.Prepare("SELECT resolved_at FROM federation_conflicts WHERE id = ?"));
    q->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool found, q->Step());
    const std::string name = "conflict " + std::to_string(id);
    if (!found) return base::NotFoundError(name + ": not found");
    if (!q->IsNull(0)) return base::FailedPreconditionError(name + ": already resolved");
    q.reset();
    BINHYEN_ASSIGN_OR_RETURN(
        auto u, c.Prepare("UPDATE federation_conflicts SET resolved_at = ? WHERE id = ?"));
    u->Bind(1, at).Bind(2, id);
    return u->Run();
  });
}

}  // namespace binhyen::store::sqlite
