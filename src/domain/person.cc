#include "domain/person.h"

#include <string>

namespace binhyen::domain {

base::Status Validate(const Person& person) {
  if (person.unit_code.empty()) return base::InvalidArgumentError("unit_code: must not be empty");
  if (person.name.empty()) return base::InvalidArgumentError("name: must not be empty");
  if (person.name.size() > kMaxPersonNameBytes) {
    return base::InvalidArgumentError("name: must be at most 200 bytes");
  }
  if (person.position.size() > kMaxPersonPositionBytes) {
    return base::InvalidArgumentError("position: must be at most 200 bytes");
  }
  return base::Status::Ok();
}

base::Status CheckActive(const Person& person) {
  if (!person.left_at) return base::Status::Ok();
  return base::FailedPreconditionError(std::string(kPersonLeftMessage));
}

bool IsPersonLeft(const base::Status& status) {
  return status.code() == base::StatusCode::kFailedPrecondition &&
         status.message() == kPersonLeftMessage;
}

}  // namespace binhyen::domain
