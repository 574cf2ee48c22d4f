#include "evidence/sniff.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace binhyen::evidence {
namespace {

using namespace std::string_literals;  // NOLINT(google-build-using-namespace): byte literals

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

std::string BigEndian32(uint32_t v) {
  return Bytes({int(v >> 24), int((v >> 16) & 0xFF), int((v >> 8) & 0xFF), int(v & 0xFF)});
}

// An ISO BMFF "ftyp" box with the given major and compatible brands.
std::string Ftyp(const std::string& major, std::initializer_list<std::string> compatible = {}) {
  std::string body = major + Bytes({0, 0, 2, 0});
  for (const std::string& brand : compatible) body += brand;
  return BigEndian32(uint32_t(8 + body.size())) + "ftyp" + body;
}

std::string Riff(std::string_view form) {
  return "RIFF" + Bytes({0x24, 0x08, 0, 0}) + std::string(form);
}

// An Ogg first page whose only packet starts with `packet`.
std::string OggPage(const std::string& packet) {
  std::string page = "OggS"s + Bytes({0, 0x02}) + std::string(8, '\0') /* granule */ +
                     Bytes({0x11, 0x22, 0x33, 0x44}) /* serial */ + std::string(4, '\0') +
                     Bytes({0xAA, 0xBB, 0xCC, 0xDD}) /* crc */ + Bytes({1, int(packet.size())});
  return page + packet;
}

// An EBML header with the given DocType, as mkvmerge and browsers write it.
std::string Ebml(const std::string& doc_type) {
  std::string body = Bytes({0x42, 0x86, 0x81, 0x01,  // EBMLVersion 1
                            0x42, 0xF7, 0x81, 0x01,  // EBMLReadVersion 1
                            0x42, 0xF2, 0x81, 0x04,  // EBMLMaxIDLength 4
                            0x42, 0xF3, 0x81, 0x08,  // EBMLMaxSizeLength 8
                            0x42, 0x82, 0x80 | int(doc_type.size())}) +
                     doc_type +
                     Bytes({0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02});  // versions
  return Bytes({0x1A, 0x45, 0xDF, 0xA3, 0x80 | int(body.size())}) + body +
         Bytes({0x18, 0x53, 0x80, 0x67});  // Segment
}

// MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames.
std::string Mp3Frame() { return Bytes({0xFF, 0xFB, 0x90, 0x64}) + std::string(413, '\0'); }
// AAC LC, 44.1 kHz, stereo, 20-byte ADTS frames.
std::string AdtsFrame() {
  return Bytes({0xFF, 0xF1, 0x50, 0x80, 0x02, 0x9F, 0xFC}) + std::string(13, 'a');
}

void ExpectType(const std::string& head, std::string_view name, Family family,
                std::string_view extension) {
  const auto type = Sniff(head);
  ASSERT_TRUE(type.has_value()) << name;
  EXPECT_EQ(type->name, name);
  EXPECT_EQ(type->family, family) << name;
  EXPECT_EQ(type->extension, extension) << name;
}

TEST(SniffTest, FamilyNames) {
  EXPECT_EQ(Name(Family::kImage), "image");
  EXPECT_EQ(Name(Family::kPdf), "pdf");
  EXPECT_EQ(Name(Family::kAudio), "audio");
  EXPECT_EQ(Name(Family::kVideo), "video");
}

TEST(SniffTest, Images) {
  ExpectType(Bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10}) + "JFIF", "image/jpeg", Family::kImage,
             "jpg");
  ExpectType(Bytes({0xFF, 0xD8, 0xFF, 0xE1, 0x12, 0x34}) + "Exif", "image/jpeg", Family::kImage,
             "jpg");
  ExpectType(Bytes({0xFF, 0xD8, 0xFF, 0xDB}), "image/jpeg", Family::kImage, "jpg");
  ExpectType("\x89PNG\r\n\x1A\n"s + BigEndian32(13) + "IHDR", "image/png", Family::kImage, "png");
  ExpectType("GIF89a\x01\x00\x01\x00"s, "image/gif", Family::kImage, "gif");
  ExpectType("GIF87a\x01\x00\x01\x00"s, "image/gif", Family::kImage, "gif");
  ExpectType(Riff("WEBP") + "VP8 ", "image/webp", Family::kImage, "webp");
  // BITMAPINFOHEADER (40 bytes) and BITMAPV5HEADER (124).
  ExpectType("BM"s + Bytes({0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0}), "image/bmp",
             Family::kImage, "bmp");
  ExpectType("BM"s + Bytes({0x46, 0, 0, 0, 0, 0, 0, 0, 0x7A, 0, 0, 0, 124, 0, 0, 0}), "image/bmp",
             Family::kImage, "bmp");
  ExpectType("II*\0\x08\0\0\0"s, "image/tiff", Family::kImage, "tiff");
  ExpectType("MM\0*\0\0\0\x08"s, "image/tiff", Family::kImage, "tiff");
  ExpectType(Ftyp("heic", {"mif1", "heic"}), "image/heic", Family::kImage, "heic");
  ExpectType(Ftyp("heix", {"mif1", "heix"}), "image/heic", Family::kImage, "heic");
  ExpectType(Ftyp("mif1", {"mif1", "heic"}), "image/heif", Family::kImage, "heif");
  ExpectType(Ftyp("msf1", {"msf1", "hevc"}), "image/heif-sequence", Family::kImage, "heifs");
  ExpectType(Ftyp("avif", {"avif", "mif1", "miaf"}), "image/avif", Family::kImage, "avif");
}

TEST(SniffTest, Pdf) {
  ExpectType("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "application/pdf", Family::kPdf, "pdf");
  ExpectType("%PDF-2.0\n", "application/pdf", Family::kPdf, "pdf");
  // Readers would accept the marker later in the first 1024 bytes; we do not (polyglots).
  EXPECT_FALSE(Sniff("<html><!-- %PDF-1.4 -->"));
  EXPECT_FALSE(Sniff("\n%PDF-1.4\n"));
  EXPECT_FALSE(Sniff("%PDF"));
}

TEST(SniffTest, Mp3) {
  // An ID3v2.3 tag (its syncsafe size 0x0A = 10 bytes) before the frames.
  ExpectType("ID3"s + Bytes({3, 0, 0, 0, 0, 0, 0x0A}) + std::string(10, '\0') + Mp3Frame(),
             "audio/mpeg", Family::kAudio, "mp3");
  ExpectType("ID3"s + Bytes({4, 0, 0, 0, 0, 0x02, 0x01}), "audio/mpeg", Family::kAudio, "mp3");
  // Bare frames: two in a row, or one when the head ends before the second.
  ExpectType(Mp3Frame() + Mp3Frame(), "audio/mpeg", Family::kAudio, "mp3");
  ExpectType(Mp3Frame().substr(0, 4), "audio/mpeg", Family::kAudio, "mp3");
  // MPEG-2 layer III (22.05 kHz, 64 kbit/s).
  ExpectType(Bytes({0xFF, 0xF3, 0x80, 0xC4}), "audio/mpeg", Family::kAudio, "mp3");
  // A valid first header followed by garbage where the second frame should be.
  EXPECT_FALSE(Sniff(Mp3Frame() + "garbage!"));
  // Invalid bits: reserved version, reserved layer, bad bitrate, free format, reserved rate.
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xEB, 0x90, 0x64})));
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xF9, 0x90, 0x64})));
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xFB, 0xF0, 0x64})));
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xFB, 0x00, 0x64})));
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xFB, 0x9C, 0x64})));
  // ID3 with a bad version or a size byte with its high bit set.
  EXPECT_FALSE(Sniff("ID3"s + Bytes({9, 0, 0, 0, 0, 0, 0x0A})));
  EXPECT_FALSE(Sniff("ID3"s + Bytes({3, 0, 0, 0x80, 0, 0, 0x0A})));
}

TEST(SniffTest, OtherAudio) {
  ExpectType(OggPage("OpusHead\x01\x02"), "audio/ogg", Family::kAudio, "ogg");
  ExpectType(OggPage("\x01vorbis\0\0\0\0\x02"s), "audio/ogg", Family::kAudio, "ogg");
  ExpectType(OggPage("\x7F"
                     "FLAC\x01\x00"s),
             "audio/ogg", Family::kAudio, "ogg");
  ExpectType(Riff("WAVE") + "fmt ", "audio/wav", Family::kAudio, "wav");
  ExpectType("fLaC\0\0\0\x22"s, "audio/flac", Family::kAudio, "flac");
  ExpectType(Ftyp("M4A ", {"M4A ", "mp42", "isom"}), "audio/mp4", Family::kAudio, "m4a");
  ExpectType(Ftyp("M4B ", {"M4B ", "mp42"}), "audio/mp4", Family::kAudio, "m4b");
  ExpectType("#!AMR\n\x3C"s, "audio/amr", Family::kAudio, "amr");
  ExpectType("#!AMR-WB\n\x04"s, "audio/amr-wb", Family::kAudio, "awb");
  ExpectType(AdtsFrame() + AdtsFrame(), "audio/aac", Family::kAudio, "aac");
  ExpectType(AdtsFrame().substr(0, 7), "audio/aac", Family::kAudio, "aac");
  // An ID3 tag in front of AAC or FLAC (some recorders write one) names what follows it.
  ExpectType("ID3"s + Bytes({4, 0, 0, 0, 0, 0, 0}) + AdtsFrame(), "audio/aac", Family::kAudio,
             "aac");
  ExpectType("ID3"s + Bytes({4, 0, 0, 0, 0, 0, 0}) + "fLaC", "audio/flac", Family::kAudio, "flac");
  // ADTS with a reserved sample rate, and with a frame shorter than its header.
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xF1, 0x74, 0x80, 0x02, 0x9F, 0xFC})));
  EXPECT_FALSE(Sniff(Bytes({0xFF, 0xF1, 0x50, 0x80, 0x00, 0x1F, 0xFC})));
  // An Ogg page with an unknown codec, and a truncated one.
  EXPECT_FALSE(Sniff(OggPage("mystery codec")));
  EXPECT_FALSE(Sniff(OggPage("OpusHead").substr(0, 20)));
}

TEST(SniffTest, Video) {
  ExpectType(Ftyp("isom", {"isom", "iso2", "avc1", "mp41"}), "video/mp4", Family::kVideo, "mp4");
  for (const char* brand : {"iso2", "mp41", "mp42", "avc1", "dash"}) {
    ExpectType(Ftyp(brand), "video/mp4", Family::kVideo, "mp4");
  }
  ExpectType(Ftyp("qt  ", {"qt  "}), "video/quicktime", Family::kVideo, "mov");
  ExpectType(Ftyp("3gp4", {"isom", "3gp4"}), "video/3gpp", Family::kVideo, "3gp");
  ExpectType(Ftyp("3gp5"), "video/3gpp", Family::kVideo, "3gp");
  ExpectType(Ftyp("3g2a"), "video/3gpp2", Family::kVideo, "3g2");
  ExpectType(Ebml("webm"), "video/webm", Family::kVideo, "webm");
  ExpectType(Ebml("matroska"), "video/x-matroska", Family::kVideo, "mkv");
  ExpectType(Riff("AVI ") + "LIST", "video/x-msvideo", Family::kVideo, "avi");
  ExpectType(OggPage("\x80theora\x03\x02"), "video/ogg", Family::kVideo, "ogv");
  // An unknown major brand typed by a known compatible brand (Sony cameras write "MSNV").
  ExpectType(Ftyp("MSNV", {"MSNV", "isom"}), "video/mp4", Family::kVideo, "mp4");
}

TEST(SniffTest, RefusesEverythingElse) {
  const std::string refused[] = {
      "",
      "\xFF\xD8\xFF"s,  // 3 bytes: a JPEG needs its first marker
      "\x89PN"s,        // 3 bytes of PNG
      "\x7F"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"s,  // ELF executable
      "MZ\x90\0\x03\0\0\0"s,                 // Windows executable
      "PK\x03\x04\x14\0\0\0\x08\0"s,         // ZIP (also APK, DOCX, JAR)
      "Rar!\x1A\x07\x00"s,                   // RAR
      "\x1F\x8B\x08\0\0\0\0\0"s,             // gzip
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
      "<?xml version=\"1.0\"?><svg></svg>",
      "<html><body>hello</body></html>",
      "<!DOCTYPE html><html>",
      "Xin chào, đây là văn bản thường.",
      "#!/bin/sh\nrm -rf /\n",
      "{\"json\": true}",
      Riff("CDXA"),                    // RIFF with another form type
      Riff("WEB"),                     // RIFF too short for its form type
      Ftyp("abcd", {"abcd", "wxyz"}),  // ftyp with unknown brands
      Ftyp("crx ", {"crx "}),          // Canon raw: an ISO BMFF we do not take
      BigEndian32(12) + "ftypisom",    // ftyp box too small
      "BM"s + std::string(16, '\0'),   // "BM" without a DIB header
      "BMP is a format"s + std::string(10, ' '),
      Ebml("mkv2"),             // EBML with an unknown DocType
      "\x1A\x45\xDF\xA3\xFF"s,  // EBML truncated
      "\x1A\x45\xDF\xA3\x80"s,  // EBML header without a DocType
      "\xFF\xFE\x00\x00"s,      // UTF-32 BOM: no frame sync
      "\xFF\xFF\xFF\xFF"s,      // all ones: reserved bits everywhere
  };
  for (const std::string& head : refused) {
    EXPECT_FALSE(Sniff(head).has_value()) << "'" << head << "' sniffed as " << Sniff(head)->name;
  }
}

TEST(SniffTest, HugeDeclaredSizesStayInsideTheHead) {
  // Sizes that point far beyond the head must not be followed.
  EXPECT_FALSE(Sniff("\x1A\x45\xDF\xA3\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x42\x82\x88matr"s));
  ExpectType("ID3"s + Bytes({4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F}), "audio/mpeg", Family::kAudio,
             "mp3");
  EXPECT_FALSE(Sniff("\xFF\xF1\x50\x83\xFF\xFF\xFC"s.substr(0, 6)));
}

}  // namespace
}  // namespace binhyen::evidence
