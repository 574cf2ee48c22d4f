#include "app/internal/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "base/strings.h"

extern char** environ;

namespace binhyen::app::internal {
namespace {

// Closes a posix_spawn_file_actions_t on scope exit.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

base::Status RunProcess(const std::vector<std::string>& argv,
                        const std::vector<std::pair<std::string, std::string>>& extra_env,
                        const std::optional<std::filesystem::path>& stdout_file) {
  if (argv.empty()) return base::InvalidArgumentError("RunProcess: empty argv");
  const std::string& program = argv[0];

  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [name, value] : extra_env) env[name] = value;
  std::vector<std::string> env_strings;
  env_strings.reserve(env.size());
  for (const auto& [name, value] : env) {
    std::string entry = name;
    entry += '=';
    entry += value;
    env_strings.push_back(std::move(entry));
  }
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  argp.reserve(args.size() + 1);
  for (std::string& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);

  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (stdout_file) {
    posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, stdout_file->c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  pid_t pid = 0;
  int err = posix_spawnp(&pid, program.c_str(), actions.get(), nullptr, argp.data(), envp.data());
  if (err != 0) {
    return base::UnavailableError(program + ": could not start: " + base::ErrnoMessage(err));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return base::InternalError(program + ": waitpid failed: " + base::ErrnoMessage(errno));
    }
  }
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 0) return base::Status::Ok();
    if (WEXITSTATUS(status) == 127) return base::UnavailableError(program + ": not found");
    return base::InternalError(program + " exited with status " +
                               std::to_string(WEXITSTATUS(status)));
  }
  return base::InternalError(program + " was killed by signal " + std::to_string(WTERMSIG(status)));
}

}  // namespace binhyen::app::internal
