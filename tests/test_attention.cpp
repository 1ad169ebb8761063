// The forward pass: a worked example, the properties the articles teach, multi-head layout, and the
// SIMD trace held to the scalar trace.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "attn/attention.hpp"
#include "attn/matmul.hpp"
#include "attn/softmax.hpp"
#include "catch_support.hpp"
#include "support.hpp"

using attn::Matrix;
using test::OwnedState;
using test::run_ok;

namespace {
OwnedState single_head(Matrix x, Matrix wq, Matrix wk, Matrix wv) {
    OwnedState s;
    s.embeddings = std::move(x);
    s.wq = {std::move(wq)};
    s.wk = {std::move(wk)};
    s.wv = {std::move(wv)};
    return s;
}

}  // namespace

TEST_CASE("'bank grows money' with identity projections, worked by hand", "[attention]") {
    // bank = [1, 0], grows = [0, 1], money = [1, 1]; W_Q = W_K = W_V = I, so Q = K = V = X.
    // Raw scores X X^T = [[1,0,1],[0,1,1],[1,1,2]]; scaled by 1/sqrt(2).
    // Row "bank": softmax([.7071, 0, .7071]) = [e^.7071, 1, e^.7071] / (2 e^.7071 + 1)
    //           = [0.401112, 0.197776, 0.401112]; output = .401112 [1,0] + .197776 [0,1] + .401112 [1,1]
    //           = [0.802224, 0.598888]: "bank" has moved toward "money".
    // Row "money": softmax([.7071, .7071, 1.4142]) = [0.248255, 0.248255, 0.503490]; output [0.751745, 0.751745].
    const OwnedState s = single_head({{1, 0}, {0, 1}, {1, 1}}, test::identity(2), test::identity(2), test::identity(2));
    const attn::Trace t = run_ok(s);
    const attn::HeadTrace& h = t.heads[0];
    CHECK(h.scores(2, 2) == 2.0f);
    CHECK(h.scaled(0, 0) == Approx(0.7071068));
    CHECK(h.weights(0, 0) == Approx(0.401112));
    CHECK(h.weights(0, 1) == Approx(0.197776));
    CHECK(h.weights(2, 2) == Approx(0.503490));
    CHECK(t.output(0, 0) == Approx(0.802224));
    CHECK(t.output(0, 1) == Approx(0.598888));
    CHECK(t.output(1, 0) == Approx(0.598888));
    CHECK(t.output(2, 0) == Approx(0.751745));
    CHECK(t.output(2, 1) == Approx(0.751745));
}

TEST_CASE("a 2x2 case worked by hand: one token attends, the other is outvoted", "[attention]") {
    // X = [[2, 0], [0, 0]], W_Q = W_K = I, W_V = [[1, 0], [0, 1]], no scaling.
    // scores = [[4, 0], [0, 0]]; row 0: softmax([4, 0]) = [e^4, 1] / (e^4 + 1); row 1: [1/2, 1/2].
    OwnedState s = single_head({{2, 0}, {0, 0}}, test::identity(2), test::identity(2), test::identity(2));
    s.scale = false;
    const attn::Trace t = run_ok(s);
    const double e4 = std::exp(4.0);
    CHECK(t.heads[0].weights(0, 0) == Approx(e4 / (e4 + 1)));
    CHECK(t.heads[0].weights(1, 1) == Approx(0.5));
    CHECK(t.output(0, 0) == Approx(2 * e4 / (e4 + 1)));
    CHECK(t.output(1, 0) == Approx(1.0));
}

TEST_CASE("every weight row sums to 1 and the trace is finite", "[attention][property]") {
    std::mt19937 rng(1);
    const OwnedState s = test::random_state(rng, 7, 5, 3, 2, 4);
    const attn::Trace t = run_ok(s);
    for (int h = 0; h < 2; ++h)
        for (int i = 0; i < 7; ++i) {
            double sum = 0.0;
            for (int j = 0; j < 7; ++j) sum += t.heads[h].weights(i, j);
            CHECK(sum == Approx(1.0).epsilon(1e-5));
        }
    for (std::size_t i = 0; i < t.used; ++i) REQUIRE(std::isfinite(t.storage[i]));
}

TEST_CASE("causal mask: row 1 attends only to itself, future entries are exactly 0", "[attention][mask]") {
    std::mt19937 rng(2);
    OwnedState s = test::random_state(rng, 6, 4, 4, 1);
    s.mask = attn::MaskKind::causal;
    const attn::Trace t = run_ok(s);
    const attn::HeadTrace& h = t.heads[0];
    CHECK(h.weights(0, 0) == 1.0f);
    for (int i = 0; i < 6; ++i)
        for (int j = i + 1; j < 6; ++j) {
            CHECK(h.weights(i, j) == 0.0f);
            CHECK(std::isinf(h.masked(i, j)));
        }
    // The first token's output is exactly its own value vector.
    for (int c = 0; c < 4; ++c) CHECK(t.output(0, c) == Approx(h.v(0, c)));
}

TEST_CASE("custom mask: blocked pairs get 0 weight; a row with nothing allowed is zeros and flagged",
          "[attention][mask]") {
    std::mt19937 rng(3);
    OwnedState s = test::random_state(rng, 3, 2, 2, 1);
    s.mask = attn::MaskKind::custom;
    s.allow = Matrix{{1, 0, 1}, {0, 0, 0}, {1, 1, 1}};
    const attn::Trace t = run_ok(s);
    const attn::HeadTrace& h = t.heads[0];
    CHECK(h.weights(0, 1) == 0.0f);
    CHECK(h.weights(0, 0) + h.weights(0, 2) == Approx(1.0f));
    for (int j = 0; j < 3; ++j) CHECK(h.weights(1, j) == 0.0f);
    CHECK(h.flags[1] == attn::kRowFullyMasked);
    for (int c = 0; c < 2; ++c) CHECK(t.output(1, c) == 0.0f);
    // The softmax's own max and sum: over the allowed entries only; -inf and 0 where nothing is allowed.
    CHECK(h.row_max[0] == std::fmax(h.masked(0, 0), h.masked(0, 2)));
    CHECK(h.row_sum[0] == Approx(std::exp(h.masked(0, 0) - h.row_max[0]) + std::exp(h.masked(0, 2) - h.row_max[0])));
    CHECK(h.row_max[1] == -std::numeric_limits<float>::infinity());
    CHECK(h.row_sum[1] == 0.0f);
}

TEST_CASE("without a mask, permuting the tokens permutes the outputs", "[attention][property]") {
    std::mt19937 rng(4);
    const OwnedState s = test::random_state(rng, 5, 4, 3, 2, 3);
    OwnedState p = s;
    const int perm[5] = {3, 0, 4, 1, 2};
    for (int i = 0; i < 5; ++i)
        for (int c = 0; c < 4; ++c) p.embeddings(i, c) = s.embeddings(perm[i], c);
    const attn::Trace a = run_ok(s), b = run_ok(p);
    for (int i = 0; i < 5; ++i)
        for (int c = 0; c < 3; ++c) CHECK(b.output(i, c) == Approx(a.output(perm[i], c)).margin(1e-5));
}

TEST_CASE("scaling on and off: the same raw scores, scaled ones differ by exactly sqrt(Dk)", "[attention][property]") {
    std::mt19937 rng(5);
    OwnedState on = test::random_state(rng, 4, 6, 9, 1);
    OwnedState off = on;
    off.scale = false;
    const attn::Trace a = run_ok(on), b = run_ok(off);
    CHECK(test::max_abs_diff(a.heads[0].scores, b.heads[0].scores) == 0.0);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) CHECK(a.heads[0].scaled(i, j) * 3.0f == Approx(b.heads[0].scaled(i, j)));
}

TEST_CASE("temperature divides the scaled scores", "[attention][property]") {
    std::mt19937 rng(6);
    OwnedState a = test::random_state(rng, 3, 4, 4, 1);
    OwnedState b = a;
    b.temperature = 2.0f;
    const attn::Trace ta = run_ok(a), tb = run_ok(b);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) CHECK(tb.heads[0].scaled(i, j) == Approx(ta.heads[0].scaled(i, j) / 2));
}

TEST_CASE("H = 1 multi-head equals single-head attention", "[attention][multihead]") {
    std::mt19937 rng(7);
    const OwnedState s = test::random_state(rng, 9, 6, 5, 1);
    const attn::Trace t = run_ok(s);
    Matrix out(9, 5), scores(9, 9), kt(5, 9);
    attn::attention_head(out.view(), t.heads[0].q, t.heads[0].k, t.heads[0].v, 1.0f / std::sqrt(5.0f),
                         scores.values.data(), kt.values.data());
    CHECK(test::max_abs_diff(out.view(), t.output) <= 1e-6);
}

TEST_CASE("multi-head: head h fills concat columns h*Dk..; W_O = I leaves the concat unchanged",
          "[attention][multihead]") {
    std::mt19937 rng(8);
    OwnedState s = test::random_state(rng, 4, 3, 2, 3);
    s.wo = test::identity(6);
    const attn::Trace t = run_ok(s);
    for (int h = 0; h < 3; ++h)
        for (int i = 0; i < 4; ++i)
            for (int c = 0; c < 2; ++c) CHECK(t.concat(i, h * 2 + c) == t.heads[h].output(i, c));
    CHECK(test::max_abs_diff(t.output, t.concat) <= 1e-6);
    CHECK(t.shape.Dout == 6);
}

TEST_CASE("the SIMD trace matches the scalar trace", "[attention][simd]") {
    std::mt19937 rng(10);
    for (int T : test::sweep_sizes(attn::simd_width())) {
        OwnedState s = test::random_state(rng, T, 8, 5, 2, 3);
        s.mask = T % 2 ? attn::MaskKind::causal : attn::MaskKind::none;
        const attn::Trace a = run_ok(s, attn::Kernels::simd), b = run_ok(s, attn::Kernels::scalar);
        INFO("T=" << T);
        REQUIRE(a.used == b.used);
        for (std::size_t i = 0; i < a.used; ++i) {
            const double want = b.storage[i];
            if (std::isinf(want)) {
                REQUIRE(a.storage[i] == b.storage[i]);
                continue;
            }
            INFO("index " << i);
            REQUIRE(std::fabs(a.storage[i] - want) <= 1e-4 * std::max(1.0, std::fabs(want)));
        }
    }
}

// The largest gap between the fused kernel and its scalar twin on random q, k in [-range, range] and v in
// the default range, with v's columns = Dk.
static double fused_gap(std::mt19937& rng, int T, int Dk, float range, float factor) {
    const Matrix q = test::random_matrix(rng, T, Dk, -range, range), k = test::random_matrix(rng, T, Dk, -range, range),
                 v = test::random_matrix(rng, T, Dk);
    Matrix a(T, Dk), b(T, Dk), scores(T, T), kt(Dk, T);
    attn::attention_head(a.view(), q.view(), k.view(), v.view(), factor, scores.values.data(), kt.values.data());
    attn::attention_head(b.view(), q.view(), k.view(), v.view(), factor, scores.values.data(), kt.values.data(),
                         attn::Kernels::scalar);
    return test::max_abs_diff(a.view(), b.view());
}

TEST_CASE("the fused kernel (attention_head) matches its scalar twin around the SIMD width", "[attention][simd]") {
    std::mt19937 rng(11);
    for (int T : test::sweep_sizes(attn::simd_width())) {
        const int Dk = T % 7 + 1;
        INFO("T=" << T << " Dk=" << Dk);
        CHECK(fused_gap(rng, T, Dk, 3.0f, 0.7f) <= 1e-5);
    }
}

TEST_CASE("the fused kernel's row blocks and packed V match the scalar twin", "[attention][simd]") {
    std::mt19937 rng(12);
    for (int Dk : {64, 13}) {  // panels only; panels plus leftover columns
        const int T = 600;     // blocks of 108 rows: five full, one of 60
        INFO("Dk=" << Dk);
        CHECK(fused_gap(rng, T, Dk, 2.0f, 0.3f) <= 1e-5);
    }
}

TEST_CASE("huge but valid inputs give no NaN or Inf anywhere in the trace", "[attention][property]") {
    OwnedState s =
        single_head({{100, -100}, {-100, 100}, {50, 50}}, test::identity(2), test::identity(2), test::identity(2));
    s.scale = false;  // scores reach +-2e4
    const attn::Trace t = run_ok(s);
    for (std::size_t i = 0; i < t.used; ++i) REQUIRE(std::isfinite(t.storage[i]));  // no mask: no -inf either
    CHECK(t.heads[0].flags[0] == attn::kRowSaturated);
}
