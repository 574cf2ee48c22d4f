#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "render/report_document.h"
#include "service/reviews.h"

namespace binhyen::render {

// The periodic review as a document: the administrative heading and signature from the review's
// particulars, a summary written from the figures, and one section per area of the plan
// (reports, warnings and clarifications, guidance campaigns, trainings, community channels,
// tasks, self-assessments, budget, reward proposals), each with its tables and charts. Every
// number comes from `review.figures`; nothing is typed. The text is Vietnamese (the language of
// documents handed to the People's Committee).
// Thread safety: a pure function; thread-safe.
ReportDocument BuildReviewDocument(const service::ReviewExport& review);

enum class ReviewFormat { kXlsx, kPdf };
// "xlsx" / "pdf"; nullopt otherwise.
std::optional<ReviewFormat> ParseReviewFormat(std::string_view name);
// The media type of the file.
std::string_view MediaType(ReviewFormat format);

// The review rendered as a file: XLSX (temporary files in `temp_dir`) or PDF (DejaVu fonts,
// FailedPrecondition naming the package when they are missing). The errors of RenderXlsx /
// RenderPdf.
base::Result<std::string> RenderReview(const service::ReviewExport& review, ReviewFormat format,
                                       const std::filesystem::path& temp_dir);

// A file name for the download: "bao-cao-so-ket-2026-01-01-den-2026-06-30.pdf" ("tong-ket" for
// an annual review, "bao-cao" otherwise).
std::string ReviewFileName(const domain::Review& review, ReviewFormat format);

}  // namespace binhyen::render
