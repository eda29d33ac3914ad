// serve's parallel view: /parallel/SYMBOL?langs=a,b and its API, over an archive holding the
// English and French versions of A/RES/76/268 (../shared/corpus/multilingual).
#include <string>

#include <gtest/gtest.h>

#include "serve/serve.h"
#include "tests/serve/serve_test_util.h"

namespace recital::testing {
namespace {

TEST(ServeParallelTest, PageAndApiShowTwoLanguageVersionsAsTheCliDoes) {
  RECITAL_REQUIRE_CORPUS();
  TempDir dir;
  const std::string archive = dir.str() + "/a";
  const std::string ml = CorpusDir() + "/multilingual/";
  IngestCorpus(archive, {ml + "A-RES-76-268.en.scribd.txt",
                         ml + "A-RES-76-268.fr.girlsrightsplatform.txt"});
  ASSERT_FALSE(HasFatalFailure());
  auto a = OpenForReading(archive);
  ASSERT_NE(a, nullptr);
  serve::ServeOptions options;
  options.port = 0;
  auto server = serve::Server::Start(*a, options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int port = (*server)->port();

  const HttpReply api = Get(port, "/api/parallel/A/RES/76/268?langs=en,fr");
  EXPECT_EQ(api.status, 200);
  const RunResult cli = RunRecital({"show", "--archive", archive, "A/RES/76/268", "--parallel",
                                    "en,fr", "--format", "json"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(api.body, cli.out);  // the CLI's JSON, byte for byte

  const HttpReply page = Get(port, "/parallel/76/268?langs=fr,en");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td lang=\"fr\">"), std::string::npos);
  EXPECT_NE(page.body.find("Consciente"), std::string::npos);
  EXPECT_NE(page.body.find("The structures agree."), std::string::npos);

  EXPECT_EQ(Get(port, "/api/parallel/A/RES/76/268").status, 400);           // no langs
  EXPECT_EQ(Get(port, "/api/parallel/A/RES/76/268?langs=en,ar").status, 404);  // no Arabic
  EXPECT_EQ(Get(port, "/parallel/A/RES/1/1?langs=en,fr").status, 404);
}

}  // namespace
}  // namespace recital::testing
