// `binhyen scan [--json] [--image FILE] [FILE|-]`: the message scanner from the command line.
// `binhyen scan --batch [FILE|-]`: JSON lines {"id", "text"} in, one answer per line out.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "api/scan_json.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "evidence/image.h"
#include "json_output.h"
#include "service/message_scans.h"
#include "service/reputation.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct ScanArgs {
  StoreOptions store;
  bool data_given = false;
  bool json = false;
  bool batch = false;
  std::string image;
  std::string input = "-";
};

base::Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::InvalidArgumentError(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The reputation index of the data directory, when there is one: with --data, it must open;
// without, ./var is used if it holds a database, and indicators are not looked up otherwise.
struct Index {
  std::unique_ptr<CliSession> session;
  std::unique_ptr<service::Reputation> reputation;
};

base::Result<Index> OpenIndex(const ScanArgs& args) {
  Index index;
  const bool default_present = std::filesystem::exists(args.store.data_dir + "/binhyen.db");
  if (!args.data_given && args.store.store_url.empty() && !default_present) {
    std::fprintf(stderr,
                 "binhyen scan: no data directory (./var): links, numbers and accounts are not "
                 "looked up in the reputation index\n");
    return index;
  }
  BINHYEN_ASSIGN_OR_RETURN(
      index.session,
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting));
  index.reputation =
      std::make_unique<service::Reputation>(*index.session->env().store, index.session->clock());
  BINHYEN_RETURN_IF_ERROR(index.reputation->Refresh());
  return index;
}

std::string Upper(std::string_view verdict) {
  if (verdict == "scam") return "LỪA ĐẢO / SCAM";
  if (verdict == "suspicious") return "ĐÁNG NGỜ / SUSPICIOUS";
  return "CHƯA THẤY DẤU HIỆU LỪA ĐẢO / NO KNOWN SIGN OF A SCAM";
}

// An indicator's verdict in both languages.
std::string IndicatorVerdictWords(std::string_view verdict) {
  if (verdict == "dangerous") return "đã xác định là lừa đảo / confirmed scam";
  if (verdict == "suspicious") return "có trong danh sách cảnh báo bên ngoài / on an outside list";
  if (verdict == "trusted") return "trang chính thức / official site";
  return "chưa có trong danh sách / not listed";
}

// The answer for a person at a terminal: verdict, reasons, what to do.
void PrintReadable(const nlohmann::json& j) {
  std::string line = "Kết luận / Verdict: " + Upper(j["verdict"].get<std::string>()) + " — " +
                     std::to_string(j["score"].get<int>()) + "/100";
  const std::string label = j["category_label"]["vi"];
  if (!label.empty()) line += " (" + label + ")";
  std::printf("%s\n", line.c_str());
  if (!j["reasons"].empty()) std::printf("\nVì sao / Why:\n");
  for (const nlohmann::json& r : j["reasons"]) {
    std::printf("  • [%s] \"%s\"\n    %s\n    %s\n", r["rule"].get<std::string>().c_str(),
                r["excerpt"].get<std::string>().c_str(),
                r["explanation"]["vi"].get<std::string>().c_str(),
                r["explanation"]["en"].get<std::string>().c_str());
  }
  if (!j["indicators"].empty()) std::printf("\nTrong tin nhắn / Found in the message:\n");
  for (const nlohmann::json& i : j["indicators"]) {
    std::printf("  • %s %s: %s\n", i["kind"].get<std::string>().c_str(),
                i["canonical"].get<std::string>().c_str(),
                IndicatorVerdictWords(i["verdict"].get<std::string>()).c_str());
  }
  std::printf("\nNên làm gì / What to do:\n  %s\n  %s\n",
              j["advice"]["vi"].get<std::string>().c_str(),
              j["advice"]["en"].get<std::string>().c_str());
  if (j.contains("ocr_timed_out") && j["ocr_timed_out"].get<bool>()) {
    std::printf("\n(Đọc ảnh quá lâu nên chỉ phân tích được một phần / OCR timed out: partial)\n");
  }
}

// One JSON line per input line; a bad line gets {"id", "error"} and the rest goes on.
int RunBatch(const service::MessageScans& scans, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  size_t number = 0;
  bool failed = false;
  std::string answer;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json in = nlohmann::json::parse(line, nullptr, false);
    nlohmann::json id = in.is_object() && in.contains("id") ? in["id"] : nlohmann::json(number);
    std::string error;
    if (!in.is_object()) {
      error = "line " + std::to_string(number) + ": not a JSON object";
    } else if (!in.contains("text") || !in["text"].is_string()) {
      error = "line " + std::to_string(number) + ": \"text\" must be a string";
    }
    if (!error.empty()) {
      failed = true;
      std::printf("%s\n", DumpLine({{"id", id}, {"error", error}}).c_str());
      continue;
    }
    answer.clear();
    api::AppendScanBatchJson(id, scans.ScanText(in["text"].get_ref<const std::string&>()), &answer);
    answer.push_back('\n');
    std::fwrite(answer.data(), 1, answer.size(), stdout);
  }
  return failed ? kExitBadInput : kExitOk;
}

int RunScan(ScanArgs args) {
  base::Result<scan::Scanner> scanner = scan::Scanner::BuiltIn();
  if (!scanner.ok()) return Fail("scan", scanner.status());
  base::Result<Index> index = OpenIndex(args);
  if (!index.ok()) return Fail("scan", index.status());
  base::SystemClock clock;
  // Without a data directory, an empty index: every indicator is "unknown".
  auto empty = std::make_shared<const service::ReputationView>(index::Snapshot::Empty(),
                                                               index::Snapshot::Empty(), 0);
  service::Reputation* reputation = index->reputation.get();
  evidence::SetImageDecoderMessages(false);
  service::MessageScans scans(
      *scanner, [reputation, empty] { return reputation != nullptr ? reputation->view() : empty; },
      clock);

  if (!args.image.empty()) {
    base::Result<std::string> bytes = ReadInput(args.image);
    if (!bytes.ok()) return Fail("scan", bytes.status());
    base::Result<service::MessageScan> scan = scans.ScanImage(*bytes);
    if (!scan.ok()) return Fail("scan", scan.status());
    nlohmann::json j = api::ScanJson(*scan);
    if (args.json) {
      std::printf("%s\n", DumpLine(j).c_str());
    } else {
      std::printf("Chữ đọc được trong ảnh / Text read from the image:\n%s\n\n",
                  j["scanned_text"].get<std::string>().c_str());
      PrintReadable(j);
    }
    return kExitOk;
  }
  base::Result<std::string> text = ReadInput(args.input);
  if (!text.ok()) return Fail("scan", text.status());
  if (args.batch) return RunBatch(scans, *text);
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail("scan", base::InvalidArgumentError("the message is empty"));
  }
  nlohmann::json j = api::ScanJson(scans.ScanText(*text));
  if (args.json) {
    std::printf("%s\n", DumpLine(j).c_str());
  } else {
    PrintReadable(j);
  }
  return kExitOk;
}

}  // namespace

void RegisterScan(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Scan a message (SMS, chat) or a screenshot for scam signs: score 0-100, verdict, reasons "
      "and advice in Vietnamese and English");
  AddStoreOptions(cmd, &args->store);
  cmd->add_flag("--json", args->json, "Print the API's JSON answer");
  cmd->add_flag("--batch", args->batch,
                "Read JSON lines {\"id\", \"text\"}; print one {\"id\", \"score\", \"verdict\", "
                "\"category\", \"reasons\", \"indicators\"} per line");
  cmd->add_option("--image", args->image, "A screenshot to read (OCR and QR codes) and scan");
  cmd->add_option("input", args->input, "File with the message, or - for standard input");
  cmd->callback([args, exit_code, cmd] {
    args->data_given = cmd->count("--data") > 0;
    *exit_code = RunScan(*args);
  });
}

}  // namespace binhyen::app
