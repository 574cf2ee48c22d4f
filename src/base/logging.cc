#include "base/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace binhyen::base {
namespace {

spdlog::level::level_enum ToSpd(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    case LogLevel::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

// spdlog keeps its own registry; we only ever use one stderr logger, created on first use.
spdlog::logger& Logger() {
  static auto* logger = [] {
    auto l = spdlog::stderr_logger_mt("binhyen");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    l->set_level(spdlog::level::info);
    return l.get();
  }();
  return *logger;
}

}  // namespace

void InitLogging(LogLevel level) { Logger().set_level(ToSpd(level)); }

bool ParseLogLevel(std::string_view name, LogLevel* level) {
  if (name == "debug")
    *level = LogLevel::kDebug;
  else if (name == "info")
    *level = LogLevel::kInfo;
  else if (name == "warn")
    *level = LogLevel::kWarn;
  else if (name == "error")
    *level = LogLevel::kError;
  else if (name == "off")
    *level = LogLevel::kOff;
  else
    return false;
  return true;
}

void Log(LogLevel level, std::string_view message) { Logger().log(ToSpd(level), message); }

}  // namespace binhyen::base
