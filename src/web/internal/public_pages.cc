// The home page and the check page: "is this link / number / account / message a scam?".
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "domain/enums.h"
#include "index/snapshot.h"
#include "indicator/extract.h"
#include "indicator/indicator.h"
#include "service/check_explanation.h"
#include "web/internal/check_subject.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

constexpr int kLatestOnHome = 3;

std::string WarningPath(const domain::Warning& w) {
  return (w.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") + w.slug;
}

// The newest published warnings and clarifications for the home page; none when the store
// cannot be read (the check box still works).
Data LatestWarnings(Shared& shared) {
  Data list{Data::type::list};
  base::Result<std::unique_ptr<store::Transaction>> tx =
      shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return list;
  store::PageRequest page;
  page.limit = kLatestOnHome;
  auto published =
      (*tx)->Warnings().ListPublished(std::nullopt, shared.services().clock.Now(), page);
  if (!published.ok()) return list;
  for (const domain::Warning& w : published->items) {
    Data item;
    item.set("title", w.title);
    item.set("href", WarningPath(w));
    item.set("date", FormatVietnamDate(w.published_at.value_or(w.created_at)));
    item.set("clarification", Data(w.kind == domain::WarningKind::kClarification));
    list.push_back(item);
  }
  return list;
}

http::Response Home(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  Data data;
  Data latest = LatestWarnings(shared);
  data.set("has_latest", Data(!latest.is_empty_list()));
  data.set("latest", latest);
  PageMeta meta;
  meta.title = std::string(context.Pick("Kiểm tra lừa đảo trực tuyến", "Check for online scams"));
  meta.description = std::string(context.Pick(
      "Kiểm tra đường link, số điện thoại, số tài khoản hoặc tin nhắn trước khi bấm, gọi hay "
      "chuyển tiền. Báo cáo lừa đảo và xem cảnh báo của công an.",
      "Check a link, phone number, bank account or message before you click, call or pay. "
      "Report scams and read police warnings."));
  meta.canonical_url = shared.PublicUrl(request) + "/";
  return RenderPage(shared.templates(), context, "home", std::move(data), meta);
}

struct VerdictWords {
  std::string_view name;
  std::string_view icon;
  std::string_view heading_vi;
  std::string_view heading_en;
};

VerdictWords WordsFor(index::Verdict v) {
  switch (v) {
    case index::Verdict::kDangerous: return {"dangerous", "✖", "Nguy hiểm", "Dangerous"};
    case index::Verdict::kSuspicious: return {"suspicious", "⚠", "Đáng ngờ", "Suspicious"};
    case index::Verdict::kTrusted: return {"trusted", "✔", "Đáng tin cậy", "Trusted"};
    case index::Verdict::kUnknown: break;
  }
  return {"unknown", "ℹ", "Chưa có cảnh báo", "No warning"};
}

VerdictWords WordsFor(scan::Verdict v) {
  switch (v) {
    case scan::Verdict::kScam: return {"scam", "✖", "Tin nhắn lừa đảo", "A scam message"};
    case scan::Verdict::kSuspicious:
      return {"suspicious", "⚠", "Tin nhắn đáng ngờ", "A suspicious message"};
    case scan::Verdict::kClean: break;
  }
  return {"clean", "ℹ", "Chưa thấy dấu hiệu lừa đảo", "No sign of a scam found"};
}

// What a resident should do now, by how bad the answer is.
Data NextSteps(const PageContext& context, bool bad, bool unsure) {
  std::vector<std::pair<std::string_view, std::string_view>> steps;
  if (bad) {
    steps = {
        {"Không bấm vào đường link, không gọi lại, không chuyển tiền.",
         "Do not open the link, call back or send money."},
        {"Không cung cấp mã OTP, mật khẩu, số CCCD hay thông tin thẻ cho bất kỳ ai.",
         "Never give anyone an OTP code, password, ID number or card details."},
        {"Nếu đã chuyển tiền hoặc đã nhập thông tin: gọi ngay tổng đài ngân hàng để khóa tài "
         "khoản, rồi báo công an (113 hoặc công an phường, xã gần nhất).",
         "If you already paid or typed your details: call your bank at once to freeze the "
         "account, then tell the police (113 or the nearest ward police)."},
        {"Báo cáo cho chúng tôi để cảnh báo người khác.", "Report it so that others are warned."},
    };
  } else if (unsure) {
    steps = {
        {"Chưa có cảnh báo không có nghĩa là an toàn: kẻ gian đổi đường link và số điện thoại "
         "liên tục.",
         "No warning does not mean safe: scammers change links and numbers all the time."},
        {"Tự liên hệ với người hoặc cơ quan đó qua số điện thoại chính thức mà bạn biết.",
         "Contact the person or organisation yourself through a number you already know."},
        {"Không chuyển tiền, không đưa mã OTP khi chưa chắc chắn.",
         "Do not pay or share an OTP code until you are sure."},
        {"Nếu thấy đáng ngờ, hãy báo cáo để công an xác minh.",
         "If it feels wrong, report it so that the police can check."},
    };
  } else {
    steps = {
        {"Vẫn kiểm tra kỹ từng chữ của địa chỉ: kẻ gian hay dùng tên gần giống.",
         "Still check the address letter by letter: scammers use look-alike names."},
    };
  }
  Data list{Data::type::list};
  for (const auto& [vi, en] : steps) list.push_back(Data(std::string(context.Pick(vi, en))));
  return list;
}

// The warnings and sources behind a check result.
Data MatchList(const PageContext& context, const index::CheckResult& result) {
  Data list{Data::type::list};
  for (const index::Match& m : result.matches) {
    Data item;
    item.set("category", std::string(context.vi() ? service::CategoryLabelVi(m.category)
                                                  : service::CategoryLabelEn(m.category)));
    const bool own = m.source.starts_with("report:") || m.source == "binhyen" ||
                     m.source.starts_with("warning:");
    item.set("source", own ? std::string(context.Pick("Công an xác minh", "Verified by the police"))
                           : m.source);
    if (!m.warning_url.empty() && m.warning_url.starts_with('/')) {
      item.set("warning_url", m.warning_url);
    }
    list.push_back(item);
  }
  return list;
}

void SetVerdict(Data& data, const PageContext& context, const VerdictWords& words) {
  data.set("verdict", std::string(words.name));
  data.set("icon", std::string(words.icon));
  data.set("heading", std::string(context.Pick(words.heading_vi, words.heading_en)));
}

http::Response IndicatorAnswer(Shared& shared, PageContext& context, const CheckSubject& subject) {
  std::shared_ptr<const service::ReputationView> view = shared.services().reputation.view();
  const index::CheckResult result = view->Check(subject.kind, subject.value, subject.bank);
  Data data;
  data.set("q", subject.input);
  if (result.canonical.empty()) {
    data.set("invalid", Data(true));
    data.set("kind_label", std::string(KindLabel(context, subject.kind)));
    PageMeta meta;
    meta.title = std::string(context.Pick("Không kiểm tra được", "Cannot check this"));
    meta.status = 422;
    return RenderPage(shared.templates(), context, "check", std::move(data), meta);
  }
  const VerdictWords words = WordsFor(result.verdict);
  SetVerdict(data, context, words);
  data.set("indicator", Data(true));
  data.set("kind_label", std::string(KindLabel(context, subject.kind)));
  data.set("subject", result.canonical);
  const service::Explanation explanation = service::Explain(result);
  data.set("explanation", context.vi() ? explanation.vi : explanation.en);
  Data matches = MatchList(context, result);
  data.set("has_matches", Data(!result.matches.empty()));
  data.set("matches", matches);
  const bool bad =
      result.verdict == index::Verdict::kDangerous || result.verdict == index::Verdict::kSuspicious;
  data.set("steps", NextSteps(context, bad, result.verdict == index::Verdict::kUnknown));
  data.set("report_href", "/bao-cao?kind=" + std::string(indicator::KindName(subject.kind)) +
                              "&value=" + http::UrlEncode(subject.input));
  PageMeta meta;
  meta.title =
      std::string(context.Pick(words.heading_vi, words.heading_en)) + ": " + result.canonical;
  return RenderPage(shared.templates(), context, "check", std::move(data), meta);
}

// The message with the spans the scanner's positive reasons point at, as segments the template
// wraps in <mark> (escaping every one).
Data Highlighted(std::string_view text, const scan::ScanResult& result) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const scan::Reason& r : result.reasons) {
    if (r.weight > 0 && r.end > r.begin && r.end <= text.size()) spans.emplace_back(r.begin, r.end);
  }
  for (const scan::ScannedIndicator& i : result.indicators) {
    if (i.check.verdict == index::Verdict::kDangerous && i.extracted.end <= text.size()) {
      spans.emplace_back(i.extracted.start, i.extracted.end);
    }
  }
  std::sort(spans.begin(), spans.end());
  Data segments{Data::type::list};
  size_t at = 0;
  auto add = [&segments](std::string_view part, bool mark) {
    if (part.empty()) return;
    Data s;
    s.set("text", std::string(part));
    s.set("mark", Data(mark));
    segments.push_back(s);
  };
  for (size_t i = 0; i < spans.size();) {
    size_t begin = std::max(spans[i].first, at);
    size_t end = spans[i].second;
    for (++i; i < spans.size() && spans[i].first <= end; ++i) end = std::max(end, spans[i].second);
    if (end <= begin) continue;
    add(text.substr(at, begin - at), false);
    add(text.substr(begin, end - begin), true);
    at = end;
  }
  add(text.substr(at), false);
  return segments;
}

http::Response MessageAnswer(Shared& shared, PageContext& context, const CheckSubject& subject) {
  const service::MessageScan scan = shared.services().scans.ScanText(subject.input);
  const scan::ScanResult& result = scan.result;
  Data data;
  data.set("q", subject.input);
  const VerdictWords words = WordsFor(result.verdict);
  SetVerdict(data, context, words);
  data.set("message", Data(true));
  data.set("score", std::to_string(result.score));
  std::string label = context.vi() ? result.category_label_vi : result.category_label_en;
  if (!label.empty()) data.set("family", label);
  std::string advice = context.vi() ? result.advice_vi : result.advice_en;
  if (!advice.empty()) data.set("advice", advice);
  Data reasons{Data::type::list};
  for (const scan::Reason& r : result.reasons) {
    if (r.weight <= 0) continue;
    Data item;
    item.set("text", context.vi() ? r.explanation_vi : r.explanation_en);
    // A quote of the words a rule matched; not for reasons about the whole text (the classifier).
    if (r.end > r.begin && r.end <= scan.scanned_text.size() &&
        (r.end - r.begin) * 2 < scan.scanned_text.size()) {
      item.set("quote", scan.scanned_text.substr(r.begin, r.end - r.begin));
    }
    reasons.push_back(item);
  }
  data.set("has_reasons", Data(!reasons.is_empty_list()));
  data.set("reasons", reasons);
  Data indicators{Data::type::list};
  for (const scan::ScannedIndicator& i : result.indicators) {
    Data item;
    const VerdictWords iw = WordsFor(i.check.verdict);
    item.set("raw", i.extracted.raw);
    item.set("kind_label", std::string(KindLabel(context, i.extracted.indicator.kind)));
    item.set("verdict", std::string(iw.name));
    item.set("badge", i.check.verdict == index::Verdict::kDangerous    ? "red"
                      : i.check.verdict == index::Verdict::kSuspicious ? "amber"
                      : i.check.verdict == index::Verdict::kTrusted    ? "green"
                                                                       : "");
    item.set("verdict_label", std::string(context.Pick(iw.heading_vi, iw.heading_en)));
    item.set("check_href", "/kiem-tra?q=" + http::UrlEncode(i.extracted.raw));
    indicators.push_back(item);
  }
  data.set("has_indicators", Data(!result.indicators.empty()));
  data.set("indicators", indicators);
  data.set("segments", Highlighted(scan.scanned_text, result));
  if (result.truncated) data.set("truncated", Data(true));
  const bool bad = result.verdict != scan::Verdict::kClean;
  data.set("steps", NextSteps(context, result.verdict == scan::Verdict::kScam,
                              result.verdict != scan::Verdict::kScam));
  std::string report_href = "/bao-cao";
  if (!result.indicators.empty()) {
    const indicator::Extracted& first = result.indicators.front().extracted;
    report_href += "?kind=" + std::string(indicator::KindName(first.indicator.kind)) +
                   "&value=" + http::UrlEncode(first.raw);
  }
  data.set("report_href", report_href);
  data.set("bad", Data(bad));
  PageMeta meta;
  meta.title = std::string(context.Pick(words.heading_vi, words.heading_en));
  return RenderPage(shared.templates(), context, "check", std::move(data), meta);
}

http::Response Check(Shared& shared, const http::Request& request, std::string_view q,
                     std::string_view kind, std::string_view bank) {
  PageContext context = shared.Context(request);
  if (base::TrimAscii(q).empty()) return http::Response::Redirect(303, "/");
  if (auto refused = shared.RateLimit(shared.check_limiter(), request, context)) {
    return *std::move(refused);
  }
  const CheckSubject subject = ClassifySubject(q, kind, bank);
  if (subject.message) return MessageAnswer(shared, context, subject);
  return IndicatorAnswer(shared, context, subject);
}

}  // namespace

void RegisterPublicPages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/", [&shared](http::Request& r) { return Home(shared, r); });
  router.Add(http::Method::kGet, "/kiem-tra", [&shared](http::Request& r) {
    return Check(shared, r, r.Query("q").value_or(""), r.Query("kind").value_or(""),
                 r.Query("bank").value_or(""));
  });
  // Long messages come as a form post (site.js switches the home form to POST when the text
  // would not fit in a URL). Not state-changing: no CSRF token needed.
  router.Add(http::Method::kPost, "/kiem-tra", [&shared](http::Request& r) {
    FormData form = ReadForm(r);
    return Check(shared, r, form.Field("q"), form.Field("kind"), form.Field("bank"));
  });
}

}  // namespace binhyen::web::internal
