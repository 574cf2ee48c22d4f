#include "service/report_intake.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/strings.h"
#include "domain/audit.h"
#include "domain/receipt.h"
#include "indicator/extract.h"
#include "indicator/indicator.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

// Receipt codes carry 40 random bits: a collision is rare, several in a row mean a broken
// random source.
constexpr int kReceiptAttempts = 8;
// Serialisation conflicts (PostgreSQL) are retried this many times in all.
constexpr int kTransactionAttempts = 3;
// Reports written in the future by more than this (clock skew, time zones) are refused.
constexpr auto kFutureSlack = std::chrono::hours(24);
constexpr std::string_view kPlaceholderReceipt = "BY-0000-0000";

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

std::string CategoryList() {
  std::string out;
  for (int i = 0;; ++i) {
    // Enumerators are dense from 0 to kOther (enums.h).
    auto c = static_cast<domain::Category>(i);
    if (!out.empty()) out += ", ";
    out += domain::Name(c);
    if (c == domain::Category::kOther) break;
  }
  return out;
}

std::string KindList() {
  std::string out;
  for (indicator::Kind k : indicator::kAllKinds) {
    if (!out.empty()) out += ", ";
    out += indicator::KindName(k);
  }
  return out;
}

// "indicators[i]: <kind>: <reason>" whatever wording the canonicaliser used.
base::Status IndicatorError(size_t i, indicator::Kind kind, const base::Status& s) {
  std::string kind_name(indicator::KindName(kind));
  std::string message = s.message();
  if (message.starts_with(kind_name + ": ")) {
    message = message.substr(kind_name.size() + 2);
  } else if (kind == indicator::Kind::kBankAccount && message.starts_with("bank account: ")) {
    message = message.substr(std::string_view("bank account: ").size());
  }
  return Bad("indicators[" + std::to_string(i) + "]", kind_name + ": " + message);
}

// Collects indicators in order, dropping repeats of (kind, canonical).
class IndicatorSet {
 public:
  bool Add(indicator::Kind kind, std::string canonical, std::string raw) {
    if (!seen_.insert({kind, canonical}).second) return false;
    items_.push_back(domain::ReportIndicator{kind, std::move(canonical), std::move(raw)});
    return true;
  }
  size_t size() const { return items_.size(); }
  std::vector<domain::ReportIndicator> Take() { return std::move(items_); }

 private:
  std::set<std::pair<indicator::Kind, std::string>> seen_;
  std::vector<domain::ReportIndicator> items_;
};

base::Status AddTyped(size_t i, const TypedIndicator& typed, IndicatorSet& out) {
  const std::string field = "indicators[" + std::to_string(i) + "]";
  std::string_view value = base::TrimAscii(typed.value);
  if (value.empty()) return Bad(field + ".value", "must not be empty");
  if (value.size() > kMaxIndicatorValueBytes) {
    return Bad(field + ".value",
               "must be at most " + std::to_string(kMaxIndicatorValueBytes) + " bytes");
  }
  if (!text::IsValidUtf8(value)) return Bad(field + ".value", "must be valid UTF-8");
  std::string_view kind_name = base::TrimAscii(typed.kind);
  if (kind_name.empty()) {
    std::vector<indicator::Extracted> found = indicator::Extract(value);
    if (found.empty()) {
      return Bad(field, "no indicator recognised in the value; give its kind (" + KindList() + ")");
    }
    for (indicator::Extracted& e : found) {
      out.Add(e.indicator.kind, std::move(e.indicator.canonical), std::move(e.raw));
    }
    return base::Status::Ok();
  }
  std::optional<indicator::Kind> kind = indicator::ParseKind(kind_name);
  if (!kind) {
    return Bad(field + ".kind",
               "unknown kind '" + std::string(kind_name) + "' (one of: " + KindList() + ")");
  }
  base::Result<indicator::Indicator> canonical = indicator::Canonicalize(*kind, value);
  if (!canonical.ok()) return IndicatorError(i, *kind, canonical.status());
  out.Add(*kind, std::move(canonical->canonical), std::string(value));
  return base::Status::Ok();
}

struct CollectedIndicators {
  std::vector<domain::ReportIndicator> indicators;
  size_t extracted_not_kept = 0;  // found in the description beyond the limit
};

base::Result<CollectedIndicators> CollectIndicators(const ReportSubmission& submission) {
  if (submission.indicators.size() > kMaxSubmissionIndicators) {
    return Bad("indicators", "at most " + std::to_string(kMaxSubmissionIndicators) + " (got " +
                                 std::to_string(submission.indicators.size()) + ")");
  }
  IndicatorSet set;
  for (size_t i = 0; i < submission.indicators.size(); ++i) {
    BINHYEN_RETURN_IF_ERROR(AddTyped(i, submission.indicators[i], set));
  }
  if (set.size() > kMaxSubmissionIndicators) {
    return Bad("indicators", "at most " + std::to_string(kMaxSubmissionIndicators) +
                                 " (the values hold " + std::to_string(set.size()) + ")");
  }
  // The description may hold more than the limit; what is not kept is counted and reported back
  // to the caller, never dropped silently.
  CollectedIndicators collected;
  for (indicator::Extracted& e : indicator::Extract(submission.description)) {
    if (set.size() >= kMaxSubmissionIndicators) {
      ++collected.extracted_not_kept;
      continue;
    }
    set.Add(e.indicator.kind, std::move(e.indicator.canonical), std::move(e.raw));
  }
  collected.indicators = set.Take();
  return collected;
}

base::Status CheckContactField(std::string_view field, std::string_view value) {
  if (value.size() > kMaxContactFieldBytes) {
    return Bad(field, "must be at most " + std::to_string(kMaxContactFieldBytes) + " bytes");
  }
  if (!text::IsValidUtf8(value)) return Bad(field, "must be valid UTF-8");
  return base::Status::Ok();
}

// The JSON object of the non-empty contact fields (trimmed), ready to be sealed.
base::Result<std::string> ContactJson(const ContactDetails& contact) {
  nlohmann::json j = nlohmann::json::object();
  const std::pair<const char*, const std::string*> fields[] = {
      {"name", &contact.name}, {"phone", &contact.phone}, {"email", &contact.email}};
  for (const auto& [name, value] : fields) {
    std::string_view trimmed = base::TrimAscii(*value);
    BINHYEN_RETURN_IF_ERROR(CheckContactField(std::string("contact.") + name, trimmed));
    if (!trimmed.empty()) j[name] = std::string(trimmed);
  }
  if (j.empty()) {
    return Bad("contact",
               "give at least one of name, phone, email (or no contact to report anonymously)");
  }
  return j.dump();
}

// Checks and converts the plain fields of `submission` (everything but indicators, contact and
// receipt).
base::Result<domain::Report> PrepareFields(const ReportSubmission& submission,
                                           base::TimePoint now) {
  domain::Report report;
  report.channel = submission.channel;
  std::optional<domain::Category> category = domain::ParseCategory(submission.category);
  if (!category) {
    if (submission.category.empty()) return Bad("category", "must not be empty");
    return Bad("category",
               "unknown category '" + submission.category + "' (one of: " + CategoryList() + ")");
  }
  report.category = *category;
  if (base::TrimAscii(submission.description).empty()) {
    return Bad("description", "must not be empty");
  }
  if (submission.description.size() > kMaxSubmissionDescriptionBytes) {
    return Bad("description",
               "must be at most " + std::to_string(kMaxSubmissionDescriptionBytes) + " bytes");
  }
  if (!text::IsValidUtf8(submission.description)) {
    return Bad("description", "must be valid UTF-8");
  }
  report.description = submission.description;
  if (submission.loss_vnd < 0 || submission.loss_vnd > kMaxLossVnd) {
    return Bad("loss_vnd", "must be between 0 and " + std::to_string(kMaxLossVnd));
  }
  report.loss_vnd = submission.loss_vnd;
  if (submission.occurred_at && *submission.occurred_at > now + kFutureSlack) {
    return Bad("occurred_at", "is in the future");
  }
  report.occurred_at = submission.occurred_at;
  report.ward = std::string(base::TrimAscii(submission.ward));
  if (!text::IsValidUtf8(report.ward)) return Bad("ward", "must be valid UTF-8");
  report.created_at = now;
  report.updated_at = now;
  return report;
}

std::string SubmitSummary(const domain::Report& report, size_t links) {
  return std::string(domain::Name(report.channel)) + " report, category " +
         std::string(domain::Name(report.category)) + ", " +
         std::to_string(report.indicators.size()) + " indicators, " +
         (report.contact_ciphertext ? "with contact" : "anonymous") + ", linked to " +
         std::to_string(links) + " reports";
}

}  // namespace

ReportIntake::ReportIntake(store::Store& store, const crypto::SecretBox& contact_box,
                           const base::Clock& clock, crypto::Random& random)
    : store_(store), contact_box_(contact_box), clock_(clock), random_(random) {}

std::string ReportIntake::DrawReceiptCode() {
  std::array<uint8_t, domain::kReceiptRandomBytes> bytes;
  random_.Fill(bytes);
  return domain::MakeReceiptCode(bytes);
}

base::Result<Receipt> ReportIntake::Submit(const ReportSubmission& submission,
                                           std::string_view actor) {
  if (actor.empty()) return Bad("actor", "must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(domain::Report report, PrepareFields(submission, clock_.Now()));
  BINHYEN_ASSIGN_OR_RETURN(CollectedIndicators collected, CollectIndicators(submission));
  report.indicators = std::move(collected.indicators);
  if (submission.contact) {
    BINHYEN_ASSIGN_OR_RETURN(std::string contact, ContactJson(*submission.contact));
    report.contact_ciphertext = contact_box_.Encrypt(contact);
  }
  // A placeholder code so that every other field is checked before the transaction starts.
  report.receipt_code = kPlaceholderReceipt;
  BINHYEN_RETURN_IF_ERROR(domain::Validate(report));

  base::Result<Receipt> receipt = base::InternalError("report intake: no attempt made");
  for (int attempt = 0; attempt < kTransactionAttempts; ++attempt) {
    receipt = SubmitOnce(report, actor);
    if (receipt.ok() || receipt.status().code() != base::StatusCode::kAborted) break;
  }
  if (receipt.ok()) receipt->extracted_not_kept = collected.extracted_not_kept;
  return receipt;
}

base::Result<Receipt> ReportIntake::SubmitOnce(const domain::Report& prepared,
                                               std::string_view actor) {
  domain::Report report = prepared;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  base::Result<store::ReportKey> key = base::InternalError("report intake: no receipt drawn");
  for (int attempt = 0; attempt < kReceiptAttempts; ++attempt) {
    report.receipt_code = DrawReceiptCode();
    key = tx->Reports().Create(report);
    // Any other AlreadyExists would be a store bug; only a taken receipt code is retried.
    if (key.ok() || key.status().code() != base::StatusCode::kAlreadyExists ||
        !key.status().message().starts_with("receipt_code")) {
      break;
    }
  }
  if (!key.ok() && key.status().code() == base::StatusCode::kAlreadyExists) {
    return base::InternalError("receipt_code: no free code after " +
                               std::to_string(kReceiptAttempts) + " draws (random source?)");
  }
  BINHYEN_RETURN_IF_ERROR(key.status());

  Receipt receipt;
  receipt.id = key->id;
  receipt.receipt_code = key->receipt_code;
  receipt.indicators = report.indicators;
  if (!report.indicators.empty()) {
    BINHYEN_ASSIGN_OR_RETURN(receipt.linked_report_ids,
                             tx->Reports().FindSharingIndicators(receipt.id, kMaxLinkedReports));
    for (int64_t other : receipt.linked_report_ids) {
      BINHYEN_RETURN_IF_ERROR(tx->Reports().Link(receipt.id, other, report.created_at));
    }
  }

  domain::AuditEntry entry;
  entry.at = report.created_at;
  entry.actor = std::string(actor);
  entry.action = "report.submit";
  entry.target = "report:" + std::to_string(receipt.id);
  entry.summary = SubmitSummary(report, receipt.linked_report_ids.size());
  BINHYEN_RETURN_IF_ERROR(tx->Audit().Append(entry).status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return receipt;
}

base::Result<ReportView> ReportIntake::Get(std::string_view receipt) {
  BINHYEN_ASSIGN_OR_RETURN(std::string code, domain::NormalizeReceiptCode(receipt));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  base::Result<domain::Report> report = tx->Reports().GetByReceipt(code);
  if (!report.ok() && report.status().code() == base::StatusCode::kNotFound) {
    return base::NotFoundError("receipt " + code + ": no such report");
  }
  BINHYEN_RETURN_IF_ERROR(report.status());
  ReportView view;
  view.receipt_code = report->receipt_code;
  view.status = report->status;
  view.category = report->category;
  view.created_at = report->created_at;
  view.updated_at = report->updated_at;
  view.indicators = std::move(report->indicators);
  return view;
}

base::Result<std::string> ReportIntake::RevealContact(int64_t id, std::string_view actor) {
  if (actor.empty()) return Bad("actor", "must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Report report, tx->Reports().Get(id));
  if (!report.contact_ciphertext) {
    return base::FailedPreconditionError("report " + std::to_string(id) +
                                         ": anonymous (no contact)");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::string contact, contact_box_.Decrypt(*report.contact_ciphertext));
  domain::AuditEntry entry;
  entry.at = clock_.Now();
  entry.actor = std::string(actor);
  entry.action = "report.contact.reveal";
  entry.target = "report:" + std::to_string(id);
  entry.summary = "revealed the reporter's contact";
  BINHYEN_RETURN_IF_ERROR(tx->Audit().Append(entry).status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return contact;
}

}  // namespace binhyen::service
