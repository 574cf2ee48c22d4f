#include "scan/classifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "scan/training.h"
#include "text/matching.h"

namespace binhyen::scan {
namespace {

using ::testing::HasSubstr;

std::string Norm(std::string_view raw) { return text::NormalizeForMatching(raw).text; }

std::vector<Example> Synthetic() {
  std::vector<Example> out;
  const char* scams[] = {"win a free prize now",         "claim your free cash prize",
                         "urgent you won a prize claim", "free prize waiting call now",
                         "winner claim cash now",        "you have won free cash"};
  const char* oks[] = {"see you at dinner tonight",  "can you pick up the kids",
                       "dinner is ready at home",    "the kids are at school",
                       "meet me at home after work", "thanks see you after school"};
  for (const char* s : scams) out.push_back({s, true});
  for (const char* s : oks) out.push_back({s, false});
  return out;
}

TrainOptions SmallOptions() {
  TrainOptions o;
  o.epochs = 60;
  o.l1 = 0;
  o.scam_weight = 1;
  o.features.hash_bits = 14;
  return o;
}

std::vector<Example> Uci() {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/data/scan/corpus/uci_sms.tsv",
                   std::ios::binary);
  std::string tsv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  base::Result<std::vector<Example>> examples = LoadExamples(tsv);
  EXPECT_TRUE(examples.ok()) << examples.status().ToString();
  return examples.ok() ? *examples : std::vector<Example>{};
}

TEST(ClassifierTest, LearnsATinySyntheticSet) {
  base::Result<Classifier> c = Classifier::Train(Synthetic(), SmallOptions());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_GT(c->Probability(Norm("WIN a FREE cash prize, claim now")), 0.9);
  EXPECT_LT(c->Probability(Norm("see you at home after dinner")), 0.1);
}

TEST(ClassifierTest, TrainingIsReproducibleByteForByte) {
  std::vector<Example> uci = Uci();
  ASSERT_EQ(uci.size(), 5574u);
  uci.resize(1500);  // enough to exercise every step; the whole set is checked by train_cli
  TrainOptions options;
  base::Result<Classifier> a = Classifier::Train(uci, options);
  base::Result<Classifier> b = Classifier::Train(uci, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->Serialize(), b->Serialize());
  options.seed = 2;
  base::Result<Classifier> other = Classifier::Train(uci, options);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(a->Serialize(), other->Serialize());
}

TEST(ClassifierTest, WeightsCountInTraining) {
  std::vector<Example> examples = Synthetic();
  base::Result<Classifier> plain = Classifier::Train(examples, SmallOptions());
  examples.push_back({"dinner prize", false});
  base::Result<Classifier> light = Classifier::Train(examples, SmallOptions());
  examples.back().weight = 20;
  base::Result<Classifier> heavy = Classifier::Train(examples, SmallOptions());
  ASSERT_TRUE(plain.ok() && light.ok() && heavy.ok());
  // An ordinary "dinner prize" pulls "prize" down, twenty times as hard with weight 20.
  const std::string prize = Norm("prize");
  EXPECT_GT(plain->Probability(prize), light->Probability(prize));
  EXPECT_GT(light->Probability(prize), heavy->Probability(prize));
}

TEST(ClassifierTest, SerializeLoadRoundTripScoresIdentically) {
  base::Result<Classifier> c = Classifier::Train(Synthetic(), SmallOptions());
  ASSERT_TRUE(c.ok());
  std::string bytes = c->Serialize();
  base::Result<Classifier> loaded = Classifier::Load(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->Serialize(), bytes);
  EXPECT_EQ(loaded->NonZeroWeights(), c->NonZeroWeights());
  for (const char* t : {"", "win a free prize", "see you at dinner", "call 0906 170 1461 now!!",
                        "Chúc mừng bạn trúng thưởng"}) {
    EXPECT_EQ(loaded->Probability(Norm(t)), c->Probability(Norm(t))) << t;
  }
}

TEST(ClassifierTest, ProbabilityIsWithinZeroAndOne) {
  base::Result<Classifier> c = Classifier::Train(Synthetic(), SmallOptions());
  ASSERT_TRUE(c.ok());
  for (const std::string& t : {std::string(), std::string(70000, 'x'), std::string("\xff\xfe", 2),
                               std::string("free prize ") + std::string(5000, '!')}) {
    double p = c->Probability(t);
    EXPECT_GE(p, 0.0);
    EXPECT_LE(p, 1.0);
  }
}

// A valid model with a small table, to damage in the tests below.
std::string SmallModel() {
  TrainOptions o = SmallOptions();
  o.features.hash_bits = 12;
  base::Result<Classifier> c = Classifier::Train(Synthetic(), o);
  EXPECT_TRUE(c.ok());
  return c.ok() ? c->Serialize() : std::string();
}

// Replaces the trailing checksum so that only the damage under test is wrong.
std::string Reseal(std::string bytes) {
  bytes.resize(bytes.size() - 8);
  uint64_t h = internal::kFnvOffset;
  for (char ch : bytes) h = internal::FnvStep(h, static_cast<unsigned char>(ch));
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((h >> (8 * i)) & 0xff));
  return bytes;
}

void ExpectInvalid(std::string_view bytes, std::string_view message_part) {
  base::Result<Classifier> c = Classifier::Load(bytes);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr(message_part));
}

TEST(ClassifierLoadTest, RejectsBadMagic) {
  std::string bytes = SmallModel();
  ExpectInvalid("", "bad magic");
  ExpectInvalid("hello world, not a model at all", "bad magic");
  bytes[0] = 'X';
  ExpectInvalid(bytes, "bad magic");
}

TEST(ClassifierLoadTest, RejectsOtherVersions) {
  std::string bytes = SmallModel();
  bytes[8] = 2;
  ExpectInvalid(Reseal(bytes), "unsupported version 2 (this build reads 1)");
}

TEST(ClassifierLoadTest, RejectsEveryTruncation) {
  std::string bytes = SmallModel();
  ASSERT_GT(bytes.size(), 50u);
  for (size_t n = 0; n < bytes.size(); ++n) {
    base::Result<Classifier> c = Classifier::Load(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(c.ok()) << n;
    EXPECT_EQ(c.status().code(), base::StatusCode::kInvalidArgument) << n;
  }
  ExpectInvalid(bytes.substr(0, 20), "truncated");
  ExpectInvalid(bytes.substr(0, bytes.size() - 1), "checksum mismatch");
}

TEST(ClassifierLoadTest, RejectsDamageAndTrailingData) {
  std::string bytes = SmallModel();
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  ExpectInvalid(flipped, "checksum mismatch");
  // One more byte before the checksum, properly sealed: the weights end before the data does.
  std::string longer = bytes.substr(0, bytes.size() - 8) + std::string(1, '\0') + "12345678";
  ExpectInvalid(Reseal(longer), "unexpected data after the weights");
}

TEST(ClassifierLoadTest, RejectsBadHeaderFields) {
  std::string bytes = SmallModel();
  std::string bits = bytes;
  bits[12] = 40;  // hash bits
  ExpectInvalid(Reseal(bits), "feature configuration out of range (hash bits 40");
  std::string chars = bytes;
  chars[13] = 6;  // char_min above char_max (5)
  ExpectInvalid(Reseal(chars), "feature configuration out of range");
  std::string flags = bytes;
  flags[15] = 0x7f;
  ExpectInvalid(Reseal(flags), "unknown feature flags");
  std::string scale = bytes;
  for (int i = 24; i < 32; ++i) scale[i] = 0;  // scale 0.0
  ExpectInvalid(Reseal(scale), "bias or scale");
  std::string count = bytes;
  count[32] = static_cast<char>(0xa0);  // 4000 entries: more than the data holds
  count[33] = 0x0f;
  ExpectInvalid(Reseal(count), "truncated or malformed weight");
  count[34] = 1;  // 0x10fa0 entries: more than the 4096 buckets
  ExpectInvalid(Reseal(count), "more weights than buckets");
}

// A hand-made model with 12 hash bits, bias 0, scale 1 and the given (delta, weight) entries.
std::string Craft(const std::vector<std::pair<uint32_t, int16_t>>& entries) {
  std::string b("BHYCLF\r\n\x01\0\0\0\x0c\x03\x05\x03", 16);
  auto le = [&](uint64_t v, int n) {
    for (int i = 0; i < n; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  le(0, 8);                      // bias 0.0
  le(0x3ff0000000000000ull, 8);  // scale 1.0
  le(entries.size(), 4);
  for (auto [delta, q] : entries) {
    for (; delta >= 0x80; delta >>= 7) b.push_back(static_cast<char>((delta & 0x7f) | 0x80));
    b.push_back(static_cast<char>(delta));
    le(static_cast<uint16_t>(q), 2);
  }
  le(0, 8);
  return Reseal(b);
}

TEST(ClassifierLoadTest, ChecksEveryWeightEntry) {
  base::Result<Classifier> ok = Classifier::Load(Craft({{5, 7}, {300, -2}}));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->NonZeroWeights(), 2u);
  EXPECT_EQ(ok->features().hash_bits, 12);
  ExpectInvalid(Craft({{5000, 7}}), "weight index out of range at entry 0");
  ExpectInvalid(Craft({{5, 7}, {4091, 1}}), "weight index out of range at entry 1");
  ExpectInvalid(Craft({{5, 7}, {0, 3}}), "weight indices not increasing at entry 1");
  ExpectInvalid(Craft({{5, 0}}), "zero weight stored at entry 0");
}

TEST(ClassifierTrainTest, RejectsUnusableInput) {
  std::vector<Example> none;
  EXPECT_THAT(Classifier::Train(none, TrainOptions()).status().message(), HasSubstr("no examples"));
  std::vector<Example> one_label = {{"a", true}, {"b", true}};
  EXPECT_THAT(Classifier::Train(one_label, TrainOptions()).status().message(),
              HasSubstr("both labels"));
  TrainOptions bad;
  bad.epochs = 0;
  EXPECT_EQ(Classifier::Train(Synthetic(), bad).status().code(),
            base::StatusCode::kInvalidArgument);
  bad = TrainOptions();
  bad.features.hash_bits = 30;
  EXPECT_EQ(Classifier::Train(Synthetic(), bad).status().code(),
            base::StatusCode::kInvalidArgument);
  std::vector<Example> weighted = Synthetic();
  weighted[3].weight = 0;
  EXPECT_THAT(Classifier::Train(weighted, TrainOptions()).status().message(),
              HasSubstr("example 3 has a weight that is not positive and finite"));
  weighted[3].weight = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Classifier::Train(weighted, TrainOptions()).status().code(),
            base::StatusCode::kInvalidArgument);
  bad = TrainOptions();
  bad.alpha = std::nan("");
  EXPECT_EQ(Classifier::Train(Synthetic(), bad).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(ClassifierTest, TopContributionsAreTheScamWords) {
  base::Result<Classifier> c = Classifier::Train(Synthetic(), SmallOptions());
  ASSERT_TRUE(c.ok());
  std::vector<Contribution> top = c->TopContributions(Norm("free prize for dinner"), 5);
  ASSERT_EQ(top.size(), 5u);
  for (size_t i = 1; i < top.size(); ++i) EXPECT_GE(top[i - 1].weight, top[i].weight);
  EXPECT_GT(top.back().weight, 0);
  // The scam words lead: every top feature is a piece of "free prize", none of "for dinner".
  for (const Contribution& t : top) {
    size_t open = t.feature.find('\'');
    ASSERT_NE(open, std::string::npos) << t.feature;
    std::string piece = t.feature.substr(open + 1, t.feature.size() - open - 2);
    EXPECT_NE(std::string(" free prize ").find(piece), std::string::npos) << t.feature;
  }
  EXPECT_EQ(c->TopContributions(Norm("free prize"), 0).size(), 0u);
}

TEST(ClassifierBuiltInTest, ScoresTheClassicExamples) {
  base::Result<Classifier> c = Classifier::BuiltIn();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_GT(c->Probability(Norm("WINNER!! You have won a £1000 prize, call 09061701461 to claim")),
            0.9);
  EXPECT_LT(c->Probability(Norm("Ok lar... Joking wif u oni")), 0.1);
}

}  // namespace
}  // namespace binhyen::scan
