// A review as a file to hand in: /quan-tri/so-ket/{id}/tai.xlsx and /tai.pdf (GET, a download
// named by render::ReviewFileName). The figures are computed from the data at each download, so
// the file always matches the data. A PDF needs the DejaVu fonts on the server: without them the
// page says so (503) and the Excel file still works. Programme admins only.

#include <filesystem>
#include <string>
#include <utility>

#include "render/review_document.h"
#include "web/internal/plan_reviews.h"

namespace binhyen::web::internal {
namespace {

http::Response RenderFailed(Shared& shared, const PageContext& context, render::ReviewFormat format,
                            const base::Status& status) {
  if (status.code() == base::StatusCode::kFailedPrecondition &&
      format == render::ReviewFormat::kPdf) {
    return shared.ErrorPage(
        context, 503, "Chưa tạo được tệp PDF", "The PDF cannot be made yet",
        "Máy chủ thiếu phông chữ tiếng Việt để tạo tệp PDF (gói fonts-dejavu-core). Hãy báo "
        "quản trị hệ thống; trong lúc chờ, bạn vẫn tải được bản Excel.",
        "The server lacks the fonts the PDF needs (package fonts-dejavu-core). Tell the system "
        "administrator; meanwhile the Excel file can still be downloaded.");
  }
  if (status.code() == base::StatusCode::kNotFound ||
      status.code() == base::StatusCode::kPermissionDenied) {
    return PlanErrorPage(shared, context, status);
  }
  return shared.ErrorPage(context, 503, "Chưa tạo được tệp báo cáo", "The file cannot be made",
                          "Đã có lỗi khi tạo tệp. Vui lòng thử lại sau ít phút.",
                          "Something went wrong while making the file. Please try again in a "
                          "few minutes.");
}

http::Response Download(Shared& shared, const http::Request& request, render::ReviewFormat format) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kReviewPermission)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("review"));
  service::Reviews reviews = MakeReviews(shared);
  auto review = reviews.Export(*context.user, *id);
  if (!review.ok()) return RenderFailed(shared, context, format, review.status());
  std::error_code ec;
  const std::filesystem::path temp = std::filesystem::temp_directory_path(ec);
  auto file = render::RenderReview(*review, format, ec ? std::filesystem::path("/tmp") : temp);
  if (!file.ok()) return RenderFailed(shared, context, format, file.status());
  http::Response r =
      http::Response::WithType(200, std::string(render::MediaType(format)), *std::move(file));
  r.headers.Set("Content-Disposition",
                "attachment; filename=\"" + render::ReviewFileName(review->review, format) + "\"");
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

void RegisterPlanReviewFiles(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/so-ket/{id}/tai.xlsx", [&shared](http::Request& r) {
    return Download(shared, r, render::ReviewFormat::kXlsx);
  });
  router.Add(http::Method::kGet, "/quan-tri/so-ket/{id}/tai.pdf", [&shared](http::Request& r) {
    return Download(shared, r, render::ReviewFormat::kPdf);
  });
}

}  // namespace binhyen::web::internal
