#include "index/snapshot.h"

#include <utility>

#include "index/expressions.h"
#include "index/internal/flat_hash_table.h"
#include "index/internal/hash.h"
#include "index/internal/listing_keys.h"
#include "index/internal/snapshot_impl.h"

namespace binhyen::index {

using internal::Entry;
using internal::ListSeed;

std::string_view TrustName(Trust t) {
  switch (t) {
    case Trust::kLow: return "low";
    case Trust::kMedium: return "medium";
    case Trust::kHigh: return "high";
  }
  return "high";
}

std::optional<Trust> ParseTrust(std::string_view name) {
  for (Trust t : {Trust::kLow, Trust::kMedium, Trust::kHigh}) {
    if (TrustName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kUnknown: return "unknown";
    case Verdict::kSuspicious: return "suspicious";
    case Verdict::kDangerous: return "dangerous";
    case Verdict::kTrusted: return "trusted";
  }
  return "unknown";
}

struct Snapshot::Impl : internal::SnapshotData {};

Snapshot::Snapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Snapshot::~Snapshot() = default;

std::shared_ptr<const Snapshot> Snapshot::Build(SnapshotInput input, BuildStats* stats) {
  auto impl = std::make_unique<Impl>();
  internal::BuildData(std::move(input), stats, impl.get());
  return std::shared_ptr<const Snapshot>(new Snapshot(std::move(impl)));
}

std::shared_ptr<const Snapshot> Snapshot::Empty() { return Build(SnapshotInput{}); }

int64_t Snapshot::version() const { return impl_->version; }
size_t Snapshot::size() const { return impl_->listed; }
const std::vector<Source>& Snapshot::sources() const { return impl_->sources; }
const Allowlist& Snapshot::allowlist() const { return *impl_->allowlist; }

size_t Snapshot::MemoryBytes() const {
  size_t bytes = impl_->entries.capacity() * sizeof(Entry);
  for (const internal::FlatHashTable& t : impl_->tables) bytes += t.MemoryBytes();
  bytes += impl_->url_hosts.MemoryBytes();
  for (const std::string& s : impl_->categories) bytes += sizeof(s) + s.capacity();
  for (const std::string& s : impl_->warnings) bytes += sizeof(s) + s.capacity();
  for (const Source& s : impl_->sources) bytes += sizeof(s) + s.name.capacity();
  return bytes;
}

void Snapshot::CheckUrl(const indicator::CanonicalUrl& url, CheckResult* out) const {
  internal::CheckCanonicalUrl(*impl_, url, out);
}

bool Snapshot::IsListed(indicator::Kind kind, std::string_view canonical) const {
  switch (kind) {
    case indicator::Kind::kPhone: return impl_->Find(KeyList::kPhones, canonical) != nullptr;
    case indicator::Kind::kEmail: return impl_->Find(KeyList::kEmails, canonical) != nullptr;
    case indicator::Kind::kSocial: return impl_->Find(KeyList::kSocials, canonical) != nullptr;
    case indicator::Kind::kIp: return impl_->Find(KeyList::kIps, canonical) != nullptr;
    case indicator::Kind::kBankAccount: {
      // Start loading the slot of the digits before validating and looking up the BIN: the
      // cache miss of the table dominates.
      size_t colon = canonical.find(':');
      std::string_view probe =
          colon == std::string_view::npos ? canonical : canonical.substr(colon + 1);
      const internal::FlatHashTable& table = impl_->tables[static_cast<size_t>(KeyList::kAccounts)];
      uint64_t hash = internal::Hash64(probe, internal::ListSeed(KeyList::kAccounts));
      table.Prefetch(hash);
      uint32_t bin = 0;
      std::string_view digits;
      if (!internal::SplitAccount(canonical, &bin, &digits)) return false;
      uint16_t bin_code = bin == 0 ? 0 : impl_->BinCode(bin);
      const internal::FlatHashTable::Slot* slot = table.Find(hash);
      if (slot == nullptr) return false;
      if (bin == 0 || (slot->flags & internal::kSlotAnyBank) != 0) return true;
      uint16_t code = slot->flags >> internal::kSlotBinCodeShift;
      if (code != 0) return code == bin_code;
      for (uint32_t e = slot->begin; e < slot->begin + slot->count; ++e) {
        if (internal::AccountBinMatches(impl_->entries[e], bin)) return true;
      }
      return false;
    }
    case indicator::Kind::kUrl:
    case indicator::Kind::kDomain: {
      CheckResult result = Check(kind, canonical);
      return !result.matches.empty();
    }
  }
  return false;
}

void Snapshot::CheckCanonical(const indicator::Indicator& value, std::string_view bank,
                              CheckResult* out) const {
  *out = CheckResult();
  out->kind = value.kind;
  internal::CheckCanonicalValue(*this, *impl_, value, bank, out);
}

CheckResult Snapshot::Check(indicator::Kind kind, std::string_view input,
                            std::string_view bank) const {
  CheckResult result;
  result.kind = kind;
  internal::CheckValue(*this, *impl_, kind, input, bank, &result);
  return result;
}

}  // namespace binhyen::index
