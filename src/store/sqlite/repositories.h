#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "store/sqlite/tx_context.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

class SqliteStore;

// The SQLite repositories of one transaction (contracts in store/store.h). Each holds the
// transaction's TxContext and lives exactly as long as the transaction.
// Thread safety: confine to the transaction's thread.

class SqliteReports final : public ReportRepository {
 public:
  SqliteReports(TxContext& tx, SqliteStore& store) : tx_(tx), store_(store) {}
  base::Result<ReportKey> Create(const domain::Report& report) override;
  base::Result<domain::Report> Get(int64_t id) override;
  base::Result<domain::Report> GetByReceipt(std::string_view receipt_code) override;
  base::Result<Page<domain::Report>> List(const ReportFilter& filter,
                                          const PageRequest& page) override;
  base::Result<std::vector<int64_t>> FindByIndicator(indicator::Kind kind,
                                                     std::string_view canonical,
                                                     int limit) override;
  base::Result<std::vector<int64_t>> FindSharingIndicators(int64_t id, int limit) override;
  base::Result<std::vector<int64_t>> Search(std::string_view query, int limit) override;
  base::Result<std::vector<NearDuplicate>> FindNearDuplicates(uint64_t simhash, int max_distance,
                                                              int limit) override;
  base::Result<domain::Report> Transition(int64_t id, const StatusChange& change,
                                          base::TimePoint at) override;
  base::Status SetPublicNote(int64_t id, std::string_view note, base::TimePoint at) override;
  base::Status Assign(int64_t id, std::optional<int64_t> user_id, base::TimePoint at) override;
  base::Status Link(int64_t id, int64_t other_id) override;
  base::Status AddIndicator(int64_t id, const domain::ReportIndicator& indicator,
                            base::TimePoint at) override;
  base::Status AddEvidence(int64_t id, const domain::EvidenceRef& evidence,
                           base::TimePoint at) override;
  base::Result<int64_t> Count() override;
  base::Result<std::vector<std::pair<domain::ReportStatus, int64_t>>> CountByStatus() override;
  base::Result<std::vector<ReportStatRow>> Statistics(base::TimePoint from,
                                                      base::TimePoint to) override;
  // Contact retention (report_retention.cc).
  base::Result<std::vector<int64_t>> ListContactsDecidedBefore(base::TimePoint cutoff,
                                                               int limit) override;
  base::Result<bool> EraseContact(int64_t id, base::TimePoint at) override;

 private:
  // Reads (report_queries.cc).
  base::Result<domain::Report> Load(int64_t id);
  base::Status LoadChildren(domain::Report& report);
  base::Result<std::vector<int64_t>> ListIds(const ReportFilter& filter,
                                             std::optional<int64_t> after, int64_t limit);
  // Writes and their checks (reports.cc).
  base::Status Exists(int64_t id);
  // The status of report `id` (NotFound when absent); also its duplicate_of when asked.
  base::Result<domain::ReportStatus> StatusOf(int64_t id, std::optional<int64_t>* duplicate_of);
  // Ok when `target` exists and is not itself a duplicate.
  base::Status CheckDuplicateTarget(int64_t target);
  base::Status Touch(int64_t id, base::TimePoint at);
  base::Status InsertIndicator(int64_t id, const domain::ReportIndicator& indicator,
                               std::optional<int64_t> position);
  base::Status InsertEvidence(int64_t id, const domain::EvidenceRef& evidence);
  base::Status InsertLink(int64_t id, int64_t other_id);

  TxContext& tx_;
  SqliteStore& store_;  // its in-memory simhash index
};

class SqliteIndicators final : public IndicatorRepository {
 public:
  explicit SqliteIndicators(TxContext& tx) : tx_(tx) {}
  base::Result<domain::IndicatorRecord> Upsert(const domain::IndicatorRecord& record) override;
  base::Result<domain::IndicatorRecord> Get(indicator::Kind kind,
                                            std::string_view canonical) override;
  base::Result<domain::IndicatorRecord> SetStatus(indicator::Kind kind, std::string_view canonical,
                                                  domain::IndicatorStatus status) override;
  base::Result<int64_t> CurrentVersion() override;
  base::Result<std::vector<domain::IndicatorRecord>> ChangesSince(int64_t version,
                                                                  int limit) override;
  base::Result<Page<domain::IndicatorRecord>> List(const IndicatorFilter& filter,
                                                   const PageRequest& page) override;
  base::Result<int64_t> CountByStatus(domain::IndicatorStatus status) override;

 private:
  base::Result<domain::IndicatorRecord> Load(indicator::Kind kind, std::string_view canonical);
  base::Result<int64_t> NextVersion();

  TxContext& tx_;
};

class SqliteWarnings final : public WarningRepository {
 public:
  explicit SqliteWarnings(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Warning& warning) override;
  base::Status Update(const domain::Warning& warning) override;
  base::Result<domain::Warning> Get(int64_t id) override;
  base::Result<domain::Warning> GetBySlug(std::string_view slug) override;
  using WarningRepository::ListPublished;
  base::Result<Page<domain::Warning>> ListPublished(const WarningFilter& filter,
                                                    base::TimePoint now,
                                                    const PageRequest& page) override;
  base::Result<Page<domain::Warning>> ListAll(const PageRequest& page) override;
  base::Result<std::vector<int64_t>> FindByIndicator(indicator::Kind kind,
                                                     std::string_view canonical) override;
  base::Result<std::vector<int64_t>> Search(std::string_view query, int limit) override;

 private:
  base::Result<domain::Warning> Load(int64_t id);
  base::Status WriteChildren(const domain::Warning& warning, int64_t id);
  // NotFound "report <id>: not found" when `report_id` is set and names no report.
  base::Status CheckReport(std::optional<int64_t> report_id);
  // NotFound "warning <id>: not found" when absent.
  base::Status Exists(int64_t id);
  // AlreadyExists "slug: already exists" when a warning other than `id` has `slug`.
  base::Status CheckSlugFree(std::string_view slug, int64_t id);

  TxContext& tx_;
};

class SqliteDisputes final : public DisputeRepository {
 public:
  explicit SqliteDisputes(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Dispute& dispute) override;
  base::Result<domain::Dispute> Get(int64_t id) override;
  base::Result<Page<domain::Dispute>> List(std::optional<domain::DisputeStatus> status,
                                           const PageRequest& page) override;
  base::Result<domain::Dispute> Resolve(int64_t id, domain::DisputeStatus to,
                                        std::string_view resolution, int64_t resolved_by_user_id,
                                        base::TimePoint at) override;
  // Contact retention (report_retention.cc).
  base::Result<std::vector<int64_t>> ListContactsResolvedBefore(base::TimePoint cutoff,
                                                                int limit) override;
  base::Result<bool> EraseClaimantContact(int64_t id, base::TimePoint at) override;

 private:
  base::Result<domain::Dispute> Load(int64_t id);

  TxContext& tx_;
};

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::User& user) override;
  base::Status Update(const domain::User& user) override;
  base::Result<domain::User> Get(int64_t id) override;
  base::Result<domain::User> GetByName(std::string_view name) override;
  base::Result<std::vector<domain::User>> List() override;

 private:
  TxContext& tx_;
};

class SqliteUnits final : public UnitRepository {
 public:
  explicit SqliteUnits(TxContext& tx) : tx_(tx) {}
  base::Status Create(const domain::Unit& unit) override;
  base::Status Update(const domain::Unit& unit) override;
  base::Result<domain::Unit> Get(std::string_view code) override;
  base::Result<std::vector<domain::Unit>> List() override;

 private:
  // Ok when unit `code` exists, else NotFound "unit '<code>': not found".
  base::Status Exists(std::string_view code);

  TxContext& tx_;
};

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(TxContext& tx) : tx_(tx) {}
  base::Status Create(const domain::Session& session) override;
  base::Result<domain::Session> Get(std::string_view id_hash) override;
  base::Status Touch(std::string_view id_hash, base::TimePoint last_seen_at) override;
  base::Status Delete(std::string_view id_hash) override;
  base::Result<int64_t> DeleteForUser(int64_t user_id) override;
  base::Result<int64_t> DeleteExpired(base::TimePoint now) override;

 private:
  TxContext& tx_;
};

class SqliteTokens final : public TokenRepository {
 public:
  explicit SqliteTokens(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::ApiToken& token) override;
  base::Result<domain::ApiToken> GetByHash(std::string_view token_hash) override;
  base::Result<std::vector<domain::ApiToken>> ListForUser(int64_t user_id) override;
  base::Status Revoke(int64_t id) override;
  base::Status TouchLastUsed(int64_t id, base::TimePoint at) override;

 private:
  TxContext& tx_;
};

class SqliteAudit final : public AuditLog {
 public:
  explicit SqliteAudit(TxContext& tx) : tx_(tx) {}
  base::Result<domain::AuditEntry> Append(const domain::AuditEntry& entry) override;
  base::Result<std::vector<domain::AuditEntry>> List(int64_t after_seq, int limit) override;
  base::Result<std::optional<domain::AuditEntry>> Last() override;

 private:
  TxContext& tx_;
};

class SqlitePeople final : public PeopleRepository {
 public:
  explicit SqlitePeople(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Person& person) override;
  base::Result<domain::Person> Get(int64_t id) override;
  using PeopleRepository::List;
  base::Result<std::vector<domain::Person>> List(std::span<const std::string> unit_codes,
                                                 PeopleStatus status) override;

 private:
  TxContext& tx_;
};

// programme.cc, with SqlitePeople.
class SqliteCampaigns final : public CampaignRepository {
 public:
  explicit SqliteCampaigns(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Campaign& campaign) override;
  base::Result<domain::Campaign> Get(int64_t id) override;
  base::Result<std::vector<domain::Campaign>> List() override;
  base::Result<int64_t> Send(int64_t id, base::TimePoint at) override;
  base::Result<std::vector<CampaignRecipient>> Recipients(int64_t id) override;
  base::Result<domain::Acknowledgement> Acknowledge(int64_t campaign_id, int64_t person_id,
                                                    base::TimePoint at,
                                                    domain::AckVia via) override;

 private:
  base::Result<domain::Campaign> Load(int64_t id);
  base::Status CheckTargets(const domain::Campaign& campaign);
  base::Result<std::optional<domain::Acknowledgement>> FindAck(int64_t campaign_id,
                                                               int64_t person_id);

  TxContext& tx_;
};

// NotFound "report <id>: not found".
base::Status ReportNotFound(int64_t id);

// Whether a user row exists: Ok, or NotFound "user <id>: not found".
base::Status UserExists(Connection& connection, int64_t user_id);

// Parses a stored enum name; Internal "<column>: unknown value '<name>' in the database" when
// the database holds a name this binary does not know.
template <typename E>
base::Result<E> ParseStored(std::optional<E> parsed, std::string_view column,
                            std::string_view name) {
  if (!parsed) {
    return base::InternalError(std::string(column) + ": unknown value '" + std::string(name) +
                               "' in the database");
  }
  return *parsed;
}

}  // namespace binhyen::store::sqlite
