#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <pqxx/connection>
#include <string>

#include "base/result.h"
#include "store/federation_store.h"

namespace binhyen::store::postgres {

// The ChangeListener of a PostgreSQL store: LISTEN on the schema's change channel (the SQL
// function binhyen_change_channel, migration 0015, whose triggers NOTIFY it) over a connection
// of its own, outside the pool, so that a listener never holds a pooled connection.
//
// Wait() polls the connection's socket and an eventfd (Wake). When the connection is lost, it
// reconnects (at most one attempt per second, within Wait) and then returns true, since changes
// may have been missed meanwhile. Never throws. Thread safety: as ChangeListener (Wait from one
// thread at a time, Wake from any thread).
class PgChangeListener final : public ChangeListener {
 public:
  // Connects with `conninfo`, runs `on_connect` (session settings such as search_path, the same
  // as the pool's) and LISTENs. Unavailable when the server cannot be reached; FailedPrecondition
  // when the schema lacks migration 0015.
  static base::Result<std::unique_ptr<PgChangeListener>> Open(
      std::string conninfo, std::function<void(pqxx::connection&)> on_connect);
  ~PgChangeListener() override;
  PgChangeListener(const PgChangeListener&) = delete;
  PgChangeListener& operator=(const PgChangeListener&) = delete;

  bool Wait(std::chrono::milliseconds timeout) override;
  void Wake() override;

 private:
  PgChangeListener(std::string conninfo, std::function<void(pqxx::connection&)> on_connect,
                   int wake_fd);

  // Opens connection_ and LISTENs; records the attempt's time.
  base::Status Connect();
  // Processes the notifications received so far: true when there was any. Drops connection_
  // when it was lost.
  bool Consume();
  // Reads the eventfd: true when Wake() was called since the last read.
  bool TakeWake();

  const std::string conninfo_;
  const std::function<void(pqxx::connection&)> on_connect_;
  const int wake_fd_;
  // Used by the Wait thread only. nullptr while the connection is lost.
  std::unique_ptr<pqxx::connection> connection_;
  std::chrono::steady_clock::time_point last_attempt_{};
  bool reported_failure_ = false;  // a failed reconnection was logged (log once per outage)
};

}  // namespace binhyen::store::postgres
