#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace binhyen::crypto {

// A source of random bytes. Inject it wherever randomness is needed so tests can be
// deterministic (FakeRandom). Implementations state their thread safety.
class Random {
 public:
  virtual ~Random() = default;
  // Fills `out` entirely with random bytes. Never fails.
  virtual void Fill(std::span<uint8_t> out) = 0;
};

// The operating system's CSPRNG through libsodium (getrandom(2)). Thread-safe.
class SodiumRandom final : public Random {
 public:
  SodiumRandom();
  void Fill(std::span<uint8_t> out) override;
};

// A deterministic stream for tests only: the same seed gives the same sequence of Fill results.
// Each call derives a fresh 32-byte key from (seed, call number) and expands it with
// randombytes_buf_deterministic (ChaCha20). NOT secret. Confine to one thread.
class FakeRandom final : public Random {
 public:
  explicit FakeRandom(uint64_t seed);
  void Fill(std::span<uint8_t> out) override;

 private:
  uint64_t seed_;
  uint64_t calls_ = 0;
};

// `bytes` random bytes as URL-safe base64 without padding (43 characters for 32 bytes): the
// form of bearer tokens, session ids and CSRF tokens. REQUIRES: bytes > 0.
std::string RandomToken(Random& random, size_t bytes);

// The entropy of tokens handed to users (256 bits).
inline constexpr size_t kTokenBytes = 32;

}  // namespace binhyen::crypto
