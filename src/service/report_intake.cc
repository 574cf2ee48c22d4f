#include "service/report_intake.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/strings.h"
#include "domain/audit.h"
#include "domain/receipt.h"
#include "evidence/sniff.h"
#include "indicator/extract.h"
#include "indicator/indicator.h"
#include "service/field_errors.h"
#include "text/fold.h"
#include "text/simhash.h"
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
  if (HasNul(value)) return Bad(field + ".value", kNoNul);
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

// Canonicalises the typed indicators (every bad one is added to `errors`) and extracts more from
// the description.
CollectedIndicators CollectIndicators(const ReportSubmission& submission, FieldErrors& errors) {
  CollectedIndicators collected;
  if (submission.indicators.size() > kMaxSubmissionIndicators) {
    errors.Add("indicators", "at most " + std::to_string(kMaxSubmissionIndicators) + " (got " +
                                 std::to_string(submission.indicators.size()) + ")");
    return collected;
  }
  IndicatorSet set;
  for (size_t i = 0; i < submission.indicators.size(); ++i) {
    (void)errors.Merge(AddTyped(i, submission.indicators[i], set));
  }
  if (set.size() > kMaxSubmissionIndicators) {
    errors.Add("indicators", "at most " + std::to_string(kMaxSubmissionIndicators) +
                                 " (the values hold " + std::to_string(set.size()) + ")");
    return collected;
  }
  // The description may hold more than the limit; what is not kept is counted and reported back
  // to the caller, never dropped silently.
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

// The JSON object of the non-empty contact fields (trimmed), ready to be sealed; nullopt (with
// errors added) when a field is bad or all are empty.
std::optional<std::string> ContactJson(const ContactDetails& contact, FieldErrors& errors) {
  nlohmann::json j = nlohmann::json::object();
  const std::pair<const char*, const std::string*> fields[] = {
      {"name", &contact.name}, {"phone", &contact.phone}, {"email", &contact.email}};
  bool ok = true;
  for (const auto& [name, value] : fields) {
    std::string_view trimmed = base::TrimAscii(*value);
    const std::string field = std::string("contact.") + name;
    if (trimmed.size() > kMaxContactFieldBytes) {
      errors.Add(field, "must be at most " + std::to_string(kMaxContactFieldBytes) + " bytes");
      ok = false;
    } else if (!text::IsValidUtf8(trimmed)) {
      errors.Add(field, "must be valid UTF-8");
      ok = false;
    } else if (HasNul(trimmed)) {
      errors.Add(field, kNoNul);
      ok = false;
    } else if (!trimmed.empty()) {
      j[name] = std::string(trimmed);
    }
  }
  if (!ok) return std::nullopt;
  if (j.empty()) {
    errors.Add("contact",
               "give at least one of name, phone, email (or no contact to report anonymously)");
    return std::nullopt;
  }
  return j.dump();
}

// Checks the description; adds every problem to `errors`.
void CheckDescription(const std::string& description, FieldErrors& errors) {
  if (base::TrimAscii(description).empty()) {
    errors.Add("description", "must not be empty");
  } else if (description.size() > kMaxSubmissionDescriptionBytes) {
    errors.Add("description",
               "must be at most " + std::to_string(kMaxSubmissionDescriptionBytes) + " bytes");
  } else if (!text::IsValidUtf8(description)) {
    errors.Add("description", "must be valid UTF-8");
  } else if (HasNul(description)) {
    errors.Add("description", kNoNul);
  }
}

// Checks and converts the plain fields of `submission` (everything but indicators, contact,
// evidence and receipt); adds every problem to `errors`.
domain::Report PrepareFields(const ReportSubmission& submission, base::TimePoint now,
                             FieldErrors& errors) {
  domain::Report report;
  report.channel = submission.channel;
  std::optional<domain::Category> category = domain::ParseCategory(submission.category);
  if (category) {
    report.category = *category;
  } else if (submission.category.empty()) {
    errors.Add("category", "must not be empty");
  } else {
    errors.Add("category",
               "unknown category '" + submission.category + "' (one of: " + CategoryList() + ")");
  }
  CheckDescription(submission.description, errors);
  report.description = submission.description;
  if (submission.loss_vnd < 0 || submission.loss_vnd > kMaxLossVnd) {
    errors.Add("loss_vnd", "must be between 0 and " + std::to_string(kMaxLossVnd));
  }
  report.loss_vnd = submission.loss_vnd;
  if (submission.occurred_at && *submission.occurred_at > now + kFutureSlack) {
    errors.Add("occurred_at", "is in the future");
  }
  report.occurred_at = submission.occurred_at;
  report.ward = std::string(base::TrimAscii(submission.ward));
  if (report.ward.size() > 64) {
    errors.Add("ward", "must be at most 64 bytes");
  } else if (!text::IsValidUtf8(report.ward)) {
    errors.Add("ward", "must be valid UTF-8");
  } else if (HasNul(report.ward)) {
    errors.Add("ward", kNoNul);
  }
  if (submission.anonymous == true && submission.contact) {
    errors.Add("contact", "must be absent when anonymous is true");
  } else if (submission.anonymous == false && !submission.contact) {
    errors.Add("contact", "required when anonymous is false");
  }
  report.created_at = now;
  report.updated_at = now;
  return report;
}

std::string EvidenceField(size_t i) { return "evidence[" + std::to_string(i) + "]"; }

std::string MiB(int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

std::string SubmitSummary(const domain::Report& report, size_t links) {
  return std::string(domain::Name(report.channel)) + " report, category " +
         std::string(domain::Name(report.category)) + ", " +
         std::to_string(report.indicators.size()) + " indicators, " +
         std::to_string(report.evidence.size()) + " evidence files, " +
         (report.contact_ciphertext ? "with contact" : "anonymous") + ", linked to " +
         std::to_string(links) + " reports";
}

}  // namespace

ReportIntake::ReportIntake(store::Store& store, const crypto::SecretBox& contact_box,
                           const base::Clock& clock, crypto::Random& random)
    : ReportIntake(store, contact_box, clock, random, nullptr, IntakeOptions{}) {}

ReportIntake::ReportIntake(store::Store& store, const crypto::SecretBox& contact_box,
                           const base::Clock& clock, crypto::Random& random,
                           evidence::EvidenceStore* evidence, IntakeOptions options)
    : store_(store),
      contact_box_(contact_box),
      clock_(clock),
      random_(random),
      evidence_(evidence),
      options_(options) {}

std::string ReportIntake::DrawReceiptCode() {
  std::array<uint8_t, domain::kReceiptRandomBytes> bytes;
  random_.Fill(bytes);
  return domain::MakeReceiptCode(bytes);
}

base::Result<std::vector<domain::EvidenceRef>> ReportIntake::StoreEvidence(
    const std::vector<EvidenceUpload>& uploads) {
  std::vector<domain::EvidenceRef> refs;
  if (uploads.empty()) return refs;
  if (evidence_ == nullptr) {
    return base::FailedPreconditionError("evidence: not accepted here");
  }
  if (uploads.size() > static_cast<size_t>(options_.max_evidence_files)) {
    return Bad("evidence", "at most " + std::to_string(options_.max_evidence_files) +
                               " files (got " + std::to_string(uploads.size()) + ")");
  }
  FieldErrors errors;
  for (size_t i = 0; i < uploads.size(); ++i) {
    const EvidenceUpload& upload = uploads[i];
    if (static_cast<int64_t>(upload.data.size()) > options_.max_evidence_file_bytes) {
      return base::PayloadTooLargeError(EvidenceField(i) + ": larger than " +
                                        MiB(options_.max_evidence_file_bytes));
    }
    std::optional<evidence::MediaType> type = evidence::Sniff(upload.data);
    if (upload.data.empty()) {
      errors.Add(EvidenceField(i), "empty file");
    } else if (!type) {
      errors.Add(EvidenceField(i),
                 "file type not accepted (accepted: images, PDF, audio and video files)");
    } else {
      domain::EvidenceRef ref;
      ref.media_type = std::string(type->name);
      ref.size = static_cast<int64_t>(upload.data.size());
      // Only the last path component, valid UTF-8 and bounded: the name is shown to analysts.
      std::string_view name = upload.filename;
      if (size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
      }
      if (name.size() <= 255 && text::IsValidUtf8(name)) ref.filename = std::string(name);
      refs.push_back(std::move(ref));
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  // Every file is valid: only now is anything written.
  for (size_t i = 0; i < uploads.size(); ++i) {
    BINHYEN_ASSIGN_OR_RETURN(evidence::StoredFile stored, evidence_->Put(uploads[i].data));
    refs[i].sha256 = stored.sha256;
  }
  // The same file twice is kept once.
  std::vector<domain::EvidenceRef> unique;
  for (domain::EvidenceRef& ref : refs) {
    bool seen = std::any_of(unique.begin(), unique.end(),
                            [&](const domain::EvidenceRef& u) { return u.sha256 == ref.sha256; });
    if (!seen) unique.push_back(std::move(ref));
  }
  return unique;
}

base::Result<Receipt> ReportIntake::Submit(const ReportSubmission& submission,
                                           std::string_view actor) {
  if (actor.empty()) return Bad("actor", "must not be empty");
  FieldErrors errors;
  domain::Report report = PrepareFields(submission, clock_.Now(), errors);
  CollectedIndicators collected = CollectIndicators(submission, errors);
  report.indicators = std::move(collected.indicators);
  if (submission.contact && submission.anonymous != true) {
    std::optional<std::string> contact = ContactJson(*submission.contact, errors);
    if (contact) report.contact_ciphertext = contact_box_.Encrypt(*contact);
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  // One read-only snapshot for the ward and the related reports. Related reports are looked up
  // before the write so that the lookups do not hold the (single) writer: a report committed at
  // the very same moment may go unlinked.
  BINHYEN_ASSIGN_OR_RETURN(auto snapshot, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(report.ward, ResolveWard(*snapshot, report.ward));
  report.text_simhash = text::DescriptionSimHash(report.description);
  // A placeholder code so that every other field is checked before the transaction starts.
  report.receipt_code = kPlaceholderReceipt;
  BINHYEN_RETURN_IF_ERROR(domain::Validate(report));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<RelatedGroup> related, FindRelated(*snapshot, report));
  snapshot.reset();
  BINHYEN_ASSIGN_OR_RETURN(report.evidence, StoreEvidence(submission.evidence));

  base::Result<Receipt> receipt = base::InternalError("report intake: no attempt made");
  for (int attempt = 0; attempt < kTransactionAttempts; ++attempt) {
    receipt = SubmitOnce(report, related, actor);
    if (receipt.ok() || receipt.status().code() != base::StatusCode::kAborted) break;
  }
  if (receipt.ok()) receipt->extracted_not_kept = collected.extracted_not_kept;
  return receipt;
}

namespace {

// "Phường Phổ Minh", "pho minh", "PHO-MINH" → "pho minh": how a typed place name is compared.
std::string PlaceKey(std::string_view s) {
  std::string folded = text::FoldVietnamese(s);
  std::string out;
  for (char c : folded) {
    const bool word = base::IsAsciiAlnum(c) || (static_cast<unsigned char>(c) & 0x80);
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (std::string_view prefix : {"phuong ", "xa ", "thi tran "}) {
    if (out.starts_with(prefix)) return out.substr(prefix.size());
  }
  return out;
}

}  // namespace

base::Result<std::string> ReportIntake::ResolveWard(store::Transaction& tx, std::string_view ward) {
  if (ward.empty()) return std::string();
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx.Units().List());
  std::string known;
  const std::string key = PlaceKey(ward);
  for (const domain::Unit& u : units) {
    if (u.kind != domain::UnitKind::kWard && u.kind != domain::UnitKind::kCommune) continue;
    if (u.code == ward || PlaceKey(u.code) == key || PlaceKey(u.name) == key) return u.code;
    known += (known.empty() ? "" : ", ") + u.code;
  }
  // An installation without wards and communes (yet) takes the place as written.
  if (known.empty()) return std::string(ward);
  return Bad("ward", "unknown ward or commune '" + std::string(ward) + "' (one of: " + known + ")");
}

base::Result<std::vector<RelatedGroup>> ReportIntake::FindRelated(store::Transaction& tx,
                                                                  const domain::Report& report) {
  std::vector<RelatedGroup> groups;
  // One more than is kept, to know whether there are more.
  constexpr int kLookup = kMaxRelatedListed + 1;
  auto add_group = [&](RelatedGroup group) {
    if (group.report_ids.empty()) return;
    if (group.report_ids.size() > static_cast<size_t>(kMaxRelatedListed)) {
      group.report_ids.resize(kMaxRelatedListed);
      group.more = true;
    }
    groups.push_back(std::move(group));
  };
  for (const domain::ReportIndicator& ri : report.indicators) {
    RelatedGroup group;
    group.reason = RelatedGroup::Reason::kSharedIndicator;
    group.indicator = ri;
    BINHYEN_ASSIGN_OR_RETURN(group.report_ids,
                             tx.Reports().FindByIndicator(ri.kind, ri.canonical, kLookup));
    add_group(std::move(group));
  }
  if (report.text_simhash) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<store::NearDuplicate> near,
                             tx.Reports().FindNearDuplicates(
                                 *report.text_simhash, text::kNearDuplicateDistance, kLookup));
    RelatedGroup group;
    group.reason = RelatedGroup::Reason::kSimilarText;
    for (const store::NearDuplicate& n : near) group.report_ids.push_back(n.id);
    add_group(std::move(group));
  }
  return groups;
}

base::Status ReportIntake::LinkRelated(store::Transaction& tx,
                                       const std::vector<RelatedGroup>& related, Receipt& receipt) {
  std::set<int64_t> linked;
  for (const RelatedGroup& g : related) linked.insert(g.report_ids.begin(), g.report_ids.end());
  // The most recent kMaxLinkedReports earlier reports are linked.
  for (auto it = linked.rbegin(); it != linked.rend(); ++it) {
    if (receipt.linked_report_ids.size() >= static_cast<size_t>(kMaxLinkedReports)) break;
    receipt.linked_report_ids.push_back(*it);
    BINHYEN_RETURN_IF_ERROR(tx.Reports().Link(receipt.id, *it));
  }
  receipt.related = related;
  return base::Status::Ok();
}

base::Result<Receipt> ReportIntake::SubmitOnce(const domain::Report& prepared,
                                               const std::vector<RelatedGroup>& related,
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
  receipt.evidence = report.evidence;
  BINHYEN_RETURN_IF_ERROR(LinkRelated(*tx, related, receipt));

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
  view.public_note = std::move(report->public_note);
  return view;
}

base::Result<std::string> ReportIntake::RevealContact(int64_t id, std::string_view actor) {
  if (actor.empty()) return Bad("actor", "must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Report report, tx->Reports().Get(id));
  if (!report.contact_ciphertext && report.contact_erased_at) {
    return base::FailedPreconditionError("report " + std::to_string(id) +
                                         ": contact erased (retention)");
  }
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
