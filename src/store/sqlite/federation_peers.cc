// Federation: peers and their pull state (the rest of SqliteFederation in federation.cc).
#include <array>
#include <string>
#include <utility>

#include "store/sqlite/connection.h"
#include "store/sqlite/federation.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kFederationFormat = "federation";
constexpr size_t kMaxErrorBytes = 500;

constexpr std::string_view kPeerColumns =
    "id, name, url, public_key, trust, enabled, relay, feed_source_id, cursor, "
    "last_generated_at, last_attempt_at, last_success_at, last_error, created_at";

base::Result<domain::Peer> ReadPeer(const Statement& s) {
  domain::Peer p;
  p.id = s.Int(0);
  p.name = s.Text(1);
  p.url = s.Text(2);
  p.public_key = s.Text(3);
  const std::string trust = s.Text(4);
  BINHYEN_ASSIGN_OR_RETURN(p.trust, ParseStored(domain::ParseFeedTrust(trust), "trust", trust));
  p.enabled = s.Int(5) != 0;
  p.relay = s.Int(6) != 0;
  p.feed_source_id = s.Int(7);
  p.cursor = s.Int(8);
  p.last_generated_at = s.OptionalTime(9);
  p.last_attempt_at = s.OptionalTime(10);
  p.last_success_at = s.OptionalTime(11);
  p.last_error = s.Text(12);
  p.created_at = s.Time(13);
  return p;
}

base::Status PeerNotFound(std::string_view name) {
  return base::NotFoundError("peer '" + std::string(name) + "': not found");
}

base::Status PeerIdNotFound(int64_t id) {
  return base::NotFoundError("peer " + std::to_string(id) + ": not found");
}

// The first `max` bytes of `s`, cut back to a UTF-8 character boundary.
std::string_view TruncateUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xc0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace

// --- Peers -----------------------------------------------------------------------------------

base::Result<std::optional<domain::Peer>> SqliteFederation::FindByName(std::string_view name) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT " + std::string(kPeerColumns) +
                                                            " FROM peers WHERE name = ?"));
  s->Bind(1, name);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return std::optional<domain::Peer>();
  BINHYEN_ASSIGN_OR_RETURN(domain::Peer p, ReadPeer(*s));
  return std::optional<domain::Peer>(std::move(p));
}

base::Result<domain::Peer> SqliteFederation::LoadByName(std::string_view name) {
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Peer> p, FindByName(name));
  if (!p) return PeerNotFound(name);
  return std::move(*p);
}

base::Result<domain::Peer> SqliteFederation::LoadById(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT " + std::string(kPeerColumns) +
                                                            " FROM peers WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return PeerIdNotFound(id);
  return ReadPeer(*s);
}

base::Result<std::optional<std::string>> SqliteFederation::KeyOwner(std::string_view public_key,
                                                                    int64_t except_id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT name FROM peers WHERE public_key = ? AND id <> ?"));
  s->Bind(1, public_key).Bind(2, except_id);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(s->Text(0));
}

base::Result<domain::Peer> SqliteFederation::CreatePeer(const domain::Peer& peer,
                                                        base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<domain::Peer> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Peer> same_name, FindByName(peer.name));
    if (same_name) {
      return base::AlreadyExistsError("peer '" + peer.name + "': already exists");
    }
    BINHYEN_ASSIGN_OR_RETURN(std::optional<std::string> owner, KeyOwner(peer.public_key, 0));
    if (owner) return base::AlreadyExistsError("peer: key already used by '" + *owner + "'");
    Connection& c = tx_.connection();
    const std::string source_name = domain::PeerFeedSourceName(peer.name);
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, c.Prepare("SELECT id, format, trust, enabled FROM feed_sources WHERE name = ?"));
    q->Bind(1, source_name);
    BINHYEN_ASSIGN_OR_RETURN(bool source_exists, q->Step());
    int64_t source_id = 0;
    bool listing_changes = false;
    if (source_exists) {
      // The source a deleted peer of this name left behind (disabled, empty) is taken over;
      // any other source of that name is someone else's.
      if (q->Text(1) != kFederationFormat) {
        return base::AlreadyExistsError("feed " + source_name + ": already exists");
      }
      source_id = q->Int(0);
      listing_changes = q->Text(2) != domain::Name(peer.trust) || (q->Int(3) != 0) != peer.enabled;
    }
    q.reset();
    if (!source_exists) {
      BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("INSERT INTO feed_sources (name, format, trust, "
                                                 "enabled) VALUES (?, ?, ?, ?) RETURNING id"));
      s->Bind(1, source_name).Bind(2, kFederationFormat).Bind(3, domain::Name(peer.trust));
      s->Bind(4, int64_t{peer.enabled});
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return base::InternalError("feed_sources: insert returned no row");
      source_id = s->Int(0);
      BINHYEN_RETURN_IF_ERROR(s->Run());
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO peers (name, url, public_key, trust, enabled, relay, "
                          "feed_source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, peer.name).Bind(2, peer.url).Bind(3, peer.public_key);
    s->Bind(4, domain::Name(peer.trust)).Bind(5, int64_t{peer.enabled});
    s->Bind(6, int64_t{peer.relay}).Bind(7, source_id).Bind(8, at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    if (listing_changes) BINHYEN_RETURN_IF_ERROR(SetSourceListing(source_id, peer));
    return LoadByName(peer.name);
  });
}

base::Status SqliteFederation::SetSourceListing(int64_t source_id, const domain::Peer& peer) {
  BINHYEN_ASSIGN_OR_RETURN(int64_t version, Next("indicator_version"));
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("UPDATE feed_sources SET trust = ?, "
                                                    "enabled = ?, version = ? WHERE id = ?"));
  s->Bind(1, domain::Name(peer.trust)).Bind(2, int64_t{peer.enabled}).Bind(3, version);
  s->Bind(4, source_id);
  return s->Run();
}

base::Result<domain::Peer> SqliteFederation::GetPeer(std::string_view name) {
  return tx_.Read([&] { return LoadByName(name); });
}

base::Result<domain::Peer> SqliteFederation::GetPeerById(int64_t id) {
  return tx_.Read([&] { return LoadById(id); });
}

base::Result<std::vector<domain::Peer>> SqliteFederation::ListPeers() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Peer>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kPeerColumns) +
                                                      " FROM peers ORDER BY name"));
    std::vector<domain::Peer> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(domain::Peer p, ReadPeer(*s));
      out.push_back(std::move(p));
    }
    return out;
  });
}

base::Result<domain::Peer> SqliteFederation::UpdatePeer(const domain::Peer& peer) {
  return tx_.Write([&]() -> base::Result<domain::Peer> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
    BINHYEN_ASSIGN_OR_RETURN(domain::Peer old, LoadByName(peer.name));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<std::string> owner, KeyOwner(peer.public_key, old.id));
    if (owner) return base::AlreadyExistsError("peer: key already used by '" + *owner + "'");
    const bool new_key = old.public_key != peer.public_key;
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE peers SET url = ?, public_key = ?, trust = ?, enabled = ?, relay = ?, "
                    "cursor = CASE WHEN ?6 THEN 0 ELSE cursor END, last_generated_at = CASE WHEN "
                    "?6 THEN NULL ELSE last_generated_at END WHERE id = ?7"));
    s->Bind(1, peer.url).Bind(2, peer.public_key).Bind(3, domain::Name(peer.trust));
    s->Bind(4, int64_t{peer.enabled}).Bind(5, int64_t{peer.relay}).Bind(6, int64_t{new_key});
    s->Bind(7, old.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    if (old.trust != peer.trust || old.enabled != peer.enabled) {
      BINHYEN_RETURN_IF_ERROR(SetSourceListing(old.feed_source_id, peer));
    }
    return LoadById(old.id);
  });
}

base::Status SqliteFederation::WithdrawRelayed(int64_t peer_id, base::TimePoint at) {
  Connection& c = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(auto q, c.Prepare("SELECT kind, canonical, origin FROM "
                                             "federation_entries WHERE via_peer_id = ? AND state "
                                             "<> 'withdrawn' ORDER BY kind, canonical, origin"));
  q->Bind(1, peer_id);
  std::vector<std::array<std::string, 3>> keys;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, q->Step());
    if (!more) break;
    keys.push_back({q->Text(0), q->Text(1), q->Text(2)});
  }
  q.reset();
  for (const auto& [kind, canonical, origin] : keys) {
    BINHYEN_ASSIGN_OR_RETURN(int64_t seq, Next("federation_seq"));
    BINHYEN_ASSIGN_OR_RETURN(
        auto u, c.Prepare("UPDATE federation_entries SET state = 'withdrawn', seq = ?, changed_at "
                          "= ? WHERE kind = ? AND canonical = ? AND origin = ?"));
    u->Bind(1, seq).Bind(2, at).Bind(3, kind).Bind(4, canonical).Bind(5, origin);
    BINHYEN_RETURN_IF_ERROR(u->Run());
  }
  return base::Status::Ok();
}

base::Status SqliteFederation::DeletePeer(std::string_view name, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(domain::Peer peer, LoadByName(name));
    Connection& c = tx_.connection();
    // Its listings leave the index: the source stays (the index follows its version), empty
    // and disabled.
    BINHYEN_ASSIGN_OR_RETURN(auto e, c.Prepare("DELETE FROM feed_entries WHERE source_id = ?"));
    e->Bind(1, peer.feed_source_id);
    BINHYEN_RETURN_IF_ERROR(e->Run());
    e.reset();
    BINHYEN_ASSIGN_OR_RETURN(int64_t version, Next("indicator_version"));
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("UPDATE feed_sources SET enabled = 0, "
                                               "active_entries = 0, version = ? WHERE id = ?"));
    s->Bind(1, version).Bind(2, peer.feed_source_id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    BINHYEN_RETURN_IF_ERROR(WithdrawRelayed(peer.id, at));
    for (std::string_view sql :
         {"DELETE FROM peer_warnings WHERE peer_id = ?",
          "DELETE FROM federation_conflicts WHERE peer_id = ?", "DELETE FROM peers WHERE id = ?"}) {
      BINHYEN_ASSIGN_OR_RETURN(auto d, c.Prepare(sql));
      d->Bind(1, peer.id);
      BINHYEN_RETURN_IF_ERROR(d->Run());
    }
    return base::Status::Ok();
  });
}

base::Result<bool> SqliteFederation::ClaimPull(int64_t id, base::TimePoint due_before,
                                               base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<bool> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE peers SET last_attempt_at = ? WHERE id = ? AND enabled = 1 AND "
                    "(last_attempt_at IS NULL OR last_attempt_at < ?)"));
    s->Bind(1, at).Bind(2, id).Bind(3, due_before);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    if (sqlite3_changes64(tx_.connection().db()) == 1) return true;
    BINHYEN_RETURN_IF_ERROR(LoadById(id).status());
    return false;
  });
}

base::Status SqliteFederation::RecordPull(int64_t id, std::optional<int64_t> cursor,
                                          std::optional<base::TimePoint> generated_at,
                                          std::string_view error, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(LoadById(id).status());
    Connection& c = tx_.connection();
    if (!error.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto s, c.Prepare("UPDATE peers SET last_attempt_at = ?, last_error = ? WHERE id = ?"));
      s->Bind(1, at).Bind(2, TruncateUtf8(error, kMaxErrorBytes)).Bind(3, id);
      return s->Run();
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("UPDATE peers SET last_attempt_at = ?1, last_success_at = ?1, "
                          "last_error = '', cursor = coalesce(?2, cursor), last_generated_at = "
                          "coalesce(?3, last_generated_at) WHERE id = ?4"));
    s->Bind(1, at).Bind(2, cursor).Bind(3, generated_at).Bind(4, id);
    return s->Run();
  });
}

}  // namespace binhyen::store::sqlite
