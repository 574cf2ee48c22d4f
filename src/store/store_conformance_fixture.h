#pragma once

// Test-only fixture shared by the conformance tests (store_conformance_test.cc,
// store_crash_test.cc): one instance per backend URL.
//
// Backends: "sqlite" always (a fresh file in a fresh temp dir per test); "postgres" when the
// environment variable BINHYEN_TEST_POSTGRES_URL is set (a fresh schema per test, made by the
// backend's Registry::TestDatabaseFactory).

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/receipt.h"
#include "store/registry.h"
#include "store/store.h"

namespace binhyen::store::testing {

inline std::vector<std::string> ConformanceBackends() {
  std::vector<std::string> out = {"sqlite"};
  const char* pg = std::getenv("BINHYEN_TEST_POSTGRES_URL");
  if (pg != nullptr && *pg != '\0') out.push_back("postgres");
  return out;
}

inline void RegisterAllBackends(Registry& registry) {
  RegisterSqlite(registry);
  RegisterPostgres(registry);
}

// A receipt code from a counter: distinct `n` give distinct codes.
inline std::string Receipt(uint64_t n) {
  std::array<uint8_t, domain::kReceiptRandomBytes> bytes{};
  for (size_t i = 0; i < bytes.size(); ++i) bytes[bytes.size() - 1 - i] = (n >> (8 * i)) & 0xff;
  return domain::MakeReceiptCode(bytes);
}

// A report of the web channel with receipt Receipt(n), created at 1'700'000'000 + n seconds.
inline domain::Report MakeReport(uint64_t n, std::string description = "Bị lừa đảo qua điện thoại",
                                 std::vector<domain::ReportIndicator> indicators = {}) {
  domain::Report r;
  r.receipt_code = Receipt(n);
  r.channel = domain::Channel::kWeb;
  r.category = domain::Category::kFakePolice;
  r.description = std::move(description);
  r.loss_vnd = 5'000'000;
  r.ward = "P01";
  r.indicators = std::move(indicators);
  r.created_at = base::TimePoint(std::chrono::seconds(1'700'000'000 + n));
  return r;
}

inline domain::User MakeUser(std::string name, domain::Role role = domain::Role::kAnalyst) {
  domain::User u;
  u.name = std::move(name);
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.role = role;
  u.unit = "CA-P01";
  u.created_at = base::TimePoint(std::chrono::seconds(1'700'000'000));
  return u;
}

// A status change to `to` without duplicate_of or note.
inline StatusChange To(domain::ReportStatus to) {
  StatusChange change;
  change.to = to;
  return change;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    RegisterAllBackends(registry_);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (GetParam() == "sqlite") {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "binhyen_store_XXXXXX").string();
      ASSERT_NE(mkdtemp(pattern.data()), nullptr);
      dir_ = pattern;
      url_ = "sqlite:" + dir_ + "/test.db";
    } else {
      std::string name = "t";
      name += std::to_string(getpid());
      name += "_";
      for (char c : std::string(info->name())) {
        if (name.size() >= 60) break;
        name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_');
      }
      auto url = registry_.FreshTestDatabase(std::getenv("BINHYEN_TEST_POSTGRES_URL"), name);
      ASSERT_TRUE(url.ok()) << url.status().ToString();
      url_ = *url;
    }
    Reopen();
    ASSERT_NE(store_, nullptr);
    if (MigrateInSetUp()) {
      ASSERT_TRUE(store_->Migrate().ok());
    }
  }

  // Whether SetUp migrates the fresh database to the latest version (migration tests build an
  // older schema themselves).
  virtual bool MigrateInSetUp() const { return true; }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  void Reopen() {
    store_.reset();
    auto opened = registry_.Open(url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  std::unique_ptr<Transaction> Begin(TxMode mode = TxMode::kReadWrite) {
    auto tx = store_->Begin(mode);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return tx.ok() ? std::move(tx).value() : nullptr;
  }

  static base::TimePoint T(int64_t seconds) {
    return base::TimePoint(std::chrono::seconds(1'700'000'000 + seconds));
  }

  Registry registry_;
  std::string dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

}  // namespace binhyen::store::testing
