// The backward pass: kernels worked by hand, every gradient against central differences (H = 1 and 2, with
// and without the causal mask and W_O), fully masked rows, and the SIMD path held to its scalar twins.
#include <catch2/catch.hpp>

#include "attn/backward.hpp"
#include "attn/matmul.hpp"
#include "attn/softmax.hpp"
#include "catch_support.hpp"
#include "grad_check.hpp"

using attn::Matrix;
using test::OwnedState;
using test::run_ok;

namespace {

// L = Σ_h <G_h, P_h> + <R, Y> for fixed random G, R: its upstream gradients are simply G and R.
struct LinearLoss {
    std::vector<Matrix> g;  // per head (T, T), or 0x0
    Matrix r;               // (T, Dout), or 0x0

    attn::Upstream upstream() const {
        attn::Upstream up;
        for (std::size_t h = 0; h < g.size(); ++h)
            if (g[h].rows) up.weights[h] = g[h].view();
        if (r.rows) up.output = r.view();
        return up;
    }
    double operator()(const test::DForward& f) const {
        double sum = 0.0;
        for (std::size_t h = 0; h < g.size(); ++h)
            for (int i = 0; i < g[h].rows; ++i)
                for (int j = 0; j < g[h].cols; ++j) sum += g[h](i, j) * f.weights[h](i, j);
        for (int i = 0; i < r.rows; ++i)
            for (int c = 0; c < r.cols; ++c) sum += r(i, c) * f.output(i, c);
        return sum;
    }
};

LinearLoss random_loss(std::mt19937& rng, const attn::Shape& s, bool on_weights, bool on_output) {
    LinearLoss l;
    for (int h = 0; h < s.H; ++h) l.g.push_back(on_weights ? test::random_matrix(rng, s.T, s.T) : Matrix());
    if (on_output) l.r = test::random_matrix(rng, s.T, s.Dout);
    return l;
}

attn::Gradients backward_ok(const OwnedState& s, const attn::Trace& t, const attn::Upstream& up,
                            attn::Kernels k = attn::Kernels::simd) {
    attn::Gradients g;
    const auto err = attn::backward(g, s.view(), t, up, attn::kParamAll, k);
    INFO((err ? err->message() : std::string("ok")));
    REQUIRE(!err);
    return g;
}

}  // namespace

TEST_CASE("softmax_backward on rows worked by hand", "[backward][softmax]") {
    // p = [.5, .5], dp = [1, 0]: Σ p dp = .5, so dM = [.5 (1 - .5), .5 (0 - .5)] = [.25, -.25]; factor 2 doubles it.
    // p = [1, 0] (token 1 masked): dM = [1 (dp_0 - dp_0), 0] = 0 whatever dp is; the seed passes through.
    const Matrix p{{0.5f, 0.5f}, {1, 0}}, dp{{1, 0}, {3, -7}}, seed{{0, 0}, {0.25f, 0}};
    Matrix out(2, 2);
    attn::softmax_backward(out.view(), p.view(), dp.view(), {}, 2.0f);
    CHECK(out.values == std::vector<float>{0.5f, -0.5f, 0, 0});
    attn::softmax_backward(out.view(), p.view(), dp.view(), seed.view(), 1.0f);
    CHECK(out.values == std::vector<float>{0.25f, -0.25f, 0.25f, 0});
    attn::softmax_backward(out.view(), p.view(), {}, seed.view(), 4.0f);
    CHECK(out.values == std::vector<float>{0, 0, 1, 0});
}

TEST_CASE("matmul_at and matmul_bt_add on 2x2 pairs worked by hand", "[backward][matmul]") {
    const Matrix a{{1, 2}, {3, 4}}, b{{5, 6}, {7, 8}};
    Matrix out(2, 2, 1.0f);
    attn::matmul_at(out.view(), a.view(), b.view());
    // a^T b = [1*5 + 3*7, 1*6 + 3*8; 2*5 + 4*7, 2*6 + 4*8]
    CHECK(out.values == std::vector<float>{26, 30, 38, 44});
    std::vector<float> scratch(4);
    attn::matmul_bt_add(out.view(), a.view(), b.view(), scratch.data());
    // += a b^T = [1*5 + 2*6, 1*7 + 2*8; 3*5 + 4*6, 3*7 + 4*8] = [17, 23; 39, 53]
    CHECK(out.values == std::vector<float>{43, 53, 77, 97});
}

TEST_CASE("every gradient matches central differences", "[backward][fd]") {
    std::mt19937 rng(21);
    for (int H : {1, 2})
        for (attn::MaskKind mask : {attn::MaskKind::none, attn::MaskKind::causal})
            for (bool wo : {false, true})
                for (int upstream = 0; upstream < 3; ++upstream) {  // weights only, output only, both
                    OwnedState s = test::random_state(rng, 5, 4, 3, H, wo ? 3 : 0);
                    s.mask = mask;
                    INFO("H=" << H << " causal=" << (mask == attn::MaskKind::causal) << " wo=" << wo
                              << " upstream=" << upstream);
                    const attn::Trace t = run_ok(s);
                    const LinearLoss loss = random_loss(rng, t.shape, upstream != 1, upstream != 0);
                    test::check_all_gradients(backward_ok(s, t, loss.upstream()), s, loss);
                }
}

TEST_CASE("gradients match central differences without scaling, at another temperature, custom mask",
          "[backward][fd]") {
    std::mt19937 rng(22);
    OwnedState s = test::random_state(rng, 4, 3, 2, 2, 2);
    s.scale = false;
    s.temperature = 0.7f;
    s.mask = attn::MaskKind::custom;
    s.allow = Matrix{{1, 0, 1, 0}, {0, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 1}};
    const attn::Trace t = run_ok(s);
    const LinearLoss loss = random_loss(rng, t.shape, true, true);
    test::check_all_gradients(backward_ok(s, t, loss.upstream()), s, loss);
}

TEST_CASE("a fully masked row gives zero gradient, not NaN", "[backward][mask]") {
    std::mt19937 rng(23);
    OwnedState s = test::random_state(rng, 3, 4, 2, 1, 3);
    s.mask = attn::MaskKind::custom;
    s.allow = Matrix{{1, 1, 0}, {0, 0, 0}, {1, 0, 1}};
    const attn::Trace t = run_ok(s);
    // Upstream on the masked row only: nothing depends on it, so every gradient is exactly 0.
    Matrix g(3, 3);
    for (int j = 0; j < 3; ++j) g(1, j) = 5.0f;
    attn::Upstream up;
    up.weights[0] = g.view();
    const attn::Gradients only = backward_ok(s, t, up);
    for (const attn::MatrixView<float>* m :
         {&only.embeddings, &only.heads[0].wq, &only.heads[0].wk, &only.heads[0].wv, &only.wo})
        for (int r = 0; r < m->rows; ++r)
            for (int c = 0; c < m->cols; ++c) REQUIRE((*m)(r, c) == 0.0f);
    // With upstream everywhere, the masked row's score gradients are 0 and the rest still matches.
    const LinearLoss loss = random_loss(rng, t.shape, true, true);
    const attn::Gradients all = backward_ok(s, t, loss.upstream());
    for (int j = 0; j < 3; ++j) CHECK(all.d_scores(1, j) == 0.0f);
    test::check_all_gradients(all, s, loss);
}

TEST_CASE("only the requested gradients are written", "[backward]") {
    std::mt19937 rng(24);
    const OwnedState s = test::random_state(rng, 4, 3, 2, 2, 2);
    const attn::Trace t = run_ok(s);
    const LinearLoss loss = random_loss(rng, t.shape, true, true);
    const attn::Gradients full = backward_ok(s, t, loss.upstream());
    attn::Gradients part;
    part.resize(t.shape);
    std::fill(part.storage.begin(), part.storage.end(), 7.0f);
    REQUIRE(!attn::backward(part, s.view(), t, loss.upstream(), attn::kParamWq | attn::kParamWk));
    for (int h = 0; h < 2; ++h) {
        CHECK(test::max_abs_diff(part.heads[h].wq, full.heads[h].wq) == 0.0);
        CHECK(test::max_abs_diff(part.heads[h].wk, full.heads[h].wk) == 0.0);
        CHECK(part.heads[h].wv(0, 0) == 7.0f);
    }
    CHECK(part.embeddings(0, 0) == 7.0f);
    CHECK(part.wo(0, 0) == 7.0f);
}

TEST_CASE("an upstream of the wrong shape is named", "[backward][validation]") {
    std::mt19937 rng(25);
    const OwnedState s = test::random_state(rng, 3, 2, 2, 2);
    const attn::Trace t = run_ok(s);
    const Matrix wrong(3, 2);
    attn::Upstream up;
    up.weights[1] = wrong.view();
    attn::Gradients g;
    auto err = attn::backward(g, s.view(), t, up);
    REQUIRE(err);
    CHECK(err->message() == "upstream.weights[1]: expected 3\u00d73, got 3\u00d72");
    up = {};
    up.output = wrong.view();
    err = attn::backward(g, s.view(), t, up);
    REQUIRE(err);
    CHECK(err->message() == "upstream.output: expected 3\u00d74, got 3\u00d72");
}

TEST_CASE("SIMD backward kernels match their scalar twins around the SIMD width", "[backward][simd]") {
    std::mt19937 rng(26);
    const auto sizes = test::sweep_sizes(attn::simd_width());
    for (int m : sizes)
        for (int n : sizes) {
            const int k = (m * 5 + n) % 37 + 1;
            INFO("m=" << m << " k=" << k << " n=" << n);
            const Matrix at = test::random_matrix(rng, k, m), b = test::random_matrix(rng, k, n);
            Matrix fast(m, n), ref(m, n);
            attn::matmul_at(fast.view(), at.view(), b.view());
            attn::ref::matmul_at(ref.view(), at.view(), b.view());
            REQUIRE(test::max_abs_diff(fast.view(), ref.view()) <= 64 * 1.2e-7 * k);
            const Matrix a = test::random_matrix(rng, m, k), bt = test::random_matrix(rng, n, k);
            std::vector<float> scratch(static_cast<std::size_t>(n) * k);
            attn::matmul_bt_add(fast.view(), a.view(), bt.view(), scratch.data());
            attn::ref::matmul_bt_add(ref.view(), a.view(), bt.view(), scratch.data());
            REQUIRE(test::max_abs_diff(fast.view(), ref.view()) <= 64 * 1.2e-7 * (k + 1.0 * k));
        }
    for (int n : sizes) {
        INFO("n=" << n);
        Matrix p = test::random_matrix(rng, n, n, -4, 4);
        attn::ref::softmax_rows(p.view(), p.view());
        const Matrix dp = test::random_matrix(rng, n, n), seed = test::random_matrix(rng, n, n);
        Matrix fast(n, n), ref(n, n);
        attn::softmax_backward(fast.view(), p.view(), dp.view(), seed.view(), 0.5f);
        attn::ref::softmax_backward(ref.view(), p.view(), dp.view(), seed.view(), 0.5f);
        REQUIRE(test::max_abs_diff(fast.view(), ref.view()) <= 64 * 1.2e-7);
    }
}

TEST_CASE("the SIMD backward matches the scalar backward", "[backward][simd]") {
    std::mt19937 rng(27);
    for (int T : test::sweep_sizes(attn::simd_width())) {
        OwnedState s = test::random_state(rng, T, 8, 5, 2, 3);
        s.mask = T % 2 ? attn::MaskKind::causal : attn::MaskKind::none;
        INFO("T=" << T);
        const attn::Trace ta = run_ok(s), tb = run_ok(s, attn::Kernels::scalar);
        const LinearLoss loss = random_loss(rng, ta.shape, true, true);
        const attn::Gradients a = backward_ok(s, ta, loss.upstream()),
                              b = backward_ok(s, tb, loss.upstream(), attn::Kernels::scalar);
        auto check = [](attn::MatrixView<const float> fast, attn::MatrixView<const float> ref) {
            double scale = 1.0;
            for (int r = 0; r < ref.rows; ++r)
                for (int c = 0; c < ref.cols; ++c) scale = std::fmax(scale, std::fabs(ref(r, c)));
            REQUIRE(test::max_abs_diff(fast, ref) <= 1e-4 * scale);
        };
        check(a.embeddings, b.embeddings);
        check(a.wo, b.wo);
        for (int h = 0; h < 2; ++h) {
            check(a.heads[h].wq, b.heads[h].wq);
            check(a.heads[h].wk, b.heads[h].wk);
            check(a.heads[h].wv, b.heads[h].wv);
        }
    }
}
