#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/dispute.h"
#include "domain/enums.h"
#include "domain/feed.h"
#include "domain/indicator_record.h"
#include "domain/person.h"
#include "domain/report.h"
#include "domain/unit.h"
#include "domain/user.h"
#include "domain/warning.h"
#include "indicator/indicator.h"
#include "store/channel_store.h"
#include "store/content_store.h"
#include "store/federation_store.h"
#include "store/plan_store.h"
#include "store/programme_console.h"
#include "store/quiz_store.h"
#include "store/training_store.h"

namespace binhyen::store {

// The persistent state of Bình Yên behind one interface, implemented by store/sqlite and
// store/postgres and opened by URL through store::Registry (registry.h). Every backend passes
// store_conformance_test.cc; callers never name a backend.
//
// General contract of every repository method below:
// - Input is validated with the domain rules first (domain::Validate...); a bad field returns
//   InvalidArgument whose message starts with the field name ("description: must not be empty").
// - A UNIQUE violation returns AlreadyExists naming the field ("name: already exists",
//   "receipt_code: already exists", "slug: already exists", "token_hash: already exists").
// - A CHECK / NOT NULL violation from the database returns InvalidArgument naming the column.
// - A missing row returns NotFound ("report 42: not found", "user name 'x': not found").
// - Busy / locked / connection lost / disk full returns Unavailable ("disk full" for SQLITE_FULL
//   or PostgreSQL 53100); corruption returns Internal.
// - A method that returns an error has had no effect at all, and the transaction stays usable
//   (backends either use a savepoint, or validate first and order statements so that only the
//   first write can fail on bad input; should a later statement fail anyway, the transaction is
//   poisoned as below rather than keep a partial effect): e.g.
//   Users().GetByName() returning NotFound, then Users().Create(), then Commit() is fine.
//   Exceptions: Unavailable, Internal and Aborted (connection lost, disk full, corruption,
//   serialisation conflict) poison the transaction: every later call returns
//   FailedPrecondition "transaction: aborted by an earlier error", Commit() fails, and nothing
//   the transaction did is kept.
// - In a kReadOnly transaction every write method returns FailedPrecondition
//   "transaction: read-only" (and does not poison it).
// - Full-text search folds Vietnamese (text::FoldVietnamese: lower case, no diacritics, đ→d) on
//   both the indexed text and the query, so both backends agree exactly on what matches; a
//   "word" is a maximal run of letters and digits of the folded text.
// - Times are stored at microsecond precision (truncated); they round-trip exactly when the
//   caller passes microsecond-aligned values. The store never reads a clock: every time comes
//   from the caller (which uses base::Clock).
// - Lists come back in a defined order (stated per method) so both backends agree exactly.

// ---------------------------------------------------------------------------------------------
// Pagination

// Keyset pagination: pass the `next` cursor of one page to get the following page. Cursors are
// opaque strings (backend-independent format: the last id as a decimal string).
struct PageRequest {
  int limit = 50;     // 1..1000; other values return InvalidArgument "limit: ..."
  std::string after;  // "" for the first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // "" when there are no more items
};

// ---------------------------------------------------------------------------------------------
// Reports

struct ReportFilter {
  std::optional<domain::ReportStatus> status;
  std::optional<domain::Category> category;
  std::optional<std::string> ward;
  std::optional<base::TimePoint> created_from;  // inclusive
  std::optional<base::TimePoint> created_to;    // exclusive
  std::optional<int64_t> assignee_user_id;
  // Full-text condition on the description, same rules as Search() (every word must occur,
  // diacritics and case ignored); combined with the other fields (AND). A text without words
  // matches nothing.
  std::optional<std::string> text;
};

// A status change of a report (ReportRepository::Transition).
struct StatusChange {
  domain::ReportStatus to = domain::ReportStatus::kTriaging;
  // Required when `to` is kDuplicate, forbidden otherwise: the report this one duplicates.
  std::optional<int64_t> duplicate_of;
  // When set, replaces the report's public note (at most domain::kMaxPublicNoteBytes).
  std::optional<std::string> public_note;
  // When set, replaces the report's category: the analyst's verdict may name another kind of
  // scam than the reporter chose. Only allowed when `to` is kConfirmed.
  std::optional<domain::Category> category;
};

// A report found by FindNearDuplicates.
struct NearDuplicate {
  int64_t id = 0;
  int distance = 0;  // Hamming distance of the SimHashes, 0..3
  friend bool operator==(const NearDuplicate&, const NearDuplicate&) = default;
};

struct ReportKey {
  int64_t id = 0;
  std::string receipt_code;
};

// What the public statistics need of one report (ReportRepository::Statistics): no
// description, no contact, no indicator.
struct ReportStatRow {
  domain::Category category = domain::Category::kOther;
  std::string ward;  // "" when unknown
  domain::ReportStatus status = domain::ReportStatus::kReceived;
  base::TimePoint created_at{};
  std::optional<base::TimePoint> decided_at;
  friend bool operator==(const ReportStatRow&, const ReportStatRow&) = default;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  // Creates `report` with its indicators and evidence references, atomically within the
  // transaction. Ignores report.id, report.status (always created as received),
  // report.linked_report_ids and report.updated_at (set to created_at); report.created_at and
  // report.receipt_code must be set by the caller. Returns the new id and the receipt code.
  // AlreadyExists "receipt_code: already exists" when the code is taken (draw another).
  virtual base::Result<ReportKey> Create(const domain::Report& report) = 0;

  // The full report: fields, indicators (in insertion order), evidence (in insertion order),
  // linked report ids (ascending). NotFound "report <id>: not found".
  virtual base::Result<domain::Report> Get(int64_t id) = 0;
  // `receipt_code` must be canonical (domain::NormalizeReceiptCode). NotFound
  // "report receipt '<code>': not found".
  virtual base::Result<domain::Report> GetByReceipt(std::string_view receipt_code) = 0;

  // Reports matching every set field of `filter`, newest first (id descending), full reports as
  // Get returns them.
  virtual base::Result<Page<domain::Report>> List(const ReportFilter& filter,
                                                  const PageRequest& page) = 0;

  // Ids of reports that carry the indicator (kind, canonical), id descending, at most `limit`
  // (1..1000).
  virtual base::Result<std::vector<int64_t>> FindByIndicator(indicator::Kind kind,
                                                             std::string_view canonical,
                                                             int limit) = 0;

  // Ids of other reports sharing at least one indicator with report `id`, id descending, at most
  // `limit`. NotFound when `id` does not exist.
  virtual base::Result<std::vector<int64_t>> FindSharingIndicators(int64_t id, int limit) = 0;

  // Full-text search over report descriptions, ignoring case and Vietnamese diacritics ("lua
  // dao" finds "lừa đảo", "Lừa Đảo" finds "lua dao"; đ matches d). `query` is plain words (no
  // query syntax: operators and quotes are treated as text); every word must occur as a whole
  // word (AND; no prefix matching). Ids newest first (id descending; identical on every backend,
  // unlike relevance scores); at most `limit` (1..1000). A query without words returns an
  // empty list.
  virtual base::Result<std::vector<int64_t>> Search(std::string_view query, int limit) = 0;

  // Ids of reports whose text_simhash differs from `simhash` in at most `max_distance` bits
  // (0..3; InvalidArgument "max_distance: ..." otherwise), id descending, at most `limit`
  // (1..1000). Reports without a simhash never match. Exact (no false negatives): the store
  // indexes four 16-bit bands of each simhash, and two hashes within distance 3 share a band.
  virtual base::Result<std::vector<NearDuplicate>> FindNearDuplicates(uint64_t simhash,
                                                                      int max_distance,
                                                                      int limit) = 0;

  // Moves report `id` to `change.to`, enforcing domain::CheckTransition (FailedPrecondition
  // "status: cannot move from <from> to <to>" otherwise), sets updated_at = `at`, and:
  // - to kDuplicate: `change.duplicate_of` is required (InvalidArgument "duplicate_of: required
  //   when marking a duplicate"), must differ from `id` (InvalidArgument "duplicate_of: a report
  //   cannot duplicate itself"), must exist (NotFound "report <n>: not found") and must not be a
  //   duplicate itself (FailedPrecondition "duplicate_of: report <n> is itself a duplicate of
  //   <m>"); the store sets duplicate_of and links the two reports;
  // - to any other status: `change.duplicate_of` must be nullopt (InvalidArgument "duplicate_of:
  //   only allowed when marking a duplicate"), and duplicate_of is cleared;
  // - `change.public_note`, when set, replaces the public note (InvalidArgument "public_note:
  //   must be at most 2000 bytes").
  // Returns the updated report.
  virtual base::Result<domain::Report> Transition(int64_t id, const StatusChange& change,
                                                  base::TimePoint at) = 0;

  // Replaces the public note (same limit). NotFound when absent. Sets updated_at = `at`.
  virtual base::Status SetPublicNote(int64_t id, std::string_view note, base::TimePoint at) = 0;

  // Sets (or clears, with nullopt) the assignee; the user must exist (NotFound
  // "user <id>: not found"). Sets updated_at = `at`.
  virtual base::Status Assign(int64_t id, std::optional<int64_t> user_id, base::TimePoint at) = 0;

  // Links two distinct reports (symmetric; linking twice is a no-op). A link is not a change of
  // either report: updated_at (what a reporter sees as "last update" of their report) stays as
  // it is, and a campaign that links one report to many costs no write to the others' rows.
  // InvalidArgument "linked_report_ids: a report cannot link to itself"; NotFound for a missing
  // report.
  virtual base::Status Link(int64_t id, int64_t other_id) = 0;

  // Adds an indicator / evidence reference to an existing report (e.g. found later by OCR).
  // Adding an indicator the report already has is a no-op (returns Ok); the same for evidence
  // with the same sha256.
  virtual base::Status AddIndicator(int64_t id, const domain::ReportIndicator& indicator,
                                    base::TimePoint at) = 0;
  virtual base::Status AddEvidence(int64_t id, const domain::EvidenceRef& evidence,
                                   base::TimePoint at) = 0;

  // Number of reports (all statuses).
  virtual base::Result<int64_t> Count() = 0;

  // Number of reports in each status (every status listed, zeros included, in enum order).
  virtual base::Result<std::vector<std::pair<domain::ReportStatus, int64_t>>> CountByStatus() = 0;

  // One row per report created in [from, to), by (created_at, id) ascending; empty when
  // from >= to. Rows rather than counts: the caller groups them by its own calendar (months in
  // Vietnam time) and needs every decision delay for a median, which neither SQL dialect
  // computes alike. One range scan of the created_at index; about 40 bytes a row, so a year of
  // a town's reports (100k) is a few MB.
  virtual base::Result<std::vector<ReportStatRow>> Statistics(base::TimePoint from,
                                                              base::TimePoint to) = 0;

  // Retention of reporters' contact data (migration 0013).
  // Ids of closed reports (confirmed, rejected, duplicate: decided_at set) that still hold a
  // contact ciphertext and were decided at or before `cutoff`, id ascending, at most `limit`
  // (1..10000). Open reports never match, whatever their age.
  virtual base::Result<std::vector<int64_t>> ListContactsDecidedBefore(base::TimePoint cutoff,
                                                                       int limit) = 0;
  // Erases the contact of report `id`: contact_ciphertext becomes NULL and contact_erased_at
  // `at`. Returns true when there was a contact to erase, false when there was none (anonymous
  // or already erased: nothing changes, so erasing twice is harmless). updated_at is kept (an
  // erasure is not news for the reporter). NotFound "report <id>: not found".
  virtual base::Result<bool> EraseContact(int64_t id, base::TimePoint at) = 0;
};

// ---------------------------------------------------------------------------------------------
// Units (wards, communes, schools, agencies)

class UnitRepository {
 public:
  virtual ~UnitRepository() = default;

  // AlreadyExists "code: already exists". A non-empty parent_code must name an existing unit
  // (NotFound "unit '<code>': not found").
  virtual base::Status Create(const domain::Unit& unit) = 0;
  // Replaces name, kind and parent_code. NotFound when absent.
  virtual base::Status Update(const domain::Unit& unit) = 0;
  // NotFound "unit '<code>': not found".
  virtual base::Result<domain::Unit> Get(std::string_view code) = 0;
  // All units, by code ascending.
  virtual base::Result<std::vector<domain::Unit>> List() = 0;
};

// ---------------------------------------------------------------------------------------------
// Indicator records (the reputation set)

// The console's filter of IndicatorRepository::List; unset fields match everything.
struct IndicatorFilter {
  std::optional<indicator::Kind> kind;
  std::optional<domain::IndicatorStatus> status;
  // A substring of the canonical form, ignoring ASCII case (other bytes compare exactly); ""
  // matches every record.
  std::string text;
};

class IndicatorRepository {
 public:
  virtual ~IndicatorRepository() = default;

  // Inserts or updates the record keyed by (kind, canonical). On update: category, severity,
  // status and expires_at are replaced; first_seen becomes the earlier and last_seen the later
  // of old and new; sources are merged by source name (a listed source's trust_level is
  // replaced, other existing sources are kept). Assigns a new change version. Returns the stored
  // record (sources sorted by name).
  virtual base::Result<domain::IndicatorRecord> Upsert(const domain::IndicatorRecord& record) = 0;

  // NotFound "indicator <kind> <canonical>: not found".
  virtual base::Result<domain::IndicatorRecord> Get(indicator::Kind kind,
                                                    std::string_view canonical) = 0;

  // Sets the status (and bumps the change version). NotFound when absent.
  virtual base::Result<domain::IndicatorRecord> SetStatus(indicator::Kind kind,
                                                          std::string_view canonical,
                                                          domain::IndicatorStatus status) = 0;

  // The change version: a counter that increases (strictly) with every write to any indicator
  // record and is stored in the record. 0 when nothing was ever written. Versions are assigned
  // in commit order (the writer is serialised), so a reader that has applied everything up to
  // version v only needs ChangesSince(v) to catch up.
  virtual base::Result<int64_t> CurrentVersion() = 0;

  // Records whose version is > `version`, by version ascending, at most `limit` (1..10000).
  virtual base::Result<std::vector<domain::IndicatorRecord>> ChangesSince(int64_t version,
                                                                          int limit) = 0;

  // Records matching `filter`, most recently changed first (version descending), with their
  // sources. Cursor: the last record's version (id cursor format). InvalidArgument "limit: ..."
  // / "after: invalid cursor".
  virtual base::Result<Page<domain::IndicatorRecord>> List(const IndicatorFilter& filter,
                                                           const PageRequest& page) = 0;

  // Number of records in `status`.
  virtual base::Result<int64_t> CountByStatus(domain::IndicatorStatus status) = 0;
};

// ---------------------------------------------------------------------------------------------
// Warnings and clarifications

// The portal's filter of WarningRepository::ListPublished; unset fields match everything (a
// set category matches only warnings with that category).
struct WarningFilter {
  std::optional<domain::WarningKind> kind;
  std::optional<domain::Category> category;
};

// At most this many ids from WarningRepository::FindByIndicator.
inline constexpr int kMaxWarningsByIndicator = 5;

class WarningRepository {
 public:
  virtual ~WarningRepository() = default;

  // Ignores warning.id; AlreadyExists "slug: already exists"; NotFound "report <id>: not found"
  // when warning.report_id names no report. Returns the id.
  virtual base::Result<int64_t> Create(const domain::Warning& warning) = 0;
  // Replaces every field of warning `warning.id` (except created_at). NotFound when absent (or
  // when report_id names no report, as Create).
  virtual base::Status Update(const domain::Warning& warning) = 0;
  virtual base::Result<domain::Warning> Get(int64_t id) = 0;
  virtual base::Result<domain::Warning> GetBySlug(std::string_view slug) = 0;
  // Published warnings (published_at set and <= `now`) matching `filter`, newest published_at
  // first (then id descending). Cursor: keyset on (published_at, id).
  virtual base::Result<Page<domain::Warning>> ListPublished(const WarningFilter& filter,
                                                            base::TimePoint now,
                                                            const PageRequest& page) = 0;
  // The same, filtered by kind only.
  base::Result<Page<domain::Warning>> ListPublished(std::optional<domain::WarningKind> kind,
                                                    base::TimePoint now, const PageRequest& page) {
    return ListPublished(WarningFilter{kind, std::nullopt}, now, page);
  }
  // Every warning, drafts and scheduled ones included, most recently updated first (updated_at
  // descending, then id descending). Cursor: keyset on (updated_at, id).
  virtual base::Result<Page<domain::Warning>> ListAll(const PageRequest& page) = 0;
  // Ids of the published warnings (published_at set, whatever its time) that name the indicator
  // (kind, canonical), newest published_at first (then id descending), at most
  // kMaxWarningsByIndicator.
  virtual base::Result<std::vector<int64_t>> FindByIndicator(indicator::Kind kind,
                                                             std::string_view canonical) = 0;
  // Full-text search over title and body (published or not), same rules as
  // ReportRepository::Search. Ids descending.
  virtual base::Result<std::vector<int64_t>> Search(std::string_view query, int limit) = 0;
};

// ---------------------------------------------------------------------------------------------
// Disputes

class DisputeRepository {
 public:
  virtual ~DisputeRepository() = default;

  // Ignores id, status (open), resolution fields. Returns the id.
  virtual base::Result<int64_t> Create(const domain::Dispute& dispute) = 0;
  virtual base::Result<domain::Dispute> Get(int64_t id) = 0;
  // Disputes in `status` (all when nullopt), id descending.
  virtual base::Result<Page<domain::Dispute>> List(std::optional<domain::DisputeStatus> status,
                                                   const PageRequest& page) = 0;
  // Enforces domain::CheckResolution. Returns the resolved dispute.
  virtual base::Result<domain::Dispute> Resolve(int64_t id, domain::DisputeStatus to,
                                                std::string_view resolution,
                                                int64_t resolved_by_user_id,
                                                base::TimePoint at) = 0;

  // Retention of claimants' contact data (migration 0013), as for reports: ids of resolved
  // disputes (resolved_at set) that still hold a contact and were resolved at or before
  // `cutoff`, id ascending, at most `limit` (1..10000); open disputes never match.
  virtual base::Result<std::vector<int64_t>> ListContactsResolvedBefore(base::TimePoint cutoff,
                                                                        int limit) = 0;
  // Sets claimant_contact_ciphertext to NULL and claimant_contact_erased_at to `at`; true when
  // there was a contact, false (nothing changed) when there was none. NotFound
  // "dispute <id>: not found".
  virtual base::Result<bool> EraseClaimantContact(int64_t id, base::TimePoint at) = 0;
};

// ---------------------------------------------------------------------------------------------
// Users, sessions, API tokens

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Ignores user.id. AlreadyExists "name: already exists". Returns the id.
  virtual base::Result<int64_t> Create(const domain::User& user) = 0;
  // Replaces password_hash, role, unit, totp_secret_ciphertext, disabled, failed_logins and
  // locked_until (name and created_at are kept). NotFound when absent.
  virtual base::Status Update(const domain::User& user) = 0;
  virtual base::Result<domain::User> Get(int64_t id) = 0;
  // NotFound "user name '<name>': not found".
  virtual base::Result<domain::User> GetByName(std::string_view name) = 0;
  // All users, by name ascending.
  virtual base::Result<std::vector<domain::User>> List() = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;

  // AlreadyExists "id_hash: already exists"; NotFound when the user does not exist.
  virtual base::Status Create(const domain::Session& session) = 0;
  // NotFound "session: not found" (the hash is not echoed).
  virtual base::Result<domain::Session> Get(std::string_view id_hash) = 0;
  virtual base::Status Touch(std::string_view id_hash, base::TimePoint last_seen_at) = 0;
  // Deleting a missing session is Ok (logout twice).
  virtual base::Status Delete(std::string_view id_hash) = 0;
  virtual base::Result<int64_t> DeleteForUser(int64_t user_id) = 0;
  // Deletes sessions with expires_at <= now; returns how many.
  virtual base::Result<int64_t> DeleteExpired(base::TimePoint now) = 0;
};

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;

  // Ignores token.id. AlreadyExists "token_hash: already exists". Returns the id.
  virtual base::Result<int64_t> Create(const domain::ApiToken& token) = 0;
  // Includes revoked tokens (the caller checks `revoked`). NotFound "token: not found".
  virtual base::Result<domain::ApiToken> GetByHash(std::string_view token_hash) = 0;
  // Tokens of a user, id ascending.
  virtual base::Result<std::vector<domain::ApiToken>> ListForUser(int64_t user_id) = 0;
  virtual base::Status Revoke(int64_t id) = 0;
  virtual base::Status TouchLastUsed(int64_t id, base::TimePoint at) = 0;
};

// ---------------------------------------------------------------------------------------------
// Audit log

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends an entry. The store assigns seq, reads the previous entry's hash and computes
  // prev_hash and hash (domain::ComputeAuditHash) while holding the write lock, so two writers
  // can never fork the chain. Fields used from `entry`: at, actor, action, target, summary.
  // Returns the stored entry.
  virtual base::Result<domain::AuditEntry> Append(const domain::AuditEntry& entry) = 0;
  // Entries with seq > `after_seq`, seq ascending, at most `limit` (1..10000). Entries are
  // returned as stored (not verified): the caller verifies with domain::VerifyAuditLink.
  virtual base::Result<std::vector<domain::AuditEntry>> List(int64_t after_seq, int limit) = 0;
  // The last entry, or nullopt when the log is empty.
  virtual base::Result<std::optional<domain::AuditEntry>> Last() = 0;
};

// ---------------------------------------------------------------------------------------------
// Feeds: imported blocklists (migration 0004)

// One indicator of an import, as given to FeedRepository::ReplaceEntries.
struct FeedEntryInput {
  indicator::Kind kind = indicator::Kind::kDomain;
  std::string canonical;  // 1..2048 bytes, already canonical (indicator::Canonicalize)
  std::string category;   // a domain::Category name, or "" when the feed does not say
};

// What ReplaceEntries did. active entries after = added + kept.
struct FeedReplaceOutcome {
  int64_t added = 0;    // present now, not active before (new, or back after expiring)
  int64_t kept = 0;     // active before and still present (first_seen kept)
  int64_t expired = 0;  // active before and absent now (expired_at set)
  int64_t version = 0;  // the change version this import was given
  friend bool operator==(const FeedReplaceOutcome&, const FeedReplaceOutcome&) = default;
};

class FeedRepository {
 public:
  virtual ~FeedRepository() = default;

  // Creates source `name` (no entries, imported_at unset, version 0) or updates its format,
  // trust and enabled flag. When an existing source's trust or enabled flag changes, what it
  // lists changes: the source gets a new change version. InvalidArgument "name: ..." /
  // "format: must not be empty". Returns the stored source.
  virtual base::Result<domain::FeedSource> UpsertSource(std::string_view name,
                                                        std::string_view format,
                                                        domain::FeedTrust trust, bool enabled) = 0;
  // NotFound "feed <name>: not found".
  virtual base::Result<domain::FeedSource> GetSource(std::string_view name) = 0;
  // Every source, by name ascending.
  virtual base::Result<std::vector<domain::FeedSource>> ListSources() = 0;
  // Enables or disables a source (its entries are kept either way); a new change version when
  // the flag changes. NotFound "feed <name>: not found". Returns the stored source.
  virtual base::Result<domain::FeedSource> SetEnabled(std::string_view name, bool enabled) = 0;

  // Replaces the entries of source `source_id` by `entries` (one import): entries present keep
  // their first_seen (first_seen = `at` for new ones), get last_seen = `at`, the given category
  // and expired_at cleared; active entries absent from `entries` get expired_at = `at` (kept for
  // history, never listed again unless a later import has them). Duplicates in `entries` (same
  // kind and canonical) count once, the last one's category wins. Sets the source's
  // imported_at = `at` and active_entries, and gives it a new change version (even when nothing
  // changed: an import is a change of the source). Validates every entry first
  // (InvalidArgument "entries[i].canonical: ..." / "entries[i].category: ..."; no effect).
  // NotFound "feed source <id>: not found". Meant for up to a few million entries in one call.
  virtual base::Result<FeedReplaceOutcome> ReplaceEntries(int64_t source_id,
                                                          std::span<const FeedEntryInput> entries,
                                                          base::TimePoint at) = 0;

  // Every active (not expired) entry of source `source_id`, by (kind name, canonical) ascending
  // (byte order). Empty for an unknown source.
  virtual base::Result<std::vector<domain::FeedEntry>> ActiveEntries(int64_t source_id) = 0;

  // Incremental changes of source `source_id` (a peer's feed, migration 0015): each entry of
  // `upserts` becomes active with the given category and last_seen = `at` (first_seen = `at`
  // when it was not active); each (kind, canonical) of `removals` that is active gets
  // expired_at = `at` (categories of removals are ignored; absent keys are ignored). A key in
  // both lists: InvalidArgument "removals[i]: also in upserts". Validates as ReplaceEntries.
  // Updates active_entries and, when anything changed, gives the source a new change version
  // and imported_at = `at`. Returns added (newly active), kept (active and updated), expired
  // and the version (0 when nothing changed). NotFound "feed source <id>: not found".
  virtual base::Result<FeedReplaceOutcome> ApplyChanges(int64_t source_id,
                                                        std::span<const FeedEntryInput> upserts,
                                                        std::span<const FeedEntryInput> removals,
                                                        base::TimePoint at) = 0;
};

// ---------------------------------------------------------------------------------------------
// The awareness programme: people of units, guidance campaigns (migration 0006)

// Which people a list has: those who belong to their unit (left_at unset), those who left, or
// both.
enum class PeopleStatus { kActive, kLeft, kAll };

class PeopleRepository {
 public:
  virtual ~PeopleRepository() = default;

  // Ignores person.id and person.left_at (a new person belongs to their unit). The unit must
  // exist (NotFound "unit '<code>': not found"). Returns the id.
  virtual base::Result<int64_t> Create(const domain::Person& person) = 0;
  // With left_at, whether or not the person has left. NotFound "person <id>: not found".
  virtual base::Result<domain::Person> Get(int64_t id) = 0;
  // The people of the units in `unit_codes` (exactly those units, not their children), or of
  // every unit when `unit_codes` is empty, with the given status; id ascending.
  virtual base::Result<std::vector<domain::Person>> List(std::span<const std::string> unit_codes,
                                                         PeopleStatus status) = 0;
  // The people who still belong to those units (PeopleStatus::kActive): what anything chosen
  // from now on (link sheets, name matching, counts of the current people) starts from.
  base::Result<std::vector<domain::Person>> List(std::span<const std::string> unit_codes) {
    return List(unit_codes, PeopleStatus::kActive);
  }
};

// A recipient of a sent campaign and whether they acknowledged it.
struct CampaignRecipient {
  domain::Person person;
  std::optional<domain::Acknowledgement> acknowledgement;
  friend bool operator==(const CampaignRecipient&, const CampaignRecipient&) = default;
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;

  // Creates a draft with its targets. Ignores campaign.id, status (always draft) and sent_at.
  // Every target unit and person must exist (NotFound "unit '<code>': not found" / "person
  // <id>: not found"). Returns the id.
  virtual base::Result<int64_t> Create(const domain::Campaign& campaign) = 0;
  // With its targets (sorted). NotFound "campaign <id>: not found".
  virtual base::Result<domain::Campaign> Get(int64_t id) = 0;
  // Every campaign with its targets, id descending.
  virtual base::Result<std::vector<domain::Campaign>> List() = 0;
  // Sends draft `id`: status sent, sent_at = `at`, and the recipients fixed: every person of
  // the target units and of their descendants (child units, recursively), and the target
  // people, each once, leaving out people who have left (left_at set; they stay recipients of
  // campaigns sent before they left). FailedPrecondition "status: campaign <id> is <status>, not a
  // draft"; NotFound. Returns the number of recipients.
  virtual base::Result<int64_t> Send(int64_t id, base::TimePoint at) = 0;
  // The recipients of campaign `id` with their acknowledgements, by person id ascending (empty
  // for a draft). NotFound when the campaign does not exist.
  virtual base::Result<std::vector<CampaignRecipient>> Recipients(int64_t id) = 0;
  // Records that person `person_id` read campaign `campaign_id`. Idempotent: when an
  // acknowledgement exists it is returned unchanged (the first time is kept). NotFound
  // "recipient: person <p> is not a recipient of campaign <c>" when the person was not sent
  // the campaign (a draft has no recipients, so this is also the answer for a draft).
  virtual base::Result<domain::Acknowledgement> Acknowledge(int64_t campaign_id, int64_t person_id,
                                                            base::TimePoint at,
                                                            domain::AckVia via) = 0;
};

// ---------------------------------------------------------------------------------------------
// Transactions and the store

enum class TxMode {
  kReadOnly,   // a consistent snapshot; writes return FailedPrecondition
  kReadWrite,  // serialised with other writers (SQLite) or SERIALIZABLE-safe (PostgreSQL)
};

// A unit of work. All repository calls made through it commit together or not at all.
// Destroying it without a successful Commit() rolls back. Thread safety: confine to one thread;
// the repositories it returns live as long as the transaction and share its confinement.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual ReportRepository& Reports() = 0;
  virtual IndicatorRepository& Indicators() = 0;
  virtual WarningRepository& Warnings() = 0;
  virtual DisputeRepository& Disputes() = 0;
  virtual UserRepository& Users() = 0;
  virtual UnitRepository& Units() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual TokenRepository& Tokens() = 0;
  virtual AuditLog& Audit() = 0;
  virtual FeedRepository& Feeds() = 0;
  virtual PeopleRepository& People() = 0;
  virtual CampaignRepository& Campaigns() = 0;
  virtual TrainingRepository& Trainings() = 0;
  virtual ArticleRepository& Articles() = 0;
  virtual PledgeRepository& Pledges() = 0;
  virtual ProgrammeConsoleRepository& ProgrammeConsole() = 0;
  virtual QuizRepository& Quizzes() = 0;
  virtual ChannelRepository& Channels() = 0;
  virtual TaskRepository& Tasks() = 0;
  virtual SelfAssessmentRepository& SelfAssessments() = 0;
  virtual BudgetRepository& Budget() = 0;
  virtual ReviewRepository& Reviews() = 0;
  virtual RateLimitRepository& RateLimits() = 0;
  virtual FederationRepository& Federation() = 0;

  // Makes every change durable (per the backend's durability setting) and visible to others.
  // Commit() (Ok or not) ends the transaction and gives its connection back immediately.
  // After Commit() returns Ok the data survives a crash of the process (SQLite: WAL +
  // synchronous=NORMAL survives a process crash but may lose the last commits on power loss;
  // synchronous=FULL survives both). On error nothing is kept. REQUIRES: called at most once;
  // no repository call after it (they return FailedPrecondition).
  virtual base::Status Commit() = 0;
};

// Thread safety: thread-safe. Any number of threads may Begin() transactions concurrently;
// read-only transactions run in parallel, read-write transactions are serialised (SQLite) or
// run concurrently with conflicts reported as Aborted (PostgreSQL; the caller may retry).
class Store {
 public:
  virtual ~Store() = default;

  // "sqlite" or "postgres".
  virtual std::string_view Backend() const = 0;

  // Applies every migration this binary knows and the database lacks, in order, each inside a
  // transaction, recorded in schema_migrations. Idempotent. Safe to call from several processes
  // (a second one waits or sees the work done).
  virtual base::Status Migrate() = 0;

  // The highest applied migration version (0 for an empty database).
  virtual base::Result<int> SchemaVersion() = 0;
  // The highest migration version this binary knows.
  virtual int LatestSchemaVersion() const = 0;

  // Starts a transaction. Before Migrate() has brought the schema to LatestSchemaVersion(),
  // returns FailedPrecondition "schema: version N, this binary needs M: run `binhyen migrate`".
  // Unavailable when the database cannot be reached or the writer is busy beyond the timeout.
  virtual base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;

  // A consistent online copy of the whole database into the file `destination` (SQLite: the
  // online backup API, producing a SQLite file; PostgreSQL: pg_dump custom format). Fails with
  // AlreadyExists when the destination exists.
  virtual base::Status Backup(const std::string& destination) = 0;

  // A full integrity check (SQLite: PRAGMA integrity_check and foreign_key_check; PostgreSQL:
  // Ok when the connection works). Internal naming the first problem otherwise.
  virtual base::Status CheckIntegrity() = 0;

  // A listener woken when any process commits a change of what the reputation index lists
  // (ChangeListener in federation_store.h). nullptr when the backend has none (SQLite: one
  // process, the index polls the change version). Unavailable when the database cannot be
  // reached.
  virtual base::Result<std::unique_ptr<ChangeListener>> ListenForChanges() { return nullptr; }

  // TESTS ONLY: runs `sql` directly, outside any repository (e.g. to tamper with an audit row in
  // the tamper-detection test). The SQL used by the conformance suite is plain enough to work
  // on both dialects.
  virtual base::Status ExecForTesting(std::string_view sql) = 0;
};

}  // namespace binhyen::store

// Changes of migration 0002 (issue 4): categories scam_call, bank_fraud, fake_account, malware,
// extortion; Report::duplicate_of, public_note, text_simhash with FindNearDuplicates and the
// StatusChange form of Transition; ReportFilter::assignee_user_id and text; CountByStatus;
// User::failed_logins and locked_until; units (UnitRepository).
//
// Changes since INTERFACE_READY (the pg helper implements these too):
// - Comment only: the "failed method has no effect" rule may be met without a savepoint per
//   method (see the bullet at the top); the observable contract is unchanged.
// - Comment only: Commit() releases the connection / writer lock at once (not at destruction),
//   so a committed transaction object left alive does not block the next writer.
// - New shared helpers (additive): store/common.h (CheckLimit, id and (time, id) cursors,
//   FoldForSearch, SearchWords, JoinScopes / SplitScopes) so both backends agree on limits,
//   cursor formats and search words.
//
// Changes of migration 0005 (issue 7, the portal and the console): Report::decided_at with
// ReportRepository::Statistics; Warning::category and report_id, WarningFilter for
// ListPublished, WarningRepository::ListAll and FindByIndicator; IndicatorRepository::List and
// CountByStatus.
//
// Changes of migration 0006 (issue 8, the awareness programme): PeopleRepository and
// CampaignRepository (people of units, campaigns with targets, recipients fixed when sent,
// acknowledgements).
