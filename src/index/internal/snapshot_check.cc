#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <utility>

#include "index/internal/listing_keys.h"
#include "index/internal/snapshot_impl.h"
#include "indicator/bank.h"

namespace binhyen::index::internal {

namespace {

// How specific an expression is: a longer host first, then a longer path.
bool MoreSpecific(const std::string& a, const std::string& b) {
  size_t host_a = std::min(a.find('/'), a.size());
  size_t host_b = std::min(b.find('/'), b.size());
  if (host_a != host_b) return host_a > host_b;
  return a.size() > b.size();
}

std::string_view ProtectionReason(Allowlist::Protection p) {
  if (p == Allowlist::Protection::kBank) return "bank";
  if (p == Allowlist::Protection::kGovernment) return "government";
  return "";
}

void ProbeExact(const SnapshotData& data, KeyList list, std::string_view key, CheckResult* out) {
  MatchWriter writer(data, out);
  out->canonical.assign(key);
  if (const FlatHashTable::Slot* slot = data.Find(list, key)) {
    for (uint32_t e = slot->begin; e < slot->begin + slot->count; ++e) {
      writer.Add(key, data.entries[e]);
    }
  }
  writer.Finish(Allowlist::Protection::kNone);
}

void CheckAccount(const SnapshotData& data, std::string_view input, std::string_view bank,
                  CheckResult* out) {
  base::Result<indicator::Indicator> account = indicator::CanonicalizeBankAccount(input);
  if (!account.ok()) return;
  std::string canonical = account.value().canonical;
  if (!bank.empty()) {
    const indicator::Bank* named = indicator::FindBank(bank);
    if (named == nullptr) return;  // an unknown bank: not a valid input
    base::Result<indicator::Indicator> narrowed =
        indicator::MakeBankAccount(account.value().Attribute("account"), named);
    if (!narrowed.ok()) return;
    canonical = narrowed.value().canonical;
  }
  uint32_t bin = 0;
  std::string_view digits;
  if (!SplitAccount(canonical, &bin, &digits)) return;
  MatchWriter writer(data, out);
  out->canonical = canonical;
  if (const FlatHashTable::Slot* slot = data.Find(KeyList::kAccounts, digits)) {
    for (uint32_t e = slot->begin; e < slot->begin + slot->count; ++e) {
      if (AccountBinMatches(data.entries[e], bin)) writer.AddAccount(digits, data.entries[e]);
    }
  }
  writer.Finish(Allowlist::Protection::kNone);
}

constexpr size_t kMaxExpressions = indicator::LookupExpressionList::kMaxExpressions;

// The distinct hosts of a URL's expressions (consecutive in the list). Every expression host is
// a suffix of url.Host(), so its length names it. Left uninitialised: this is the hot path.
struct UrlHosts {
  std::array<size_t, kMaxExpressions> lengths;
  std::array<uint64_t, kMaxExpressions> hashes;  // Hash64(host, kHostFilterSeed)
  size_t count = 0;
};

// Hashes the hosts of `expressions` and starts loading their host filter blocks.
void HashHosts(const SnapshotData& data, const indicator::CanonicalUrl& url,
               const indicator::LookupExpressionList& expressions, UrlHosts* hosts) {
  for (std::string_view e : expressions) {
    size_t length = ExpressionHostLength(url, e);
    if (hosts->count > 0 && length == hosts->lengths[hosts->count - 1]) continue;
    hosts->lengths[hosts->count] = length;
    hosts->hashes[hosts->count] = Hash64(e.substr(0, length), kHostFilterSeed);
    data.url_hosts.Prefetch(hosts->hashes[hosts->count++]);
  }
}

// The probes worth making: the expressions whose host the filter may hold, hashed, with their
// table slots being loaded. Returns how many; `probes` holds their indices in `expressions`.
size_t SelectProbes(const SnapshotData& data, const indicator::CanonicalUrl& url,
                    const indicator::LookupExpressionList& expressions, const UrlHosts& hosts,
                    std::array<uint64_t, kMaxExpressions>* hashes,
                    std::array<uint8_t, kMaxExpressions>* probes) {
  const FlatHashTable& table = data.tables[static_cast<size_t>(KeyList::kUrls)];
  uint64_t seed = ListSeed(KeyList::kUrls);
  size_t count = 0;
  size_t h = 0;  // index into hosts of the current expression's host
  bool host_listed = false;
  for (size_t k = 0; k < expressions.size; ++k) {
    std::string_view e = expressions.items[k];
    size_t length = ExpressionHostLength(url, e);
    if (k == 0 || length != hosts.lengths[h]) {
      while (h < hosts.count && hosts.lengths[h] != length) ++h;
      if (h == hosts.count) break;  // cannot happen: filtering keeps the order
      host_listed = data.url_hosts.MayContain(hosts.hashes[h]);
    }
    if (!host_listed) continue;
    (*probes)[count] = static_cast<uint8_t>(k);
    (*hashes)[count] = Hash64(e, seed);
    table.Prefetch((*hashes)[count++]);
  }
  return count;
}

}  // namespace

void CheckCanonicalUrl(const SnapshotData& data, const indicator::CanonicalUrl& url,
                       CheckResult* out) {
  MatchWriter writer(data, out);
  out->kind = indicator::Kind::kUrl;
  out->canonical.assign(url.Spec());
  if (url.Spec().empty()) return writer.Finish(Allowlist::Protection::kNone);
  indicator::LookupExpressionList expressions;
  indicator::LookupExpressions(url, &expressions);
  // Start loading the host filter blocks, ask the allowlist while the loads are in flight, then
  // hash the remaining expressions of possibly listed hosts and load their slots together, so
  // that the cache misses overlap.
  UrlHosts hosts;
  HashHosts(data, url, expressions, &hosts);
  Allowlist::Protection protection = FilterUrlExpressions(url, *data.allowlist, &expressions);
  bool protected_host = protection == Allowlist::Protection::kBank ||
                        protection == Allowlist::Protection::kGovernment;
  std::array<uint64_t, kMaxExpressions> hashes;
  std::array<uint8_t, kMaxExpressions> probes;
  size_t count = SelectProbes(data, url, expressions, hosts, &hashes, &probes);
  const FlatHashTable& table = data.tables[static_cast<size_t>(KeyList::kUrls)];
  for (size_t i = 0; i < count; ++i) {
    const FlatHashTable::Slot* slot = table.Find(hashes[i]);
    if (slot == nullptr) continue;
    for (uint32_t e = slot->begin; e < slot->begin + slot->count; ++e) {
      const Entry& entry = data.entries[e];
      // A protected host answers only to listings an analyst forced through the allowlist
      // (a listing of a parent such as "com.vn/" must not make a bank's site dangerous).
      if (protected_host && (entry.flags & Entry::kOverride) == 0) continue;
      writer.Add(expressions.items[probes[i]], entry);
    }
  }
  writer.Finish(protected_host ? protection : Allowlist::Protection::kNone);
}

MatchWriter::MatchWriter(const SnapshotData& data, CheckResult* out) : data_(data), out_(out) {
  out_->canonical.clear();
  out_->verdict = Verdict::kUnknown;
  out_->trusted_reason.clear();
}

Match& MatchWriter::Next() {
  if (count_ == out_->matches.size()) out_->matches.emplace_back();
  return out_->matches[count_++];
}

void MatchWriter::Add(std::string_view expression, const Entry& entry) {
  if (count_ >= kMaxMatches) return;
  Match& m = Next();
  m.expression.assign(expression);
  m.category.assign(data_.categories[entry.category]);
  const Source& source = data_.sources[entry.source];
  m.source.assign(source.name);
  m.trust = source.trust;
  m.first_seen = entry.first_seen;
  m.warning_url.assign(data_.warnings[entry.warning]);
}

void MatchWriter::AddAccount(std::string_view digits, const Entry& entry) {
  if (count_ >= kMaxMatches) return;
  Add(digits, entry);
  if (entry.bin != 0) {
    char bin[16];
    int n = std::snprintf(bin, sizeof(bin), "%06u:", static_cast<unsigned>(entry.bin));
    out_->matches[count_ - 1].expression.insert(0, bin, static_cast<size_t>(n));
  }
}

void MatchWriter::Finish(Allowlist::Protection protection) {
  std::vector<Match>& matches = out_->matches;
  // Insertion sort: at most 20 elements, stable, and moves allocate nothing.
  for (size_t i = 1; i < count_; ++i) {
    for (size_t j = i; j > 0 && MoreSpecific(matches[j].expression, matches[j - 1].expression);
         --j) {
      std::swap(matches[j], matches[j - 1]);
    }
  }
  matches.resize(count_);
  size_t categories = 0;
  bool high = false;
  for (size_t i = 0; i < count_; ++i) {
    high = high || matches[i].trust == Trust::kHigh;
    bool seen = false;
    for (size_t c = 0; c < categories; ++c)
      seen = seen || out_->categories[c] == matches[i].category;
    if (seen) continue;
    if (categories == out_->categories.size()) out_->categories.emplace_back();
    out_->categories[categories++].assign(matches[i].category);
  }
  out_->categories.resize(categories);
  if (count_ > 0) {
    out_->verdict = high ? Verdict::kDangerous : Verdict::kSuspicious;
  } else if (!ProtectionReason(protection).empty()) {
    out_->verdict = Verdict::kTrusted;
    out_->trusted_reason.assign(ProtectionReason(protection));
  }
}

void CheckValue(const Snapshot& snapshot, const SnapshotData& data, indicator::Kind kind,
                std::string_view input, std::string_view bank, CheckResult* out) {
  if (kind == indicator::Kind::kBankAccount) return CheckAccount(data, input, bank, out);
  base::Result<indicator::Indicator> value = indicator::Canonicalize(kind, input);
  if (!value.ok()) return;
  CheckCanonicalValue(snapshot, data, *value, bank, out);
}

void CheckCanonicalValue(const Snapshot& snapshot, const SnapshotData& data,
                         const indicator::Indicator& value, std::string_view bank,
                         CheckResult* out) {
  using indicator::Kind;
  const Kind kind = value.kind;
  const std::string& canonical = value.canonical;
  switch (kind) {
    case Kind::kUrl:
    case Kind::kDomain: {
      indicator::CanonicalUrl url;
      std::string text = kind == Kind::kDomain ? "http://" + canonical + "/" : canonical;
      if (!indicator::CanonicalizeUrlInto(text, &url).ok()) return;
      snapshot.CheckUrl(url, out);
      out->kind = kind;
      out->canonical = canonical;
      return;
    }
    case Kind::kIp: return ProbeExact(data, KeyList::kIps, canonical, out);
    case Kind::kPhone: return ProbeExact(data, KeyList::kPhones, canonical, out);
    case Kind::kEmail: return ProbeExact(data, KeyList::kEmails, canonical, out);
    case Kind::kSocial: return ProbeExact(data, KeyList::kSocials, canonical, out);
    case Kind::kBankAccount: return CheckAccount(data, canonical, bank, out);
  }
}

}  // namespace binhyen::index::internal
