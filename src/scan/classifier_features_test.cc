#include "scan/internal/classifier_features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::scan::internal {
namespace {

std::vector<Feature> Features(std::string_view text, const FeatureConfig& config = {}) {
  std::vector<Feature> out;
  ForEachFeature(text, config, [&](const Feature& f) { out.push_back(f); });
  return out;
}

std::vector<std::string> Names(std::string_view text, const FeatureConfig& config = {}) {
  std::vector<std::string> out;
  for (const Feature& f : Features(text, config)) out.push_back(DescribeFeature(text, f));
  return out;
}

TEST(ClassifierFeaturesTest, ListsEveryFeatureInOrder) {
  // " ab c " padded, n-grams by their last byte: " ab"; "ab ", " ab "; "b c", "ab c", " ab c";
  // " c ", "b c ", "ab c " (spans clamped to the text); words ab, c; bigram "ab c"; the length.
  EXPECT_EQ(Names("ab c"), (std::vector<std::string>{
                               "char:'ab'", "char:'ab '", "char:'ab '", "char:'b c'", "char:'ab c'",
                               "char:'ab c'", "char:' c'", "char:'b c'", "char:'ab c'", "word:'ab'",
                               "word:'c'", "bigram:'ab c'", "shape:length<16"}));
}

TEST(ClassifierFeaturesTest, DigitsGeneraliseByShape) {
  std::vector<Feature> a = Features("call 0906170146 now");
  std::vector<Feature> b = Features("call 0123456789 now");
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].hash, b[i].hash) << i;
  std::vector<std::string> names = Names("call 0906170146 now");
  EXPECT_EQ(names[names.size() - 3], "shape:digits>=5");
  EXPECT_EQ(names[names.size() - 2], "shape:digits>=9");
  EXPECT_EQ(names.back(), "shape:length<32");
}

TEST(ClassifierFeaturesTest, ARunOfDigitsIsOneCharacterSymbol) {
  FeatureConfig config;
  config.char_min = 3;
  config.char_max = 3;
  config.shapes = false;
  config.word_bigrams = false;
  // " a 0 b ": 3-grams " a ", "a 0", " 0 ", "0 b", " b "; words a, 0000, b.
  EXPECT_EQ(Names("a 1234 b", config),
            (std::vector<std::string>{"char:'a '", "char:'a 0'", "char:' 0 '", "char:'0 b'",
                                      "char:' b'", "word:'a'", "word:'0000'", "word:'b'"}));
  std::vector<Feature> long_number = Features("a 0906170146 b", config);
  std::vector<Feature> short_number = Features("a 7 b", config);
  ASSERT_EQ(long_number.size(), short_number.size());
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(long_number[i].hash, short_number[i].hash) << i;
  EXPECT_NE(long_number[6].hash, short_number[6].hash);  // the words keep the length
  // The n-gram " 0 " spans the whole number.
  EXPECT_EQ(long_number[2].begin, 1u);
  EXPECT_EQ(long_number[2].end, 13u);
}

TEST(ClassifierFeaturesTest, FamiliesAndOrderGiveDistinctHashes) {
  FeatureConfig config;
  config.char_min = 2;
  config.char_max = 2;
  config.shapes = false;
  std::vector<Feature> f = Features("ab", config);
  // " a", "ab", "b " then word "ab": the char 2-gram "ab" and the word "ab" differ.
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1].kind, FeatureKind::kChar);
  EXPECT_EQ(f[3].kind, FeatureKind::kWord);
  EXPECT_NE(f[1].hash, f[3].hash);
  std::vector<Feature> xy = Features("x y", config);
  std::vector<Feature> yx = Features("y x", config);
  EXPECT_EQ(xy.back().kind, FeatureKind::kBigram);
  EXPECT_NE(xy.back().hash, yx.back().hash);
}

TEST(ClassifierFeaturesTest, HashesAreStable) {
  // Pinned so that a change to the hashing (which would silently break every trained model) is
  // noticed. The values were checked against an independent Python implementation.
  std::vector<Feature> f = Features(
      "a",
      FeatureConfig{
          .hash_bits = 18, .char_min = 3, .char_max = 3, .word_bigrams = false, .shapes = false});
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].hash, 3304631986507477791ull);   // " a "
  EXPECT_EQ(f[1].hash, 13079740177663961501ull);  // word "a"
  EXPECT_EQ(Finalize(1), 0xb456bcfc34c2cb2cull);
}

TEST(ClassifierFeaturesTest, ShapesSeeLinks) {
  auto has_link = [](std::string_view t) {
    for (const std::string& n : Names(t)) {
      if (n == "shape:link") return true;
    }
    return false;
  };
  EXPECT_TRUE(has_link("vao http://x.y ngay"));
  EXPECT_TRUE(has_link("vao www.abc ngay"));
  EXPECT_TRUE(has_link("vao vcb-hotro.vn ngay"));
  EXPECT_FALSE(has_link("ok lar... joking"));
  EXPECT_FALSE(has_link("gia 1.500.000 d"));
}

TEST(ClassifierFeaturesTest, SpansStayInsideTheText) {
  std::string text = "x\xc3\xa9 1 \x01";
  for (const Feature& f : Features(text)) {
    if (f.kind == FeatureKind::kShape) continue;
    EXPECT_LE(f.begin, f.end);
    EXPECT_LE(f.end, text.size());
  }
  // The padded "  " has no 3-gram and no word: only the length is left.
  EXPECT_EQ(Names(""), std::vector<std::string>{"shape:length<16"});
}

TEST(ClassifierFeaturesTest, ValidatesConfigs) {
  EXPECT_TRUE(ValidConfig(FeatureConfig{}));
  EXPECT_FALSE(ValidConfig(FeatureConfig{.hash_bits = 11}));
  EXPECT_FALSE(ValidConfig(FeatureConfig{.hash_bits = 23}));
  EXPECT_FALSE(ValidConfig(FeatureConfig{.char_min = 0}));
  EXPECT_FALSE(ValidConfig(FeatureConfig{.char_min = 4, .char_max = 3}));
  EXPECT_FALSE(ValidConfig(FeatureConfig{.char_max = 9}));
}

}  // namespace
}  // namespace binhyen::scan::internal
