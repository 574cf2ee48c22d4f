#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/unit.h"
#include "service/internal/fields.h"

// Private helpers shared by channels.cc and channels_delivery.cc. Thread-safe (pure functions).
namespace binhyen::service::channels_internal {

using fields::Micros;

// "channel:<id>", the audit target.
inline std::string ChannelTarget(int64_t id) { return "channel:" + std::to_string(id); }

// The name of unit `code` among `units`, or the code when unknown.
inline std::string UnitName(const std::vector<domain::Unit>& units, std::string_view code) {
  for (const domain::Unit& u : units) {
    if (u.code == code) return u.name;
  }
  return std::string(code);
}

}  // namespace binhyen::service::channels_internal
