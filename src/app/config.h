#pragma once

// The settings of `binhyen serve`: defaults, then a TOML file, then BINHYEN_* environment
// variables (then the command line's flags, applied by the caller). deploy/binhyen.toml.example
// documents every key.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::app {

// A value type. Every field holds a validated value after LoadServeConfig.
struct ServeConfig {
  // [server]
  std::string listen = "127.0.0.1:8080";  // HOST:PORT, IPv6 as [::1]:8080; port 0 = any free port
  int io_threads = 0;                     // 0..256; 0 = one per core
  int worker_threads = 0;                 // 0..256; 0 = a default sized to the machine
  std::vector<std::string> trusted_proxies;  // IP addresses, canonical text (inet_ntop) form
  std::string public_url;  // "" or http(s)://host[:port], e.g. "https://binhyen.ducpho.gov.vn";
                           // https -> Secure cookies
  int shutdown_grace_seconds = 10;  // 0..600
  // HTTPS in-process: PEM certificate chain and private key, both or neither (checked when the
  // server starts). Set: TLS 1.2+, HSTS on every response, Secure cookies.
  std::string tls_cert;
  std::string tls_key;

  // [storage]
  std::string data = "./var";  // the data directory (non-empty)
  std::string store;           // store URL; "" -> sqlite:<data>/binhyen.db

  // [limits] (rates per client IP; 0 = unlimited)
  double reports_per_minute = 10;
  double reports_burst = 20;
  double logins_per_minute = 10;
  double logins_burst = 10;
  double checks_per_minute = 1200;  // GET/POST /api/v1/check and the hash lists
  double checks_burst = 200;
  double scans_per_minute = 300;  // POST /api/v1/scan (texts and screenshots)
  double scans_burst = 60;
  int max_evidence_files = 10;     // per report, 1..50
  int max_evidence_file_mib = 10;  // per file, 1..25

  // [security]
  int session_hours = 12;    // 1..720
  int lockout_failures = 5;  // failed logins before a lockout, 1..100
  int lockout_minutes = 15;  // 1..1440
  // Whether community channels' webhook URLs may point at loopback / private addresses
  // (app/webhook_sender_http.h). Off in production (SSRF); tests and local relays turn it on.
  bool webhooks_allow_private = false;
  // A PEM file of extra certificate authorities trusted for https:// webhooks (a town's own CA
  // for a receiver on its network); empty: the system's CAs only.
  std::string webhooks_ca_file;

  // [log]
  bool access_log = true;
  std::string level = "info";  // trace|debug|info|warn|error

  // [privacy]
  // Days a reporter's contact is kept after the report's verdict, then erased
  // (service::ContactRetention; docs/SECURITY.md). 1..36500: there is no "keep forever".
  int contact_retention_days = 180;

  // [federation] (service::Federation; docs/API.md, "Federation")
  int federation_pull_seconds = 60;  // how often each peer is pulled, 1..86400
  std::string federation_name;       // this instance's name as shown to peers; "" = none
};

// Loads the configuration: the defaults above, then the TOML file at `path` (when non-empty),
// then overrides from `env` (tests pass a map; the binary passes ProcessEnvironment()): every key
// as BINHYEN_<SECTION>_<KEY> in upper case, e.g. BINHYEN_SERVER_LISTEN,
// BINHYEN_LIMITS_REPORTS_PER_MINUTE, BINHYEN_SERVER_TRUSTED_PROXIES as a comma-separated list,
// BINHYEN_LOG_ACCESS_LOG as true|false|1|0.
//
// Errors name the source and the key, e.g. InvalidArgument
//   "config /etc/binhyen.toml: [server] listen: expected HOST:PORT, got '8080'"
//   "config /x.toml: unknown key [server] lisen"          (typos are never ignored)
//   "config /x.toml: unknown section [sever]"
//   "config /x.toml:3:7: <TOML syntax error>"             (line:column)
//   "environment BINHYEN_LIMITS_REPORTS_PER_MINUTE: expected a number >= 0, got 'ten'"
//   "environment BINHYEN_SERVER_LISEN: unknown setting"   (variables of the known sections only;
//                                                          other BINHYEN_* names are left alone)
// and NotFound "config /x.toml: no such file"; Unavailable when the file cannot be read.
// Thread safety: pure apart from reading `path`; thread-safe.
base::Result<ServeConfig> LoadServeConfig(std::string_view path,
                                          const std::map<std::string, std::string>& env);

struct HostPort {
  std::string host;  // a host name, an IPv4 address, or an IPv6 address without its brackets
  uint16_t port = 0;
};

// Parses "HOST:PORT": "127.0.0.1:8080", "localhost:80", "[::1]:8080", "0.0.0.0:0". The port is
// 0..65535 in decimal; a host name is letters, digits, '-' and '.'; an IPv6 address must be in
// brackets. InvalidArgument "expected HOST:PORT, got '8080'" otherwise. Thread-safe.
base::Result<HostPort> ParseHostPort(std::string_view s);

// The BINHYEN_* variables of this process's environment. Thread safety: reads `environ`; do not
// call while another thread changes the environment.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace binhyen::app
