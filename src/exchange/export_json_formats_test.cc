// Golden texts of the JSON exports (STIX 2.1, MISP event and feed manifest) of FixtureInput().
// The goldens are pretty-printed here for review; the export is the compact form of the same
// JSON with keys in this order, which the tests compare byte for byte.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "exchange/export_formats.h"
#include "exchange/internal/export_common.h"
#include "exchange/internal/export_test_fixture.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;
using testing::At;
using testing::Entry;
using testing::FixtureInput;

// The exact compact text of a pretty-printed golden.
std::string Compact(std::string_view pretty) {
  return nlohmann::ordered_json::parse(pretty).dump() + "\n";
}

constexpr std::string_view kGoldenStix = R"golden({
  "type": "bundle",
  "id": "bundle--284de2f5-c3d3-52fa-bf66-dfdc4c992321",
  "objects": [
    {
      "type": "identity",
      "spec_version": "2.1",
      "id": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-01-01T00:00:00.000Z",
      "modified": "2026-01-01T00:00:00.000Z",
      "name": "Bình Yên",
      "identity_class": "organization",
      "contact_information": "https://binhyen.example"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--a486ef00-1a26-57e9-b5f9-2b4c757e0208",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "http://vcb-xacminh.top/dang-nhap?a=1,2",
      "description": "Bình Yên: url, phishing, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[url:value = 'http://vcb-xacminh.top/dang-nhap?a=1,2']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "labels": [
        "phishing"
      ],
      "external_references": [
        {
          "source_name": "Bình Yên",
          "url": "https://binhyen.example/canhbao/vcb-gia-mao"
        }
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--154605d5-6185-58ed-b845-1af84f489e86",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "evil.blogspot.com",
      "description": "Bình Yên: domain, phishing, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[domain-name:value = 'evil.blogspot.com']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "labels": [
        "phishing"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--f8998abe-9bfe-5090-b1b5-5ee6d6c85c21",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-10-15T12:00:00.000Z",
      "modified": "2026-11-25T07:45:30.000Z",
      "name": "nhanqua-shopee.xyz",
      "description": "Bình Yên: domain, prize, severity medium",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[domain-name:value = 'nhanqua-shopee.xyz']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-10-15T12:00:00.000Z",
      "labels": [
        "prize"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--d6d5c4c1-9f5c-54b3-b02a-925c11859adf",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "vcb-xacminh.top",
      "description": "Bình Yên: domain, phishing, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[domain-name:value = 'vcb-xacminh.top']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "valid_until": "2027-05-01T00:00:00.000Z",
      "labels": [
        "phishing"
      ],
      "external_references": [
        {
          "source_name": "Bình Yên",
          "url": "https://binhyen.example/canhbao/vcb-gia-mao"
        }
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--045e0d05-6f66-5b19-8fcc-e10038f4b283",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "2001:db8::7",
      "description": "Bình Yên: ip, malware, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[ipv6-addr:value = '2001:db8::7']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "labels": [
        "malware"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--6639a9e8-6259-5e6c-a990-f196ed2a1e64",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "203.0.113.7",
      "description": "Bình Yên: ip, malware, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[ipv4-addr:value = '203.0.113.7']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "labels": [
        "malware"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--ddafe24c-098b-5fd6-b6d5-bdae71aeca92",
      "created_by_ref": "identity--d14e7bb8-f657-56ae-8362-6a75a59ea67d",
      "created": "2026-11-01T08:00:00.000Z",
      "modified": "2026-11-20T09:30:00.000Z",
      "name": "hotro@vcb-xacminh.top",
      "description": "Bình Yên: email, phishing, severity high",
      "indicator_types": [
        "malicious-activity"
      ],
      "pattern": "[email-addr:value = 'hotro@vcb-xacminh.top']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2026-11-01T08:00:00.000Z",
      "labels": [
        "phishing"
      ]
    }
  ]
})golden";

constexpr std::string_view kGoldenMisp = R"golden({
  "Event": {
    "uuid": "f0e2eed7-8348-5ee0-99ae-3c370fc5889e",
    "info": "Bình Yên – chỉ báo lừa đảo đã xác minh, phiên bản 42",
    "date": "2026-11-28",
    "timestamp": "1795904002",
    "publish_timestamp": "1795904002",
    "published": true,
    "analysis": "2",
    "threat_level_id": "2",
    "distribution": "3",
    "Orgc": {
      "name": "Bình Yên",
      "uuid": "e1683648-221b-51e0-a2db-6fadb6056c12"
    },
    "Tag": [
      {
        "name": "tlp:white"
      }
    ],
    "Attribute": [
      {
        "uuid": "c9781a05-29ba-5517-80a4-1c6c6786eb72",
        "type": "email-src",
        "category": "Payload delivery",
        "value": "hotro@vcb-xacminh.top",
        "to_ids": true,
        "distribution": "5",
        "sharing_group_id": "0",
        "disable_correlation": false,
        "deleted": false,
        "timestamp": "1795904002",
        "comment": "phishing"
      }
    ],
    "Object": [
      {
        "uuid": "adc90db7-8682-56df-8f11-ef7e6427d9fc",
        "name": "url",
        "meta-category": "network",
        "description": "url object describes an url along with its normalized field (like extracted using faup parsing library) and its metadata.",
        "template_uuid": "60efb77b-40b5-4c46-871b-ed1ed999fce5",
        "template_version": "10",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "phishing",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "47677587-df31-50a1-81ed-774903ed81c7",
            "object_relation": "url",
            "type": "url",
            "category": "Network activity",
            "value": "http://vcb-xacminh.top/dang-nhap?a=1,2",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "613a094e-0fb0-596b-bfbb-988bc10c19fa",
        "name": "domain-ip",
        "meta-category": "network",
        "description": "A domain/hostname and IP address seen as a tuple in a specific time frame.",
        "template_uuid": "43b3b146-77eb-4931-b4cc-b66c60f28734",
        "template_version": "11",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "phishing",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "5bd244a0-75b8-5db8-8752-471af55583d9",
            "object_relation": "domain",
            "type": "domain",
            "category": "Network activity",
            "value": "evil.blogspot.com",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "8eb546bb-cbc4-56c4-8fc7-0a54272447e5",
        "name": "domain-ip",
        "meta-category": "network",
        "description": "A domain/hostname and IP address seen as a tuple in a specific time frame.",
        "template_uuid": "43b3b146-77eb-4931-b4cc-b66c60f28734",
        "template_version": "11",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "prize",
        "deleted": false,
        "timestamp": "1795592730",
        "first_seen": "2026-10-15T12:00:00.000000+00:00",
        "last_seen": "2026-11-25T07:45:30.000000+00:00",
        "Attribute": [
          {
            "uuid": "651800ff-24b0-5445-b21a-6b1f9b7a3de0",
            "object_relation": "domain",
            "type": "domain",
            "category": "Network activity",
            "value": "nhanqua-shopee.xyz",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795592730",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "6f227963-f62d-5d7e-a7bc-c26986981e74",
        "name": "domain-ip",
        "meta-category": "network",
        "description": "A domain/hostname and IP address seen as a tuple in a specific time frame.",
        "template_uuid": "43b3b146-77eb-4931-b4cc-b66c60f28734",
        "template_version": "11",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "phishing",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "e7ec716a-5c1e-563d-95ec-f4adac40603f",
            "object_relation": "domain",
            "type": "domain",
            "category": "Network activity",
            "value": "vcb-xacminh.top",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "86adb474-eb9c-5565-9322-66739da361d8",
        "name": "domain-ip",
        "meta-category": "network",
        "description": "A domain/hostname and IP address seen as a tuple in a specific time frame.",
        "template_uuid": "43b3b146-77eb-4931-b4cc-b66c60f28734",
        "template_version": "11",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "malware",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "29863f57-232c-5c39-9aa3-4985cc8af32e",
            "object_relation": "ip",
            "type": "ip-dst",
            "category": "Network activity",
            "value": "2001:db8::7",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "a837724f-a9fb-5f0e-8785-03f532fe8054",
        "name": "domain-ip",
        "meta-category": "network",
        "description": "A domain/hostname and IP address seen as a tuple in a specific time frame.",
        "template_uuid": "43b3b146-77eb-4931-b4cc-b66c60f28734",
        "template_version": "11",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "malware",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "e367c31b-261d-506c-8f91-dcfc0fd94a6a",
            "object_relation": "ip",
            "type": "ip-dst",
            "category": "Network activity",
            "value": "203.0.113.7",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "32c04168-5b2c-53a5-b927-26f1e15bb304",
        "name": "phone-number",
        "meta-category": "mobile",
        "description": "Phone number based on the E.164 international public telecommunication numbering plan",
        "template_uuid": "c4b5a67c-63d2-11ec-90d6-0242ac120003",
        "template_version": "1",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "scam_call",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "c9a39404-ee89-5ab5-a412-58650d0e3c91",
            "object_relation": "phone-number",
            "type": "phone-number",
            "category": "Person",
            "value": "+84912345678",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      },
      {
        "uuid": "19b32f3f-9170-55c6-b9e4-8df6d8faad6f",
        "name": "bank-account",
        "meta-category": "financial",
        "description": "An object describing bank account information based on account description from goAML 4.0.",
        "template_uuid": "b4712203-95a8-4883-80e9-b566f5df11c9",
        "template_version": "3",
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "bank_fraud",
        "deleted": false,
        "timestamp": "1795167000",
        "first_seen": "2026-11-01T08:00:00.000000+00:00",
        "last_seen": "2026-11-20T09:30:00.000000+00:00",
        "Attribute": [
          {
            "uuid": "ed453232-21c5-5932-b196-6f2de399e979",
            "object_relation": "account",
            "type": "bank-account-nr",
            "category": "Financial fraud",
            "value": "0071000986547",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          },
          {
            "uuid": "a1257ede-1dfc-5b3e-bf1e-69b686ed002d",
            "object_relation": "institution-code",
            "type": "text",
            "category": "Other",
            "value": "970436",
            "to_ids": true,
            "distribution": "5",
            "sharing_group_id": "0",
            "disable_correlation": false,
            "deleted": false,
            "timestamp": "1795167000",
            "comment": ""
          }
        ]
      }
    ]
  }
})golden";

constexpr std::string_view kGoldenManifest = R"golden({
  "f0e2eed7-8348-5ee0-99ae-3c370fc5889e": {
    "Orgc": {
      "name": "Bình Yên",
      "uuid": "e1683648-221b-51e0-a2db-6fadb6056c12"
    },
    "Tag": [
      {
        "name": "tlp:white"
      }
    ],
    "info": "Bình Yên – chỉ báo lừa đảo đã xác minh, phiên bản 42",
    "date": "2026-11-28",
    "analysis": "2",
    "threat_level_id": "2",
    "timestamp": "1795904002"
  }
})golden";

TEST(ExportJsonFormatsTest, StixGolden) {
  base::Result<std::string> out = Render(ExportFormat::kStix, FixtureInput());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Compact(kGoldenStix));
}

TEST(ExportJsonFormatsTest, MispGolden) {
  base::Result<std::string> out = Render(ExportFormat::kMisp, FixtureInput());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Compact(kGoldenMisp));
}

TEST(ExportJsonFormatsTest, MispManifestGolden) {
  EXPECT_EQ(RenderMispManifest(FixtureInput()), Compact(kGoldenManifest));
  EXPECT_EQ(MispEventUuid(FixtureInput()), "f0e2eed7-8348-5ee0-99ae-3c370fc5889e");
}

TEST(ExportJsonFormatsTest, MispHashesGolden) {
  // md5 of each attribute value (e-mail attribute first, then the objects' attributes in event
  // order), as `printf %s VALUE | md5sum` gives it.
  EXPECT_EQ(RenderMispHashes(FixtureInput()),
            "cc62d8cca3777148b187b13f068109da,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "683318631d5d8e54ec78c46f458b2f05,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "9ef713d4c38a2417767c0dd6c45b470f,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "0989949e13cc1839802dcfe53f166b8d,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "9d0efaa27039ad7dabb7882750c6e66f,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "350319c791ed8ec9318f2b85b17238ec,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "68fecd3b63b272e813f600f1a4885e0c,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "52446f4f695680ab7709e06aec841c2f,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "f36240e44efc18c85e9b97a62a01231f,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n"
            "ee9afb8568263b489c7fb7b1894ada63,f0e2eed7-8348-5ee0-99ae-3c370fc5889e\n");
}

TEST(ExportJsonFormatsTest, Md5MatchesRfc1321TestSuite) {
  EXPECT_EQ(internal::Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(internal::Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(internal::Md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(internal::Md5Hex("12345678901234567890123456789012345678901234567890123456789012345678"
                             "901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(ExportJsonFormatsTest, Sha1MatchesFips180Vectors) {
  auto hex = [](const std::array<uint8_t, 20>& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (uint8_t byte : digest) {
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
    return out;
  };

  EXPECT_EQ(hex(internal::Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(internal::Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(ExportJsonFormatsTest, IdsAreStableAcrossVersionsWhereStixVersionsObjects) {
  ExportInput next = FixtureInput();
  next.version = 43;
  const auto a = nlohmann::json::parse(*Render(ExportFormat::kStix, FixtureInput()));
  const auto b = nlohmann::json::parse(*Render(ExportFormat::kStix, next));
  EXPECT_NE(a["id"], b["id"]);                              // a new bundle per version
  EXPECT_EQ(a["objects"][1]["id"], b["objects"][1]["id"]);  // the same indicator
  // MISP: one event per version, so its uuid and its objects' uuids change with the version.
  EXPECT_NE(MispEventUuid(FixtureInput()), MispEventUuid(next));
}

TEST(ExportJsonFormatsTest, StixEscapesPatternLiteralsAndDropsBadExpiry) {
  ExportInput in;
  in.entries.push_back(Entry(Kind::kUrl, "http://a.vn/it's\\x", "phishing", "high"));
  in.entries.back().expires_at = At(1793520000);  // == first_seen: not after valid_from
  base::Result<std::string> out = Render(ExportFormat::kStix, in);
  ASSERT_TRUE(out.ok());
  const auto bundle = nlohmann::json::parse(*out);
  EXPECT_EQ(bundle["objects"][1]["pattern"], "[url:value = 'http://a.vn/it\\'s\\\\x']");
  EXPECT_FALSE(bundle["objects"][1].contains("valid_until"));
}

TEST(ExportJsonFormatsTest, InvalidUtf8IsAnError) {
  ExportInput in;
  in.entries.push_back(Entry(Kind::kDomain, "a.vn", "x\xff", "high"));
  for (ExportFormat f : {ExportFormat::kStix, ExportFormat::kMisp}) {
    base::Result<std::string> out = Render(f, in);
    ASSERT_FALSE(out.ok()) << ExportFormatName(f);
    EXPECT_EQ(out.status().code(), base::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace binhyen::exchange
