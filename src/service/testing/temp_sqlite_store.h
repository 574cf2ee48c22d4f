#pragma once

// TESTS ONLY: a fresh, migrated SQLite store in its own temporary directory, removed with it.
// Header-only; included by the service module's *_test.cc.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace binhyen::service::testing {

class TempSqliteStore {
 public:
  // `prefix` names the temporary directory (e.g. "auth_test"). Failures are test failures.
  explicit TempSqliteStore(std::string_view prefix) {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + ".XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp " << tmpl;
      return;
    }
    dir_ = tmpl;
    base::Result<store::StoreUrl> url =
        store::StoreUrl::Parse("sqlite:" + (dir_ / "binhyen.db").string());
    if (!url.ok()) {
      ADD_FAILURE() << url.status().ToString();
      return;
    }
    base::Result<std::unique_ptr<store::sqlite::SqliteStore>> opened =
        store::sqlite::SqliteStore::Open(*url);
    if (!opened.ok()) {
      ADD_FAILURE() << opened.status().ToString();
      return;
    }
    store_ = std::move(*opened);
    EXPECT_TRUE(store_->Migrate().ok());
  }
  ~TempSqliteStore() {
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  TempSqliteStore(const TempSqliteStore&) = delete;
  TempSqliteStore& operator=(const TempSqliteStore&) = delete;

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }
  store::Store& get() { return *store_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

}  // namespace binhyen::service::testing
