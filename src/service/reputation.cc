#include "service/reputation.h"

#include <algorithm>

#include "base/logging.h"
#include "domain/enums.h"
#include "index/expressions.h"
#include "indicator/url.h"
#include "service/warning_urls.h"

namespace binhyen::service {
namespace {

constexpr std::string_view kOwnSource = "binhyen";
constexpr int kChangesBatch = 10000;

int64_t UnixSeconds(base::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

int Strength(index::Verdict v) {
  switch (v) {
    case index::Verdict::kDangerous: return 3;
    case index::Verdict::kSuspicious: return 2;
    case index::Verdict::kTrusted: return 1;
    case index::Verdict::kUnknown: return 0;
  }
  return 0;
}

index::Trust TrustOf(domain::FeedTrust trust) {
  switch (trust) {
    case domain::FeedTrust::kLow: return index::Trust::kLow;
    case domain::FeedTrust::kMedium: return index::Trust::kMedium;
    case domain::FeedTrust::kHigh: return index::Trust::kHigh;
  }
  return index::Trust::kLow;
}

}  // namespace

ReputationView::ReputationView(std::shared_ptr<const index::Snapshot> own,
                               std::shared_ptr<const index::Snapshot> feeds, int64_t version)
    : own_(std::move(own)), feeds_(std::move(feeds)), version_(version) {}

index::CheckResult ReputationView::Check(indicator::Kind kind, std::string_view input,
                                         std::string_view bank) const {
  index::CheckResult result;
  result.kind = kind;
  index::CheckResult from_feeds;
  if (kind == indicator::Kind::kUrl || kind == indicator::Kind::kDomain) {
    // The URL form is parsed once for both snapshots: parsing it again per snapshot (and
    // computing the indicator's attributes) was a third of a link check's cost.
    indicator::CanonicalUrl url;
    std::string canonical;
    if (kind == indicator::Kind::kUrl) {
      if (!indicator::CanonicalizeValidUrlInto(input, &url).ok()) return result;
      canonical = url.Spec();
    } else {
      base::Result<indicator::Indicator> domain = indicator::Canonicalize(kind, input);
      if (!domain.ok()) return result;
      canonical = std::move(domain->canonical);
      if (!indicator::CanonicalizeUrlInto("http://" + canonical + "/", &url).ok()) return result;
    }
    own_->CheckUrl(url, &result);
    result.kind = kind;
    result.canonical = std::move(canonical);
    if (feeds_->size() == 0) return result;
    feeds_->CheckUrl(url, &from_feeds);
  } else {
    // Canonicalised once for both snapshots (libphonenumber alone costs ~15 µs a number).
    base::Result<indicator::Indicator> value = indicator::Canonicalize(kind, input);
    if (!value.ok()) return result;  // not a valid indicator of that kind: canonical ""
    own_->CheckCanonical(*value, bank, &result);
    if (result.canonical.empty() || feeds_->size() == 0) return result;
    feeds_->CheckCanonical(*value, bank, &from_feeds);
  }
  for (index::Match& m : from_feeds.matches) result.matches.push_back(std::move(m));
  for (std::string& c : from_feeds.categories) {
    if (std::find(result.categories.begin(), result.categories.end(), c) ==
        result.categories.end()) {
      result.categories.push_back(std::move(c));
    }
  }
  if (Strength(from_feeds.verdict) > Strength(result.verdict)) {
    result.verdict = from_feeds.verdict;
    if (result.trusted_reason.empty()) result.trusted_reason = from_feeds.trusted_reason;
  }
  return result;
}

Reputation::Reputation(store::Store& store, const base::Clock& clock, ReputationOptions options)
    : store_(store), clock_(clock), options_(options), hash_lists_(options.hash_lists) {
  own_snapshot_ = index::Snapshot::Empty();
  feeds_snapshot_ = index::Snapshot::Empty();
  view_.store(std::make_shared<const ReputationView>(own_snapshot_, feeds_snapshot_, 0));
}

Reputation::~Reputation() { Stop(); }

std::shared_ptr<const ReputationView> Reputation::view() const { return view_.load(); }

base::Status Reputation::Refresh(bool hash_lists_now) {
  std::lock_guard lock(refresh_mu_);
  return RefreshLocked(hash_lists_now);
}

base::Status Reputation::RefreshLocked(bool hash_lists_now) {
  const base::TimePoint now = clock_.Now();
  bool own_changed = false;
  bool feeds_changed = false;
  int64_t version = 0;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(version, tx->Indicators().CurrentVersion());
    if (version != view_.load()->version() || own_snapshot_ == nullptr) {
      BINHYEN_RETURN_IF_ERROR(LoadOwnChanges(*tx, &own_changed));
      BINHYEN_RETURN_IF_ERROR(LoadFeeds(*tx, &feeds_changed));
    }
    if (own_changed) {
      BINHYEN_ASSIGN_OR_RETURN(warning_urls_, LoadWarningUrls(*tx, now));
    }
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  // An expiry passing is a change too.
  if (next_expiry_ && *next_expiry_ <= now) own_changed = true;
  // A delisting (or its reversal) changes what the sources may list.
  if (delisted_changed_) feeds_changed = true;
  if (own_changed) own_snapshot_ = BuildOwn(now);
  if (feeds_changed) feeds_snapshot_ = BuildFeeds();
  if (own_changed || feeds_changed || version != view_.load()->version()) {
    view_.store(std::make_shared<const ReputationView>(own_snapshot_, feeds_snapshot_, version));
    hash_lists_stale_ = true;
  }
  const auto mono = clock_.MonotonicNow();
  if (hash_lists_stale_ &&
      (hash_lists_now || mono - hash_lists_built_ >= options_.hash_list_period)) {
    HashJob job = MakeHashJob();
    bool queued = false;
    if (!hash_lists_now) {
      // With the background threads running, the builder takes it: this refresh returns now.
      std::lock_guard lock(run_mu_);
      if (hash_thread_.joinable() && !stopping_) {
        hash_job_ = std::move(job);
        queued = true;
      }
    }
    if (queued) {
      run_cv_.notify_all();
    } else {
      BINHYEN_RETURN_IF_ERROR(BuildHashLists(job));
    }
    hash_lists_stale_ = false;
    hash_lists_built_ = mono;
  }
  return base::Status::Ok();
}

base::Status Reputation::LoadOwnChanges(store::Transaction& tx, bool* changed) {
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::IndicatorRecord> batch,
                             tx.Indicators().ChangesSince(own_version_, kChangesBatch));
    for (const domain::IndicatorRecord& r : batch) {
      OwnRecord& own = own_[Key(r.kind, r.canonical)];
      own.category = std::string(domain::Name(r.category));
      own.first_seen = UnixSeconds(r.first_seen);
      own.expires_at = r.expires_at;
      own.status = r.status;
      own.override_allowlist = std::any_of(r.sources.begin(), r.sources.end(), [](const auto& s) {
        return s.source.rfind("override:", 0) == 0;
      });
      if (r.status == domain::IndicatorStatus::kDelisted) {
        if (delisted_.insert(Key(r.kind, r.canonical)).second) delisted_changed_ = true;
      } else if (delisted_.erase(Key(r.kind, r.canonical)) != 0) {
        delisted_changed_ = true;
      }
      own_version_ = std::max(own_version_, r.version);
      *changed = true;
    }
    if (batch.size() < static_cast<size_t>(kChangesBatch)) return base::Status::Ok();
  }
}

base::Status Reputation::LoadFeeds(store::Transaction& tx, bool* changed) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::FeedSource> sources, tx.Feeds().ListSources());
  std::map<std::string, std::shared_ptr<FeedCache>> next;
  for (const domain::FeedSource& source : sources) {
    if (!source.enabled) continue;
    auto it = feeds_.find(source.name);
    if (it != feeds_.end() && it->second->version == source.version) {
      next.emplace(source.name, it->second);
      continue;
    }
    auto made = std::make_shared<FeedCache>();
    FeedCache& cache = *made;
    cache.version = source.version;
    cache.name = "feed:" + source.name;
    cache.trust = TrustOf(source.trust);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::FeedEntry> entries,
                             tx.Feeds().ActiveEntries(source.id));
    cache.entries.reserve(entries.size());
    for (domain::FeedEntry& e : entries) {
      index::Listing l;
      l.kind = e.kind;
      l.canonical = std::move(e.canonical);
      l.category = e.category.empty() ? "other" : std::move(e.category);
      l.first_seen = UnixSeconds(e.first_seen);
      cache.entries.push_back(std::move(l));
    }
    next.emplace(source.name, std::move(made));
  }
  if (next.size() != feeds_.size()) *changed = true;
  for (const auto& [name, cache] : next) {
    auto it = feeds_.find(name);
    if (it == feeds_.end() || it->second->version != cache->version) *changed = true;
  }
  feeds_ = std::move(next);
  return base::Status::Ok();
}

std::shared_ptr<const index::Snapshot> Reputation::BuildOwn(base::TimePoint now) {
  index::SnapshotInput input;
  input.version = own_version_;
  input.sources.push_back({std::string(kOwnSource), index::Trust::kHigh});
  next_expiry_.reset();
  for (const auto& [key, r] : own_) {
    if (r.status != domain::IndicatorStatus::kConfirmed) continue;
    if (r.expires_at) {
      if (*r.expires_at <= now) continue;
      if (!next_expiry_ || *r.expires_at < *next_expiry_) next_expiry_ = r.expires_at;
    }
    index::Listing l;
    l.kind = key.first;
    l.canonical = key.second;
    l.category = r.category;
    l.source = 0;
    l.first_seen = r.first_seen;
    l.override_allowlist = r.override_allowlist;
    if (auto w = warning_urls_.find(key); w != warning_urls_.end()) l.warning_url = w->second;
    input.listings.push_back(std::move(l));
  }
  own_listings_ = std::make_shared<const std::vector<index::Listing>>(input.listings);
  return index::Snapshot::Build(std::move(input));
}

std::shared_ptr<const index::Snapshot> Reputation::BuildFeeds() {
  delisted_changed_ = false;
  index::SnapshotInput input;
  input.version = own_version_;
  size_t total = 0;
  for (const auto& [name, cache] : feeds_) total += cache->entries.size();
  input.listings.reserve(total);
  for (const auto& [name, cache] : feeds_) {
    const auto source = static_cast<uint16_t>(input.sources.size());
    input.sources.push_back({cache->name, cache->trust});
    for (const index::Listing& listing : cache->entries) {
      if (!delisted_.empty() && delisted_.count(Key(listing.kind, listing.canonical)) != 0) {
        continue;  // an accepted dispute delists it from every source
      }
      input.listings.push_back(listing);
      input.listings.back().source = source;
    }
  }
  return index::Snapshot::Build(std::move(input));
}

Reputation::HashJob Reputation::MakeHashJob() const {
  HashJob job;
  job.version = view_.load()->version();
  job.own = own_listings_;
  for (const auto& [name, cache] : feeds_) job.feeds.push_back(cache);
  job.delisted = delisted_;
  job.snapshot = own_snapshot_;
  return job;
}

base::Status Reputation::BuildHashLists(const HashJob& job) {
  std::lock_guard lock(hash_mu_);
  const index::Allowlist& allowlist = job.snapshot->allowlist();
  std::vector<index::HashListEntry> entries;
  const auto add = [&allowlist](const index::Listing& listing, bool suspicious,
                                std::vector<index::HashListEntry>* out) {
    for (const index::ListedKey& key : index::ListingKeys(listing, allowlist)) {
      index::HashListKind list;
      switch (key.list) {
        case index::KeyList::kUrls: list = index::HashListKind::kUrls; break;
        case index::KeyList::kPhones: list = index::HashListKind::kPhones; break;
        case index::KeyList::kAccounts: list = index::HashListKind::kAccounts; break;
        default: continue;  // emails, social accounts and IPs have no hash list
      }
      out->push_back({list, index::HashExpression(key.expression), listing.category,
                      listing.first_seen, suspicious});
    }
  };
  for (const index::Listing& l : *job.own) add(l, false, &entries);
  for (const std::shared_ptr<FeedCache>& cache : job.feeds) {
    // A source's entries are hashed once per version of it (SHA-256 of a million expressions is
    // most of a rebuild), remembering which listing each came from for the delisted filter.
    if (!cache->hashed_valid) {
      cache->hashed.clear();
      cache->hashed_from.clear();
      for (size_t i = 0; i < cache->entries.size(); ++i) {
        add(cache->entries[i], cache->trust != index::Trust::kHigh, &cache->hashed);
        cache->hashed_from.resize(cache->hashed.size(), static_cast<uint32_t>(i));
      }
      cache->hashed_valid = true;
    }
    for (size_t i = 0; i < cache->hashed.size(); ++i) {
      const index::Listing& l = cache->entries[cache->hashed_from[i]];
      if (!job.delisted.empty() && job.delisted.count(Key(l.kind, l.canonical)) != 0) continue;
      entries.push_back(cache->hashed[i]);
    }
  }
  // Versions must grow even when only time passed (an expiry): the store's version otherwise.
  hash_lists_version_ = std::max(job.version, hash_lists_version_ + 1);
  return hash_lists_.Publish(hash_lists_version_, entries);
}

void Reputation::Start() {
  std::lock_guard lock(run_mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  base::Result<std::unique_ptr<store::ChangeListener>> listener = store_.ListenForChanges();
  if (!listener.ok()) {
    // The index still follows the store by polling: slower to see other nodes' changes, but
    // never a reason to refuse to serve.
    base::LogWarn("reputation: no change notifications ({}); polling every {} ms",
                  listener.status().ToString(), options_.refresh_period.count());
  } else {
    listener_ = std::move(*listener);
  }
  hash_thread_ = std::thread([this] { RunHashLists(); });
  thread_ = std::thread([this] { Run(); });
}

void Reputation::Stop() {
  store::ChangeListener* listener = nullptr;
  {
    std::lock_guard lock(run_mu_);
    stopping_ = true;
    listener = listener_.get();
  }
  run_cv_.notify_all();
  if (listener != nullptr) listener->Wake();
  if (thread_.joinable()) thread_.join();
  if (hash_thread_.joinable()) hash_thread_.join();
  std::lock_guard lock(run_mu_);
  hash_job_.reset();
  listener_.reset();
}

void Reputation::Run() {
  std::unique_lock lock(run_mu_);
  while (!stopping_) {
    lock.unlock();
    if (base::Status s = Refresh(); !s.ok()) {
      base::LogWarn("reputation: refresh failed: {}", s.ToString());
    }
    if (listener_ != nullptr) {
      // A notification (or Stop's Wake) ends the wait at once; the timeout is the version
      // check that catches what notifications miss.
      listener_->Wait(options_.listen_timeout);
      lock.lock();
    } else {
      lock.lock();
      run_cv_.wait_for(lock, options_.refresh_period, [this] { return stopping_; });
    }
  }
}

void Reputation::RunHashLists() {
  std::unique_lock lock(run_mu_);
  while (true) {
    run_cv_.wait(lock, [this] { return stopping_ || hash_job_.has_value(); });
    if (stopping_) return;
    HashJob job = std::move(*hash_job_);
    hash_job_.reset();
    lock.unlock();
    if (base::Status s = BuildHashLists(job); !s.ok()) {
      base::LogWarn("reputation: hash lists not rebuilt: {}", s.ToString());
    }
    lock.lock();
  }
}

}  // namespace binhyen::service
