#pragma once

// TESTS ONLY: a test suite whose tests share one OcrEngine (loading the models takes about
// 0.3 s) and each get a temporary directory for their images.

#include <gtest/gtest.h>

#include <memory>

#include "evidence/ocr.h"
#include "evidence/testing/test_images.h"

namespace binhyen::evidence::testing {

class OcrFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = OcrEngine::Create(OcrOptions{});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  static inline OcrEngine* engine_ = nullptr;
  TempDir dir_;
};

}  // namespace binhyen::evidence::testing
