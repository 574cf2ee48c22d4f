#include "evidence/sniff.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace binhyen::evidence {
namespace {

constexpr MediaType kJpeg{"image/jpeg", Family::kImage, "jpg"};
constexpr MediaType kPng{"image/png", Family::kImage, "png"};
constexpr MediaType kGif{"image/gif", Family::kImage, "gif"};
constexpr MediaType kWebp{"image/webp", Family::kImage, "webp"};
constexpr MediaType kBmp{"image/bmp", Family::kImage, "bmp"};
constexpr MediaType kTiff{"image/tiff", Family::kImage, "tiff"};
constexpr MediaType kHeic{"image/heic", Family::kImage, "heic"};
constexpr MediaType kHeicSequence{"image/heic-sequence", Family::kImage, "heics"};
constexpr MediaType kHeif{"image/heif", Family::kImage, "heif"};
constexpr MediaType kHeifSequence{"image/heif-sequence", Family::kImage, "heifs"};
constexpr MediaType kAvif{"image/avif", Family::kImage, "avif"};
constexpr MediaType kPdf{"application/pdf", Family::kPdf, "pdf"};
constexpr MediaType kMp3{"audio/mpeg", Family::kAudio, "mp3"};
constexpr MediaType kOggAudio{"audio/ogg", Family::kAudio, "ogg"};
constexpr MediaType kWav{"audio/wav", Family::kAudio, "wav"};
constexpr MediaType kFlac{"audio/flac", Family::kAudio, "flac"};
constexpr MediaType kM4a{"audio/mp4", Family::kAudio, "m4a"};
constexpr MediaType kM4b{"audio/mp4", Family::kAudio, "m4b"};
constexpr MediaType kAmr{"audio/amr", Family::kAudio, "amr"};
constexpr MediaType kAmrWb{"audio/amr-wb", Family::kAudio, "awb"};
constexpr MediaType kAac{"audio/aac", Family::kAudio, "aac"};
constexpr MediaType kMp4{"video/mp4", Family::kVideo, "mp4"};
constexpr MediaType kQuickTime{"video/quicktime", Family::kVideo, "mov"};
constexpr MediaType k3gpp{"video/3gpp", Family::kVideo, "3gp"};
constexpr MediaType k3gpp2{"video/3gpp2", Family::kVideo, "3g2"};
constexpr MediaType kWebm{"video/webm", Family::kVideo, "webm"};
constexpr MediaType kMatroska{"video/x-matroska", Family::kVideo, "mkv"};
constexpr MediaType kAvi{"video/x-msvideo", Family::kVideo, "avi"};
constexpr MediaType kOggVideo{"video/ogg", Family::kVideo, "ogv"};

uint8_t At(std::string_view s, size_t i) { return static_cast<uint8_t>(s[i]); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

uint32_t BigEndian32(std::string_view s, size_t i) {
  return (uint32_t{At(s, i)} << 24) | (uint32_t{At(s, i + 1)} << 16) |
         (uint32_t{At(s, i + 2)} << 8) | uint32_t{At(s, i + 3)};
}

uint32_t LittleEndian32(std::string_view s, size_t i) {
  return (uint32_t{At(s, i + 3)} << 24) | (uint32_t{At(s, i + 2)} << 16) |
         (uint32_t{At(s, i + 1)} << 8) | uint32_t{At(s, i)};
}

// --- MPEG audio (MP1/MP2/MP3) and AAC ADTS frames -------------------------------------------

// The length in bytes of the MPEG audio frame whose header starts `s`, or 0 when `s` does not
// start with a valid header (sync, version, layer, bitrate, sample rate, emphasis).
size_t MpegAudioFrameLength(std::string_view s) {
  if (s.size() < 4 || At(s, 0) != 0xFF || (At(s, 1) & 0xE0) != 0xE0) return 0;
  const int version = (At(s, 1) >> 3) & 3;  // 0: MPEG 2.5, 1: reserved, 2: MPEG 2, 3: MPEG 1
  const int layer = (At(s, 1) >> 1) & 3;    // 0: reserved, 1: III, 2: II, 3: I
  const int bitrate_index = At(s, 2) >> 4;  // 0: free format (refused), 15: invalid
  const int rate_index = (At(s, 2) >> 2) & 3;
  const int padding = (At(s, 2) >> 1) & 1;
  if (version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 ||
      (At(s, 3) & 3) == 2) {
    return 0;
  }
  // Bitrates in kbit/s by [table][index]: MPEG-1 layers I, II, III; MPEG-2/2.5 layer I, II+III.
  static constexpr std::array<std::array<int, 15>, 5> kBitrates = {{
      {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
      {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
  }};
  static constexpr std::array<std::array<int, 3>, 4> kSampleRates = {
      {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}}};
  const bool mpeg1 = version == 3;
  const size_t table = mpeg1 ? size_t(3 - layer) : (layer == 3 ? 3 : 4);
  const long bitrate = long{kBitrates[table][size_t(bitrate_index)]} * 1000;
  const long rate = kSampleRates[size_t(version)][size_t(rate_index)];
  if (layer == 3) return size_t((12 * bitrate / rate + padding) * 4);
  const long factor = (layer == 1 && !mpeg1) ? 72 : 144;
  return size_t(factor * bitrate / rate + padding);
}

// The length of the AAC ADTS frame whose header starts `s`, or 0 when it is not a valid header.
size_t AdtsFrameLength(std::string_view s) {
  // 12-bit sync, MPEG id, layer 00 (what tells ADTS from MPEG audio), protection-absent bit.
  if (s.size() < 7 || At(s, 0) != 0xFF || (At(s, 1) & 0xF6) != 0xF0) return 0;
  const int rate_index = (At(s, 2) >> 2) & 0xF;  // 13..15 are reserved
  const size_t length = (size_t(At(s, 3) & 3) << 11) | (size_t(At(s, 4)) << 3) | (At(s, 5) >> 5);
  const size_t header = (At(s, 1) & 1) ? 7 : 9;
  if (rate_index > 12 || length < header) return 0;
  return length;
}

// A frame stream: a valid first frame, and, when the head reaches that far, a second one.
bool IsFrameStream(std::string_view head, size_t (*frame_length)(std::string_view)) {
  const size_t first = frame_length(head);
  if (first == 0) return false;
  if (head.size() < first + 4) return true;
  return frame_length(head.substr(first)) != 0;
}

std::optional<MediaType> SniffId3(std::string_view head) {
  // "ID3", major version 2..4, revision, flags, a 28-bit "syncsafe" size (high bits clear).
  if (head.size() < 10 || !StartsWith(head, "ID3") || At(head, 3) < 2 || At(head, 3) > 4 ||
      At(head, 4) == 0xFF) {
    return std::nullopt;
  }
  size_t size = 0;
  for (size_t i = 6; i < 10; ++i) {
    if (At(head, i) & 0x80) return std::nullopt;
    size = (size << 7) | At(head, i);
  }
  // The tag says nothing about the audio after it: look when the head reaches it.
  const size_t end = 10 + size + ((At(head, 5) & 0x10) ? 10 : 0);
  if (end < head.size()) {
    const std::string_view rest = head.substr(end);
    if (StartsWith(rest, "fLaC")) return kFlac;
    if (AdtsFrameLength(rest) != 0) return kAac;
  }
  return kMp3;
}

// --- containers -----------------------------------------------------------------------------

std::optional<MediaType> SniffRiff(std::string_view head) {
  if (head.size() < 12 || !StartsWith(head, "RIFF")) return std::nullopt;
  const std::string_view form = head.substr(8, 4);
  if (form == "WEBP") return kWebp;
  if (form == "WAVE") return kWav;
  if (form == "AVI ") return kAvi;
  return std::nullopt;
}

std::optional<MediaType> BrandType(std::string_view brand) {
  if (brand == "heic" || brand == "heix") return kHeic;
  if (brand == "hevc" || brand == "hevx") return kHeicSequence;
  if (brand == "mif1") return kHeif;
  if (brand == "msf1") return kHeifSequence;
  if (brand == "avif" || brand == "avis") return kAvif;
  if (brand == "M4A ") return kM4a;
  if (brand == "M4B ") return kM4b;
  if (brand == "isom" || brand == "iso2" || brand == "iso3" || brand == "iso4" || brand == "iso5" ||
      brand == "iso6" || brand == "mp41" || brand == "mp42" || brand == "avc1" || brand == "dash") {
    return kMp4;
  }
  if (brand == "qt  ") return kQuickTime;
  if (StartsWith(brand, "3gp") || StartsWith(brand, "3ge") || StartsWith(brand, "3gg")) {
    return k3gpp;
  }
  if (StartsWith(brand, "3g2")) return k3gpp2;
  return std::nullopt;
}

std::optional<MediaType> SniffIsoBmff(std::string_view head) {
  // A first box "ftyp": 32-bit size, type, major brand, minor version, compatible brands.
  if (head.size() < 16 || head.substr(4, 4) != "ftyp") return std::nullopt;
  const size_t box_size = BigEndian32(head, 0);
  if (box_size < 16 || box_size % 4 != 0) return std::nullopt;
  if (auto type = BrandType(head.substr(8, 4))) return type;
  const size_t end = std::min(box_size, head.size());
  for (size_t i = 16; i + 4 <= end; i += 4) {
    if (auto type = BrandType(head.substr(i, 4))) return type;
  }
  return std::nullopt;
}

// Reads an EBML variable-length integer at `*pos`. For element ids the length marker is kept.
std::optional<uint64_t> ReadVint(std::string_view s, size_t* pos, bool keep_marker) {
  if (*pos >= s.size()) return std::nullopt;
  const uint8_t first = At(s, *pos);
  size_t length = 1;
  while (length <= 8 && (first & (0x80 >> (length - 1))) == 0) ++length;
  if (length > 8 || *pos + length > s.size()) return std::nullopt;
  uint64_t value = keep_marker ? first : (first & (0xFF >> length));
  for (size_t i = 1; i < length; ++i) value = (value << 8) | At(s, *pos + i);
  *pos += length;
  return value;
}

std::optional<MediaType> SniffEbml(std::string_view head) {
  if (!StartsWith(head, "\x1A\x45\xDF\xA3")) return std::nullopt;
  size_t pos = 4;
  const auto header_size = ReadVint(head, &pos, /*keep_marker=*/false);
  if (!header_size) return std::nullopt;
  const size_t end = std::min<uint64_t>(head.size(), pos + std::min<uint64_t>(*header_size, 4096));
  while (pos < end) {
    const auto id = ReadVint(head, &pos, /*keep_marker=*/true);
    const auto size = ReadVint(head, &pos, /*keep_marker=*/false);
    if (!id || !size || *size > end - pos) return std::nullopt;
    if (*id == 0x4282) {  // DocType, a string that may be padded with NULs
      std::string_view doc_type = head.substr(pos, *size);
      while (!doc_type.empty() && doc_type.back() == '\0') doc_type.remove_suffix(1);
      if (doc_type == "webm") return kWebm;
      if (doc_type == "matroska") return kMatroska;
      return std::nullopt;
    }
    pos += *size;
  }
  return std::nullopt;
}

std::optional<MediaType> SniffOgg(std::string_view head) {
  // Page header: "OggS", version 0, flags, ..., segment count at 26, lacing values, payload.
  if (head.size() < 27 || !StartsWith(head, "OggS") || At(head, 4) != 0) return std::nullopt;
  const size_t payload = 27 + size_t{At(head, 26)};
  if (payload >= head.size()) return std::nullopt;
  const std::string_view packet = head.substr(payload);
  if (StartsWith(packet, "OpusHead") || StartsWith(packet, "\x01vorbis") ||
      StartsWith(packet,
                 "\x7F"
                 "FLAC") ||
      StartsWith(packet, "Speex   ")) {
    return kOggAudio;
  }
  if (StartsWith(packet, "\x80theora")) return kOggVideo;
  return std::nullopt;
}

std::optional<MediaType> SniffBmp(std::string_view head) {
  // "BM", file size, reserved, pixel offset, then the DIB header, which starts with its size.
  if (head.size() < 18 || !StartsWith(head, "BM")) return std::nullopt;
  switch (LittleEndian32(head, 14)) {
    case 12:
    case 16:
    case 40:
    case 52:
    case 56:
    case 64:
    case 108:
    case 124: return kBmp;
    default: return std::nullopt;
  }
}

std::optional<MediaType> SniffImage(std::string_view head) {
  // JPEG: SOI then the first marker (APPn, DQT, SOFn, COM...).
  if (head.size() >= 4 && StartsWith(head, "\xFF\xD8\xFF") && At(head, 3) >= 0xC0 &&
      At(head, 3) != 0xFF) {
    return kJpeg;
  }
  if (StartsWith(head, "\x89PNG\r\n\x1A\n")) return kPng;
  if (StartsWith(head, "GIF87a") || StartsWith(head, "GIF89a")) return kGif;
  if (StartsWith(head, std::string_view("II*\0", 4)) ||
      StartsWith(head, std::string_view("MM\0*", 4))) {
    return kTiff;
  }
  return SniffBmp(head);
}

}  // namespace

std::string_view Name(Family family) {
  switch (family) {
    case Family::kImage: return "image";
    case Family::kPdf: return "pdf";
    case Family::kAudio: return "audio";
    case Family::kVideo: return "video";
  }
  return "unknown";
}

std::optional<MediaType> Sniff(std::string_view head) {
  using Sniffer = std::optional<MediaType> (*)(std::string_view);
  static constexpr Sniffer kSniffers[] = {SniffImage, SniffRiff, SniffIsoBmff,
                                          SniffEbml,  SniffOgg,  SniffId3};
  for (Sniffer sniffer : kSniffers) {
    if (auto type = sniffer(head)) return type;
  }
  if (StartsWith(head, "%PDF-")) return kPdf;
  if (StartsWith(head, "fLaC")) return kFlac;
  if (StartsWith(head, "#!AMR\n")) return kAmr;
  if (StartsWith(head, "#!AMR-WB\n")) return kAmrWb;
  if (IsFrameStream(head, AdtsFrameLength)) return kAac;
  if (IsFrameStream(head, MpegAudioFrameLength)) return kMp3;
  return std::nullopt;
}

}  // namespace binhyen::evidence
