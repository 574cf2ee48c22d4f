#include "service/disputes.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "base/strings.h"
#include "domain/report.h"
#include "indicator/bank.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

// Serialisation conflicts (PostgreSQL) are retried this many times in all.
constexpr int kTransactionAttempts = 3;

std::string KindList() {
  std::string out;
  for (indicator::Kind k : indicator::kAllKinds) {
    if (!out.empty()) out += ", ";
    out += indicator::KindName(k);
  }
  return out;
}

// Adds the problem of a free text field to `errors`; true when the text is acceptable.
bool CheckText(std::string_view field, std::string_view value, size_t min, size_t max,
               FieldErrors& errors) {
  const size_t size = base::TrimAscii(value).size();
  if (size == 0) {
    errors.Add(field, "must not be empty");
  } else if (size < min) {
    errors.Add(field, "must be at least " + std::to_string(min) + " bytes");
  } else if (value.size() > max) {
    errors.Add(field, "must be at most " + std::to_string(max) + " bytes");
  } else if (!text::IsValidUtf8(value)) {
    errors.Add(field, "must be valid UTF-8");
  } else if (HasNul(value)) {
    errors.Add(field, kNoNul);
  } else {
    return true;
  }
  return false;
}

// "value: <reason>" whatever prefix the canonicaliser put on its reason.
std::string CanonicalizeReason(indicator::Kind kind, std::string message) {
  for (std::string prefix :
       {std::string(indicator::KindName(kind)) + ": ", std::string("bank account: ")}) {
    if (message.starts_with(prefix)) return message.substr(prefix.size());
  }
  return message;
}

// Applies the separately given bank to a canonical bank account.
void ApplyBank(std::string_view bank_name, indicator::Indicator& account, FieldErrors& errors) {
  const indicator::Bank* bank = indicator::FindBank(bank_name);
  if (bank == nullptr) {
    errors.Add("bank", "unknown bank '" + std::string(bank_name) + "'");
    return;
  }
  const std::string digits(account.Attribute("account"));
  base::Result<indicator::Indicator> with_bank = indicator::MakeBankAccount(digits, bank);
  if (!with_bank.ok()) {
    errors.Add("bank",
               CanonicalizeReason(indicator::Kind::kBankAccount, with_bank.status().message()));
  } else if (account.canonical != digits && account.canonical != with_bank->canonical) {
    errors.Add("bank", "the value names another bank");
  } else {
    account = *std::move(with_bank);
  }
}

// The canonical indicator of the filing; nullopt (with errors added) when it is not one.
std::optional<indicator::Indicator> CanonicalIndicator(const DisputeFiling& filing,
                                                       FieldErrors& errors) {
  std::string_view kind_name = base::TrimAscii(filing.kind);
  std::optional<indicator::Kind> kind = indicator::ParseKind(kind_name);
  if (kind_name.empty()) {
    errors.Add("kind", "must not be empty");
  } else if (!kind) {
    errors.Add("kind",
               "unknown kind '" + std::string(kind_name) + "' (one of: " + KindList() + ")");
  }
  const std::string_view bank = base::TrimAscii(filing.bank);
  if (!bank.empty() && kind && *kind != indicator::Kind::kBankAccount) {
    errors.Add("bank", "only for bank accounts");
  }
  const std::string_view value = base::TrimAscii(filing.value);
  if (!CheckText("value", value, 1, kMaxIndicatorValueBytes, errors) || !kind) return std::nullopt;
  base::Result<indicator::Indicator> canonical = indicator::Canonicalize(*kind, value);
  if (!canonical.ok()) {
    errors.Add("value", CanonicalizeReason(*kind, canonical.status().message()));
    return std::nullopt;
  }
  if (!bank.empty() && *kind == indicator::Kind::kBankAccount) {
    if (!CheckText("bank", bank, 1, 200, errors)) return std::nullopt;
    ApplyBank(bank, *canonical, errors);
  }
  return *std::move(canonical);
}

// The JSON object of the non-empty contact fields (trimmed), as report intake keeps a reporter's;
// nullopt (with errors added) when a field is bad or all are empty.
std::optional<std::string> ContactJson(const ContactDetails& contact, FieldErrors& errors) {
  nlohmann::json j = nlohmann::json::object();
  const std::pair<const char*, const std::string*> fields[] = {
      {"name", &contact.name}, {"phone", &contact.phone}, {"email", &contact.email}};
  bool ok = true;
  for (const auto& [name, value] : fields) {
    std::string_view trimmed = base::TrimAscii(*value);
    if (trimmed.empty()) continue;
    ok = CheckText(std::string("contact.") + name, trimmed, 1, kMaxContactFieldBytes, errors) && ok;
    if (ok) j[name] = std::string(trimmed);
  }
  if (!ok) return std::nullopt;
  if (j.empty()) {
    errors.Add("contact", "give at least one of name, phone, email (or no contact)");
    return std::nullopt;
  }
  return j.dump();
}

// True when `record` is in the public reputation set at `now`.
bool IsListed(const domain::IndicatorRecord& record, base::TimePoint now) {
  return record.status == domain::IndicatorStatus::kConfirmed &&
         (!record.expires_at || *record.expires_at > now);
}

// The record of (kind, canonical), or nullopt when the reputation set has none.
base::Result<std::optional<domain::IndicatorRecord>> FindRecord(store::Transaction& tx,
                                                                indicator::Kind kind,
                                                                std::string_view canonical) {
  base::Result<domain::IndicatorRecord> record = tx.Indicators().Get(kind, canonical);
  if (record.ok()) return std::optional<domain::IndicatorRecord>(*std::move(record));
  if (record.status().code() == base::StatusCode::kNotFound) {
    return std::optional<domain::IndicatorRecord>();
  }
  return record.status();
}

// Sets the indicator of accepted dispute `dispute` to delisted, creating a delisted record when
// there is none.
base::Result<domain::IndicatorRecord> Delist(store::Transaction& tx, const domain::Dispute& dispute,
                                             base::TimePoint now) {
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::IndicatorRecord> existing,
                           FindRecord(tx, dispute.kind, dispute.canonical));
  if (existing) {
    return tx.Indicators().SetStatus(dispute.kind, dispute.canonical,
                                     domain::IndicatorStatus::kDelisted);
  }
  domain::IndicatorRecord record;
  record.kind = dispute.kind;
  record.canonical = dispute.canonical;
  record.category = domain::Category::kOther;
  record.severity = domain::Severity::kLow;
  record.status = domain::IndicatorStatus::kDelisted;
  record.first_seen = now;
  record.last_seen = now;
  record.sources = {{"dispute:" + std::to_string(dispute.id), 100}};
  return tx.Indicators().Upsert(record);
}

template <typename T, typename F>
base::Result<T> Retried(F attempt) {
  base::Result<T> result = base::InternalError("disputes: no attempt made");
  for (int i = 0; i < kTransactionAttempts; ++i) {
    result = attempt();
    if (result.ok() || result.status().code() != base::StatusCode::kAborted) break;
  }
  return result;
}

}  // namespace

Disputes::Disputes(store::Store& store, const crypto::SecretBox& contact_box,
                   const DisputeCodes& codes, const base::Clock& clock)
    : store_(store), contact_box_(contact_box), codes_(codes), clock_(clock) {}

base::Result<DisputeReceipt> Disputes::File(const DisputeFiling& filing, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  FieldErrors errors;
  std::optional<indicator::Indicator> canonical = CanonicalIndicator(filing, errors);
  CheckText("reason", filing.reason, kMinDisputeReasonBytes, kMaxDisputeReasonBytes, errors);
  domain::Dispute dispute;
  if (filing.contact) {
    std::optional<std::string> contact = ContactJson(*filing.contact, errors);
    if (contact) dispute.claimant_contact_ciphertext = contact_box_.Encrypt(*contact);
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  dispute.kind = canonical->kind;
  dispute.canonical = std::move(canonical->canonical);
  dispute.reason = filing.reason;
  dispute.created_at = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(domain::Validate(dispute));
  return Retried<DisputeReceipt>([&] { return FileOnce(dispute, actor); });
}

base::Result<DisputeReceipt> Disputes::FileOnce(const domain::Dispute& dispute,
                                                std::string_view actor) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  DisputeReceipt receipt;
  BINHYEN_ASSIGN_OR_RETURN(receipt.id, tx->Disputes().Create(dispute));
  receipt.code = codes_.Make(receipt.id);
  receipt.kind = dispute.kind;
  receipt.canonical = dispute.canonical;
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::IndicatorRecord> record,
                           FindRecord(*tx, dispute.kind, dispute.canonical));
  receipt.listed = record && IsListed(*record, dispute.created_at);
  receipt.delisted = record && record->status == domain::IndicatorStatus::kDelisted;
  const std::string summary = std::string(indicator::KindName(dispute.kind)) + " dispute, " +
                              (receipt.listed ? "listed" : "not listed") + ", " +
                              (dispute.claimant_contact_ciphertext ? "with contact" : "no contact");
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(dispute.created_at, actor, "dispute.file",
                                 "dispute:" + std::to_string(receipt.id), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return receipt;
}

base::Result<DisputeView> Disputes::Status(std::string_view code) {
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, codes_.Parse(code));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  base::Result<domain::Dispute> dispute = tx->Disputes().Get(id);
  if (!dispute.ok() && dispute.status().code() == base::StatusCode::kNotFound) {
    return base::NotFoundError("dispute code: no such dispute");
  }
  BINHYEN_RETURN_IF_ERROR(dispute.status());
  DisputeView view;
  view.code = codes_.Make(id);
  view.kind = dispute->kind;
  view.canonical = std::move(dispute->canonical);
  view.status = dispute->status;
  view.resolution = std::move(dispute->resolution);
  view.created_at = dispute->created_at;
  view.resolved_at = dispute->resolved_at;
  return view;
}

base::Result<store::Page<domain::Dispute>> Disputes::List(
    std::optional<domain::DisputeStatus> status, const store::PageRequest& page) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Dispute> out, tx->Disputes().List(status, page));
  for (domain::Dispute& d : out.items) d.claimant_contact_ciphertext.reset();
  return out;
}

base::Result<DisputeDetail> Disputes::Get(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  DisputeDetail detail;
  BINHYEN_ASSIGN_OR_RETURN(detail.dispute, tx->Disputes().Get(id));
  detail.code = codes_.Make(id);
  detail.has_contact = detail.dispute.claimant_contact_ciphertext.has_value();
  detail.dispute.claimant_contact_ciphertext.reset();
  BINHYEN_ASSIGN_OR_RETURN(detail.indicator,
                           FindRecord(*tx, detail.dispute.kind, detail.dispute.canonical));
  return detail;
}

base::Result<std::string> Disputes::RevealContact(int64_t id, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Dispute dispute, tx->Disputes().Get(id));
  if (!dispute.claimant_contact_ciphertext) {
    return base::FailedPreconditionError("dispute " + std::to_string(id) + ": no contact given");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::string contact,
                           contact_box_.Decrypt(*dispute.claimant_contact_ciphertext));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(clock_.Now(), actor, "dispute.contact.reveal",
                                                     "dispute:" + std::to_string(id),
                                                     "revealed the claimant's contact"))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return contact;
}

base::Result<DisputeResolution> Disputes::Resolve(int64_t id, domain::DisputeStatus to,
                                                  std::string_view resolution, int64_t user_id,
                                                  std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  FieldErrors errors;
  if (to == domain::DisputeStatus::kOpen) errors.Add("to", "must be accepted or rejected");
  CheckText("resolution", resolution, 1, domain::kMaxPublicNoteBytes, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return Retried<DisputeResolution>(
      [&] { return ResolveOnce(id, to, resolution, user_id, actor); });
}

base::Result<DisputeResolution> Disputes::ResolveOnce(int64_t id, domain::DisputeStatus to,
                                                      std::string_view resolution, int64_t user_id,
                                                      std::string_view actor) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  DisputeResolution out;
  BINHYEN_ASSIGN_OR_RETURN(out.dispute, tx->Disputes().Resolve(id, to, resolution, user_id, now));
  out.dispute.claimant_contact_ciphertext.reset();
  std::string summary = std::string(domain::Name(to)) + ": " + std::string(resolution);
  if (to == domain::DisputeStatus::kAccepted) {
    BINHYEN_ASSIGN_OR_RETURN(out.indicator, Delist(*tx, out.dispute, now));
    summary += " (indicator delisted at version " + std::to_string(out.indicator->version) + ")";
  }
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, actor, "dispute.resolve",
                                                     "dispute:" + std::to_string(id), summary))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace binhyen::service
