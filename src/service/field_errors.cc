#include "service/field_errors.h"

#include "base/strings.h"

namespace binhyen::service {

std::string PrintableForError(std::string_view text, size_t max_bytes) {
  const bool cut = text.size() > max_bytes;
  if (cut) {
    size_t end = max_bytes;
    // Back to the start of a UTF-8 sequence, so that a letter is never split.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
  }
  std::string out;
  out.reserve(text.size() + 3);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  if (cut) out += "...";
  return out;
}

void FieldErrors::Add(std::string_view field, std::string_view what) {
  lines_.push_back(PrintableForError(field, kMaxFieldBytes) + ": " +
                   PrintableForError(what, kMaxWhatBytes));
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
