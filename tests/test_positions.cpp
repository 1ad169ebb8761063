// Positions: the sinusoidal table and X = E + P against values worked by hand, validation of a learned
// table, word order (no positions, no mask: permuting the tokens permutes the outputs), gradients through
// X (E's and P's against central differences), training a learned table, and SIMD held to its twins.
#include <catch2/catch.hpp>

#include "attn/positions.hpp"
#include "attn/train.hpp"
#include "catch_support.hpp"
#include "grad_check.hpp"

using attn::Matrix;
using attn::PositionKind;
using test::OwnedState;
using test::run_ok;

namespace {

std::string error_of(const OwnedState& s) {
    const auto e = attn::validate(s.view());
    return e ? e->message() : "ok";
}

// 3 tokens, D = 4, one head whose projections are the identity: Q = K = V = X.
OwnedState three_by_four() {
    OwnedState s;
    s.embeddings = Matrix{{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 3, 1}};
    s.wq = s.wk = s.wv = {test::identity(4)};
    return s;
}

}  // namespace

TEST_CASE("the sinusoidal table, worked by hand", "[positions]") {
    // Column pairs (0, 1) turn at rate 1, (2, 3) at 10000^(2/4) = 100; an odd D = 3 ends on a sine at
    // 10000^(2/3) = 464.1588834.
    Matrix p(3, 4);
    attn::sinusoidal_positions(p.view());
    const double want[3][4] = {{0, 1, 0, 1},
                               {std::sin(1.0), std::cos(1.0), std::sin(0.01), std::cos(0.01)},
                               {std::sin(2.0), std::cos(2.0), std::sin(0.02), std::cos(0.02)}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) CHECK(p(r, c) == static_cast<float>(want[r][c]));
    CHECK(p(1, 0) == Approx(0.841471));
    CHECK(p(2, 1) == Approx(-0.416147));
    CHECK(p(1, 2) == Approx(0.00999983));
    Matrix odd(2, 3);
    attn::sinusoidal_positions(odd.view());
    CHECK(odd(1, 2) == static_cast<float>(std::sin(1.0 / 464.1588833612779)));
    CHECK(odd(1, 2) == Approx(0.00215443));
}

TEST_CASE("X = E + P feeds the projections; without positions X is E and nothing is copied", "[positions]") {
    OwnedState s = three_by_four();
    const attn::Trace none = run_ok(s);
    CHECK(!none.shape.has_positions);
    CHECK(none.positions.empty());
    CHECK(none.x.empty());
    CHECK(none.input(s.view()).data == s.embeddings.values.data());

    s.positions = PositionKind::sinusoidal;
    const attn::Trace t = run_ok(s);
    REQUIRE(t.shape.has_positions);
    REQUIRE(t.positions.rows == 3);
    REQUIRE(t.positions.cols == 4);
    CHECK(t.used == none.used + 2 * 3 * 4);
    // Row 1: E = (0, 2, 0, 0), P = (sin 1, cos 1, sin .01, cos .01).
    const float x1[4] = {static_cast<float>(std::sin(1.0)), 2 + static_cast<float>(std::cos(1.0)),
                         static_cast<float>(std::sin(0.01)), static_cast<float>(std::cos(0.01))};
    for (int c = 0; c < 4; ++c) {
        CHECK(t.x(1, c) == x1[c]);
        CHECK(t.heads[0].q(1, c) == Approx(x1[c]));  // W_Q = I: Q = X
    }
    CHECK(t.x(0, 1) == 1.0f);  // position 0 adds (0, 1, 0, 1)
    CHECK(t.x(2, 3) == 1 + static_cast<float>(std::cos(0.02)));

    s.positions = PositionKind::learned;
    s.position_table = Matrix{{0.5f, 0, 0, 0}, {0, -2, 0, 0}, {0, 0, 0, 10}};
    const attn::Trace l = run_ok(s);
    CHECK(l.positions(2, 3) == 10.0f);
    CHECK(l.x(0, 0) == 1.5f);
    CHECK(l.x(1, 1) == 0.0f);
    CHECK(l.heads[0].v(2, 3) == 11.0f);
}

TEST_CASE("a learned table is validated by path", "[positions][validation]") {
    std::mt19937 rng(4);
    OwnedState s = test::random_state(rng, 3, 6, 2, 1);
    s.positions = PositionKind::learned;
    CHECK(error_of(s) == "positions: missing, expected 3\u00d76");
    s.position_table = Matrix(3, 5);
    CHECK(error_of(s) == "positions: expected 3\u00d76, got 3\u00d75");
    s.position_table = Matrix(3, 6);
    s.position_table(1, 2) = std::numeric_limits<float>::quiet_NaN();
    CHECK(error_of(s) == "positions[1][2]: not a finite number (NaN)");
    s.position_table(1, 2) = 2e6f;
    CHECK(error_of(s) == "positions[1][2]: 2,000,000 is outside \u00b11,000,000");
    s.position_table(1, 2) = 1e6f;
    CHECK(error_of(s) == "ok");
    s.positions = PositionKind::sinusoidal;  // a table is ignored unless the positions are learned
    s.position_table = Matrix(1, 1);
    CHECK(error_of(s) == "ok");
}

TEST_CASE("word order: without positions and mask a permutation only permutes the outputs", "[positions]") {
    std::mt19937 rng(7);
    OwnedState a = test::random_state(rng, 3, 5, 4, 2, 3);
    OwnedState b = a;  // tokens 0 and 2 swapped ("dog bites man", "man bites dog")
    for (int c = 0; c < 5; ++c) std::swap(b.embeddings(0, c), b.embeddings(2, c));
    auto row_gap = [](const attn::Trace& x, int i, const attn::Trace& y, int j) {
        double worst = 0.0;
        for (int c = 0; c < x.output.cols; ++c)
            worst = std::max(worst, std::fabs(static_cast<double>(x.output(i, c)) - y.output(j, c)));
        return worst;
    };
    for (auto k : {attn::Kernels::simd, attn::Kernels::scalar}) {
        CHECK(row_gap(run_ok(a, k), 0, run_ok(b, k), 2) <= 1e-6);
        a.positions = b.positions = PositionKind::sinusoidal;
        CHECK(row_gap(run_ok(a, k), 0, run_ok(b, k), 2) > 1e-3);
        a.positions = b.positions = PositionKind::none;
        a.mask = b.mask = attn::MaskKind::causal;
        CHECK(row_gap(run_ok(a, k), 0, run_ok(b, k), 2) > 1e-3);
        a.mask = b.mask = attn::MaskKind::none;
    }
}

TEST_CASE("gradients through X = E + P match central differences", "[positions][backward][fd]") {
    std::mt19937 rng(31);
    for (PositionKind kind : {PositionKind::sinusoidal, PositionKind::learned})
        for (int H : {1, 2})
            for (attn::MaskKind mask : {attn::MaskKind::none, attn::MaskKind::causal}) {
                OwnedState s = test::random_state(rng, 5, 4, 3, H, H == 2 ? 3 : 0);
                s.mask = mask;
                s.positions = kind;
                if (kind == PositionKind::learned) s.position_table = test::random_matrix(rng, 5, 4);
                INFO("learned=" << (kind == PositionKind::learned) << " H=" << H
                                << " causal=" << (mask == attn::MaskKind::causal));
                const attn::Trace t = run_ok(s);
                std::vector<Matrix> g;
                for (int h = 0; h < H; ++h) g.push_back(test::random_matrix(rng, 5, 5));
                const Matrix r = test::random_matrix(rng, 5, t.shape.Dout);
                attn::Upstream up;
                for (int h = 0; h < H; ++h) up.weights[h] = g[h].view();
                up.output = r.view();
                auto loss = [&](const test::DForward& f) {
                    double sum = 0.0;
                    for (int h = 0; h < H; ++h)
                        for (int i = 0; i < 5; ++i)
                            for (int j = 0; j < 5; ++j) sum += g[h](i, j) * f.weights[h](i, j);
                    for (int i = 0; i < 5; ++i)
                        for (int c = 0; c < r.cols; ++c) sum += r(i, c) * f.output(i, c);
                    return sum;
                };
                attn::Gradients grads;
                REQUIRE(!attn::backward(grads, s.view(), t, up, attn::kParamAll | attn::kParamPositions));
                REQUIRE(!grads.positions.empty());
                test::check_all_gradients(grads, s, loss);
                // P alone (E not asked for) gets the same gradient: it is X's.
                attn::Gradients only_p;
                REQUIRE(!attn::backward(only_p, s.view(), t, up, attn::kParamPositions));
                CHECK(test::max_abs_diff(only_p.positions, grads.embeddings) == 0.0);
                attn::Gradients scalar;
                REQUIRE(!attn::backward(scalar, s.view(), run_ok(s, attn::Kernels::scalar), up,
                                        attn::kParamAll | attn::kParamPositions, attn::Kernels::scalar));
                CHECK(test::max_abs_diff(scalar.positions, grads.positions) <= 1e-4);
            }
}

TEST_CASE("training updates a learned table, and only a learned one", "[positions][train]") {
    std::mt19937 rng(41);
    OwnedState s = test::random_state(rng, 4, 3, 2, 1);
    Matrix target(4, 4);
    target(0, 3) = 1;  // token 0 should look at token 3
    attn::TrainConfig cfg;
    cfg.targets.weights[0] = target.view();
    cfg.params = attn::kParamPositions;
    cfg.learning_rate = 0.5f;
    auto problem = [&] {
        const auto e = attn::validate(cfg, s.view());
        return e ? e->message() : "ok";
    };
    CHECK(problem() == "train: includes positions, but the state has no learned positions (a T\u00d7D table)");
    s.positions = PositionKind::sinusoidal;
    CHECK(problem() == "train: includes positions, but the state has no learned positions (a T\u00d7D table)");
    s.positions = PositionKind::learned;
    s.position_table = Matrix(4, 3);
    CHECK(problem() == "ok");
    const Matrix before_e = s.embeddings;
    attn::TrainWorkspace ws;
    attn::ParamsView params;
    params.positions = s.position_table.view();
    double first = 0.0;
    for (int i = 0; i < 20; ++i) {
        REQUIRE(!attn::train_step(params, ws, s.view(), cfg));
        if (i == 0) first = ws.loss.total;
    }
    REQUIRE(!attn::evaluate(ws, s.view(), cfg));
    CHECK(ws.loss.total < first);
    CHECK(s.embeddings.values == before_e.values);  // E was not asked for
    double moved = 0.0;
    for (float v : s.position_table.values) moved += std::fabs(v);
    CHECK(moved > 0.0);
    cfg.params = 64;
    CHECK(problem() == "train: expected a choice among wq, wk, wv, wo, embeddings and positions");
}

TEST_CASE("with positions the SIMD pass agrees with its double twins", "[positions][simd]") {
    std::mt19937 rng(51);
    for (int T : {1, 3, 9, 17})
        for (int D : {1, 2, 5, 16}) {
            OwnedState s = test::random_state(rng, T, D, 3, 2);
            s.positions = PositionKind::sinusoidal;
            const attn::Trace a = run_ok(s), b = run_ok(s, attn::Kernels::scalar);
            CHECK(test::max_abs_diff(a.x, b.x) == 0.0);
            CHECK(test::max_abs_diff(a.positions, b.positions) == 0.0);
            CHECK(test::max_abs_diff(a.output, b.output) <= 1e-4);
        }
}
