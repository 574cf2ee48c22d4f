#include "app/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

using Env = std::map<std::string, std::string>;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "config_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    tmp_ = tmpl;
  }
  void TearDown() override { fs::remove_all(tmp_); }

  // Writes `toml` to a file and returns its path.
  std::string Write(std::string_view toml, std::string_view name = "binhyen.toml") {
    const fs::path path = tmp_ / name;
    std::ofstream(path) << toml;
    return path.string();
  }

  // The InvalidArgument message of loading `toml` (with `env`), or "" when it loads.
  std::string FileError(std::string_view toml, const Env& env = {}) {
    const std::string path = Write(toml);
    base::Result<ServeConfig> config = LoadServeConfig(path, env);
    if (config.ok()) return "";
    EXPECT_EQ(config.status().code(), base::StatusCode::kInvalidArgument);
    const std::string prefix = "config " + path;
    EXPECT_EQ(config.status().message().substr(0, prefix.size()), prefix);
    return config.status().message().substr(prefix.size());
  }

  std::string EnvError(const Env& env) {
    base::Result<ServeConfig> config = LoadServeConfig("", env);
    if (config.ok()) return "";
    EXPECT_EQ(config.status().code(), base::StatusCode::kInvalidArgument);
    return config.status().message();
  }

  fs::path tmp_;
};

TEST_F(ConfigTest, Defaults) {
  base::Result<ServeConfig> config = LoadServeConfig("", {});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->io_threads, 0);
  EXPECT_EQ(config->worker_threads, 0);
  EXPECT_TRUE(config->trusted_proxies.empty());
  EXPECT_EQ(config->public_url, "");
  EXPECT_EQ(config->shutdown_grace_seconds, 10);
  EXPECT_EQ(config->data, "./var");
  EXPECT_EQ(config->store, "");
  EXPECT_EQ(config->reports_per_minute, 10);
  EXPECT_EQ(config->reports_burst, 20);
  EXPECT_EQ(config->logins_per_minute, 10);
  EXPECT_EQ(config->logins_burst, 10);
  EXPECT_EQ(config->max_evidence_files, 10);
  EXPECT_EQ(config->max_evidence_file_mib, 10);
  EXPECT_EQ(config->session_hours, 12);
  EXPECT_EQ(config->lockout_failures, 5);
  EXPECT_EQ(config->lockout_minutes, 15);
  EXPECT_TRUE(config->access_log);
  EXPECT_EQ(config->level, "info");
  // An empty file changes nothing; other BINHYEN_* variables are not ours to judge.
  EXPECT_EQ(FileError("# nothing\n", {{"BINHYEN_DATA_DIR", "x"}, {"PATH", "/bin"}}), "");
}

constexpr std::string_view kFullFile = R"(
[server]
listen = "[::1]:9090"
io_threads = 2
worker_threads = 8
trusted_proxies = ["127.0.0.1", "::1", "10.0.0.7"]
public_url = "https://binhyen.ducpho.gov.vn/"
shutdown_grace_seconds = 30

[storage]
data = "/var/lib/binhyen"
store = "postgres://binhyen@localhost/binhyen"

[limits]
reports_per_minute = 2.5
reports_burst = 5
logins_per_minute = 0
logins_burst = 3
max_evidence_files = 50
max_evidence_file_mib = 25

[security]
session_hours = 720
lockout_failures = 1
lockout_minutes = 1440

[log]
access_log = false
level = "debug"
)";

TEST_F(ConfigTest, FullFile) {
  base::Result<ServeConfig> config = LoadServeConfig(Write(kFullFile), {});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "[::1]:9090");
  EXPECT_EQ(config->io_threads, 2);
  EXPECT_EQ(config->worker_threads, 8);
  EXPECT_EQ(config->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.7"}));
  EXPECT_EQ(config->public_url, "https://binhyen.ducpho.gov.vn");  // trailing '/' dropped
  EXPECT_EQ(config->shutdown_grace_seconds, 30);
  EXPECT_EQ(config->data, "/var/lib/binhyen");
  EXPECT_EQ(config->store, "postgres://binhyen@localhost/binhyen");
  EXPECT_EQ(config->reports_per_minute, 2.5);
  EXPECT_EQ(config->reports_burst, 5);
  EXPECT_EQ(config->logins_per_minute, 0);
  EXPECT_EQ(config->logins_burst, 3);
  EXPECT_EQ(config->max_evidence_files, 50);
  EXPECT_EQ(config->max_evidence_file_mib, 25);
  EXPECT_EQ(config->session_hours, 720);
  EXPECT_EQ(config->lockout_failures, 1);
  EXPECT_EQ(config->lockout_minutes, 1440);
  EXPECT_FALSE(config->access_log);
  EXPECT_EQ(config->level, "debug");
}

TEST_F(ConfigTest, ExampleFileLoadsWithItsDefaults) {
  const fs::path example = fs::path(BINHYEN_SOURCE_DIR) / "deploy" / "binhyen.toml.example";
  base::Result<ServeConfig> config = LoadServeConfig(example.string(), {});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  base::Result<ServeConfig> defaults = LoadServeConfig("", {});
  EXPECT_EQ(config->listen, defaults->listen);
  EXPECT_EQ(config->data, defaults->data);
  EXPECT_EQ(config->reports_burst, defaults->reports_burst);
  EXPECT_EQ(config->lockout_minutes, defaults->lockout_minutes);
  EXPECT_EQ(config->level, defaults->level);
}

TEST_F(ConfigTest, EnvironmentOverridesFile) {
  const Env env = {
      {"BINHYEN_SERVER_LISTEN", "0.0.0.0:0"},
      {"BINHYEN_SERVER_TRUSTED_PROXIES", " 192.168.1.1 , 2001:DB8::1,,"},
      {"BINHYEN_SERVER_IO_THREADS", "4"},
      {"BINHYEN_STORAGE_STORE", ""},
      {"BINHYEN_LIMITS_REPORTS_PER_MINUTE", "0.5"},
      {"BINHYEN_LIMITS_MAX_EVIDENCE_FILES", "1"},
      {"BINHYEN_SECURITY_SESSION_HOURS", "1"},
      {"BINHYEN_LOG_ACCESS_LOG", "1"},
      {"BINHYEN_LOG_LEVEL", "trace"},
  };
  base::Result<ServeConfig> config = LoadServeConfig(Write(kFullFile), env);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "0.0.0.0:0");
  EXPECT_EQ(config->trusted_proxies, (std::vector<std::string>{"192.168.1.1", "2001:db8::1"}));
  EXPECT_EQ(config->io_threads, 4);
  EXPECT_EQ(config->worker_threads, 8);  // from the file
  EXPECT_EQ(config->store, "");          // an empty value is a value
  EXPECT_EQ(config->reports_per_minute, 0.5);
  EXPECT_EQ(config->max_evidence_files, 1);
  EXPECT_EQ(config->session_hours, 1);
  EXPECT_TRUE(config->access_log);
  EXPECT_EQ(config->level, "trace");
  // An empty list variable clears the list.
  config = LoadServeConfig(Write(kFullFile), {{"BINHYEN_SERVER_TRUSTED_PROXIES", ""}});
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->trusted_proxies.empty());
}

TEST_F(ConfigTest, FileErrors) {
  EXPECT_EQ(FileError("[server]\nlisten = \"8080\"\n"),
            ": [server] listen: expected HOST:PORT, got '8080'");
  EXPECT_EQ(FileError("[server]\nlisen = \"127.0.0.1:80\"\n"), ": unknown key [server] lisen");
  EXPECT_EQ(FileError("[sever]\nlisten = \"127.0.0.1:80\"\n"), ": unknown section [sever]");
  EXPECT_EQ(FileError("listen = \"127.0.0.1:80\"\n"), ": unknown key listen");
  EXPECT_EQ(FileError("[[server]]\nlisten = \"127.0.0.1:80\"\n"), ": [server] must be a table");
  EXPECT_EQ(FileError("[server]\nlisten = 8080\n"),
            ": [server] listen: expected a string, got '8080'");
  EXPECT_EQ(FileError("[server]\nio_threads = 257\n"),
            ": [server] io_threads: expected an integer 0..256, got '257'");
  EXPECT_EQ(FileError("[server]\nio_threads = -1\n"),
            ": [server] io_threads: expected an integer 0..256, got '-1'");
  EXPECT_EQ(FileError("[server]\nio_threads = \"2\"\n"),
            ": [server] io_threads: expected an integer 0..256, got '2'");
  EXPECT_EQ(FileError("[server]\nio_threads = 2.0\n"),
            ": [server] io_threads: expected an integer 0..256, got '2'");
  EXPECT_EQ(FileError("[server]\nshutdown_grace_seconds = 601\n"),
            ": [server] shutdown_grace_seconds: expected an integer 0..600, got '601'");
  EXPECT_EQ(FileError("[server]\ntrusted_proxies = \"10.0.0.1\"\n"),
            ": [server] trusted_proxies: expected an array of strings, got '10.0.0.1'");
  EXPECT_EQ(FileError("[server]\ntrusted_proxies = [\"10.0.0.1\", 7]\n"),
            ": [server] trusted_proxies: expected an array of strings, got '7'");
  EXPECT_EQ(FileError("[server]\ntrusted_proxies = [\"10.0.0.0/8\"]\n"),
            ": [server] trusted_proxies: expected an IP address, got '10.0.0.0/8'");
  EXPECT_EQ(FileError("[server]\npublic_url = \"ftp://x\"\n"),
            ": [server] public_url: expected an http:// or https:// URL without query or "
            "fragment, got 'ftp://x'");
  EXPECT_EQ(FileError("[server]\npublic_url = \"https://x/?a=1\"\n"),
            ": [server] public_url: expected an http:// or https:// URL without query or "
            "fragment, got 'https://x/?a=1'");
  EXPECT_EQ(FileError("[storage]\ndata = \"\"\n"),
            ": [storage] data: expected a non-empty path, got ''");
  EXPECT_EQ(FileError("[limits]\nreports_burst = -1\n"),
            ": [limits] reports_burst: expected a number >= 0, got '-1'");
  EXPECT_EQ(FileError("[limits]\nreports_burst = inf\n"),
            ": [limits] reports_burst: expected a number >= 0, got 'inf'");
  EXPECT_EQ(FileError("[limits]\nmax_evidence_files = 0\n"),
            ": [limits] max_evidence_files: expected an integer 1..50, got '0'");
  EXPECT_EQ(FileError("[limits]\nmax_evidence_file_mib = 26\n"),
            ": [limits] max_evidence_file_mib: expected an integer 1..25, got '26'");
  EXPECT_EQ(FileError("[security]\nsession_hours = 721\n"),
            ": [security] session_hours: expected an integer 1..720, got '721'");
  EXPECT_EQ(FileError("[security]\nlockout_failures = 101\n"),
            ": [security] lockout_failures: expected an integer 1..100, got '101'");
  EXPECT_EQ(FileError("[security]\nlockout_minutes = 1441\n"),
            ": [security] lockout_minutes: expected an integer 1..1440, got '1441'");
  EXPECT_EQ(FileError("[log]\naccess_log = \"yes\"\n"),
            ": [log] access_log: expected true or false, got 'yes'");
  EXPECT_EQ(FileError("[log]\nlevel = \"verbose\"\n"),
            ": [log] level: expected trace, debug, info, warn or error, got 'verbose'");
  EXPECT_EQ(FileError("[log]\nlevel = { a = 1 }\n"),
            ": [log] level: expected a string, got a table");
  EXPECT_EQ(FileError("[server]\nlisten = 1979-05-27\n"),
            ": [server] listen: expected a string, got a date or time");
}

TEST_F(ConfigTest, TomlSyntaxErrorsHaveLineAndColumn) {
  EXPECT_EQ(FileError("[server]\nlisten = \"127.0.0.1:80\n"),
            ":2:23: Error while parsing string: unescaped control characters other than TAB "
            "(U+0009) are explicitly prohibited");
  EXPECT_EQ(FileError("[server]\nio_threads = 1\nio_threads = 2\n").substr(0, 7), ":3:14: ");
  EXPECT_EQ(FileError("[server\n").substr(0, 6), ":1:8: ");
}

TEST_F(ConfigTest, MissingFile) {
  const std::string path = (tmp_ / "x.toml").string();
  base::Result<ServeConfig> config = LoadServeConfig(path, {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status(), base::NotFoundError("config " + path + ": no such file"));
}

TEST_F(ConfigTest, EnvironmentErrors) {
  EXPECT_EQ(EnvError({{"BINHYEN_LIMITS_REPORTS_PER_MINUTE", "ten"}}),
            "environment BINHYEN_LIMITS_REPORTS_PER_MINUTE: expected a number >= 0, got 'ten'");
  EXPECT_EQ(EnvError({{"BINHYEN_LIMITS_REPORTS_PER_MINUTE", ""}}),
            "environment BINHYEN_LIMITS_REPORTS_PER_MINUTE: expected a number >= 0, got ''");
  EXPECT_EQ(EnvError({{"BINHYEN_LIMITS_LOGINS_BURST", "nan"}}),
            "environment BINHYEN_LIMITS_LOGINS_BURST: expected a number >= 0, got 'nan'");
  EXPECT_EQ(EnvError({{"BINHYEN_LIMITS_LOGINS_BURST", " 5"}}),
            "environment BINHYEN_LIMITS_LOGINS_BURST: expected a number >= 0, got ' 5'");
  EXPECT_EQ(EnvError({{"BINHYEN_SERVER_LISTEN", "8080"}}),
            "environment BINHYEN_SERVER_LISTEN: expected HOST:PORT, got '8080'");
  EXPECT_EQ(EnvError({{"BINHYEN_SERVER_IO_THREADS", "2x"}}),
            "environment BINHYEN_SERVER_IO_THREADS: expected an integer 0..256, got '2x'");
  EXPECT_EQ(EnvError({{"BINHYEN_SERVER_IO_THREADS", "99999999999999999999"}}),
            "environment BINHYEN_SERVER_IO_THREADS: expected an integer 0..256, got "
            "'99999999999999999999'");
  EXPECT_EQ(EnvError({{"BINHYEN_SERVER_TRUSTED_PROXIES", "10.0.0.1,proxy.local"}}),
            "environment BINHYEN_SERVER_TRUSTED_PROXIES: expected an IP address, got "
            "'proxy.local'");
  EXPECT_EQ(EnvError({{"BINHYEN_LOG_ACCESS_LOG", "yes"}}),
            "environment BINHYEN_LOG_ACCESS_LOG: expected true or false, got 'yes'");
  EXPECT_EQ(EnvError({{"BINHYEN_SERVER_LISEN", "127.0.0.1:80"}}),
            "environment BINHYEN_SERVER_LISEN: unknown setting");
  EXPECT_EQ(EnvError({{"BINHYEN_LOG_", "x"}}), "environment BINHYEN_LOG_: unknown setting");
}

TEST(ParseHostPortTest, Accepts) {
  const struct {
    std::string_view text;
    std::string_view host;
    uint16_t port;
  } cases[] = {
      {"127.0.0.1:8080", "127.0.0.1", 8080},
      {"0.0.0.0:0", "0.0.0.0", 0},
      {"localhost:80", "localhost", 80},
      {"[::1]:8080", "::1", 8080},
      {"[::]:65535", "::", 65535},
      {"binhyen.ducpho.gov.vn:443", "binhyen.ducpho.gov.vn", 443},
  };
  for (const auto& c : cases) {
    base::Result<HostPort> hp = ParseHostPort(c.text);
    ASSERT_TRUE(hp.ok()) << c.text << " " << hp.status().ToString();
    EXPECT_EQ(hp->host, c.host);
    EXPECT_EQ(hp->port, c.port);
  }
}

TEST(ParseHostPortTest, Rejects) {
  for (std::string_view bad :
       {"8080", ":8080", "localhost", "localhost:", "localhost:65536", "localhost:-1",
        "localhost:+80", "localhost:080080", "::1:8080", "[::1]8080", "[::1]:", "[nope]:80",
        "[::1:80", "local host:80", "host/x:80", "", "127.0.0.1:80 ", "127.0.0.1:0x50"}) {
    base::Result<HostPort> hp = ParseHostPort(bad);
    ASSERT_FALSE(hp.ok()) << bad;
    EXPECT_EQ(hp.status(),
              base::InvalidArgumentError("expected HOST:PORT, got '" + std::string(bad) + "'"));
  }
}

TEST_F(ConfigTest, ContactRetentionDaysHasNoKeepForever) {
  EXPECT_EQ(LoadServeConfig("", {}).value().contact_retention_days, 180);
  EXPECT_EQ(LoadServeConfig(Write("[privacy]\ncontact_retention_days = 30\n"), {})
                .value()
                .contact_retention_days,
            30);
  EXPECT_EQ(LoadServeConfig("", {{"BINHYEN_PRIVACY_CONTACT_RETENTION_DAYS", "7"}})
                .value()
                .contact_retention_days,
            7);
  EXPECT_EQ(FileError("[privacy]\ncontact_retention_days = 0\n"),
            ": [privacy] contact_retention_days: expected an integer 1..36500, got '0'");
  EXPECT_EQ(EnvError({{"BINHYEN_PRIVACY_CONTACT_RETENTION_DAYS", "0"}}),
            "environment BINHYEN_PRIVACY_CONTACT_RETENTION_DAYS: expected an integer 1..36500, "
            "got '0'");
}

TEST(ProcessEnvironmentTest, KeepsOnlyOurVariables) {
  // The test is single-threaded: changing the environment is safe here.
  ASSERT_EQ(::setenv("BINHYEN_CONFIG_TEST_VAR", "a=b", 1), 0);  // NOLINT(concurrency-mt-unsafe)
  const std::map<std::string, std::string> env = ProcessEnvironment();
  ASSERT_EQ(::unsetenv("BINHYEN_CONFIG_TEST_VAR"), 0);  // NOLINT(concurrency-mt-unsafe)
  EXPECT_EQ(env.at("BINHYEN_CONFIG_TEST_VAR"), "a=b");
  for (const auto& [name, value] : env) EXPECT_EQ(name.substr(0, 8), "BINHYEN_");
}

}  // namespace
}  // namespace binhyen::app
