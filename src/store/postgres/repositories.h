#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/common.h"
#include "store/postgres/session.h"
#include "store/store.h"

// The PostgreSQL repositories. Each one runs its statements in the Session of the transaction
// that owns it; confine them to that transaction's thread. Contracts: store/store.h.
namespace binhyen::store::postgres {

class PgReportRepository final : public ReportRepository {
 public:
  explicit PgReportRepository(Session& session) : s_(session) {}
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
  Session& s_;
};

class PgIndicatorRepository final : public IndicatorRepository {
 public:
  explicit PgIndicatorRepository(Session& session) : s_(session) {}
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
  Session& s_;
};

class PgWarningRepository final : public WarningRepository {
 public:
  explicit PgWarningRepository(Session& session) : s_(session) {}
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
  Session& s_;
};

class PgDisputeRepository final : public DisputeRepository {
 public:
  explicit PgDisputeRepository(Session& session) : s_(session) {}
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
  Session& s_;
};

class PgUserRepository final : public UserRepository {
 public:
  explicit PgUserRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::User& user) override;
  base::Status Update(const domain::User& user) override;
  base::Result<domain::User> Get(int64_t id) override;
  base::Result<domain::User> GetByName(std::string_view name) override;
  base::Result<std::vector<domain::User>> List() override;

 private:
  Session& s_;
};

class PgUnitRepository final : public UnitRepository {
 public:
  explicit PgUnitRepository(Session& session) : s_(session) {}
  base::Status Create(const domain::Unit& unit) override;
  base::Status Update(const domain::Unit& unit) override;
  base::Result<domain::Unit> Get(std::string_view code) override;
  base::Result<std::vector<domain::Unit>> List() override;

 private:
  Session& s_;
};

class PgPeopleRepository final : public PeopleRepository {
 public:
  explicit PgPeopleRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Person& person) override;
  base::Result<domain::Person> Get(int64_t id) override;
  using PeopleRepository::List;
  base::Result<std::vector<domain::Person>> List(std::span<const std::string> unit_codes,
                                                 PeopleStatus status) override;

 private:
  Session& s_;
};

// programme_repositories.cc, with PgPeopleRepository.
class PgCampaignRepository final : public CampaignRepository {
 public:
  explicit PgCampaignRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Campaign& campaign) override;
  base::Result<domain::Campaign> Get(int64_t id) override;
  base::Result<std::vector<domain::Campaign>> List() override;
  base::Result<int64_t> Send(int64_t id, base::TimePoint at) override;
  base::Result<std::vector<CampaignRecipient>> Recipients(int64_t id) override;
  base::Result<domain::Acknowledgement> Acknowledge(int64_t campaign_id, int64_t person_id,
                                                    base::TimePoint at,
                                                    domain::AckVia via) override;

 private:
  Session& s_;
};

class PgSessionRepository final : public SessionRepository {
 public:
  explicit PgSessionRepository(Session& session) : s_(session) {}
  base::Status Create(const domain::Session& session) override;
  base::Result<domain::Session> Get(std::string_view id_hash) override;
  base::Status Touch(std::string_view id_hash, base::TimePoint last_seen_at) override;
  base::Status Delete(std::string_view id_hash) override;
  base::Result<int64_t> DeleteForUser(int64_t user_id) override;
  base::Result<int64_t> DeleteExpired(base::TimePoint now) override;

 private:
  Session& s_;
};

class PgTokenRepository final : public TokenRepository {
 public:
  explicit PgTokenRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::ApiToken& token) override;
  base::Result<domain::ApiToken> GetByHash(std::string_view token_hash) override;
  base::Result<std::vector<domain::ApiToken>> ListForUser(int64_t user_id) override;
  base::Status Revoke(int64_t id) override;
  base::Status TouchLastUsed(int64_t id, base::TimePoint at) override;

 private:
  Session& s_;
};

class PgAuditLog final : public AuditLog {
 public:
  explicit PgAuditLog(Session& session) : s_(session) {}
  base::Result<domain::AuditEntry> Append(const domain::AuditEntry& entry) override;
  base::Result<std::vector<domain::AuditEntry>> List(int64_t after_seq, int limit) override;
  base::Result<std::optional<domain::AuditEntry>> Last() override;

 private:
  Session& s_;
};

// Helpers shared by the report repository's files (report_repository.cc, report_triage.cc).
// They throw pqxx exceptions: call them inside Session::Read / Write.

// NotFound "report <id>: not found".
base::Status ReportNotFound(int64_t id);
// The full report `id` (with indicators, evidence and links); NotFound when absent.
base::Result<domain::Report> LoadOne(Session& s, int64_t id);
// Locks report `id` FOR UPDATE and returns its status; NotFound when absent.
base::Result<domain::ReportStatus> LockReport(Session& s, int64_t id);
// Links two reports (stored once, smaller id first); a no-op when already linked.
void InsertReportLink(Session& s, int64_t id, int64_t other_id);

// Shared helpers of the repositories (repository_util.cc).

// A PostgreSQL array literal of plain words / integers: {"a","b"} / {1,2}.
std::string TextArray(const std::vector<std::string>& words);
std::string IntArray(const std::vector<int64_t>& ids);
// Parses an enum column value with `parse`; Internal "<column>: unknown value 'x'" otherwise.
template <typename E, typename ParseFn>
base::Result<E> ParseColumn(std::string_view column, const std::string& value, ParseFn parse) {
  std::optional<E> parsed = parse(value);
  if (!parsed.has_value()) {
    return base::InternalError(std::string(column) + ": unknown value '" + value + "'");
  }
  return *parsed;
}

}  // namespace binhyen::store::postgres
