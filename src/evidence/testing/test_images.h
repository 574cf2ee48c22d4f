#pragma once

// Test images made on the fly with Debian's ImageMagick (`convert`, DejaVu fonts) and
// `qrencode`, in a temporary directory. For tests only.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace binhyen::evidence::testing {

// A directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "evidence_test.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// 'text' for sh, with embedded single quotes escaped.
inline std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs a shell command; true when it exits 0. Failures say which Debian package to install.
inline bool Run(const std::string& command) {
  int rc = std::system((command + " 2>/dev/null").c_str());
  EXPECT_EQ(rc, 0) << command << "\n(needs the Debian packages imagemagick, qrencode, "
                   << "fonts-dejavu-core)";
  return rc == 0;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One line of `text` in DejaVu Sans, black on white or (dark) light grey on dark grey.
inline std::string TextImage(const TempDir& dir, std::string_view name, std::string_view text,
                             bool dark = false, int width = 900, int height = 200,
                             int pointsize = 36) {
  std::string out = dir.File(name);
  std::string bg = dark ? "'#202124'" : "white";
  std::string fg = dark ? "'#e8eaed'" : "black";
  Run("convert -size " + std::to_string(width) + "x" + std::to_string(height) + " xc:" + bg +
      " -font DejaVu-Sans -pointsize " + std::to_string(pointsize) + " -fill " + fg +
      " -annotate +20+" + std::to_string(height / 2 + pointsize / 3) + " " + ShellQuote(text) +
      " " + ShellQuote(out));
  return out;
}

// A QR code PNG of `payload` (qrencode: `module_px` pixels per module, 4-module margin).
inline std::string QrImage(const TempDir& dir, std::string_view name, std::string_view payload,
                           int module_px = 3) {
  std::string out = dir.File(name);
  Run("qrencode -s " + std::to_string(module_px) + " -o " + ShellQuote(out) + " " +
      ShellQuote(payload));
  return out;
}

// The lines of a scam chat as a phone screenshot shows them, top to bottom. Bubbles from the
// other side are grey with dark text, ours blue with white text (in dark mode: dark grey bubbles
// with light text).
inline const std::vector<std::string>& ChatLines() {
  static const auto* const kLines = new std::vector<std::string>{
      "Chào anh, tôi là cán bộ công an",   "quận Hoàn Kiếm. Tài khoản của anh",
      "liên quan đến một vụ rửa tiền.",    "Anh phải hợp tác điều tra ngay.",
      "Tôi phải làm gì bây giờ?",  // ours (blue)
      "Anh chuyển toàn bộ số dư sang",     "tài khoản tạm giữ của cơ quan điều tra:",
      "Vietcombank 0071000986547",         "Chủ tài khoản: NGUYEN VAN A",
      "Sau khi xác minh sẽ hoàn trả lại.", "Gọi lại số 0912345678 nếu cần.",
  };
  return *kLines;
}

// A 1080x2400 chat screenshot of ChatLines() under a blue title bar, with `qr_png` (a QrImage)
// pasted at the bottom when not empty.
inline std::string ChatScreenshot(const TempDir& dir, std::string_view name, bool dark = false,
                                  const std::string& qr_png = "") {
  const std::vector<std::string>& lines = ChatLines();
  std::string bg = dark ? "'#121212'" : "white";
  std::string fg = dark ? "'#f0f0f0'" : "black";
  std::string bubble = dark ? "'#2a2a2a'" : "'#e9ebee'";
  std::string cmd = "convert -size 1080x2400 xc:" + bg +
                    " -font DejaVu-Sans -fill '#0068ff' -draw 'rectangle 0,0 1080,170'"
                    " -fill white -pointsize 44 -annotate +40+110 " +
                    ShellQuote("Cục Cảnh sát hình sự") + " -pointsize 38";
  auto bubble_at = [&](int top, int lines_in, bool ours) {
    int bottom = top + 40 + 60 * lines_in;
    std::string box = ours ? "-fill '#0084ff' -draw 'roundrectangle 300," + std::to_string(top) +
                                 " 1050," + std::to_string(bottom) + " 30,30'"
                           : "-fill " + bubble + " -draw 'roundrectangle 30," +
                                 std::to_string(top) + " 960," + std::to_string(bottom) + " 30,30'";
    cmd += " " + box + " -fill " + (ours ? std::string("white") : fg);
    return bottom;
  };
  int y = 230;
  size_t i = 0;
  for (int group : {4, -1, 5, 1}) {  // -1: one line of ours
    bool ours = group < 0;
    int n = ours ? 1 : group;
    int bottom = bubble_at(y, n, ours);
    for (int k = 0; k < n; ++k, ++i) {
      cmd += " -annotate +" + std::to_string(ours ? 330 : 60) + "+" +
             std::to_string(y + 70 + 60 * k) + " " + ShellQuote(lines[i]);
    }
    y = bottom + 60;
  }
  std::string out = dir.File(name);
  if (!qr_png.empty()) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on the one-line form.
    cmd.append(" ").append(ShellQuote(qr_png)).append(" -geometry +340+");
    cmd.append(std::to_string(y + 40)).append(" -composite");
  }
  Run(cmd + " " + ShellQuote(out));
  return out;
}

}  // namespace binhyen::evidence::testing
