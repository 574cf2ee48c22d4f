#include "indicator/bank.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace binhyen::indicator {
namespace {

std::string KeyOf(std::string_view query) {
  const Bank* b = FindBank(query);
  return b == nullptr ? "(none)" : b->key;
}

TEST(BankTableTest, LoadsEveryRowWithUniqueBins) {
  const std::vector<Bank>& banks = AllBanks();
  EXPECT_EQ(banks.size(), 58u);  // data/banks.csv rows
  std::set<std::string> bins, keys;
  for (const Bank& b : banks) {
    SCOPED_TRACE(b.key);
    EXPECT_EQ(b.bin.size(), 6u);
    EXPECT_TRUE(bins.insert(b.bin).second) << "duplicate BIN " << b.bin;
    EXPECT_TRUE(keys.insert(b.key).second);
    EXPECT_FALSE(b.short_name.empty());
    EXPECT_FALSE(b.name.empty());
    EXPECT_TRUE(b.kind == "bank" || b.kind == "wallet") << b.kind;
    EXPECT_FALSE(b.aliases.empty());
  }
  const Bank* vcb = FindBank("970436");
  ASSERT_NE(vcb, nullptr);
  EXPECT_EQ(vcb->key, "VIETCOMBANK");
  EXPECT_EQ(vcb->short_name, "Vietcombank");
  EXPECT_EQ(vcb->name, "Ngân hàng TMCP Ngoại Thương Việt Nam");
  EXPECT_EQ(vcb->swift, "BFTVVNVX");
  EXPECT_EQ(vcb->kind, "bank");
  EXPECT_EQ(FindBank("MoMo")->kind, "wallet");
}

// Every alias, descriptive name, short name, key, BIN and SWIFT code finds its own bank: no two
// banks claim the same spelling.
TEST(BankTableTest, EveryNameFindsItsOwnBank) {
  for (const Bank& b : AllBanks()) {
    std::vector<std::string> names = {b.bin, b.key, b.short_name, b.name};
    if (!b.swift.empty()) names.push_back(b.swift);
    names.insert(names.end(), b.aliases.begin(), b.aliases.end());
    names.insert(names.end(), b.descriptive_names.begin(), b.descriptive_names.end());
    for (const std::string& n : names) {
      EXPECT_EQ(KeyOf(n), b.key) << "name: " << n;
      EXPECT_EQ(KeyOf("Ngân hàng " + n), b.key) << "name: Ngân hàng " + n;
    }
  }
}

TEST(FindBankTest, RealWorldSpellings) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"vcb", "VIETCOMBANK"},
      {"VCB", "VIETCOMBANK"},
      {"Vietcombank", "VIETCOMBANK"},
      {"VIETCOMBANK", "VIETCOMBANK"},
      {"ngân hàng ngoại thương", "VIETCOMBANK"},
      {"Ngân Hàng Ngoại Thương Việt Nam", "VIETCOMBANK"},
      {"ngan hang ngoai thuong", "VIETCOMBANK"},
      {"NH Ngoại thương", "VIETCOMBANK"},
      {"NH VCB", "VIETCOMBANK"},
      {"VCB bank", "VIETCOMBANK"},
      {"Viet com bank", "VIETCOMBANK"},
      {"970436", "VIETCOMBANK"},
      {"BFTVVNVX", "VIETCOMBANK"},
      {"bftvvnvx", "VIETCOMBANK"},
      {"Ngân hàng TMCP Ngoại Thương Việt Nam", "VIETCOMBANK"},
      {"TCB", "TECHCOMBANK"},
      {"techcombank", "TECHCOMBANK"},
      {"Kỹ thương", "TECHCOMBANK"},
      {"ngân hàng kỹ thương", "TECHCOMBANK"},
      {"CTG", "VIETINBANK"},
      {"Vietinbank", "VIETINBANK"},
      {"Công Thương", "VIETINBANK"},
      {"BIDV", "BIDV"},
      {"Đầu tư và Phát triển", "BIDV"},
      {"ngân hàng đầu tư và phát triển việt nam", "BIDV"},
      {"MB", "MBBANK"},
      {"MBBank", "MBBANK"},
      {"MB Bank", "MBBANK"},
      {"Quân đội", "MBBANK"},
      {"ngân hàng quân đội", "MBBANK"},
      {"ACB", "ACB"},
      {"Á Châu", "ACB"},
      {"a chau", "ACB"},
      {"VPB", "VPBANK"},
      {"VPBank", "VPBANK"},
      {"TPB", "TPBANK"},
      {"TPBank", "TPBANK"},
      {"Tiên Phong", "TPBANK"},
      {"STB", "SACOMBANK"},
      {"Sacombank", "SACOMBANK"},
      {"AGR", "AGRIBANK"},
      {"Agribank", "AGRIBANK"},
      {"VBA", "AGRIBANK"},
      {"ngân hàng nông nghiệp", "AGRIBANK"},
      {"Ngân hàng Nông nghiệp và Phát triển Nông thôn", "AGRIBANK"},
      {"SHB", "SHB"},
      {"HDB", "HDBANK"},
      {"HDBank", "HDBANK"},
      {"VIB", "VIB"},
      {"MSB", "MSB"},
      {"Maritime", "MSB"},
      {"Maritime Bank", "MSB"},
      {"Hàng Hải", "MSB"},
      {"OCB", "OCB"},
      {"SCB", "SCB"},
      {"SeABank", "SEA_BANK"},
      {"LPB", "LPBANK"},
      {"LPBank", "LPBANK"},
      {"LienVietPostBank", "LPBANK"},
      {"Liên Việt", "LPBANK"},
      {"Eximbank", "EXIMBANK"},
      {"EIB", "EXIMBANK"},
      {"NamABank", "NAM_A_BANK"},
      {"Nam A Bank", "NAM_A_BANK"},
      {"BacABank", "BAC_A_BANK"},
      {"VietABank", "VIET_A_BANK"},
      {"PVcomBank", "PVCOM_BANK"},
      {"Cake", "CAKE"},
      {"Timo", "TIMO"},
      {"Ubank", "UBANK"},
      {"KienLongBank", "KIENLONG_BANK"},
      {"BaoVietBank", "BAOVIET_BANK"},
      {"ABBank", "ABBANK"},
      {"NCB", "NCB"},
      {"VietBank", "VIET_BANK"},
      {"SaigonBank", "SAIGONBANK"},
      {"GPBank", "GPBANK"},
      {"Oceanbank", "MBV"},
      {"CBBank", "CBBANK"},
      {"Woori", "WOORI_BANK"},
      {"Shinhan", "SHINHAN_BANK"},
      {"UOB", "UNITED_OVERSEAS_BANK"},
      {"HSBC", "HSBC"},
      {"Standard Chartered", "STANDARD_CHARTERED_BANK"},
      {"Public Bank", "PUBLIC_BANK"},
      {"DongA Bank", "VIKKI"},
      {"Đông Á", "VIKKI"},
      {"Đông Nam Á", "SEA_BANK"},
      {"Sài Gòn Thương Tín", "SACOMBANK"},
      {"Sài Gòn", "SCB"},
      {"Ví MoMo", "MOMO"},
      {"  vcb  ", "VIETCOMBANK"},
  };
  for (const auto& [query, key] : cases) EXPECT_EQ(KeyOf(query), key) << "query: " << query;
}

TEST(FindBankTest, UnknownNames) {
  for (std::string_view q : {"", "ngân hàng", "bank", "NH", "Nguyễn Văn A", "12345", "970000",
                             "viet", "nam", "google", "Vietcombankk"}) {
    EXPECT_EQ(FindBank(q), nullptr) << "query: " << q;
  }
}

struct AccountCase {
  std::string input;
  std::string canonical;
  std::string bank;  // short name, "" = none
};

void ExpectAccount(const AccountCase& c) {
  SCOPED_TRACE("input: " + c.input);
  base::Result<Indicator> r = CanonicalizeBankAccount(c.input);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, Kind::kBankAccount);
  EXPECT_EQ(r->canonical, c.canonical);
  EXPECT_EQ(r->Attribute("bank"), c.bank);
  std::string digits = c.canonical.substr(c.canonical.find(':') + 1);
  EXPECT_EQ(r->Attribute("account"), digits);
  if (!c.bank.empty()) {
    EXPECT_EQ(r->Attribute("bin"), c.canonical.substr(0, 6));
  }
  base::Result<Indicator> again = CanonicalizeBankAccount(r->canonical);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->canonical, r->canonical);
  EXPECT_EQ(again->attributes, r->attributes);
}

TEST(CanonicalizeBankAccountTest, RealWorldForms) {
  const std::vector<AccountCase> cases = {
      {"Vietcombank: 0071000986547", "970436:0071000986547", "Vietcombank"},
      {"STK 1903 6666 888 Techcombank", "970407:19036666888", "Techcombank"},
      {"0071000986547 VCB", "970436:0071000986547", "Vietcombank"},
      {"970436:0071000986547", "970436:0071000986547", "Vietcombank"},
      {"970436 0071000986547", "970436:0071000986547", "Vietcombank"},
      {"0071 0009 86547", "0071000986547", ""},
      {"0071.0009.86547", "0071000986547", ""},
      {"0071-0009-86547", "0071000986547", ""},
      {"MB 0123456789 NGUYEN VAN A", "970422:0123456789", "MB Bank"},
      {"ngân hàng Á Châu stk 12345678", "970416:12345678", "ACB"},
      {"0071000986547", "0071000986547", ""},
      {"123456", "123456", ""},
      {"1234567890123456789", "1234567890123456789", ""},
      {"STK: 0912345678 - MB Bank - Chủ TK: Trần Thị B", "970422:0912345678", "MB Bank"},
      {"Số tài khoản 19036666888 ngân hàng Kỹ Thương", "970407:19036666888", "Techcombank"},
      {"NH Quân đội, STK 0987654321", "970422:0987654321", "MB Bank"},
      {"Ngân hàng TMCP Ngoại thương Việt Nam - 0071000986547", "970436:0071000986547",
       "Vietcombank"},
      {"TK Vietinbank 101 872 345 678 chi nhánh 2", "970415:101872345678", "VietinBank"},
      {"Agribank 3500 205 123456", "970405:3500205123456", "Agribank"},
      {"BIDV 31410001234567 chủ tài khoản LE VAN C", "970418:31410001234567", "BIDV"},
      {"vcb0071000986547", "970436:0071000986547", "Vietcombank"},
      {"Vietcombank (VCB) 0071000986547", "970436:0071000986547", "Vietcombank"},
      {"Sacombank 0601 2345 6789", "970403:060123456789", "Sacombank"},
      {"TPBank 0000 1234 567", "970423:00001234567", "TPBank"},
      {"MoMo 0912345678", "971025:0912345678", "MoMo"},
      {"ngân hàng Đông Nam Á 000012345678", "970440:000012345678", "SeABank"},
      // Names of people are not banks, even when they look like descriptive bank names.
      {"0123456789 NGUYEN BAO VIET", "0123456789", ""},
      {"VPBank 0123456789 TRAN KIEN LONG", "970432:0123456789", "VPBank"},
      {"ACB 12345678 PHAM VIET NAM A", "970416:12345678", "ACB"},
  };
  for (const AccountCase& c : cases) ExpectAccount(c);
}

TEST(CanonicalizeBankAccountTest, Rejects) {
  auto expect = [](std::string_view input, std::string_view message) {
    base::Result<Indicator> r = CanonicalizeBankAccount(input);
    ASSERT_FALSE(r.ok()) << input << " accepted as " << r->canonical;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "bank account: " + std::string(message)) << input;
  };
  expect("", "empty input");
  expect("Vietcombank", "no account number");
  expect("STK ngân hàng Á Châu", "no account number");
  expect("12345", "too few digits (5, expected 6 to 19)");
  expect("VCB 123", "too few digits (3, expected 6 to 19)");
  expect("12345678901234567890", "too many digits (20, expected 6 to 19)");
  expect("VCB 0071000986547 Techcombank",
         "two different banks named (Vietcombank and Techcombank)");
  expect("970407:0071000986547 VCB", "two different banks named (Techcombank and Vietcombank)");
  expect("0071000986547, 19036666888", "more than one number");
  expect("123456:0071000986547", "unknown bank BIN 123456");
  expect(std::string(2000, '1'), "input too long");
}

TEST(MakeBankAccountTest, BuildsCanonicalForms) {
  const Bank* vcb = FindBank("VCB");
  ASSERT_NE(vcb, nullptr);
  base::Result<Indicator> r = MakeBankAccount("0071 0009-86547", vcb);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->canonical, "970436:0071000986547");
  EXPECT_EQ(r->Attribute("bank"), "Vietcombank");
  EXPECT_EQ(r->Attribute("bin"), "970436");
  EXPECT_EQ(r->Attribute("account"), "0071000986547");

  r = MakeBankAccount("0071.000.986547", nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->canonical, "0071000986547");
  EXPECT_EQ(r->Attribute("bank"), "");
  EXPECT_EQ(r->Attribute("bin"), "");

  EXPECT_FALSE(MakeBankAccount("00710009865a7", vcb).ok());
  EXPECT_FALSE(MakeBankAccount("12345", vcb).ok());
  EXPECT_FALSE(MakeBankAccount("", vcb).ok());
  EXPECT_FALSE(MakeBankAccount("12345678901234567890", nullptr).ok());
  EXPECT_TRUE(MakeBankAccount("123456", nullptr).ok());
  EXPECT_TRUE(MakeBankAccount("1234567890123456789", nullptr).ok());
}

TEST(BankMatchKeyTest, FoldsAndCompacts) {
  EXPECT_EQ(BankMatchKey("Ngân hàng Á Châu"), "nganhangachau");
  EXPECT_EQ(BankMatchKey("  MB-Bank "), "mbbank");
  bool descriptive = false;
  EXPECT_EQ(FindBankByMatchKey("achau", &descriptive)->key, "ACB");
  EXPECT_TRUE(descriptive);
  EXPECT_EQ(FindBankByMatchKey("vcb", &descriptive)->key, "VIETCOMBANK");
  EXPECT_FALSE(descriptive);
  EXPECT_EQ(FindBankByMatchKey("nguyenvana"), nullptr);
}

}  // namespace
}  // namespace binhyen::indicator
