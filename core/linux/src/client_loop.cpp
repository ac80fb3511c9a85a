// client_loop.cpp: ClientLoop, the epoll + timerfd + signalfd driver.
#include "dhcpcore/linux/client_loop.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <ctime>

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace dhcpcore::runtime {

namespace {

enum Tag : std::uint32_t { kTimer = 1, kSignal = 2, kBroadcast = 3, kUnicast = 4 };

// Reads per wakeup and socket before the loop looks at timers and signals
// again (a flood cannot starve them).
constexpr int kMaxReadsPerWakeup = 64;

bool interface_gone(int err) noexcept { return err == ENODEV || err == ENXIO; }

Err<SysError> failed(std::string what) {
  const int e = errno;
  return Err<SysError>{SysError{e != 0 ? e : EIO, std::move(what)}};
}

// err_ptr: nullptr when s succeeded, else its error (stored in store).
const SysError* err_ptr(const Status& s, SysError& store) {
  if (s) return nullptr;
  store = s.error();
  return &store;
}

}  // namespace

Millis now_ms() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return Millis{static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000};
}

const char* to_string(Via v) noexcept {
  switch (v) {
    case Via::Broadcast: return "Broadcast";
    case Via::Unicast: return "Unicast";
  }
  return "Unknown";
}

const char* to_string(RunResult r) noexcept {
  switch (r) {
    case RunResult::Stopped: return "Stopped";
    case RunResult::Bound: return "Bound";
    case RunResult::Timeout: return "Timeout";
    case RunResult::Error: return "Error";
  }
  return "Unknown";
}

ClientLoop::ClientLoop(Client& client, std::string ifname, int ifindex, Rng& rng, LeaseHandler& leases,
                       LoopObserver& observer)
    : client_(client), rng_(rng), leases_(leases), observer_(observer), broadcast_(ifindex),
      unicast_(std::move(ifname)) {}

Status ClientLoop::init() {
  epoll_ = UniqueFd(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_.valid()) return failed("epoll_create1");
  timer_ = UniqueFd(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
  if (!timer_.valid()) return failed("timerfd_create");
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) return failed("block SIGINT/SIGTERM");
  signal_ = UniqueFd(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!signal_.valid()) return failed("signalfd");
  watch(timer_.get(), kTimer);
  watch(signal_.get(), kSignal);
  if (fatal_) return Err<SysError>{*fatal_};
  return Ok{};
}

void ClientLoop::watch(int fd, std::uint32_t tag) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u32 = tag;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) fail(failed("epoll_ctl ADD").error);
}

void ClientLoop::fail(SysError e) {
  if (!fatal_) fatal_ = std::move(e);
}

void ClientLoop::unwatch(int fd) {
  if (fd >= 0) ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
}

Status ClientLoop::arm_timer(std::optional<Millis> at) {
  itimerspec its{};
  if (at) {
    // it_value 0 would disarm: a deadline at 0 ms means "now", use 1 ns.
    const auto ms = at->count();
    its.it_value.tv_sec = static_cast<time_t>(ms / 1000);
    its.it_value.tv_nsec = static_cast<long>((ms % 1000) * 1'000'000);
    if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0) its.it_value.tv_nsec = 1;
  }
  if (::timerfd_settime(timer_.get(), TFD_TIMER_ABSTIME, &its, nullptr) != 0) return failed("timerfd_settime");
  return Ok{};
}

void ClientLoop::perform(Millis now, const Actions& actions) {
  SysError err;
  for (const Action& a : actions) {
    switch (a.kind) {
      case ActionKind::OpenBroadcast: {
        const Status s = broadcast_.open();
        if (s) watch(broadcast_.fd(), kBroadcast);
        observer_.transport(now, a, err_ptr(s, err));
        // Without the broadcast transport the client can do nothing.
        if (!s) fail(s.error());
        break;
      }
      case ActionKind::CloseBroadcast:
        unwatch(broadcast_.fd());
        broadcast_.close();
        observer_.transport(now, a, nullptr);
        break;
      case ActionKind::OpenUnicast: {
        // Not fatal: renewing then fails to send and the client falls back
        // to rebinding over broadcast at T2, as with an unreachable server.
        const Status s = unicast_.open(a.server_ip, a.bind_ip);
        if (s) {
          watch(unicast_.fd(), kUnicast);
          watch(unicast_.broadcast_fd(), kUnicast);
        }
        observer_.transport(now, a, err_ptr(s, err));
        break;
      }
      case ActionKind::CloseUnicast:
        unwatch(unicast_.fd());
        unwatch(unicast_.broadcast_fd());
        unicast_.close();
        observer_.transport(now, a, nullptr);
        break;
      case ActionKind::SendBroadcast:
      case ActionKind::SendUnicast: {
        const bool bcast = a.kind == ActionKind::SendBroadcast;
        const Status s = bcast ? broadcast_.send(a.payload) : unicast_.send(a.payload);
        observer_.sent(now, bcast ? Via::Broadcast : Via::Unicast, a, client_, err_ptr(s, err));
        if (!s && interface_gone(s.error().code)) fail(s.error());
        break;
      }
      case ActionKind::LeaseChanged: {
        const Status s = leases_.lease_changed(a.lease_change, client_);
        observer_.lease_changed(now, a.lease_change, client_, err_ptr(s, err));
        break;
      }
    }
  }
}

void ClientLoop::after_call(Millis now, ClientState before, const Actions& actions) {
  if (client_.state() != before) observer_.state_changed(now, before, client_.state());
  perform(now, actions);
}

void ClientLoop::drain(Via via) {
  for (int i = 0; i < kMaxReadsPerWakeup && !fatal_; ++i) {
    const bool bcast = via == Via::Broadcast;
    if (bcast ? !broadcast_.is_open() : !unicast_.is_open()) return;
    Received r = bcast ? broadcast_.receive() : unicast_.receive();
    const Millis now = now_ms();
    switch (r.status) {
      case ReceiveStatus::WouldBlock: return;
      case ReceiveStatus::Skipped:
        if (r.error.code != 0) observer_.warning(now, r.error);
        continue;
      case ReceiveStatus::Malformed: observer_.malformed(now, r.frame_error); continue;
      case ReceiveStatus::Error:
        if (interface_gone(r.error.code)) {
          fail(r.error);
        } else {
          observer_.warning(now, r.error);
        }
        return;
      case ReceiveStatus::Payload: break;
    }
    const ClientState before = client_.state();
    // The payload lives in the transport's buffer; the client copies what it
    // keeps, and the observer sees it before the next receive.
    const Actions actions = client_.on_receive(now, r.payload, rng_);
    observer_.received(now, via, r.payload, r.source, before, client_.last_ignored(), client_.last_reject());
    after_call(now, before, actions);
  }
}

void ClientLoop::fire_timers() {
  // on_timer may move the deadline to now again (a state gives up and the
  // next one sends at once); bound the loop all the same.
  for (int i = 0; i < 16 && !fatal_; ++i) {
    const auto deadline = client_.next_deadline();
    const Millis now = now_ms();
    if (!deadline || *deadline > now) return;
    const ClientState before = client_.state();
    const Actions actions = client_.on_timer(now, rng_);
    after_call(now, before, actions);
  }
}

void ClientLoop::stop_client(Millis now, bool release) {
  if (client_.state() == ClientState::Stopped) return;
  const ClientState before = client_.state();
  const Actions actions = client_.stop(now, release, rng_);
  after_call(now, before, actions);
  // Whatever stop did not close (it closes both), close now.
  unwatch(broadcast_.fd());
  broadcast_.close();
  unwatch(unicast_.fd());
  unwatch(unicast_.broadcast_fd());
  unicast_.close();
}

RunResult ClientLoop::run(const RunOptions& options) {
  if (!epoll_.valid()) {
    fail(SysError{EBADF, "ClientLoop::run before init"});
    return RunResult::Error;
  }
  const Millis start = now_ms();
  observer_.started(start);
  {
    const ClientState before = client_.state();
    const Actions actions = client_.start(start, rng_);
    if (actions.empty()) {
      fail(SysError{EINVAL, "client did not start (invalid configuration)"});
      return RunResult::Error;
    }
    after_call(start, before, actions);
  }
  std::optional<Millis> bind_deadline;
  if (options.bind_timeout) bind_deadline = start + *options.bind_timeout;
  bool was_bound = false;

  std::array<epoll_event, 8> events{};
  for (;;) {
    fire_timers();
    const Millis now = now_ms();
    if (fatal_) {
      stop_client(now, false);
      return RunResult::Error;
    }
    if (client_.state() == ClientState::Bound) {
      was_bound = true;
      if (options.exit_when_bound) {
        unwatch(broadcast_.fd());
        broadcast_.close();
        unwatch(unicast_.fd());
        unwatch(unicast_.broadcast_fd());
        unicast_.close();
        return RunResult::Bound;
      }
    }
    if (stop_requested_) {
      stop_client(now, options.release_on_stop);
      return RunResult::Stopped;
    }
    if (!was_bound && bind_deadline && now >= *bind_deadline) {
      stop_client(now, false);
      return RunResult::Timeout;
    }

    std::optional<Millis> wake = client_.next_deadline();
    if (!was_bound && bind_deadline && (!wake || *bind_deadline < *wake)) wake = bind_deadline;
    if (const Status s = arm_timer(wake); !s) {
      fail(s.error());
      continue;
    }
    const int n = ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()), -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(failed("epoll_wait").error);
      continue;
    }
    for (int i = 0; i < n; ++i) {
      switch (events[static_cast<std::size_t>(i)].data.u32) {
        case kTimer: {
          std::uint64_t expirations = 0;
          // Non-blocking; EAGAIN when the timer was re-armed meanwhile.
          [[maybe_unused]] const ssize_t r = ::read(timer_.get(), &expirations, sizeof expirations);
          break;
        }
        case kSignal: {
          signalfd_siginfo si{};
          while (::read(signal_.get(), &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
            stop_signal_ = static_cast<int>(si.ssi_signo);
            stop_requested_ = true;
            observer_.signal(now_ms(), stop_signal_);
          }
          break;
        }
        case kBroadcast:
          if (!stop_requested_) drain(Via::Broadcast);
          break;
        case kUnicast:
          if (!stop_requested_) drain(Via::Unicast);
          break;
        default: break;
      }
    }
  }
}

}  // namespace dhcpcore::runtime
