// The client state file of `binhyen hashclient` (docs/HASHLISTS.md, "Client state file").
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "app/hash_client.h"

namespace binhyen::app {
namespace {

constexpr std::string_view kMagic = "BYHASH1\n";
constexpr size_t kMaxStateBytes = size_t{1} << 30;

void PutBig(std::string* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>(v >> (8 * i)));
}

// Reads big-endian integers from a byte string; false once it runs out.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool Get(int bytes, uint64_t* v) {
    if (data_.size() - pos_ < static_cast<size_t>(bytes)) return false;
    uint64_t x = 0;
    for (int i = 0; i < bytes; ++i) x = x << 8 | static_cast<uint8_t>(data_[pos_++]);
    *v = x;
    return true;
  }
  std::string_view Take(size_t n) {
    if (data_.size() - pos_ < n) return {};
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t remaining() const { return data_.size() - pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

base::Status Corrupt(const std::filesystem::path& path, std::string_view why) {
  return base::InvalidArgumentError("hash client state " + path.string() + " is corrupt (" +
                                    std::string(why) + "); delete it and sync again");
}

base::Result<HashClientState::List> ReadList(Reader& r, const std::filesystem::path& path) {
  uint64_t kind = 0, version = 0, count = 0;
  if (!r.Get(1, &kind) || !r.Get(8, &version) || !r.Get(4, &count)) {
    return Corrupt(path, "truncated");
  }
  if (kind >= index::kAllHashLists.size()) return Corrupt(path, "unknown list");
  if (count * 4 + 32 > r.remaining()) return Corrupt(path, "truncated prefixes");
  HashClientState::List list;
  list.kind = static_cast<index::HashListKind>(kind);
  list.version = static_cast<int64_t>(version);
  list.prefixes.resize(count);
  for (uint32_t& p : list.prefixes) {
    uint64_t v = 0;
    r.Get(4, &v);
    p = static_cast<uint32_t>(v);
  }
  std::string_view sum = r.Take(32);
  index::Checksum expected = index::PrefixChecksum(list.prefixes);
  if (std::string_view(reinterpret_cast<const char*>(expected.data()), 32) != sum) {
    return Corrupt(path, "checksum");
  }
  for (size_t i = 1; i < list.prefixes.size(); ++i) {
    if (list.prefixes[i] <= list.prefixes[i - 1]) return Corrupt(path, "unsorted prefixes");
  }
  return list;
}

}  // namespace

const HashClientState::List* HashClientState::Find(index::HashListKind kind) const {
  for (const List& l : lists) {
    if (l.kind == kind) return &l;
  }
  return nullptr;
}

HashClientState::List* HashClientState::FindOrAdd(index::HashListKind kind) {
  for (List& l : lists) {
    if (l.kind == kind) return &l;
  }
  lists.push_back(List{kind, 0, {}});
  return &lists.back();
}

base::Result<HashClientState> LoadHashClientState(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return HashClientState{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::UnavailableError("cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string data = buffer.str();
  if (data.size() > kMaxStateBytes) return Corrupt(path, "too large");
  Reader r(data);
  if (r.Take(kMagic.size()) != kMagic) return Corrupt(path, "not a hash client state file");
  uint64_t count = 0;
  if (!r.Get(4, &count) || count > index::kAllHashLists.size()) return Corrupt(path, "list count");
  HashClientState state;
  for (uint64_t i = 0; i < count; ++i) {
    BINHYEN_ASSIGN_OR_RETURN(HashClientState::List list, ReadList(r, path));
    if (state.Find(list.kind) != nullptr) return Corrupt(path, "a list twice");
    state.lists.push_back(std::move(list));
  }
  if (r.remaining() != 0) return Corrupt(path, "trailing bytes");
  return state;
}

base::Status SaveHashClientState(const std::filesystem::path& path, const HashClientState& state) {
  std::string data(kMagic);
  PutBig(&data, state.lists.size(), 4);
  for (const HashClientState::List& list : state.lists) {
    PutBig(&data, static_cast<uint64_t>(list.kind), 1);
    PutBig(&data, static_cast<uint64_t>(list.version), 8);
    PutBig(&data, list.prefixes.size(), 4);
    data.reserve(data.size() + list.prefixes.size() * 4 + 32);
    for (uint32_t p : list.prefixes) PutBig(&data, p, 4);
    index::Checksum sum = index::PrefixChecksum(list.prefixes);
    data.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  }
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) return base::UnavailableError("cannot write " + temp.string());
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return base::UnavailableError("cannot rename " + temp.string() + ": " + ec.message());
  return base::Status::Ok();
}

}  // namespace binhyen::app
