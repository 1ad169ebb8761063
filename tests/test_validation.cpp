// Every validation error names the field and the problem, and a failed run leaves the trace as it was.
#include <catch2/catch.hpp>
#include <limits>

#include "attn/attention.hpp"
#include "support.hpp"

using attn::Matrix;
using test::OwnedState;

namespace {
std::string error_of(const OwnedState& s) {
    const auto e = attn::validate(s.view());
    return e ? e->message() : "ok";
}
OwnedState valid() {
    std::mt19937 rng(1);
    return test::random_state(rng, 3, 4, 2, 2);
}
}  // namespace

TEST_CASE("a valid state passes", "[validation]") { CHECK(error_of(valid()) == "ok"); }

TEST_CASE("shape errors name the head and both shapes", "[validation]") {
    OwnedState s = valid();
    s.wk[1] = Matrix(4, 3);
    CHECK(error_of(s) == "heads[1].wk: expected 4\u00d72, got 4\u00d73");
    s = valid();
    s.wq[0] = Matrix(3, 2);
    CHECK(error_of(s) == "heads[0].wq: expected 4 rows (one per embedding dimension), got 3\u00d72");
    s = valid();
    s.wv[1] = Matrix(4, 1);
    CHECK(error_of(s) == "heads[1].wv: expected 4\u00d72, got 4\u00d71");
    s = valid();
    s.wo = Matrix(3, 2);
    CHECK(error_of(s) == "wo: expected 4 rows (heads \u00d7 Dk), got 3\u00d72");
}

TEST_CASE("zero and missing dimensions are named", "[validation]") {
    OwnedState s = valid();
    s.embeddings = Matrix();
    CHECK(error_of(s) == "embeddings: empty: need at least one token with one dimension");
    s = valid();
    s.wq.clear();
    s.wk.clear();
    s.wv.clear();
    CHECK(error_of(s) == "heads: needs at least one head, got 0");
    s = valid();
    s.wq[0] = Matrix(4, 0);
    CHECK(error_of(s).rfind("heads[0].wq:", 0) == 0);
}

TEST_CASE("limits on T, D, Dk, H, Dout and H*T^2 give messages", "[validation][limits]") {
    std::mt19937 rng(2);
    CHECK(error_of(test::random_state(rng, 2049, 1, 1, 1)) == "embeddings: 2049 tokens is above the limit of 2048");
    CHECK(error_of(test::random_state(rng, 1, 513, 1, 1)) == "embeddings: 513 dimensions is above the limit of 512");
    CHECK(error_of(test::random_state(rng, 1, 1, 257, 1)) == "heads[0].wq: 257 columns is above the limit of 256");
    CHECK(error_of(test::random_state(rng, 1, 1, 1, 9)) == "heads: 9 heads is above the limit of 8");
    CHECK(error_of(test::random_state(rng, 1, 1, 1, 1, 513)) == "wo: 513 columns is above the limit of 512");
    CHECK(
        error_of(test::random_state(rng, 1024, 1, 1, 5)).rfind("heads: 5 heads \u00d7 1024\u00b2 tokens is above", 0) ==
        0);
}

TEST_CASE("NaN, Inf and out-of-range values name the cell", "[validation][values]") {
    OwnedState s = valid();
    s.embeddings(2, 0) = std::numeric_limits<float>::quiet_NaN();
    CHECK(error_of(s) == "embeddings[2][0]: not a finite number (NaN)");
    s = valid();
    s.wv[1](3, 1) = -std::numeric_limits<float>::infinity();
    CHECK(error_of(s) == "heads[1].wv[3][1]: not a finite number (-Infinity)");
    s = valid();
    s.wq[0](0, 0) = 2e6f;
    CHECK(error_of(s) == "heads[0].wq[0][0]: 2,000,000 is outside \u00b11,000,000");
    // Numbers as people read them: every digit the float has, no "1e+06".
    s.wq[0](0, 0) = -1000000.5f;
    CHECK(error_of(s) == "heads[0].wq[0][0]: -1,000,000.5 is outside \u00b11,000,000");
    s.wq[0](0, 0) = 3e30f;
    CHECK(error_of(s) == "heads[0].wq[0][0]: 3e30 is outside \u00b11,000,000");
}

TEST_CASE("temperature must be a number from 0.001 to 1000", "[validation]") {
    for (float t : {0.0f, -1.0f, 1e4f, std::numeric_limits<float>::quiet_NaN()}) {
        OwnedState s = valid();
        s.temperature = t;
        CHECK(error_of(s).rfind("temperature: expected a number from 0.001 to 1,000, got ", 0) == 0);
    }
    OwnedState s = valid();
    s.temperature = 0.0001f;
    CHECK(error_of(s) == "temperature: expected a number from 0.001 to 1,000, got 0.0001");
}

TEST_CASE("a custom mask must be T x T of 0s and 1s", "[validation][mask]") {
    OwnedState s = valid();
    s.mask = attn::MaskKind::custom;
    CHECK(error_of(s) == "mask: missing, expected 3\u00d73");
    s.allow = Matrix(3, 2, 1.0f);
    CHECK(error_of(s) == "mask: expected 3\u00d73, got 3\u00d72");
    s.allow = Matrix(3, 3, 1.0f);
    s.allow(1, 2) = 0.5f;
    CHECK(error_of(s) == "mask[1][2]: expected 0 or 1, got 0.5");
}

TEST_CASE("a failed run leaves the previous trace untouched", "[validation]") {
    OwnedState s = valid();
    attn::Trace t;
    REQUIRE(!attn::run(t, s.view()));
    const std::vector<float> before = t.storage;
    s.embeddings(0, 0) = std::numeric_limits<float>::quiet_NaN();
    const auto err = attn::run(t, s.view());
    REQUIRE(err);
    CHECK(err->path == "embeddings[0][0]");
    CHECK(t.storage == before);
}
