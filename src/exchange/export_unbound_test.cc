// The RPZ export loaded by a real Unbound started on a loopback port: a listed domain and its
// subdomains answer NXDOMAIN, an allowlisted (rpz-passthru) name and an unlisted one resolve,
// and a name whose answer is a listed IP is blocked by the rpz-ip trigger. The test names are
// served by an auth-zone for "." inside the same Unbound (for-upstream), so nothing leaves the
// machine. Skips, saying why, only when unbound is not installed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/export_formats.h"
#include "exchange/internal/export_test_fixture.h"
#include "exchange/internal/export_test_tools.h"

namespace binhyen::exchange {
namespace {

using testing::ReadFile;
using testing::Spawn;
using testing::TempDir;
using testing::WriteFile;

// A UDP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
int FreeUdpPort() {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

struct DnsAnswer {
  int rcode = -1;
  std::vector<std::string> a_records;  // dotted IPv4 of the A records in the answer section
};

// Skips a (possibly compressed) name at `pos` of a DNS message; false when malformed.
bool SkipName(const std::string& m, size_t& pos) {
  while (pos < m.size()) {
    const auto len = static_cast<uint8_t>(m[pos]);
    if (len == 0) {
      ++pos;
      return true;
    }
    if ((len & 0xC0) == 0xC0) {
      pos += 2;
      return pos <= m.size();
    }
    pos += 1 + len;
  }
  return false;
}

uint16_t U16(const std::string& m, size_t pos) {
  return static_cast<uint16_t>((static_cast<uint8_t>(m[pos]) << 8) |
                               static_cast<uint8_t>(m[pos + 1]));
}

// One A query for `name` over UDP to 127.0.0.1:port; nullopt when no answer came within
// `timeout_ms` or the answer is malformed.
std::optional<DnsAnswer> QueryA(int port, const std::string& name, int timeout_ms) {
  std::string q = {'\x4e', '\x59', '\x01', '\x00', 0, 1, 0, 0, 0, 0, 0, 0};  // id, RD, 1 question
  std::stringstream labels(name);
  for (std::string label; std::getline(labels, label, '.');) {
    q.push_back(static_cast<char>(label.size()));
    q += label;
  }
  q += std::string("\0\0\x01\0\x01", 5);  // root, type A, class IN
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sendto(fd, q.data(), q.size(), 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  std::string m(4096, '\0');
  const ssize_t n = recv(fd, m.data(), m.size(), 0);
  close(fd);
  if (n < 12) return std::nullopt;
  m.resize(static_cast<size_t>(n));
  if (m[0] != q[0] || m[1] != q[1]) return std::nullopt;
  DnsAnswer answer;
  answer.rcode = static_cast<uint8_t>(m[3]) & 0x0F;
  size_t pos = 12;
  for (int i = 0; i < U16(m, 4); ++i) {
    if (!SkipName(m, pos)) return std::nullopt;
    pos += 4;
  }
  for (int i = 0; i < U16(m, 6); ++i) {
    if (!SkipName(m, pos) || pos + 10 > m.size()) return std::nullopt;
    const uint16_t type = U16(m, pos);
    const uint16_t rdlength = U16(m, pos + 8);
    pos += 10;
    if (pos + rdlength > m.size()) return std::nullopt;
    if (type == 1 && rdlength == 4) {
      answer.a_records.push_back(std::to_string(static_cast<uint8_t>(m[pos])) + "." +
                                 std::to_string(static_cast<uint8_t>(m[pos + 1])) + "." +
                                 std::to_string(static_cast<uint8_t>(m[pos + 2])) + "." +
                                 std::to_string(static_cast<uint8_t>(m[pos + 3])));
    }
    pos += rdlength;
  }
  return answer;
}

// The names the test resolves, served by Unbound itself.
constexpr std::string_view kTestRecords =
    ". 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 300\n"
    ". 3600 IN NS ns.test.\n"
    "vcb-xacminh.top. 300 IN A 192.0.2.1\n"
    "www.vcb-xacminh.top. 300 IN A 192.0.2.2\n"
    "an-toan.nhanqua-shopee.xyz. 300 IN A 192.0.2.3\n"
    "evil.blogspot.com. 300 IN A 192.0.2.4\n"
    "sach.example. 300 IN A 192.0.2.5\n"
    "nhanqua-shopee.xyz. 300 IN A 192.0.2.6\n"
    "ip.example. 300 IN A 203.0.113.7\n";

// An Unbound process loading `rpz_file`, stopped (SIGTERM) by the destructor.
class UnboundProcess {
 public:
  UnboundProcess(const std::string& binary, const std::string& dir, const std::string& rpz_file)
      : port_(FreeUdpPort()), log_(dir + "/unbound.log") {
    WriteFile(dir + "/root.zone", std::string(kTestRecords));
    const std::string at = "127.0.0.1@" + std::to_string(port_);
    std::string conf = "server:\n  interface: " + at + "\n  port: " + std::to_string(port_) +
                       "\n  do-daemonize: no\n  chroot: \"\"\n  username: \"\"\n  directory: \"" +
                       dir +
                       "\"\n  pidfile: \"\"\n  use-syslog: no\n  logfile: \"\"\n"
                       "  verbosity: 1\n  do-ip6: no\n  do-tcp: no\n  num-threads: 1\n"
                       "  module-config: \"respip iterator\"\n";
    conf += "rpz:\n  name: \"rpz.binhyen.\"\n  zonefile: \"" + rpz_file + "\"\n";
    conf += "auth-zone:\n  name: \".\"\n  zonefile: \"" + dir +
            "/root.zone\"\n  for-downstream: no\n  for-upstream: yes\n  fallback-enabled: no\n";
    WriteFile(dir + "/unbound.conf", conf);
    pid_ = Spawn({binary, "-d", "-c", dir + "/unbound.conf"}, log_);
  }
  ~UnboundProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

  // Waits until Unbound answers a query (it loads the zones before it listens); false if it
  // exited or did not answer after ~20 s.
  bool WaitReady() {
    for (int attempt = 0; attempt < 200 && pid_ > 0; ++attempt) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (QueryA(port_, "sach.example", 100)) return true;
    }
    return false;
  }

  int port() const { return port_; }
  std::string Log() const { return ReadFile(log_); }

 private:
  int port_;
  std::string log_;
  pid_t pid_ = -1;
};

TEST(ExportUnboundTest, RealUnboundBlocksListedNamesAndPassesAllowlistedOnes) {
  const std::string unbound = testing::FindBinary("unbound");
  if (unbound.empty()) GTEST_SKIP() << "unbound not installed (Debian: unbound)";
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  base::Result<std::string> rpz = Render(ExportFormat::kRpz, testing::FixtureInput());
  ASSERT_TRUE(rpz.ok()) << rpz.status().ToString();
  WriteFile(dir.path() + "/binhyen.rpz", *rpz);
  UnboundProcess server(unbound, dir.path(), dir.path() + "/binhyen.rpz");
  ASSERT_TRUE(server.WaitReady()) << server.Log();

  constexpr int kNxdomain = 3;
  struct Case {
    const char* name;
    int rcode;
    std::vector<std::string> a;
  };
  const Case cases[] = {
      {"vcb-xacminh.top", kNxdomain, {}},                // listed
      {"www.vcb-xacminh.top", kNxdomain, {}},            // its subdomain (*.name)
      {"nhanqua-shopee.xyz", kNxdomain, {}},             // listed
      {"an-toan.nhanqua-shopee.xyz", 0, {"192.0.2.3"}},  // rpz-passthru under it
      {"evil.blogspot.com", 0, {"192.0.2.4"}},           // listed, under allowlisted
      {"sach.example", 0, {"192.0.2.5"}},                // not listed
      {"ip.example", kNxdomain, {}},                     // answer is a listed IP
  };
  for (const Case& c : cases) {
    const std::optional<DnsAnswer> answer = QueryA(server.port(), c.name, 5000);
    ASSERT_TRUE(answer.has_value()) << c.name << "\n" << server.Log();
    EXPECT_EQ(answer->rcode, c.rcode) << c.name;
    EXPECT_EQ(answer->a_records, c.a) << c.name;
  }
}

}  // namespace
}  // namespace binhyen::exchange
