#include "service/field_errors.h"

#include "base/strings.h"

namespace binhyen::service {

void FieldErrors::Add(std::string_view field, std::string_view what) {
  lines_.push_back(std::string(field) + ": " + std::string(what));
}

base::Status FieldErrors::Merge(const base::Status& status) {
  if (status.ok()) return status;
  if (status.code() != base::StatusCode::kInvalidArgument) return status;
  for (std::string_view line : base::Split(status.message(), '\n')) {
    if (!line.empty()) lines_.emplace_back(line);
  }
  return base::Status::Ok();
}

base::Status FieldErrors::ToStatus() const {
  if (lines_.empty()) return base::Status::Ok();
  std::string message;
  for (const std::string& line : lines_) {
    if (!message.empty()) message += '\n';
    message += line;
  }
  return base::InvalidArgumentError(std::move(message));
}

}  // namespace binhyen::service
