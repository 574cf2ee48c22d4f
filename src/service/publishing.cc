#include "service/publishing.h"

#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/check_explanation.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

// Serialisation conflicts (PostgreSQL) are retried this many times in all.
constexpr int kTransactionAttempts = 3;
// "-2" ... "-<kMaxSlugSuffix>" are tried before giving up on a title.
constexpr int kMaxSlugSuffix = 100;
constexpr size_t kMaxTitleBytes = 300;
constexpr size_t kMaxBodyBytes = 100'000;
// How far back from the length limit a slug is cut at a '-' rather than inside a word.
constexpr size_t kSlugCutWindow = 20;

template <typename F>
auto Retrying(F&& attempt) -> decltype(attempt()) {
  auto result = attempt();
  for (int i = 1; i < kTransactionAttempts; ++i) {
    if (result.ok() || result.status().code() != base::StatusCode::kAborted) break;
    result = attempt();
  }
  return result;
}

std::string Target(int64_t id) { return "warning:" + std::to_string(id); }

// The field checks of a draft that need no database.
base::Status CheckDraft(const WarningDraft& draft, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  const std::pair<const char*, const std::string*> texts[] = {{"title", &draft.title},
                                                              {"body", &draft.body}};
  for (const auto& [field, text] : texts) {
    if (base::TrimAscii(*text).empty()) {
      return base::InvalidArgumentError(std::string(field) + ": must not be empty");
    }
    if (!text::IsValidUtf8(*text)) {
      return base::InvalidArgumentError(std::string(field) + ": must be valid UTF-8");
    }
  }
  if (draft.title.size() > kMaxTitleBytes) {
    return base::InvalidArgumentError("title: must be at most 300 bytes");
  }
  if (draft.body.size() > kMaxBodyBytes) {
    return base::InvalidArgumentError("body: must be at most 100000 bytes");
  }
  return base::Status::Ok();
}

// Copies what an analyst edits from `draft` into `w` (not the slug, times or id).
void ApplyDraft(const WarningDraft& draft, domain::Warning& w) {
  w.kind = draft.kind;
  w.title = std::string(base::TrimAscii(draft.title));
  w.body = draft.body;
  w.category = draft.category;
  w.indicators = draft.indicators;
  w.report_id = draft.report_id;
}

// InvalidArgument "report_id: no report <n>" when the draft names a missing report.
base::Status CheckReport(store::Transaction& tx, std::optional<int64_t> report_id) {
  if (!report_id) return base::Status::Ok();
  base::Result<domain::Report> report = tx.Reports().Get(*report_id);
  if (report.status().code() == base::StatusCode::kNotFound) {
    return base::InvalidArgumentError("report_id: no report " + std::to_string(*report_id));
  }
  return report.status();
}

// `base` if no warning has it, else base-2, base-3, ...
base::Result<std::string> FreeSlug(store::Transaction& tx, const std::string& base) {
  for (int n = 1; n <= kMaxSlugSuffix; ++n) {
    const std::string slug = n == 1 ? base : base + "-" + std::to_string(n);
    base::Result<domain::Warning> taken = tx.Warnings().GetBySlug(slug);
    if (taken.status().code() == base::StatusCode::kNotFound) return slug;
    BINHYEN_RETURN_IF_ERROR(taken.status());
  }
  return base::AlreadyExistsError("slug: too many warnings titled like '" + base + "'");
}

// What residents should do about a scam of `category` (the standard advice of a warning).
std::string_view CategoryAdviceVi(domain::Category category) {
  using C = domain::Category;
  switch (category) {
    case C::kFakePolice:
      return "Công an, viện kiểm sát, toà án không làm việc qua điện thoại hay mạng xã hội và "
             "không bao giờ yêu cầu chuyển tiền để \"xác minh\". Hãy cúp máy và gọi công an "
             "phường, xã.";
    case C::kBankImpersonation:
    case C::kBankFraud:
    case C::kPhishing:
    case C::kAccountTakeover:
      return "Ngân hàng không bao giờ hỏi mật khẩu, mã OTP hay số thẻ. Đừng bấm vào đường dẫn "
             "lạ; hãy tự gõ địa chỉ trang của ngân hàng hoặc gọi số tổng đài in trên thẻ.";
    case C::kLoan:
    case C::kInvestment:
    case C::kJobTask:
    case C::kPrize:
    case C::kScholarship:
      return "Không có khoản vay, việc làm, giải thưởng hay lợi nhuận thật nào bắt nộp tiền "
             "trước. Đừng chuyển tiền \"phí\", \"cọc\" hay \"nhiệm vụ\".";
    case C::kFakeApp:
    case C::kMalware:
      return "Chỉ cài ứng dụng từ kho chính thức (CH Play, App Store). Đừng cài tệp .apk được "
             "gửi qua tin nhắn và đừng cấp quyền trợ năng cho ứng dụng lạ.";
    case C::kRomanceSextortion:
    case C::kExtortion:
      return "Đừng trả tiền cho kẻ đe doạ: trả một lần sẽ bị đòi tiếp. Giữ lại tin nhắn làm "
             "bằng chứng và báo ngay công an.";
    default:
      return "Đừng làm theo yêu cầu của người lạ, đừng chuyển tiền và đừng cung cấp mã OTP. "
             "Khi nghi ngờ, hãy hỏi người thân hoặc công an phường, xã.";
  }
}

// `canonical` as a Markdown code span (a backtick inside would end it).
std::string CodeSpan(std::string_view canonical) {
  std::string out = "`";
  for (char c : canonical) out += c == '`' ? std::string("%60") : std::string(1, c);
  return out + "`";
}

std::string DraftBody(const domain::Report& report, std::string_view label) {
  std::string body =
      "Cơ quan chức năng đã xác minh một vụ " + std::string(label) + " được người dân báo cáo.\n\n";
  if (!report.indicators.empty()) {
    body += "**Dấu hiệu cần cảnh giác:**\n\n";
    for (const domain::ReportIndicator& ind : report.indicators) {
      body += "- " + std::string(KindLabelVi(ind.kind)) + ": " + CodeSpan(ind.canonical) + "\n";
    }
    body += "\n";
  }
  body += "**Lời khuyên:** " + std::string(CategoryAdviceVi(report.category)) + "\n\n";
  body +=
      "Nếu đã lỡ chuyển tiền hoặc cung cấp thông tin, hãy gọi ngay ngân hàng và báo công an "
      "phường, xã.\n";
  return body;
}

}  // namespace

std::string SlugFromTitle(std::string_view title) {
  const std::string folded = text::FoldVietnamese(title);
  std::string slug;
  for (char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  if (slug.size() > kMaxSlugBytes) {
    const size_t dash = slug.rfind('-', kMaxSlugBytes);
    slug.resize(
        dash != std::string::npos && dash + kSlugCutWindow >= kMaxSlugBytes ? dash : kMaxSlugBytes);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "canh-bao" : slug;
}

Publishing::Publishing(store::Store& store, const base::Clock& clock)
    : store_(store), clock_(clock) {}

base::Result<domain::Warning> Publishing::Create(const WarningDraft& draft,
                                                 std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckDraft(draft, actor));
  return Retrying([&] { return CreateOnce(draft, actor); });
}

base::Result<domain::Warning> Publishing::CreateOnce(const WarningDraft& draft,
                                                     std::string_view actor) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  domain::Warning w;
  ApplyDraft(draft, w);
  w.created_at = now;
  w.updated_at = now;
  if (draft.publish) w.published_at = now;
  w.slug = SlugFromTitle(w.title);
  BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
  BINHYEN_RETURN_IF_ERROR(CheckReport(*tx, w.report_id));
  BINHYEN_ASSIGN_OR_RETURN(w.slug, FreeSlug(*tx, w.slug));
  BINHYEN_ASSIGN_OR_RETURN(w.id, tx->Warnings().Create(w));
  const std::string summary = std::string(domain::Name(w.kind)) + " " + w.slug +
                              (draft.publish ? " (published)" : " (draft)");
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "warning.create", Target(w.id), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return w;
}

base::Result<domain::Warning> Publishing::Update(int64_t id, const WarningDraft& draft,
                                                 std::string_view actor) {
  BINHYEN_RETURN_IF_ERROR(CheckDraft(draft, actor));
  return Retrying([&] { return UpdateOnce(id, draft, actor); });
}

base::Result<domain::Warning> Publishing::UpdateOnce(int64_t id, const WarningDraft& draft,
                                                     std::string_view actor) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Warning w, tx->Warnings().Get(id));
  ApplyDraft(draft, w);
  w.updated_at = now;
  if (!draft.publish) {
    w.published_at.reset();
  } else if (!w.published_at) {
    w.published_at = now;
  }
  BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
  BINHYEN_RETURN_IF_ERROR(CheckReport(*tx, w.report_id));
  BINHYEN_RETURN_IF_ERROR(tx->Warnings().Update(w));
  const std::string summary = std::string(domain::Name(w.kind)) + " " + w.slug +
                              (w.published_at ? " (published)" : " (draft)");
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "warning.update", Target(id), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return w;
}

base::Result<domain::Warning> Publishing::Publish(int64_t id, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  return Retrying([&] { return SetPublishedOnce(id, true, actor); });
}

base::Result<domain::Warning> Publishing::Unpublish(int64_t id, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  return Retrying([&] { return SetPublishedOnce(id, false, actor); });
}

base::Result<domain::Warning> Publishing::SetPublishedOnce(int64_t id, bool publish,
                                                           std::string_view actor) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Warning w, tx->Warnings().Get(id));
  if (w.published_at.has_value() == publish) return w;  // nothing to change
  if (publish) {
    w.published_at = now;
  } else {
    w.published_at.reset();
  }
  w.updated_at = now;
  BINHYEN_RETURN_IF_ERROR(tx->Warnings().Update(w));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, publish ? "warning.publish" : "warning.unpublish",
                                 Target(id), w.slug))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return w;
}

base::Result<WarningDraft> Publishing::DraftFromReport(int64_t report_id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Report report, tx->Reports().Get(report_id));
  if (report.status != domain::ReportStatus::kConfirmed) {
    return base::FailedPreconditionError("report " + std::to_string(report_id) +
                                         ": only a confirmed report can become a warning (status " +
                                         std::string(domain::Name(report.status)) + ")");
  }
  const std::string_view label = CategoryLabelVi(domain::Name(report.category));
  WarningDraft draft;
  draft.kind = domain::WarningKind::kWarning;
  draft.title = "Cảnh báo: " + std::string(label);
  if (!report.indicators.empty()) {
    const std::string with_indicator = draft.title + " – " + report.indicators.front().canonical;
    if (with_indicator.size() <= kMaxTitleBytes) draft.title = with_indicator;
  }
  draft.body = DraftBody(report, label);
  draft.category = report.category;
  for (const domain::ReportIndicator& ind : report.indicators) {
    draft.indicators.push_back({ind.kind, ind.canonical});
  }
  draft.report_id = report.id;
  draft.publish = false;
  return draft;
}

}  // namespace binhyen::service
