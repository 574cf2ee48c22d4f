// `binhyen train --data FILE[:WEIGHT] [--data ...] [-o MODEL] [--cv K] [--test FILE] [--json]`:
// trains the message classifier (scan/classifier.h) on labelled TSV files, writes the model,
// cross-validates, or evaluates on a held-out file.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "scan/classifier.h"
#include "scan/scanner.h"
#include "scan/training.h"

namespace binhyen::app {
namespace {

struct TrainArgs {
  std::vector<std::string> data;
  std::string output;
  std::string test;
  int cv = 0;
  uint64_t seed = 1;
  int epochs = scan::TrainOptions().epochs;
  double threshold = 0.5;
  // --scanner: score with the whole scanner (built-in rules + the classifier being evaluated),
  // score / 100; the default threshold is then the scam verdict's (0.70).
  bool scanner = false;
  double max_fpr = 0.02;
  bool json = false;
  // --errors FILE: the examples on the wrong side of the threshold (out-of-fold with --cv).
  std::string errors;
};

int Fail(int code, const std::string& reason) {
  std::fprintf(stderr, "binhyen train: %s\n", reason.c_str());
  return code;
}

// One --data argument and where its examples are in the combined list.
struct DataFile {
  std::string path;
  double weight = 1.0;
  size_t begin = 0, end = 0;
};

// "FILE" or "FILE:WEIGHT" (a trailing ":<positive number>" is a weight).
DataFile ParseDataArg(const std::string& arg) {
  DataFile file{arg};
  size_t colon = arg.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == arg.size()) return file;
  const char* start = arg.c_str() + colon + 1;
  char* end = nullptr;
  double weight = std::strtod(start, &end);
  if (*end != '\0' || !std::isfinite(weight) || weight <= 0) return file;
  file.path = arg.substr(0, colon);
  file.weight = weight;
  return file;
}

// Reads and parses one TSV file; on failure prints the reason (with the file name) and returns
// false.
bool ReadExamples(const std::string& path, double weight, std::vector<scan::Example>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Fail(kExitBadInput, "cannot read " + path);
    return false;
  }
  std::string tsv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  base::Result<std::vector<scan::Example>> examples = scan::LoadExamples(tsv);
  if (!examples.ok()) {
    Fail(kExitBadInput, path + ": " + examples.status().message());
    return false;
  }
  for (scan::Example& e : *examples) {
    e.weight = weight;
    out->push_back(std::move(e));
  }
  return true;
}

nlohmann::json Counts(const std::string& path, std::span<const scan::Example> examples,
                      double weight = 1.0) {
  int64_t scam = 0, ok = 0;
  for (const scan::Example& e : examples) ++(e.scam ? scam : ok);
  return {{"path", path}, {"scam", scam}, {"ok", ok}, {"weight", weight}};
}

nlohmann::json MetricsJson(const scan::Metrics& m) {
  return {
      {"tp", m.tp},         {"fp", m.fp}, {"tn", m.tn},  {"fn", m.fn}, {"precision", m.precision},
      {"recall", m.recall}, {"f1", m.f1}, {"fpr", m.fpr}};
}

void PrintMetrics(const std::string& name, const scan::Metrics& m) {
  std::printf(
      "%-10s precision %.4f  recall %.4f  F1 %.4f  FPR %.4f  (tp %lld fp %lld tn %lld fn %lld)\n",
      name.c_str(), m.precision, m.recall, m.f1, m.fpr, static_cast<long long>(m.tp),
      static_cast<long long>(m.fp), static_cast<long long>(m.tn), static_cast<long long>(m.fn));
}

nlohmann::json OperatingPointJson(const scan::OperatingPoint& p, double max_fpr) {
  return {{"max_fpr", max_fpr}, {"threshold", p.threshold}, {"recall", p.recall}, {"fpr", p.fpr}};
}

void PrintOperatingPoint(const scan::OperatingPoint& p, double max_fpr) {
  std::printf("at FPR <= %.4f: recall %.4f, FPR %.4f, threshold %.4f\n", max_fpr, p.recall, p.fpr,
              p.threshold);
}

// The figures of `scores` (in the order of `examples`) at the threshold and under the FPR budget;
// printed under `name` unless --json.
nlohmann::json Figures(const TrainArgs& args, const std::string& name,
                       std::span<const scan::Example> examples, std::span<const double> scores) {
  scan::Metrics m;
  for (size_t i = 0; i < examples.size(); ++i) m.Add(scores[i] >= args.threshold, examples[i].scam);
  scan::OperatingPoint point = scan::RecallAtFpr(scores, examples, args.max_fpr);
  if (!args.json) {
    PrintMetrics(name, m);
    PrintOperatingPoint(point, args.max_fpr);
  }
  return {{"metrics", MetricsJson(m)}, {"recall_at_fpr", OperatingPointJson(point, args.max_fpr)}};
}

// The whole scanner's score (0-1) of `raw_text` with `classifier`, without index lookups: what
// rules and classifier say of the words alone.
scan::Scorer ScannerScorer(const scan::Scanner* scanner) {
  if (scanner == nullptr) return nullptr;
  return [scanner](const scan::Classifier& classifier, std::string_view raw_text) {
    return scanner->Scan(raw_text, {}, classifier).score / 100.0;
  };
}

// With --errors: writes every example on the wrong side of the threshold as
// `label<TAB>score<TAB>text` (the same format the data has, plus the score), worst first.
int WriteErrors(const TrainArgs& args, std::span<const scan::Example> examples,
                std::span<const double> scores) {
  if (args.errors.empty()) return kExitOk;
  std::vector<size_t> wrong;
  for (size_t i = 0; i < examples.size(); ++i) {
    if ((scores[i] >= args.threshold) != examples[i].scam) wrong.push_back(i);
  }
  const auto distance = [&](size_t i) { return std::abs(scores[i] - args.threshold); };
  std::stable_sort(wrong.begin(), wrong.end(),
                   [&](size_t a, size_t b) { return distance(a) > distance(b); });
  std::ofstream out(args.errors, std::ios::trunc);
  out << "label\tscore\ttext\n";
  for (size_t i : wrong) {
    out << (examples[i].scam ? "scam" : "ok") << '\t' << std::to_string(scores[i]) << '\t'
        << examples[i].text << '\n';
  }
  out.close();
  if (!out) return Fail(kExitFailure, "cannot write " + args.errors);
  return kExitOk;
}

// --cv K: per-fold, overall and (with several files) per-file figures.
int CrossValidate(const TrainArgs& args, std::span<const scan::Example> examples,
                  std::span<const DataFile> files, const scan::TrainOptions& options,
                  const scan::Scanner* scanner, nlohmann::json* report) {
  base::Result<scan::CrossValidation> cv = scan::CrossValidate(
      examples, args.cv, options, args.seed, ScannerScorer(scanner), args.threshold);
  if (!cv.ok()) return Fail(kExitBadInput, cv.status().message());
  nlohmann::json folds = nlohmann::json::array();
  for (size_t i = 0; i < cv->folds.size(); ++i) {
    folds.push_back(MetricsJson(cv->folds[i]));
    if (!args.json) PrintMetrics("fold " + std::to_string(i + 1), cv->folds[i]);
  }
  nlohmann::json overall = Figures(args, "overall", examples, cv->scores);
  nlohmann::json by_file = nlohmann::json::array();
  for (const DataFile& f : files) {
    if (files.size() < 2) break;
    std::span<const double> scores(cv->scores);
    nlohmann::json figures = Figures(args, f.path, examples.subspan(f.begin, f.end - f.begin),
                                     scores.subspan(f.begin, f.end - f.begin));
    figures["path"] = f.path;
    by_file.push_back(std::move(figures));
  }
  if (int code = WriteErrors(args, examples, cv->scores); code != kExitOk) return code;
  (*report)["cv"] = {{"k", args.cv},
                     {"scorer", scanner != nullptr ? "scanner" : "classifier"},
                     {"threshold", args.threshold},
                     {"folds", folds},
                     {"overall", overall["metrics"]},
                     {"recall_at_fpr", overall["recall_at_fpr"]},
                     {"by_file", by_file}};
  return kExitOk;
}

// --test FILE: the trained classifier's figures on examples it never saw.
int Test(const TrainArgs& args, const scan::Classifier& classifier, const scan::Scanner* scanner,
         nlohmann::json* report) {
  std::vector<scan::Example> test;
  if (!ReadExamples(args.test, 1.0, &test)) return kExitBadInput;
  std::vector<double> scores;
  scores.reserve(test.size());
  const scan::Scorer scorer = ScannerScorer(scanner);
  for (const scan::Example& e : test) {
    scores.push_back(scorer ? scorer(classifier, e.text)
                            : scan::ClassifierScore(classifier, e.text));
  }
  nlohmann::json figures = Figures(args, "test", test, scores);
  if (int code = WriteErrors(args, test, scores); code != kExitOk) return code;
  (*report)["test"] = {{"file", Counts(args.test, test)},
                       {"scorer", scanner != nullptr ? "scanner" : "classifier"},
                       {"threshold", args.threshold},
                       {"metrics", figures["metrics"]},
                       {"recall_at_fpr", figures["recall_at_fpr"]}};
  return kExitOk;
}

int WriteModel(const TrainArgs& args, const scan::Classifier& classifier, nlohmann::json* report) {
  std::string bytes = classifier.Serialize();
  std::ofstream out(args.output, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Fail(kExitFailure, "cannot write " + args.output);
  if (!args.json) {
    std::printf("wrote %s: %zu bytes, %zu non-zero weights\n", args.output.c_str(), bytes.size(),
                classifier.NonZeroWeights());
  }
  (*report)["model"] = {
      {"path", args.output}, {"bytes", bytes.size()}, {"nonzero", classifier.NonZeroWeights()}};
  return kExitOk;
}

int TrainAndUse(const TrainArgs& args, std::span<const scan::Example> examples,
                const scan::TrainOptions& options, const scan::Scanner* scanner,
                nlohmann::json* report) {
  base::Result<scan::Classifier> classifier = scan::Classifier::Train(examples, options);
  if (!classifier.ok()) return Fail(kExitBadInput, classifier.status().message());
  if (!args.output.empty()) {
    int code = WriteModel(args, *classifier, report);
    if (code != kExitOk) return code;
  }
  return args.test.empty() ? kExitOk : Test(args, *classifier, scanner, report);
}

// Reads every --data file into `examples`, printing the counts; false after an error.
bool ReadAll(const TrainArgs& args, std::vector<scan::Example>* examples,
             std::vector<DataFile>* files, nlohmann::json* report) {
  for (const std::string& arg : args.data) {
    DataFile file = ParseDataArg(arg);
    file.begin = examples->size();
    if (!ReadExamples(file.path, file.weight, examples)) return false;
    file.end = examples->size();
    nlohmann::json counts = Counts(
        file.path, std::span(*examples).subspan(file.begin, file.end - file.begin), file.weight);
    if (!args.json) {
      std::printf("%s: %lld scam, %lld ok", file.path.c_str(), counts["scam"].get<long long>(),
                  counts["ok"].get<long long>());
      if (file.weight != 1.0) std::printf(", weight %g", file.weight);
      std::printf("\n");
    }
    (*report)["files"].push_back(std::move(counts));
    files->push_back(std::move(file));
  }
  return true;
}

int RunTrain(const TrainArgs& args) {
  if (args.output.empty() && args.cv == 0 && args.test.empty()) {
    return Fail(kExitBadInput, "nothing to do: give -o MODEL, --cv K or --test FILE");
  }
  std::vector<scan::Example> examples;
  std::vector<DataFile> files;
  nlohmann::json report = {{"files", nlohmann::json::array()}};
  if (!ReadAll(args, &examples, &files, &report)) return kExitBadInput;
  scan::TrainOptions options;
  options.seed = args.seed;
  options.epochs = args.epochs;
  // The built-in rules, with each evaluated classifier in turn.
  std::optional<scan::Scanner> scanner;
  if (args.scanner) {
    base::Result<scan::Scanner> built_in = scan::Scanner::BuiltIn();
    if (!built_in.ok()) return Fail(kExitFailure, built_in.status().message());
    scanner.emplace(std::move(built_in).value());
  }
  const scan::Scanner* with = scanner ? &*scanner : nullptr;
  int code = args.cv > 0 ? CrossValidate(args, examples, files, options, with, &report) : kExitOk;
  if (code == kExitOk && (!args.output.empty() || !args.test.empty())) {
    code = TrainAndUse(args, examples, options, with, &report);
  }
  if (code == kExitOk && args.json) std::printf("%s\n", report.dump(2).c_str());
  return code;
}

}  // namespace

void RegisterTrain(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Train the message classifier on labelled TSV files (label<TAB>text; labels scam/ok or "
      "spam/ham), write the model, cross-validate or test on a held-out file");
  cmd->add_option("--data", args->data,
                  "Training file, label<TAB>text per line (repeatable); FILE:WEIGHT makes each of "
                  "its examples count WEIGHT times")
      ->required();
  cmd->add_option("-o,--output", args->output, "Write the trained model to this file");
  cmd->add_option("--cv", args->cv, "k-fold cross-validation: per-fold and overall figures")
      ->check(CLI::Range(2, 100));
  cmd->add_option("--test", args->test, "Evaluate the trained model on this held-out file");
  cmd->add_option("--seed", args->seed, "Seed of the shuffles and folds (default 1)");
  cmd->add_option("--epochs", args->epochs, "Passes over the data")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "Probability from which a message is a scam")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--max-fpr", args->max_fpr, "False-positive budget for the recall figure")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the figures as one JSON document");
  cmd->add_option("--errors", args->errors,
                  "With --cv or --test: write the misclassified examples (label, score, text; "
                  "out-of-fold with --cv) to this file, the most confident mistakes first");
  cmd->add_flag("--scanner", args->scanner,
                "Evaluate the whole scanner (built-in rules + the classifier trained here, no "
                "index lookups; score/100) instead of the classifier alone; default threshold 0.70 "
                "(the scam verdict)");
  cmd->callback([args, exit_code, cmd] {
    if (args->scanner && cmd->count("--threshold") == 0) args->threshold = 0.70;
    *exit_code = RunTrain(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
