#include "render/qr_svg.h"

#include <gtest/gtest.h>
#include <qrencode.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>

namespace binhyen::render {
namespace {

namespace fs = std::filesystem;

constexpr char kUrl[] = "https://binhyen.example/bao-cao/BY-7K3M-Q9PX";
constexpr char kVietnamese[] = "Cảnh báo lừa đảo";
constexpr int kQuietZone = 4;

using Module = std::pair<int, int>;  // (x, y) in symbol coordinates, without the quiet zone

// The dark modules drawn by the SVG's path ("M x y h n v1h-n z" per run).
std::set<Module> DarkModulesOfSvg(const std::string& svg) {
  std::set<Module> dark;
  const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
       ++it) {
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4]));
    for (int i = 0; i < n; ++i) dark.emplace(x + i - kQuietZone, y - kQuietZone);
  }
  return dark;
}

// The dark modules libqrencode computes for `text` with the parameters QrSvg documents.
std::set<Module> DarkModulesOfLibrary(const std::string& text, int* width) {
  std::set<Module> dark;
  QRcode* code =
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  if (code == nullptr) return dark;
  *width = code->width;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1) dark.emplace(x, y);
    }
  }
  QRcode_free(code);
  return dark;
}

bool HasTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command` and returns its standard output, or nullopt when it fails.
std::optional<std::string> RunCommand(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "binhyen-render-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(QrSvgTest, DocumentShape) {
  base::Result<std::string> svg = QrSvg(kUrl, "Mã QR <báo cáo> & \"mã\"", 5);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  int width = 0;
  DarkModulesOfLibrary(kUrl, &width);
  ASSERT_GT(width, 0);
  const int modules = width + 2 * kQuietZone;
  const std::string m = std::to_string(modules), px = std::to_string(modules * 5);
  EXPECT_EQ(svg->rfind(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + m + " " + m +
                           R"(" width=")" + px + R"(" height=")" + px + R"(" role="img" )",
                       0),
            0u)
      << *svg;
  const std::string title = "Mã QR &lt;báo cáo&gt; &amp; &quot;mã&quot;";
  EXPECT_NE(svg->find(R"(aria-label=")" + title + R"(")"), std::string::npos);
  EXPECT_NE(svg->find(R"(shape-rendering="crispEdges")"), std::string::npos);
  EXPECT_NE(svg->find("<title>" + title + "</title>"), std::string::npos);
  EXPECT_NE(svg->find(R"(<rect width="100%" height="100%" fill="#fff" stroke="none"/>)"),
            std::string::npos);
  EXPECT_NE(svg->find(R"(<path fill="#000" stroke="none" d="M)"), std::string::npos);
  EXPECT_EQ(svg->find("<b"), std::string::npos);  // the title is escaped
  EXPECT_TRUE(svg->ends_with("\"/></svg>"));
}

TEST(QrSvgTest, DarkModulesAreLibqrencodesMatrixWithRunsMerged) {
  for (const std::string& text : {std::string(kUrl), std::string(kVietnamese)}) {
    base::Result<std::string> svg = QrSvg(text, "t");
    ASSERT_TRUE(svg.ok());
    int width = 0;
    const std::set<Module> expected = DarkModulesOfLibrary(text, &width);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(DarkModulesOfSvg(*svg), expected) << text;
    // Runs are maximal: no two subpaths of a row touch.
    const std::regex run(R"(M(\d+) (\d+)h(\d+))");
    int previous_end = -1, previous_y = -1, runs = 0;
    for (auto it = std::sregex_iterator(svg->begin(), svg->end(), run);
         it != std::sregex_iterator(); ++it, ++runs) {
      const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]);
      if (y == previous_y) {
        EXPECT_GT(x, previous_end) << "adjacent runs at row " << y;
      }
      previous_y = y;
      previous_end = x + std::stoi((*it)[3]);
    }
    EXPECT_LT(static_cast<size_t>(runs), expected.size());
  }
}

// Draws the SVG to a PNG and reads it back with a real QR decoder.
TEST(QrSvgTest, RoundTripsThroughARealDecoder) {
  const bool has_rsvg = HasTool("rsvg-convert");
  if (!HasTool("zbarimg") || !(has_rsvg || HasTool("convert"))) {
    GTEST_SKIP() << "zbarimg and rsvg-convert or ImageMagick convert are needed";
  }
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  int i = 0;
  for (const std::string& text : {std::string(kUrl), std::string(kVietnamese)}) {
    base::Result<std::string> svg = QrSvg(text, "Mã QR");
    ASSERT_TRUE(svg.ok());
    const fs::path svg_path = dir.path() / ("code" + std::to_string(i) + ".svg");
    const fs::path png_path = dir.path() / ("code" + std::to_string(i++) + ".png");
    std::ofstream(svg_path, std::ios::binary) << *svg;
    const std::string render =
        has_rsvg ? "rsvg-convert -z 2 -o '" + png_path.string() + "' '" + svg_path.string() + "'"
                 : "convert -density 200 '" + svg_path.string() + "' '" + png_path.string() + "'";
    ASSERT_TRUE(RunCommand(render + " 2>/dev/null").has_value()) << render;
    // -Sbinary: the payload's bytes as they are (zbar otherwise guesses a legacy charset).
    std::optional<std::string> decoded =
        RunCommand("zbarimg -q --raw -Sbinary '" + png_path.string() + "' 2>/dev/null");
    ASSERT_TRUE(decoded.has_value()) << "zbarimg found no code in " << png_path;
    if (decoded->ends_with('\n')) decoded->pop_back();
    EXPECT_EQ(*decoded, text);
  }
}

TEST(QrSvgTest, RefusesEmptyAndTooLongText) {
  base::Result<std::string> empty = QrSvg("", "t");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), base::StatusCode::kInvalidArgument);

  // 2,331 bytes is the byte-mode capacity of version 40 at level M.
  EXPECT_TRUE(QrSvg(std::string(2331, 'x'), "t").ok());
  base::Result<std::string> too_long = QrSvg(std::string(2332, 'x'), "t");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.status().message(), "QR code: 2332 bytes do not fit in a QR code at level M");
}

TEST(QrSvgTest, RefusesModuleSizesOutOfRange) {
  EXPECT_EQ(QrSvg("x", "t", 0).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(QrSvg("x", "t", -3).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(QrSvg("x", "t", 65).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(QrSvg("x", "t", 1).ok());
  EXPECT_TRUE(QrSvg("x", "t", 64).ok());
}

TEST(QrSvgTest, EncodesBytesIncludingNul) {
  const std::string text("a\0b", 3);
  base::Result<std::string> svg = QrSvg(text, "t");
  ASSERT_TRUE(svg.ok());
  int width = 0;
  EXPECT_EQ(DarkModulesOfSvg(*svg), DarkModulesOfLibrary(text, &width));
}

}  // namespace
}  // namespace binhyen::render
