#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// Where a training session is: scheduled (upcoming or running), held (done, attendance kept),
// cancelled (nobody can check in).
enum class TrainingStatus { kScheduled, kHeld, kCancelled };
std::string_view Name(TrainingStatus v);  // "scheduled" "held" "cancelled"
std::optional<TrainingStatus> ParseTrainingStatus(std::string_view name);

// How an attendance was recorded: the person's own signed link (QR), the session QR at the
// venue (a walk-in who typed their name), or by the trainer / programme admin in the console.
enum class CheckinVia { kLink, kWalkIn, kManual };
std::string_view Name(CheckinVia v);  // "link" "walk_in" "manual"
std::optional<CheckinVia> ParseCheckinVia(std::string_view name);

// A document or slide deck handed out at a session.
struct TrainingMaterial {
  std::string title;  // 1..300 bytes
  std::string url;    // http:// or https:// only; 1..2000 bytes, no spaces or control characters
  friend bool operator==(const TrainingMaterial&, const TrainingMaterial&) = default;
};

// A training session ("buổi tập huấn") for the people of chosen units (child units included)
// and chosen people.
struct Training {
  int64_t id = 0;           // assigned by the store
  std::string title;        // 1..300 bytes
  std::string description;  // Markdown; 0..100000 bytes
  base::TimePoint starts_at{};
  base::TimePoint ends_at{};                // after starts_at
  std::string place;                        // 1..300 bytes
  std::string trainer;                      // 1..300 bytes
  std::vector<TrainingMaterial> materials;  // at most 50, in the order given
  std::vector<std::string> invited_units;   // unit codes, sorted, unique
  std::vector<int64_t> invited_people;      // person ids, sorted, unique
  TrainingStatus status = TrainingStatus::kScheduled;
  int64_t created_by = 0;  // users.id
  base::TimePoint created_at{};
  friend bool operator==(const Training&, const Training&) = default;
};

// That someone attended a session. A person checks in at most once per session (the first
// time is kept); a walk-in whose typed name matched nobody of their unit has no person_id.
struct Attendance {
  int64_t id = 0;  // assigned by the store
  int64_t training_id = 0;
  std::optional<int64_t> person_id;  // nullopt for an unmatched walk-in
  std::string unit_code;             // the person's unit, or the unit the walk-in chose
  std::string name;                  // the person's name, or as the walk-in typed it; 1..200 bytes
  base::TimePoint checked_in_at{};
  CheckinVia via = CheckinVia::kLink;
  friend bool operator==(const Attendance&, const Attendance&) = default;
};

inline constexpr size_t kMaxTrainingTitleBytes = 300;
inline constexpr size_t kMaxTrainingDescriptionBytes = 100000;
inline constexpr size_t kMaxTrainingPlaceBytes = 300;
inline constexpr size_t kMaxTrainingTrainerBytes = 300;
inline constexpr size_t kMaxTrainingMaterials = 50;
inline constexpr size_t kMaxMaterialUrlBytes = 2000;
inline constexpr size_t kMaxAttendeeNameBytes = 200;

// InvalidArgument naming the field: "title: must not be empty", "title: must be at most 300
// bytes", "description: ...", "place: ...", "trainer: ...", "ends_at: must be after starts_at",
// "materials: at most 50", "materials: title must not be empty", "materials: link must start
// with http:// or https://", "invited_units: must be sorted and unique", "invited_people: ...".
base::Status Validate(const Training& training);

// "materials: ..." as above, for one material.
base::Status ValidateMaterial(const TrainingMaterial& material);

// InvalidArgument: "unit_code: must not be empty", "name: must not be empty", "name: must be at
// most 200 bytes", "person_id: must be positive".
base::Status Validate(const Attendance& attendance);

}  // namespace binhyen::domain
