// `binhyen user add|list|disable|totp`: accounts of the people who log in.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "crypto/totp.h"
#include "domain/enums.h"
#include "service/auth.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct UserArgs {
  StoreOptions store;
  std::string name;
  std::string role;
  bool password_stdin = false;
};

// The password is the whole of stdin less one trailing newline ("\n" or "\r\n"), so that
// `printf '%s\n' "$PW" | binhyen user add ...` and `binhyen user add ... <file` both work.
std::string ReadPasswordFromStdin() {
  std::string password((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
  if (!password.empty() && password.back() == '\n') password.pop_back();
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int RunAdd(const UserArgs& args) {
  std::string password = ReadPasswordFromStdin();
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kCreate);
  if (!session.ok()) return Fail("user add", session.status());
  Admin& admin = (*session)->admin();
  base::Result<domain::User> user = admin.AddUser(args.name, args.role, password);
  if (!user.ok()) return Fail("user add", user.status());
  std::printf("added user %s (%s), id %lld\n", user->name.c_str(),
              std::string(domain::Name(user->role)).c_str(), static_cast<long long>(user->id));
  return kExitOk;
}

int RunList(const UserArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("user list", session.status());
  Admin& admin = (*session)->admin();
  base::Result<std::vector<domain::User>> users = admin.ListUsers();
  if (!users.ok()) return Fail("user list", users.status());
  std::printf("name\trole\tcreated\tdisabled\n");
  for (const domain::User& u : *users) {
    std::printf("%s\t%s\t%s\t%s\n", u.name.c_str(), std::string(domain::Name(u.role)).c_str(),
                base::FormatRfc3339(u.created_at).c_str(), u.disabled ? "yes" : "no");
  }
  return kExitOk;
}

int RunDisable(const UserArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("user disable", session.status());
  Admin& admin = (*session)->admin();
  base::Result<bool> changed = admin.DisableUser(args.name);
  if (!changed.ok()) return Fail("user disable", changed.status());
  if (*changed) {
    std::printf("disabled user %s\n", args.name.c_str());
  } else {
    std::printf("user %s was already disabled\n", args.name.c_str());
  }
  return kExitOk;
}

int RunTotp(const UserArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("user totp", session.status());
  CliSession& s = **session;
  service::Authenticator auth(*s.env().store, s.env().secrets_box, s.clock(), s.random());
  base::Result<std::string> secret = auth.EnrollTotp(args.name, CliActor());
  if (!secret.ok()) return Fail("user totp", secret.status());
  std::printf(
      "one-time-code secret of %s (add it to an authenticator app; it is shown only this "
      "once):\n%s\n%s\n",
      args.name.c_str(), secret->c_str(),
      crypto::TotpUri("Bình Yên", args.name, crypto::Base32Decode(*secret).value_or("")).c_str());
  return kExitOk;
}

}  // namespace

void RegisterUser(CLI::App& app, int* exit_code) {
  CLI::App* user = app.add_subcommand("user", "Manage the accounts of people who log in");
  user->require_subcommand(1);

  auto add_args = std::make_shared<UserArgs>();
  CLI::App* add = user->add_subcommand(
      "add", "Add a user; the password is read from standard input (argon2id hash stored)");
  AddStoreOptions(add, &add_args->store);
  add->add_option("--name", add_args->name, "Login name: 1..64 of a-z 0-9 . _ -")->required();
  add->add_option("--role", add_args->role,
                  "member, unit_officer, analyst, programme_admin, finance or admin")
      ->required();
  add->add_flag("--password-stdin", add_args->password_stdin,
                "Read the password from standard input (required: never on the command line)")
      ->required();
  add->callback([add_args, exit_code] {
    *exit_code = RunAdd(*add_args);
    std::fflush(stdout);
  });

  auto list_args = std::make_shared<UserArgs>();
  CLI::App* list = user->add_subcommand("list", "List users: name, role, created, disabled");
  AddStoreOptions(list, &list_args->store);
  list->callback([list_args, exit_code] {
    *exit_code = RunList(*list_args);
    std::fflush(stdout);
  });

  auto disable_args = std::make_shared<UserArgs>();
  CLI::App* disable = user->add_subcommand("disable", "Disable a user (no login, no API tokens)");
  AddStoreOptions(disable, &disable_args->store);
  disable->add_option("--name", disable_args->name, "Login name")->required();
  disable->callback([disable_args, exit_code] {
    *exit_code = RunDisable(*disable_args);
    std::fflush(stdout);
  });

  auto totp_args = std::make_shared<UserArgs>();
  CLI::App* totp = user->add_subcommand(
      "totp", "Set up (or replace) a user's one-time-code second factor; prints the secret");
  AddStoreOptions(totp, &totp_args->store);
  totp->add_option("--name", totp_args->name, "Login name")->required();
  totp->callback([totp_args, exit_code] {
    *exit_code = RunTotp(*totp_args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
