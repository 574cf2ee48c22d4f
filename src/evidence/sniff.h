#pragma once

// Evidence file types, from content only.
//
// Residents upload screenshots, photos, PDFs, call recordings and screen videos. Their names and
// the Content-Type their browser or bot sends are not trusted: the type is read from the magic
// numbers at the start of the file. Anything not recognised here (executables, archives, office
// documents, HTML, SVG, which can carry scripts, plain text...) is refused by the caller.

#include <cstddef>
#include <optional>
#include <string_view>

namespace binhyen::evidence {

enum class Family { kImage, kPdf, kAudio, kVideo };

// "image", "pdf", "audio", "video".
std::string_view Name(Family family);

// A recognised media type. The strings are static (they outlive every caller).
struct MediaType {
  std::string_view name;       // IANA media type, e.g. "image/png"
  Family family;               // what the analysts' viewer does with it
  std::string_view extension;  // file name extension without the dot, e.g. "png"

  friend bool operator==(const MediaType&, const MediaType&) = default;
};

// How many leading bytes Sniff may look at: callers with a long file pass (at least) this many.
// Fewer bytes are fine, and give nullopt only when the type cannot be decided from them.
inline constexpr size_t kSniffBytes = 4096;

// The type of a file from its first bytes (`head`; the whole file or its first kSniffBytes),
// never from its name or a client's Content-Type. nullopt for anything else.
//
// Recognised:
//   image: JPEG, PNG, GIF, WebP (RIFF/WEBP), BMP (with a valid DIB header size), TIFF (both byte
//          orders), HEIC / HEIF / AVIF (ISO BMFF brands heic heix hevc hevx mif1 msf1 avif avis)
//   pdf:   "%PDF-" at offset 0. PDF readers accept the marker anywhere in the first 1024 bytes;
//          we require it at the very start so that a file cannot be both a PDF and something
//          else (HTML/PDF and ZIP/PDF polyglots put their other format first).
//   audio: MP3 (an ID3v2 tag, or two consecutive MPEG audio frame headers with valid
//          version / layer / bitrate / sample-rate bits; one when the head ends before the
//          second), Ogg Opus / Vorbis / FLAC / Speex, WAV (RIFF/WAVE), FLAC, M4A / M4B
//          (ISO BMFF), AMR and AMR-WB (phone call recordings), AAC in ADTS frames
//   video: MP4 (ISO BMFF isom iso2..iso6 mp41 mp42 avc1 dash), QuickTime (qt), 3GPP (3gp*, 3ge*,
//          3gg*), 3GPP2 (3g2*), WebM and Matroska (EBML DocType), AVI (RIFF/AVI), Ogg Theora
// An ISO BMFF file is typed by its major brand, or else by the first known compatible brand.
// Thread safety: pure; thread-safe.
std::optional<MediaType> Sniff(std::string_view head);

}  // namespace binhyen::evidence
