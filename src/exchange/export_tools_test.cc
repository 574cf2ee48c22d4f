// The exports loaded by the tools they are made for: BIND's named-checkzone and a real Unbound
// (RPZ), unbound-checkconf (Unbound list), the OASIS STIX 2.1 JSON schemas (python3-jsonschema)
// and the MISP object templates. Each test skips, saying why, only when its tool is missing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "exchange/export_formats.h"
#include "exchange/internal/export_test_fixture.h"
#include "exchange/internal/export_test_tools.h"

namespace binhyen::exchange {
namespace {

using testing::FindBinary;
using testing::FixtureInput;
using testing::ReadFile;
using testing::RunTool;
using testing::TempDir;
using testing::ToolResult;
using testing::WriteFile;

const std::string kSourceDir = BINHYEN_SOURCE_DIR;

TEST(ExportToolsTest, NamedCheckzoneAcceptsTheRpz) {
  const std::string checkzone = FindBinary("named-checkzone");
  if (checkzone.empty()) GTEST_SKIP() << "named-checkzone not installed (Debian: bind9-utils)";
  TempDir dir;
  ExportInput in = FixtureInput();
  for (const std::string zone : {"rpz.binhyen.", "rpz.truong-hoc.example."}) {
    in.zone = zone;
    base::Result<std::string> rpz = Render(ExportFormat::kRpz, in);
    ASSERT_TRUE(rpz.ok()) << rpz.status().ToString();
    WriteFile(dir.path() + "/zone.rpz", *rpz);
    const ToolResult r = RunTool({checkzone, zone, dir.path() + "/zone.rpz"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("loaded serial 42\nOK\n"), std::string::npos) << r.output;
  }
}

TEST(ExportToolsTest, UnboundCheckconfAcceptsTheUnboundList) {
  const std::string checkconf = FindBinary("unbound-checkconf");
  if (checkconf.empty()) GTEST_SKIP() << "unbound-checkconf not installed (Debian: unbound)";
  TempDir dir;
  base::Result<std::string> list = Render(ExportFormat::kUnbound, FixtureInput());
  ASSERT_TRUE(list.ok());
  WriteFile(dir.path() + "/binhyen.conf", *list);
  WriteFile(dir.path() + "/unbound.conf",
            "server:\n  chroot: \"\"\n  username: \"\"\n"
            "  include: \"" +
                dir.path() + "/binhyen.conf\"\n");
  const ToolResult r = RunTool({checkconf, dir.path() + "/unbound.conf"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("no errors"), std::string::npos) << r.output;
}

TEST(ExportToolsTest, StixBundlesAreValidAgainstTheOasisSchemas) {
  const std::string python = FindBinary("python3");
  if (python.empty()) GTEST_SKIP() << "python3 not installed";
  TempDir dir;
  const std::string script = kSourceDir + "/tests/exchange/validate_stix.py";
  const std::string schemas = kSourceDir + "/tests/data/stix21/schemas";
  ExportInput empty;
  for (const ExportInput& in : {FixtureInput(), empty}) {
    base::Result<std::string> bundle = Render(ExportFormat::kStix, in);
    ASSERT_TRUE(bundle.ok());
    WriteFile(dir.path() + "/bundle.json", *bundle);
    const ToolResult r =
        RunTool({python, script, schemas, dir.path() + "/bundle.json"}, dir.path());
    if (r.exit_code == 77) GTEST_SKIP() << "python3 has no jsonschema (Debian: python3-jsonschema)";
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
  // The validator is not vacuous: an indicator without a pattern and with a timestamp lacking
  // milliseconds is refused.
  auto broken = nlohmann::json::parse(*Render(ExportFormat::kStix, FixtureInput()));
  broken["objects"][1].erase("pattern");
  broken["objects"][2]["created"] = "2026-11-01T08:00:00Z";
  WriteFile(dir.path() + "/broken.json", broken.dump());
  const ToolResult r = RunTool({python, script, schemas, dir.path() + "/broken.json"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("'pattern' is a required property"), std::string::npos) << r.output;
}

// Every object of the MISP export uses its template (tests/data/misp_objects/<name>.json)
// exactly: uuid, version, meta-category, description; relations of the template with its
// attribute types and categories; its required and requiredOneOf relations.
TEST(ExportToolsTest, MispObjectsFollowTheirTemplates) {
  base::Result<std::string> out = Render(ExportFormat::kMisp, FixtureInput());
  ASSERT_TRUE(out.ok());
  const auto event = nlohmann::json::parse(*out)["Event"];
  std::set<std::string> names;
  for (const auto& object : event["Object"]) {
    const std::string name = object["name"];
    names.insert(name);
    SCOPED_TRACE(name);
    const auto t =
        nlohmann::json::parse(ReadFile(kSourceDir + "/tests/data/misp_objects/" + name + ".json"));
    EXPECT_EQ(object["template_uuid"], t["uuid"]);
    EXPECT_EQ(object["template_version"], std::to_string(t["version"].get<int>()));
    EXPECT_EQ(object["meta-category"], t["meta-category"]);
    EXPECT_EQ(object["description"], t["description"]);
    std::set<std::string> relations;
    for (const auto& a : object["Attribute"]) {
      const std::string relation = a["object_relation"];
      relations.insert(relation);
      ASSERT_TRUE(t["attributes"].contains(relation)) << relation;
      const auto& spec = t["attributes"][relation];
      EXPECT_EQ(a["type"], spec["misp-attribute"]) << relation;
      if (spec.contains("categories") && !spec["categories"].empty()) {
        bool listed = false;
        for (const auto& c : spec["categories"]) listed = listed || c == a["category"];
        EXPECT_TRUE(listed) << relation << " category " << a["category"];
      }
    }
    for (const auto& r : t.value("required", nlohmann::json::array())) {
      EXPECT_TRUE(relations.contains(r.get<std::string>())) << "required " << r;
    }
    if (t.contains("requiredOneOf")) {
      bool any = false;
      for (const auto& r : t["requiredOneOf"])
        any = any || relations.contains(r.get<std::string>());
      EXPECT_TRUE(any) << "none of requiredOneOf " << t["requiredOneOf"];
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"url", "domain-ip", "phone-number", "bank-account"}));
  ASSERT_EQ(event["Attribute"].size(), 1u);
  EXPECT_EQ(event["Attribute"][0]["type"], "email-src");
  // manifest.json lists the event under its uuid with the event's own fields.
  const auto manifest = nlohmann::json::parse(RenderMispManifest(FixtureInput()));
  ASSERT_TRUE(manifest.contains(event["uuid"].get<std::string>()));
  const auto& entry = manifest[event["uuid"].get<std::string>()];
  for (const char* key : {"info", "date", "timestamp", "analysis", "threat_level_id", "Orgc"}) {
    EXPECT_EQ(entry[key], event[key]) << key;
  }
}

}  // namespace
}  // namespace binhyen::exchange
