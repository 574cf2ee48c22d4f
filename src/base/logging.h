#pragma once

#include <fmt/format.h>

#include <string_view>
#include <utility>

namespace binhyen::base {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

// Configures the process logger: messages at `level` and above go to stderr. Call once at
// start-up from the composition root; before that, info and above go to stderr.
// Never log secrets or reporter contact data.
void InitLogging(LogLevel level);

// Parses "debug", "info", "warn", "error", "off".
bool ParseLogLevel(std::string_view name, LogLevel* level);

// Thread-safe.
void Log(LogLevel level, std::string_view message);

template <typename... Args>
void LogDebug(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kDebug, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void LogInfo(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kInfo, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void LogWarn(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kWarn, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void LogError(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kError, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace binhyen::base
