#pragma once

// TESTS ONLY: reading rendered reports back. Header-only; included by the render module's
// *_test.cc (needs minizip, the module's TEST_LIBS). Thread safety: confine to one thread.

#include <minizip/unzip.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace binhyen::render::testing {

namespace fs = std::filesystem;

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "render_test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The parts of a zip archive, read with minizip from a copy on disk.
inline std::map<std::string, std::string> Unzip(const std::string& bytes, const fs::path& dir) {
  const fs::path file = dir / "read.xlsx";
  std::ofstream(file, std::ios::binary) << bytes;
  std::map<std::string, std::string> parts;
  unzFile zip = unzOpen(file.c_str());
  if (!zip) return parts;
  for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
    char name[512];
    unz_file_info info;
    unzGetCurrentFileInfo(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    std::string data(info.uncompressed_size, '\0');
    unzOpenCurrentFile(zip);
    const int n = unzReadCurrentFile(zip, data.data(), static_cast<unsigned>(data.size()));
    unzCloseCurrentFile(zip);
    data.resize(n < 0 ? 0 : static_cast<size_t>(n));
    parts[name] = data;
  }
  unzClose(zip);
  fs::remove(file);
  return parts;
}

inline std::string Unescape(std::string s) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&amp;", "&"},
                                 {"&lt;", "<"},
                                 {"&gt;", ">"},
                                 {"&quot;", "\""}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

// Cell reference ("B6") -> value as text, shared strings resolved.
inline std::map<std::string, std::string> Cells(const std::map<std::string, std::string>& parts,
                                                const std::string& sheet_part) {
  std::vector<std::string> strings;
  const std::string& shared = parts.at("xl/sharedStrings.xml");
  const std::regex si("<si><t[^>]*>([^<]*)</t></si>");
  for (auto it = std::sregex_iterator(shared.begin(), shared.end(), si);
       it != std::sregex_iterator(); ++it) {
    strings.push_back(Unescape((*it)[1]));
  }
  std::map<std::string, std::string> cells;
  const std::string& sheet = parts.at(sheet_part);
  const std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*?)(/>|>(.*?)</c>)");
  for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), cell);
       it != std::sregex_iterator(); ++it) {
    const std::string attributes = (*it)[2], body = (*it)[4];
    std::smatch v;
    if (!std::regex_search(body, v, std::regex("<v>([^<]*)</v>"))) continue;
    const bool shared_string = attributes.find("t=\"s\"") != std::string::npos;
    cells[(*it)[1]] = shared_string ? strings.at(std::stoul(v[1])) : std::string(v[1]);
  }
  return cells;
}

inline bool OnPath(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command; returns its standard output (standard error to `err` when given).
inline std::string RunCommand(const std::string& command, std::string* err = nullptr) {
  const std::string err_file =
      (fs::temp_directory_path() / "render_test_err").string() + std::to_string(::getpid());
  FILE* pipe = ::popen((command + " 2>" + err_file).c_str(), "r");
  std::string out;
  if (pipe) {
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    ::pclose(pipe);
  }
  if (err) {
    std::ifstream in(err_file);
    std::stringstream s;
    s << in.rdbuf();
    *err = s.str();
  }
  fs::remove(err_file);
  return out;
}

}  // namespace binhyen::render::testing
