#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// A person of a unit (an official, a teacher, a member of a residential group) to whom guidance
// campaigns are sent. People need no account: they acknowledge through a personal link.
struct Person {
  int64_t id = 0;         // assigned by the store
  std::string unit_code;  // the unit they belong to (units.code); required
  std::string name;       // full name; 1..200 bytes
  std::string position;   // e.g. "Tổ trưởng tổ dân phố"; 0..200 bytes
  // Personal data, encrypted by the service layer with the contact SecretBox (never plaintext
  // in the store). nullopt when not given.
  std::optional<std::string> phone_ciphertext;
  std::optional<std::string> email_ciphertext;
  base::TimePoint created_at{};
  // When the person left the unit (retired, moved away), or nullopt while they belong to it.
  // Someone who left is kept with all their history (recipients of campaigns already sent,
  // attendance, quiz results, pledges) but is chosen for nothing new and their personal links no
  // longer act. Set and cleared only through ProgrammeConsoleRepository (migration 0012).
  std::optional<base::TimePoint> left_at;
  friend bool operator==(const Person&, const Person&) = default;
};

// The message of the error a personal link (acknowledgement, quiz, pledge, check-in) answers for
// a person who has left: FailedPrecondition "person: has left the unit". Pages show it as 410.
inline constexpr std::string_view kPersonLeftMessage = "person: has left the unit";

// Ok while `person` belongs to their unit; FailedPrecondition kPersonLeftMessage after they left.
base::Status CheckActive(const Person& person);
// Whether `status` is the error of CheckActive.
bool IsPersonLeft(const base::Status& status);

inline constexpr size_t kMaxPersonNameBytes = 200;
inline constexpr size_t kMaxPersonPositionBytes = 200;

// InvalidArgument naming the field ("unit_code: must not be empty", "name: must not be empty",
// "name: must be at most 200 bytes", "position: must be at most 200 bytes").
base::Status Validate(const Person& person);

}  // namespace binhyen::domain
