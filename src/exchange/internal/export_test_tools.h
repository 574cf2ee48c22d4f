#pragma once

// Process and file helpers of the export tests that run real tools (export_tools_test.cc,
// export_unbound_test.cc). Test-only, header-only (not part of binhyen_exchange).

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace binhyen::exchange::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
// path() is "" if it could not be created.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/binhyen-export-XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    if (!path_.empty()) {
      [[maybe_unused]] int rc = std::system(("rm -rf '" + path_ + "'").c_str());
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The full path of `name` in PATH or the usual sbin directories; "" when absent.
inline std::string FindBinary(const std::string& name) {
  const char* env = std::getenv("PATH");
  std::stringstream dirs(std::string(env != nullptr ? env : "") +
                         ":/usr/sbin:/sbin:/usr/local/sbin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::string path = dir + "/" + name;
    if (access(path.c_str(), X_OK) == 0) return path;
  }
  return "";
}

// Starts argv[0] (a full path) with stdout and stderr to `log`; the pid, or -1.
inline pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

struct ToolResult {
  int exit_code = -1;  // -1: could not start, or killed by a signal
  std::string output;  // stdout and stderr
};

// Runs argv to completion, its output captured in `dir`/tool.log.
inline ToolResult RunTool(const std::vector<std::string>& argv, const std::string& dir) {
  const std::string log = dir + "/tool.log";
  ToolResult result;
  const pid_t pid = Spawn(argv, log);
  if (pid < 0) return result;
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = ReadFile(log);
  return result;
}

}  // namespace binhyen::exchange::testing
