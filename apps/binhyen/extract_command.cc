// `binhyen extract [FILE|-] [--batch]`: indicators found in free text, as JSON lines.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "commands.h"
#include "indicator/extract.h"
#include "json_output.h"

namespace binhyen::app {
namespace {

struct ExtractArgs {
  std::string input = "-";
  bool batch = false;
};

// Opens FILE or stdin ("-"). Returns nullptr (after printing the reason) when FILE is unreadable.
std::istream* OpenInput(const std::string& path, std::ifstream* file) {
  if (path == "-") return &std::cin;
  file->open(path, std::ios::binary);
  if (!*file) {
    std::fprintf(stderr, "binhyen extract: cannot read %s\n", path.c_str());
    return nullptr;
  }
  return file;
}

int ExtractWhole(std::istream& in) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& e : indicator::Extract(text)) {
    std::fputs(DumpLine(ExtractedToJson(e)).c_str(), stdout);
    std::fputc('\n', stdout);
  }
  return kExitOk;
}

// One output line per input line, in order. A line that is not a JSON object with a string
// "text" yields {"id": <id or null>, "line": N, "error": "..."} and the run goes on; the exit code
// is then 2, so that scripts notice while no other line is lost.
int ExtractBatch(std::istream& in) {
  int exit_code = kExitOk;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json out;
    nlohmann::json req = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    std::string error;
    if (req.is_discarded()) {
      error = "not valid JSON";
    } else if (!req.is_object()) {
      error = "expected a JSON object {\"id\": ..., \"text\": \"...\"}";
    } else if (!req.contains("text") || !req["text"].is_string()) {
      error = "missing string field \"text\"";
    }
    out["id"] = (req.is_object() && req.contains("id")) ? req["id"] : nlohmann::json(nullptr);
    if (!error.empty()) {
      out["line"] = line_no;
      out["error"] = error;
      std::fprintf(stderr, "binhyen extract: line %zu: %s\n", line_no, error.c_str());
      exit_code = kExitBadInput;
    } else {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : indicator::Extract(req["text"].get_ref<const std::string&>())) {
        list.push_back(ExtractedToJson(e));
      }
      out["indicators"] = std::move(list);
    }
    std::fputs(DumpLine(out).c_str(), stdout);
    std::fputc('\n', stdout);
  }
  return exit_code;
}

}  // namespace

void RegisterExtract(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Find indicators (links, domains, IPs, phones, bank accounts, emails, social profiles) in "
      "text; print one JSON object per indicator per line: {kind, raw, canonical, start, end} "
      "with byte offsets");
  cmd->add_option("input", args->input, "File to read, or - for standard input")->default_val("-");
  cmd->add_flag("--batch", args->batch,
                "Read JSON lines {\"id\": ..., \"text\": \"...\"}; print one line per input: "
                "{\"id\": ..., \"indicators\": [...]}");
  cmd->callback([args, exit_code] {
    std::ifstream file;
    std::istream* in = OpenInput(args->input, &file);
    if (in == nullptr) {
      *exit_code = kExitBadInput;
      return;
    }
    *exit_code = args->batch ? ExtractBatch(*in) : ExtractWhole(*in);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
