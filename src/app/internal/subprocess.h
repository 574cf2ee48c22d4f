#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace binhyen::app::internal {

// Runs `argv` (argv[0] looked up in PATH; no shell, so nothing is interpreted) with the current
// environment plus `extra_env` ("NAME", "value" pairs; they override), waits for it, and returns
// Ok when it exits with status 0. Its stdin is /dev/null; its stdout goes to `stdout_file` when
// given (created or truncated, mode 0600) and to our stdout otherwise; its stderr is ours.
// Errors: Unavailable "<program>: not found / could not start" and Internal "<program> exited
// with status N" (or "was killed by signal N"). Thread-safe.
base::Status RunProcess(const std::vector<std::string>& argv,
                        const std::vector<std::pair<std::string, std::string>>& extra_env,
                        const std::optional<std::filesystem::path>& stdout_file);

}  // namespace binhyen::app::internal
