// Helpers of store_helpers.h (tests/CMakeLists.txt builds *_helpers.cc into the test binary).
#include "tests/store/store_helpers.h"

#include "tests/test_util.h"

#include <sstream>

namespace recital::testing {
namespace {

const char* kOrdinals[] = {"First",   "Second",  "Third",  "Fourth", "Fifth",
                           "Sixth",   "Seventh", "Eighth", "Ninth",  "Tenth"};

std::string OrdinalSession(uint32_t session) {
  // Only the shape matters to these tests: "Fifty-fourth session" style for 50-59.
  static const char* tens[] = {"",       "",       "Twenty", "Thirty", "Forty",
                               "Fifty",  "Sixty",  "Seventy", "Eighty", "Ninety"};
  static const char* lower[] = {"first", "second", "third",   "fourth", "fifth",
                                "sixth", "seventh", "eighth", "ninth",  "tenth"};
  if (session >= 20 && session < 100) {
    uint32_t t = session / 10, u = session % 10;
    if (u == 0) return std::string(tens[t]) + "ieth";
    return std::string(tens[t]) + "-" + lower[u - 1];
  }
  if (session >= 1 && session <= 10) return kOrdinals[session - 1];
  return std::to_string(session) + "th";
}

}  // namespace

Result<Resolution> FakeParse(std::string_view bytes, const std::string& source_name) {
  Resolution r;
  std::istringstream in{std::string(bytes)};
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && line == "FAIL") return Status::InvalidInput(source_name + ": told to fail");
    first = false;
    auto rest = [&](size_t n) { return line.size() > n ? line.substr(n) : std::string(); };
    if (line.rfind("SYMBOL ", 0) == 0) r.symbol = rest(7);
    else if (line.rfind("SESSION ", 0) == 0) r.session = static_cast<uint32_t>(std::stoul(rest(8)));
    else if (line.rfind("TITLE ", 0) == 0) r.title = rest(6);
    else if (line.rfind("CITE ", 0) == 0) r.citations.push_back({rest(5), ""});
    else if (line.rfind("P ", 0) == 0 || line.rfind("O ", 0) == 0) {
      Paragraph p;
      p.text = rest(2);
      p.lead = p.text.substr(0, p.text.find(' '));
      if (line[0] == 'O') {
        p.section = Section::kOperative;
        p.number = std::to_string(r.operative.size() + 1);
        r.operative.push_back(p);
      } else {
        r.preamble.push_back(p);
      }
    }
  }
  r.layout = "fake";
  r.raw_hash = HashBytes(bytes);
  return r;
}

std::string FakeRelease(const std::string& symbol, uint32_t session, const std::string& title,
                        const std::vector<std::string>& preamble,
                        const std::vector<std::string>& operative,
                        const std::vector<std::string>& cites) {
  std::string out = "SYMBOL " + symbol + "\nSESSION " + std::to_string(session) + "\nTITLE " +
                    title + "\n";
  for (const auto& c : cites) out += "CITE " + c + "\n";
  for (const auto& p : preamble) out += "P " + p + "\n";
  for (const auto& o : operative) out += "O " + o + "\n";
  return out;
}

std::string OdsRelease(uint32_t session, uint32_t number, const std::string& title,
                       const std::vector<std::string>& preamble,
                       const std::vector<std::string>& operative) {
  std::string symbol = "A/RES/" + std::to_string(session) + "/" + std::to_string(number);
  std::string out = "UNITED\t\t\t\t\t\t\t\t\tA\nNATIONS\n\n\n             General Assembly\n\n";
  std::string pad(74, ' ');
  out += pad + "Distr.\n" + pad + "GENERAL\n\n" + pad + symbol + "\n" + pad + "1 March " +
         std::to_string(1945 + session + 1) + "\n\n\n";
  out += OrdinalSession(session) + " session\nAgenda item " + std::to_string(100 + number % 50) +
         "\n\n\n\tRESOLUTION ADOPTED BY THE GENERAL ASSEMBLY\n\n";
  out += "\t[on the report of the Third Committee (A/" + std::to_string(session) + "/600)]\n\n\n";
  out += std::to_string(session) + "/" + std::to_string(number) + ".\t" + title + "\n\n";
  out += "    The General Assembly,\n\n";
  for (const auto& p : preamble) out += "    " + p + "\n\n";
  for (size_t i = 0; i < operative.size(); ++i) {
    out += "    " + std::to_string(i + 1) + ".\t" + operative[i] + "\n\n";
  }
  out += "                                                  " + std::to_string(80 + number % 10) +
         "th plenary meeting\n                                                  17 December " +
         std::to_string(1945 + session) + "\n";
  return out;
}

std::string SeriesRelease(uint32_t series, uint32_t session, uint32_t variant) {
  std::string topic = "the situation of displaced persons in region " + std::to_string(series);
  std::vector<std::string> pre = {
      "Recalling its resolution " + std::to_string(session - 1) + "/" +
          std::to_string(100 + series) + " of 9 December " + std::to_string(1944 + session) + ",",
      "Having considered the report of the Secretary-General on " + topic + ",",
      "Recognizing the continuing need for international support to address " + topic +
          " and its consequences for the countries concerned,",
      "Noting with satisfaction the efforts of the Office of the United Nations High "
      "Commissioner for Refugees in the region,",
  };
  std::vector<std::string> op = {
      "Takes note of the report of the Secretary-General;",
      "Calls upon all States to continue to support the efforts of the countries concerned "
      "regarding " + topic + ";",
      "Requests the Secretary-General to report to the General Assembly at its " +
          OrdinalSession(session + 1) + " session on the implementation of the present resolution;",
  };
  if (session % 3 == 0) op.insert(op.begin() + 1, "Welcomes the progress made since session " +
                                                      std::to_string(session - 1) + ";");
  if (variant != 0) op.push_back("Decides to remain seized of the matter (variant " +
                                 std::to_string(variant) + ");");
  return OdsRelease(session, 100 + series, "Assistance regarding " + topic, pre, op);
}

std::vector<std::string> WriteFakeReleases(const std::string& dir, uint32_t first,
                                           uint32_t count) {
  std::vector<std::string> files;
  for (uint32_t session = first; session < first + count; ++session) {
    std::string symbol = "A/RES/" + std::to_string(session) + "/7";
    std::vector<std::string> pre = {
        "Recalling its resolution " + std::to_string(session - 1) +
            "/7 on the protection of refugees in the region,",
        "Noting with appreciation the work of the High Commissioner and of the Member States,"};
    std::vector<std::string> op = {
        "Urges all States to continue their support;",
        "Requests the Secretary-General to report at session " + std::to_string(session + 1) +
            ";"};
    std::string file = dir + "/r" + std::to_string(session) + ".txt";
    WriteFile(file, FakeRelease(symbol, session, "Refugees in the region", pre, op,
                                {"A/RES/" + std::to_string(session - 1) + "/7"}));
    files.push_back(file);
  }
  return files;
}

Status IngestFakeFiles(const std::string& dir, const std::vector<std::string>& files,
                       std::vector<StoredRelease>* stored, size_t batch) {
  store::OpenOptions o;
  o.read_only = false;
  o.create_if_missing = true;
  auto a = store::Archive::Open(dir, o);
  if (!a.ok()) return a.status();
  std::vector<store::ReleaseInput> inputs;
  for (const auto& f : files) inputs.push_back({f, std::nullopt});
  store::IngestOptions options;
  options.parse = FakeParse;
  options.batch_releases = batch;
  return (*a)->IngestBatch(std::move(inputs), options, [&](const store::IngestResult& r) {
    if (stored == nullptr) return;
    if (r.status == store::IngestStatus::kAdded || r.status == store::IngestStatus::kVersion) {
      stored->push_back({r.symbol, r.version, r.source_name});
    }
  });
}

}  // namespace recital::testing
