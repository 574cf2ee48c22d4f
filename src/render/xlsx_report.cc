#include "render/xlsx_report.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "render/internal/report_text.h"
#include "render/internal/xlsx_sheet.h"

namespace binhyen::render {
namespace {

using internal::XlsxFormats;
using internal::XlsxSheet;

// Removes the temporary file when the render ends, however it ends.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

base::Result<std::unique_ptr<TempFile>> MakeTempFile(const std::filesystem::path& dir) {
  std::string pattern = (dir / "binhyen-report-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) {
    return base::UnavailableError("xlsx: cannot create a temporary file in " + dir.string() + ": " +
                                  base::ErrnoMessage(errno));
  }
  ::close(fd);
  return std::make_unique<TempFile>(pattern);
}

base::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return base::UnavailableError("xlsx: cannot read back " + path);
  return bytes.str();
}

// Closes (and frees) a workbook that a failed render leaves open; its partial file is removed
// with the TempFile.
struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

// The document properties; the strings live until the workbook is closed.
struct Properties {
  std::string title, subject, author, company;
  lxw_doc_properties lxw = {};
};

void SetProperties(const ReportDocument& document, Properties* p) {
  const AdminHeading& h = document.heading;
  p->title = internal::CleanText(h.kind + " " + h.title, true);
  p->subject = internal::CleanText(h.period, true);
  p->author = internal::CleanText(h.issuing_body, true);
  p->company = internal::CleanText(h.superior_body, true);
  p->lxw.title = p->title.data();
  p->lxw.subject = p->subject.data();
  p->lxw.author = p->author.data();
  p->lxw.company = p->company.data();
}

base::Status WriteWorkbook(lxw_workbook* workbook, const ReportDocument& document) {
  const XlsxFormats formats = internal::MakeXlsxFormats(workbook);
  const std::vector<std::string> names = internal::SheetNames(document);
  BINHYEN_ASSIGN_OR_RETURN(XlsxSheet summary, XlsxSheet::Add(workbook, names[0], &formats));
  BINHYEN_RETURN_IF_ERROR(summary.WriteSummary(document));
  for (size_t s = 0; s < document.sections.size(); ++s) {
    BINHYEN_ASSIGN_OR_RETURN(XlsxSheet sheet, XlsxSheet::Add(workbook, names[s + 1], &formats));
    BINHYEN_RETURN_IF_ERROR(sheet.WriteSection(document.sections[s])
                                .WithContext("sections[" + std::to_string(s) + "]"));
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::string> RenderXlsx(const ReportDocument& document,
                                     const std::filesystem::path& temp_dir) {
  BINHYEN_RETURN_IF_ERROR(Validate(document));
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<TempFile> file, MakeTempFile(temp_dir));
  std::string tmpdir = temp_dir.string();
  lxw_workbook_options options = {};
  options.tmpdir = tmpdir.data();
  WorkbookPtr workbook(workbook_new_opt(file->path().c_str(), &options));
  if (!workbook) return base::InternalError("xlsx: libxlsxwriter could not create a workbook");
  Properties properties;
  SetProperties(document, &properties);
  if (workbook_set_properties(workbook.get(), &properties.lxw) != LXW_NO_ERROR) {
    return base::InternalError("xlsx: cannot set the document properties");
  }
  BINHYEN_RETURN_IF_ERROR(WriteWorkbook(workbook.get(), document).WithContext("xlsx"));
  const lxw_error closed = workbook_close(workbook.release());
  if (closed != LXW_NO_ERROR) {
    return base::InternalError(std::string("xlsx: writing the workbook failed: ") +
                               lxw_strerror(closed));
  }
  return ReadFile(file->path());
}

}  // namespace binhyen::render
