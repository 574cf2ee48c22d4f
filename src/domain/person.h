#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
  friend bool operator==(const Person&, const Person&) = default;
};

inline constexpr size_t kMaxPersonNameBytes = 200;
inline constexpr size_t kMaxPersonPositionBytes = 200;

// InvalidArgument naming the field ("unit_code: must not be empty", "name: must not be empty",
// "name: must be at most 200 bytes", "position: must be at most 200 bytes").
base::Status Validate(const Person& person);

}  // namespace binhyen::domain
