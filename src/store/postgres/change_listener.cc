#include "store/postgres/change_listener.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <utility>

#include "base/logging.h"
#include "base/strings.h"
#include "store/postgres/errors.h"

namespace binhyen::store::postgres {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::chrono::seconds kReconnectInterval{1};

// The schema holding binhyen_change_channel (that of the tables whose triggers call it, as
// created by migration 0015 under the same search_path), or NULL before that migration.
constexpr std::string_view kChannelSchema =
    "SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE p.oid = to_regprocedure('binhyen_change_channel(text)')";

// As in the pool: libpqxx 6 would otherwise reconnect silently (and forget the LISTEN).
void InhibitReactivation(pqxx::connection& connection) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
}

}  // namespace

PgChangeListener::PgChangeListener(std::string conninfo,
                                   std::function<void(pqxx::connection&)> on_connect, int wake_fd)
    : conninfo_(std::move(conninfo)), on_connect_(std::move(on_connect)), wake_fd_(wake_fd) {}

PgChangeListener::~PgChangeListener() { close(wake_fd_); }

base::Result<std::unique_ptr<PgChangeListener>> PgChangeListener::Open(
    std::string conninfo, std::function<void(pqxx::connection&)> on_connect) {
  const int wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd < 0) {
    return base::InternalError("change listener: eventfd: " + base::ErrnoMessage(errno));
  }
  std::unique_ptr<PgChangeListener> listener(
      new PgChangeListener(std::move(conninfo), std::move(on_connect), wake_fd));
  BINHYEN_RETURN_IF_ERROR(listener->Connect());
  return listener;
}

base::Status PgChangeListener::Connect() {
  last_attempt_ = SteadyClock::now();
  try {
    auto connection = std::make_unique<pqxx::connection>(conninfo_);
    InhibitReactivation(*connection);
    if (on_connect_) on_connect_(*connection);
    {
      // Closed before get_notifs(), which ignores notifications while a transaction is open.
      pqxx::nontransaction w(*connection);
      const pqxx::result schema = w.exec(std::string(kChannelSchema));
      if (schema.empty() || schema[0][0].is_null()) {
        return base::FailedPreconditionError(
            "change listener: the schema lacks migration 0015 (run `binhyen migrate`)");
      }
      const pqxx::result channel =
          w.exec("SELECT binhyen_change_channel(" + w.quote(schema[0][0].c_str()) + ")");
      w.exec("LISTEN " + w.quote_name(channel[0][0].c_str()));
    }
    connection_ = std::move(connection);
  } catch (...) {
    return StatusFromCurrentException("change listener");
  }
  return base::Status::Ok();
}

bool PgChangeListener::Consume() {
  try {
    const int received = connection_->get_notifs();
    // get_notifs() throws when it first sees the connection closed, and returns 0 afterwards.
    if (connection_->is_open()) return received > 0;
  } catch (const std::exception& e) {
    base::LogWarn("change listener: connection lost ({}); reconnecting", e.what());
  } catch (...) {
    base::LogWarn("change listener: connection lost; reconnecting");
  }
  connection_.reset();
  return false;
}

bool PgChangeListener::TakeWake() {
  uint64_t count = 0;
  return read(wake_fd_, &count, sizeof count) == static_cast<ssize_t>(sizeof count) && count > 0;
}

void PgChangeListener::Wake() {
  const uint64_t one = 1;
  // Fails only when the counter is saturated, which wakes the reader as well.
  [[maybe_unused]] const ssize_t written = write(wake_fd_, &one, sizeof one);
}

bool PgChangeListener::Wait(std::chrono::milliseconds timeout) {
  const SteadyClock::time_point deadline =
      SteadyClock::now() + std::max(timeout, std::chrono::milliseconds(0));
  for (;;) {
    if (connection_ == nullptr) {
      if (SteadyClock::now() >= last_attempt_ + kReconnectInterval) {
        const base::Status connected = Connect();
        if (connected.ok()) {
          if (reported_failure_) base::LogInfo("change listener: reconnected");
          reported_failure_ = false;
          return true;  // changes may have been missed while disconnected
        }
        if (!reported_failure_) {
          base::LogWarn("change listener: cannot reconnect, retrying every second: {}",
                        connected.ToString());
          reported_failure_ = true;
        }
      }
    } else if (Consume()) {
      return true;
    } else if (connection_ == nullptr) {
      continue;  // just lost: reconnect at once when an attempt is due
    }

    const SteadyClock::time_point now = SteadyClock::now();
    if (now >= deadline) return false;
    SteadyClock::time_point until = deadline;
    if (connection_ == nullptr) until = std::min(until, last_attempt_ + kReconnectInterval);
    const auto wait_ms = std::chrono::ceil<std::chrono::milliseconds>(
        std::max(until - now, SteadyClock::duration(0)));
    pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {-1, POLLIN, 0}};
    nfds_t count = 1;
    if (connection_ != nullptr) {
      fds[1].fd = connection_->sock();
      count = fds[1].fd >= 0 ? 2 : 1;
    }
    const int ready = poll(fds, count, static_cast<int>(wait_ms.count()));
    if (ready < 0 && errno != EINTR) {
      base::LogError("change listener: poll: {}", base::ErrnoMessage(errno));
      return false;
    }
    if ((fds[0].revents & POLLIN) != 0 && TakeWake()) return false;
  }
}

}  // namespace binhyen::store::postgres
