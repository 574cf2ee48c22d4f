#include "app/hash_client.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "index/allowlist.h"
#include "index/expressions.h"
#include "indicator/url.h"

namespace binhyen::app {
namespace {

using index::HashListKind;

// Adds kDecoyPrefixes random prefixes to sorted distinct `prefixes`, keeping them so.
void AddDecoys(crypto::Random& random, std::vector<uint32_t>* prefixes) {
  std::array<uint8_t, 4 * kDecoyPrefixes> bytes{};
  random.Fill(bytes);
  for (size_t i = 0; i < kDecoyPrefixes; ++i) {
    prefixes->push_back(uint32_t{bytes[4 * i]} << 24 | uint32_t{bytes[4 * i + 1]} << 16 |
                        uint32_t{bytes[4 * i + 2]} << 8 | bytes[4 * i + 3]);
  }
  std::sort(prefixes->begin(), prefixes->end());
  prefixes->erase(std::unique(prefixes->begin(), prefixes->end()), prefixes->end());
}

base::Result<HashSyncOutcome> SyncOne(HashListTransport& transport, HashListKind kind,
                                      HashClientState* state) {
  HashClientState::List* held = state->FindOrAdd(kind);
  HashSyncOutcome outcome;
  outcome.list = kind;
  outcome.from_version = held->version;
  BINHYEN_ASSIGN_OR_RETURN(index::HashListUpdate update,
                           transport.FetchUpdate(kind, held->version));
  if (update.list != kind) return base::InvalidArgumentError("server answered another list");
  base::Result<std::vector<uint32_t>> applied = index::ApplyHashListUpdate(held->prefixes, update);
  if (!applied.ok() && !update.full) {
    // A diff that does not land on the announced checksum: start again from nothing.
    outcome.resynced = true;
    BINHYEN_ASSIGN_OR_RETURN(update, transport.FetchUpdate(kind, 0));
    if (update.list != kind) return base::InvalidArgumentError("server answered another list");
    applied = index::ApplyHashListUpdate({}, update);
  }
  if (!applied.ok()) {
    return applied.status().WithContext("sync " + std::string(index::HashListName(kind)));
  }
  held->prefixes = *std::move(applied);
  held->version = update.version;
  outcome.to_version = update.version;
  outcome.full = update.full;
  outcome.prefixes = held->prefixes.size();
  return outcome;
}

}  // namespace

base::Result<std::vector<HashSyncOutcome>> SyncHashLists(HashListTransport& transport,
                                                         std::span<const HashListKind> lists,
                                                         HashClientState* state) {
  std::vector<HashSyncOutcome> outcomes;
  for (HashListKind kind : lists) {
    BINHYEN_ASSIGN_OR_RETURN(HashSyncOutcome outcome, SyncOne(transport, kind, state));
    outcomes.push_back(outcome);
  }
  return outcomes;
}

base::Result<std::pair<HashListKind, std::vector<std::string>>> HashCheckExpressions(
    const indicator::Indicator& canonical) {
  using indicator::Kind;
  // The snapshot's own probe keys (index/expressions.h), so that the client asks exactly what
  // the server's check asks, allowlist rules included. An IP is probed as a URL host: the
  // hash lists have no IP list, and an IP listing gives the urls key "ip/".
  std::vector<index::ListedKey> keys;
  const index::Allowlist& allowlist = *index::Allowlist::BuiltIn();
  if (canonical.kind == Kind::kIp) {
    const bool v6 = canonical.canonical.find(':') != std::string::npos;
    keys = index::ProbeKeys(
        Kind::kUrl,
        v6 ? "http://[" + canonical.canonical + "]/" : "http://" + canonical.canonical + "/",
        allowlist);
  } else {
    keys = index::ProbeKeys(canonical.kind, canonical.canonical, allowlist);
  }
  std::optional<HashListKind> list;
  switch (canonical.kind) {
    case Kind::kUrl:
    case Kind::kDomain:
    case Kind::kIp: list = HashListKind::kUrls; break;
    case Kind::kPhone: list = HashListKind::kPhones; break;
    case Kind::kBankAccount: list = HashListKind::kAccounts; break;
    case Kind::kEmail:
    case Kind::kSocial: break;
  }
  if (!list) {
    return base::InvalidArgumentError(
        "hash lists cover url, domain, ip, phone and bank_account, not " +
        std::string(indicator::KindName(canonical.kind)));
  }
  std::vector<std::string> expressions;
  for (index::ListedKey& key : keys) expressions.push_back(std::move(key.expression));
  return std::make_pair(*list, std::move(expressions));
}

base::Result<HashCheckResult> HashCheck(HashListTransport& transport, const HashClientState& state,
                                        indicator::Kind kind, std::string_view value,
                                        crypto::Random* decoys) {
  BINHYEN_ASSIGN_OR_RETURN(indicator::Indicator canonical, indicator::Canonicalize(kind, value));
  BINHYEN_ASSIGN_OR_RETURN(auto probe, HashCheckExpressions(canonical));
  const HashClientState::List* list = state.Find(probe.first);
  if (list == nullptr || list->version == 0) {
    return base::FailedPreconditionError("list " + std::string(index::HashListName(probe.first)) +
                                         " was never synced: run `binhyen hashclient sync`");
  }
  HashCheckResult result;
  result.kind = kind;
  result.input = std::string(value);
  result.canonical = canonical.canonical;
  // The allowlist is compiled into this binary as into the server's: a bank's or gov.vn host
  // with no match is "trusted", as the check API says.
  if (kind == indicator::Kind::kUrl || kind == indicator::Kind::kDomain) {
    std::string host(canonical.Attribute("host"));
    if (kind == indicator::Kind::kDomain) host = canonical.canonical;
    const index::Allowlist::Protection p = index::Allowlist::BuiltIn()->Protect(host);
    if (p == index::Allowlist::Protection::kBank ||
        p == index::Allowlist::Protection::kGovernment) {
      result.verdict = "trusted";
    }
  }
  std::vector<index::FullHash> hashes;
  std::vector<uint32_t> hits;
  for (const std::string& e : probe.second) {
    hashes.push_back(index::HashExpression(e));
    uint32_t p = index::PrefixOf(hashes.back());
    if (std::binary_search(list->prefixes.begin(), list->prefixes.end(), p)) hits.push_back(p);
  }
  if (hits.empty()) return result;  // a local miss: nothing leaves the machine
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  result.prefixes_sent = hits.size();
  if (decoys != nullptr) AddDecoys(*decoys, &hits);
  BINHYEN_ASSIGN_OR_RETURN(index::HashSearchResult found, transport.Search(hits));
  for (size_t i = 0; i < hashes.size(); ++i) {
    for (const index::HashMatch& m : found.matches) {
      if (m.list == probe.first && m.full_hash == hashes[i]) {
        result.matches.push_back(HashCheckMatch{probe.second[i], m.category, m.suspicious});
      }
    }
  }
  if (!result.matches.empty()) {
    const bool any_dangerous = std::any_of(result.matches.begin(), result.matches.end(),
                                           [](const HashCheckMatch& m) { return !m.suspicious; });
    result.verdict = any_dangerous ? "dangerous" : "suspicious";
  }
  result.dangerous = result.verdict == "dangerous";
  return result;
}

std::string HashCheckResultToJson(const HashCheckResult& result) {
  nlohmann::json matches = nlohmann::json::array();
  for (const HashCheckMatch& m : result.matches) {
    matches.push_back({{"expression", m.expression}, {"category", m.category}});
  }
  nlohmann::json j{{"kind", indicator::KindName(result.kind)},
                   {"input", result.input},
                   {"canonical", result.canonical},
                   {"verdict", result.verdict},
                   {"matches", std::move(matches)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace binhyen::app
