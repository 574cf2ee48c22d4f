#pragma once

// Options and helpers shared by the storage subcommands (migrate, user, token, audit, backup,
// restore).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "base/status.h"
#include "commands.h"

namespace binhyen::app {

// --data DIR and --store URL, accepted by every storage command.
struct StoreOptions {
  std::string data_dir = "./var";
  std::string store_url;  // empty: sqlite:<data>/binhyen.db
};

inline void AddStoreOptions(CLI::App* cmd, StoreOptions* options) {
  cmd->add_option("--data", options->data_dir,
                  "Data directory (binhyen.db, evidence/, keys/, backups/); default ./var");
  cmd->add_option("--store", options->store_url,
                  "Store URL: sqlite:PATH or postgres://user:pw@host:port/db; default "
                  "sqlite:<data>/binhyen.db?synchronous=full");
}

// The exit code for a failed operation: problems the user can fix by changing the input or
// arguments (bad value, duplicate, unknown name, state that forbids it) are kExitBadInput,
// everything else (I/O, database, internal) kExitFailure.
inline int ExitCodeFor(const base::Status& status) {
  switch (status.code()) {
    case base::StatusCode::kInvalidArgument:
    case base::StatusCode::kAlreadyExists:
    case base::StatusCode::kNotFound:
    case base::StatusCode::kFailedPrecondition: return kExitBadInput;
    default: return kExitFailure;
  }
}

// Prints "binhyen <command>: <message>" on stderr (one line) and returns the exit code.
inline int Fail(const char* command, const base::Status& status) {
  std::fprintf(stderr, "binhyen %s: %s\n", command, status.message().c_str());
  return ExitCodeFor(status);
}

}  // namespace binhyen::app
