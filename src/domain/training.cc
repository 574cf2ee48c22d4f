#include "domain/training.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::NameIn;
using internal::ParseIn;

constexpr std::array<std::pair<TrainingStatus, std::string_view>, 3> kStatuses = {{
    {TrainingStatus::kScheduled, "scheduled"},
    {TrainingStatus::kHeld, "held"},
    {TrainingStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<CheckinVia, std::string_view>, 3> kVias = {{
    {CheckinVia::kLink, "link"},
    {CheckinVia::kWalkIn, "walk_in"},
    {CheckinVia::kManual, "manual"},
}};

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

base::Status CheckText(std::string_view field, const std::string& value, size_t max) {
  if (value.empty()) return Bad(field, "must not be empty");
  if (value.size() > max) return Bad(field, "must be at most " + std::to_string(max) + " bytes");
  return base::Status::Ok();
}

template <typename T>
bool SortedUnique(const std::vector<T>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](const T& a, const T& b) { return !(a < b); }) ==
         v.end();
}

}  // namespace

std::string_view Name(TrainingStatus v) { return NameIn(kStatuses, v); }
std::optional<TrainingStatus> ParseTrainingStatus(std::string_view name) {
  return ParseIn(kStatuses, name);
}
std::string_view Name(CheckinVia v) { return NameIn(kVias, v); }
std::optional<CheckinVia> ParseCheckinVia(std::string_view name) { return ParseIn(kVias, name); }

base::Status ValidateMaterial(const TrainingMaterial& m) {
  if (m.title.empty()) return Bad("materials", "title must not be empty");
  if (m.title.size() > kMaxTrainingTitleBytes) {
    return Bad("materials", "title must be at most 300 bytes");
  }
  const std::string_view url = m.url;
  const bool http = url.starts_with("http://") || url.starts_with("https://");
  const size_t scheme = url.starts_with("https://") ? 8 : 7;
  if (!http || url.size() <= scheme) {
    return Bad("materials", "link must start with http:// or https://");
  }
  if (url.size() > kMaxMaterialUrlBytes) return Bad("materials", "link must be at most 2000 bytes");
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
      return Bad("materials", "link must not contain spaces or control characters");
    }
  }
  return base::Status::Ok();
}

base::Status Validate(const Training& t) {
  BINHYEN_RETURN_IF_ERROR(CheckText("title", t.title, kMaxTrainingTitleBytes));
  if (t.description.size() > kMaxTrainingDescriptionBytes) {
    return Bad("description", "must be at most 100000 bytes");
  }
  BINHYEN_RETURN_IF_ERROR(CheckText("place", t.place, kMaxTrainingPlaceBytes));
  BINHYEN_RETURN_IF_ERROR(CheckText("trainer", t.trainer, kMaxTrainingTrainerBytes));
  if (t.ends_at <= t.starts_at) return Bad("ends_at", "must be after starts_at");
  if (t.materials.size() > kMaxTrainingMaterials) return Bad("materials", "at most 50");
  for (const TrainingMaterial& m : t.materials) BINHYEN_RETURN_IF_ERROR(ValidateMaterial(m));
  if (!SortedUnique(t.invited_units)) return Bad("invited_units", "must be sorted and unique");
  if (!SortedUnique(t.invited_people)) return Bad("invited_people", "must be sorted and unique");
  for (int64_t id : t.invited_people) {
    if (id <= 0) return Bad("invited_people", "must be positive ids");
  }
  return base::Status::Ok();
}

base::Status Validate(const Attendance& a) {
  if (a.unit_code.empty()) return Bad("unit_code", "must not be empty");
  BINHYEN_RETURN_IF_ERROR(CheckText("name", a.name, kMaxAttendeeNameBytes));
  if (a.person_id && *a.person_id <= 0) return Bad("person_id", "must be positive");
  return base::Status::Ok();
}

}  // namespace binhyen::domain
