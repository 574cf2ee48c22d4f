// Reporting a scam: the form (/bao-cao), its submission, and the receipt page that the reporter
// follows by code (/bao-cao/{receipt}).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "domain/enums.h"
#include "render/qr_svg.h"
#include "service/check_explanation.h"
#include "service/report_intake.h"
#include "web/internal/check_subject.h"
#include "web/internal/field_messages.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

// The form's fields, as typed (re-shown when something is wrong).
struct ReportForm {
  std::string category;
  std::string description;
  std::string url;
  std::string phone;
  std::string account;
  std::string bank;
  std::string ward;
  std::string loss;
  bool anonymous = false;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
  bool consent = false;
};

ReportForm FromFields(const FormData& form) {
  ReportForm f;
  f.category = form.Field("category");
  f.description = form.Field("description");
  f.url = base::TrimAscii(form.Field("url"));
  f.phone = base::TrimAscii(form.Field("phone"));
  f.account = base::TrimAscii(form.Field("account"));
  f.bank = base::TrimAscii(form.Field("bank"));
  f.ward = form.Field("ward");
  f.loss = base::TrimAscii(form.Field("loss"));
  f.anonymous = form.Checked("anonymous");
  f.contact_name = base::TrimAscii(form.Field("contact_name"));
  f.contact_phone = base::TrimAscii(form.Field("contact_phone"));
  f.contact_email = base::TrimAscii(form.Field("contact_email"));
  f.consent = form.Checked("consent");
  return f;
}

// Prefill from a check page's "Report" link: /bao-cao?kind=url&value=...
ReportForm FromQuery(const http::Request& request) {
  ReportForm f;
  const std::string value(base::TrimAscii(request.Query("value").value_or("")));
  const std::string_view kind = request.Query("kind").value_or("");
  if (kind == "url" || kind == "domain") {
    f.url = value;
  } else if (kind == "phone") {
    f.phone = value;
  } else if (kind == "bank_account") {
    f.account = value;
  } else if (!value.empty()) {
    f.description = value;
  }
  if (std::optional<std::string_view> c = request.Query("category")) f.category = *c;
  return f;
}

Data CategoryOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::Category c : domain::AllCategories()) {
    const std::string_view name = domain::Name(c);
    Data item;
    item.set("value", std::string(name));
    std::string label(context.vi() ? service::CategoryLabelVi(name)
                                   : service::CategoryLabelEn(name));
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
      label[0] = static_cast<char>(label[0] - 'a' + 'A');
    item.set("label", label);
    item.set("selected", Data(name == selected));
    list.push_back(item);
  }
  return list;
}

// Wards and communes for the "where" select; empty when the store cannot be read.
Data WardOptions(Shared& shared, std::string_view selected) {
  Data list{Data::type::list};
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return list;
  auto units = (*tx)->Units().List();
  if (!units.ok()) return list;
  for (const domain::Unit& u : *units) {
    if (u.kind != domain::UnitKind::kWard && u.kind != domain::UnitKind::kCommune) continue;
    Data item;
    item.set("value", u.code);
    item.set("label", u.name);
    item.set("selected", Data(u.code == selected));
    list.push_back(item);
  }
  return list;
}

http::Response FormPage(Shared& shared, const http::Request& request, PageContext& context,
                        const ReportForm& f, const std::vector<FieldMessage>& errors, int status,
                        bool files_dropped) {
  shared.IssueFormToken(request, context);
  Data data;
  data.set("categories", CategoryOptions(context, f.category));
  data.set("wards", WardOptions(shared, f.ward));
  data.set("description", f.description);
  data.set("url", f.url);
  data.set("phone", f.phone);
  data.set("account", f.account);
  data.set("bank", f.bank);
  data.set("loss", f.loss);
  data.set("anonymous", Data(f.anonymous));
  data.set("contact_name", f.contact_name);
  data.set("contact_phone", f.contact_phone);
  data.set("contact_email", f.contact_email);
  data.set("consent", Data(f.consent));
  data.set("evidence_enabled", Data(shared.services().evidence != nullptr));
  data.set("files_dropped", Data(files_dropped));
  AddFieldErrors(data, errors);
  PageMeta meta;
  meta.title = std::string(context.Pick("Báo cáo lừa đảo", "Report a scam"));
  meta.description = std::string(
      context.Pick("Gửi báo cáo lừa đảo cho công an, có thể ẩn danh, kèm ảnh chụp màn hình.",
                   "Send a scam report to the police, anonymously if you wish, with screenshots."));
  meta.status = status;
  return RenderPage(shared.templates(), context, "report_form", std::move(data), meta);
}

service::ReportSubmission ToSubmission(const ReportForm& f, const FormData& form,
                                       std::vector<FieldMessage>& errors) {
  service::ReportSubmission s;
  s.channel = domain::Channel::kWeb;
  s.category = f.category;
  s.description = f.description;
  s.ward = f.ward;
  if (!f.loss.empty()) {
    std::string digits;
    for (char c : f.loss) {
      if (c >= '0' && c <= '9') {
        digits += c;
      } else if (c != '.' && c != ',' && c != ' ') {
        digits.clear();
        errors.push_back({"loss", "Số tiền chỉ gồm chữ số, ví dụ 5.000.000",
                          "The amount must be digits only, e.g. 5000000"});
        break;
      }
    }
    if (!digits.empty()) {
      s.loss_vnd = digits.size() > 14 ? service::kMaxLossVnd + 1 : std::stoll(digits);
    }
  }
  if (!f.url.empty()) s.indicators.push_back({"url", f.url});
  if (!f.phone.empty()) s.indicators.push_back({"phone", f.phone});
  if (!f.account.empty()) {
    s.indicators.push_back({"bank_account", f.bank.empty() ? f.account : f.account + " " + f.bank});
  }
  if (f.anonymous) {
    s.anonymous = true;
  } else if (!f.contact_name.empty() || !f.contact_phone.empty() || !f.contact_email.empty()) {
    s.contact = service::ContactDetails{f.contact_name, f.contact_phone, f.contact_email};
  }
  for (const http::MultipartPart& part : form.files) {
    if (part.name == "evidence") s.evidence.push_back({part.filename.value_or(""), part.data});
  }
  if (!f.consent) {
    errors.push_back({"consent", "Hãy đánh dấu ô đồng ý để gửi báo cáo.",
                      "Tick the consent box to send the report."});
  }
  return s;
}

http::Response Submit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  FormData form = ReadForm(request);
  const ReportForm f = FromFields(form);
  const bool had_files = !form.files.empty();
  if (form.malformed) {
    return shared.ErrorPage(context, 400, "Không đọc được biểu mẫu", "The form could not be read",
                            "Vui lòng tải lại trang và gửi lại.", "Reload the page and try again.");
  }
  if (!shared.FormTokenValid(request, form)) {
    return FormPage(shared, request, context, f,
                    {{"form", "Biểu mẫu đã hết hạn. Vui lòng kiểm tra lại và bấm Gửi báo cáo.",
                      "The form expired. Check it and press Send report again."}},
                    403, had_files);
  }
  if (auto refused = shared.RateLimit(shared.report_limiter(), request, context)) {
    return *std::move(refused);
  }
  std::vector<FieldMessage> errors;
  service::ReportSubmission submission = ToSubmission(f, form, errors);
  if (!errors.empty()) return FormPage(shared, request, context, f, errors, 422, had_files);
  const WebServices& s = shared.services();
  service::ReportIntake intake(s.store, s.contact_box, s.clock, s.random, s.evidence,
                               shared.options().intake);
  base::Result<service::Receipt> receipt = intake.Submit(submission, "web");
  if (!receipt.ok()) {
    const base::Status& st = receipt.status();
    if (st.code() == base::StatusCode::kInvalidArgument ||
        st.code() == base::StatusCode::kPayloadTooLarge ||
        st.code() == base::StatusCode::kFailedPrecondition) {
      return FormPage(shared, request, context, f, ReportFieldMessages(st), 422, had_files);
    }
    return shared.ErrorPage(context, 503, "Chưa gửi được báo cáo", "The report was not sent",
                            "Hệ thống đang bận. Báo cáo của bạn CHƯA được lưu: vui lòng thử "
                            "lại sau ít phút.",
                            "The system is busy. Your report was NOT saved: please try again in "
                            "a few minutes.");
  }
  return http::Response::Redirect(303, "/bao-cao/" + receipt->receipt_code + "?moi=1");
}

struct StatusWords {
  std::string_view vi;
  std::string_view en;
  std::string_view explain_vi;
  std::string_view explain_en;
};

StatusWords WordsFor(domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived:
      return {"Đã tiếp nhận", "Received", "Báo cáo đã được lưu và đang chờ cán bộ xem xét.",
              "Your report is saved and waiting for an officer."};
    case domain::ReportStatus::kTriaging:
      return {"Đang xác minh", "Being checked", "Cán bộ đang xác minh các thông tin trong báo cáo.",
              "An officer is checking the details of your report."};
    case domain::ReportStatus::kConfirmed:
      return {"Đã xác nhận là lừa đảo", "Confirmed as a scam",
              "Các đường link, số điện thoại, tài khoản trong báo cáo đã được đưa vào danh sách "
              "cảnh báo. Cảm ơn bạn đã giúp bảo vệ mọi người.",
              "The links, numbers and accounts of your report are now on the warning list. "
              "Thank you for protecting others."};
    case domain::ReportStatus::kRejected:
      return {"Không đủ căn cứ xác nhận", "Not confirmed",
              "Chưa đủ căn cứ để xác nhận là lừa đảo. Nếu có thêm bằng chứng, hãy gửi báo cáo "
              "mới.",
              "There was not enough to confirm a scam. If you have more evidence, send a new "
              "report."};
    case domain::ReportStatus::kDuplicate:
      return {"Trùng với báo cáo khác", "Same as another report",
              "Sự việc này đã được người khác báo cáo; hai báo cáo được xử lý cùng nhau.",
              "Someone else reported the same thing; the two are handled together."};
  }
  return {"", "", "", ""};
}

http::Response Receipt(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refused = shared.RateLimit(shared.check_limiter(), request, context)) {
    return *std::move(refused);
  }
  const WebServices& s = shared.services();
  service::ReportIntake intake(s.store, s.contact_box, s.clock, s.random);
  base::Result<service::ReportView> view = intake.Get(request.PathParam("receipt"));
  if (!view.ok()) {
    if (view.status().code() == base::StatusCode::kNotFound ||
        view.status().code() == base::StatusCode::kInvalidArgument) {
      return shared.ErrorPage(
          context, 404, "Không tìm thấy mã này", "No report with this code",
          "Hãy kiểm tra lại mã tiếp nhận (dạng BY-XXXX-XXXX). Mã không phân biệt chữ hoa, "
          "chữ thường.",
          "Check the receipt code (like BY-XXXX-XXXX). Upper or lower case does not matter.");
    }
    return shared.ErrorPage(context, 503, "Tạm thời chưa tra cứu được", "Try again later",
                            "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                            "The system is busy; please try again in a few minutes.");
  }
  if (request.PathParam("receipt") != view->receipt_code) {
    return http::Response::Redirect(302, "/bao-cao/" + view->receipt_code);
  }
  Data data;
  const StatusWords words = WordsFor(view->status);
  data.set("code", view->receipt_code);
  data.set("status", std::string(domain::Name(view->status)));
  data.set("status_label", std::string(context.Pick(words.vi, words.en)));
  data.set("status_explain", std::string(context.Pick(words.explain_vi, words.explain_en)));
  data.set("new", Data(request.Query("moi").has_value()));
  const std::string_view category = domain::Name(view->category);
  data.set("category", std::string(context.vi() ? service::CategoryLabelVi(category)
                                                : service::CategoryLabelEn(category)));
  data.set("created", FormatVietnamDate(view->created_at, true));
  data.set("updated", FormatVietnamDate(view->updated_at, true));
  if (!view->public_note.empty()) data.set("note", view->public_note);
  Data indicators{Data::type::list};
  for (const domain::ReportIndicator& i : view->indicators) {
    Data item;
    item.set("kind", std::string(KindLabel(context, i.kind)));
    item.set("value", i.raw.empty() ? i.canonical : i.raw);
    indicators.push_back(item);
  }
  data.set("has_indicators", Data(!view->indicators.empty()));
  data.set("indicators", indicators);
  const std::string url = shared.PublicUrl(request) + "/bao-cao/" + view->receipt_code;
  data.set("url", url);
  if (base::Result<std::string> qr = render::QrSvg(url, view->receipt_code); qr.ok()) {
    data.set("qr", *qr);
  }
  PageMeta meta;
  meta.title = std::string(context.Pick("Báo cáo ", "Report ")) + view->receipt_code;
  http::Response r = RenderPage(shared.templates(), context, "receipt", std::move(data), meta);
  // The code is the key to this page: never cache it on shared machines or proxies.
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

// The lookup form on /bao-cao: ?ma=BY-XXXX-XXXX.
http::Response Lookup(const http::Request& request) {
  std::string code(base::TrimAscii(request.Query("ma").value_or("")));
  if (code.empty()) return http::Response::Redirect(303, "/bao-cao#tra-cuu");
  return http::Response::Redirect(303, "/bao-cao/" + http::UrlEncode(code));
}

}  // namespace

void RegisterReportPages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/bao-cao", [&shared](http::Request& r) {
    PageContext context = shared.Context(r);
    return FormPage(shared, r, context, FromQuery(r), {}, 200, false);
  });
  http::RouteOptions upload;
  upload.max_multipart_body_bytes = size_t{25} << 20;
  router.Add(
      http::Method::kPost, "/bao-cao", [&shared](http::Request& r) { return Submit(shared, r); },
      upload);
  router.Add(http::Method::kGet, "/bao-cao/tra-cuu", [](http::Request& r) { return Lookup(r); });
  router.Add(http::Method::kGet, "/bao-cao/{receipt}",
             [&shared](http::Request& r) { return Receipt(shared, r); });
}

}  // namespace binhyen::web::internal
