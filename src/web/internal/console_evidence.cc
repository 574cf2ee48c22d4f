#include "web/internal/console_evidence.h"

#include <string>
#include <utility>

#include "evidence/sniff.h"
#include "service/message_scans.h"
#include "service/permissions.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

std::string FormatSize(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + "." +
         std::to_string((bytes % (1024 * 1024)) * 10 / (1024 * 1024)) + " MB";
}

Data QrItems(const PageContext& context, const std::vector<service::QrFinding>& qr) {
  Data list{Data::type::list};
  for (const service::QrFinding& f : qr) {
    Data item;
    item.set("payload", f.payload);
    if (f.vietqr) {
      const evidence::VietQr& v = *f.vietqr;
      item.set("vietqr", Data(true));
      item.set("bank",
               v.bank ? v.bank->short_name : std::string(context.Pick("BIN ", "BIN ")) + v.bin);
      item.set("account", v.account);
      item.set("amount", TextOrFalse(v.amount.value_or("")));
      item.set("note", TextOrFalse(v.note));
      item.set("merchant", TextOrFalse(v.merchant_name));
    }
    list.push_back(item);
  }
  return list;
}

// Reads the text and QR codes of image `ref` into `item`.
void AddOcr(Shared& shared, const PageContext& context, const domain::EvidenceRef& ref,
            Data& item) {
  item.set("ocr_done", Data(true));
  evidence::EvidenceStore* store = shared.services().evidence;
  base::Result<std::string> bytes =
      store ? store->Read(ref.sha256)
            : base::Result<std::string>(base::UnavailableError("no evidence store"));
  base::Result<service::MessageScan> scan =
      bytes.ok() ? shared.services().scans.ScanImage(*bytes)
                 : base::Result<service::MessageScan>(bytes.status());
  if (!scan.ok()) {
    const bool not_installed = scan.status().code() == base::StatusCode::kFailedPrecondition;
    item.set(
        "ocr_error",
        not_installed
            ? std::string(context.Pick("Chưa cài đặt chức năng đọc chữ (OCR) trên máy chủ.",
                                       "OCR is not installed on the server."))
            : std::string(context.Pick("Không đọc được ảnh: ", "The image could not be read: ")) +
                  scan.status().message());
    return;
  }
  item.set("ocr_text", scan->ocr_text);
  item.set("ocr_empty", Data(scan->ocr_text.empty()));
  item.set("ocr_timed_out", Data(scan->ocr_timed_out));
  Data qr = QrItems(context, scan->qr);
  item.set("has_qr", Data(!qr.is_empty_list()));
  item.set("qr", qr);
}

http::Response NoSuchFile(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không có tệp này", "No such file",
                          "Báo cáo không có tệp bằng chứng này.",
                          "The report has no such evidence file.");
}

http::Response ServeEvidence(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsRead)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  evidence::EvidenceStore* store = shared.services().evidence;
  if (!id || store == nullptr) return NoSuchFile(shared, context);
  base::Result<service::ReportDetail> detail = shared.services().triage.Get(*id);
  if (!detail.ok()) return NoSuchFile(shared, context);
  const std::string_view sha = request.PathParam("sha256");
  for (const domain::EvidenceRef& ref : detail->report.evidence) {
    if (ref.sha256 != sha) continue;
    base::Result<std::string> data = store->Read(ref.sha256);
    if (!data.ok()) return NoSuchFile(shared, context);
    // The type is sniffed from the bytes again: what the browser is told is what the file is.
    std::optional<evidence::MediaType> type = evidence::Sniff(*data);
    const std::string media = type ? std::string(type->name) : "application/octet-stream";
    http::Response r = http::Response::WithType(200, media, *std::move(data));
    r.headers.Set("Content-Disposition",
                  "inline; filename=\"" + ref.sha256 + "." +
                      std::string(type ? type->extension : std::string_view("bin")) + "\"");
    r.headers.Set("Content-Security-Policy", "sandbox; default-src 'none'");
    r.headers.Set("X-Content-Type-Options", "nosniff");
    r.headers.Set("Cache-Control", "private, no-store");
    return r;
  }
  return NoSuchFile(shared, context);
}

}  // namespace

Data EvidenceItems(Shared& shared, const PageContext& context, const domain::Report& report,
                   std::string_view ocr_sha256) {
  Data list{Data::type::list};
  const std::string base = "/quan-tri/bao-cao/" + std::to_string(report.id);
  for (const domain::EvidenceRef& ref : report.evidence) {
    Data item;
    const bool image = ref.media_type.starts_with("image/");
    item.set("sha256", ref.sha256);
    item.set("short_sha", ref.sha256.substr(0, 12));
    item.set("filename", ref.filename.empty() ? ref.sha256.substr(0, 12) : ref.filename);
    item.set("media_type", ref.media_type);
    item.set("size", FormatSize(ref.size));
    item.set("href", base + "/bang-chung/" + ref.sha256);
    item.set("is_image", Data(image));
    item.set("ocr_href", base + "?ocr=" + ref.sha256 + "#ev-" + ref.sha256);
    if (image && ref.sha256 == ocr_sha256) AddOcr(shared, context, ref, item);
    list.push_back(item);
  }
  return list;
}

void RegisterConsoleEvidence(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/bao-cao/{id}/bang-chung/{sha256}",
             [&shared](http::Request& r) { return ServeEvidence(shared, r); });
}

}  // namespace binhyen::web::internal
