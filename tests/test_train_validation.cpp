// Training inputs: every error names the field as the JavaScript trainer spells it, and a failed step
// writes nothing.  Also the update's clamp and the SIMD step held to the scalar step.
#include <catch2/catch.hpp>
#include <limits>

#include "attn/matmul.hpp"
#include "attn/train.hpp"
#include "support.hpp"

using attn::Matrix;
using test::OwnedState;

namespace {

struct Setup {
    OwnedState s;
    std::vector<Matrix> targets;
    Matrix output;
    attn::TrainConfig cfg;

    Setup() {
        std::mt19937 rng(41);
        s = test::random_state(rng, 3, 4, 2, 2);
        targets = {Matrix(3, 3), Matrix(3, 3)};
        targets[0](2, 1) = 1.0f;
        refresh();
    }
    // Points the config at the current matrices (call after replacing one).
    void refresh() {
        for (std::size_t h = 0; h < targets.size(); ++h) cfg.targets.weights[h] = targets[h].view();
        cfg.targets.output = output.rows ? output.view() : attn::MatrixView<const float>();
    }
    std::string error() const {
        const auto e = attn::validate(cfg, s.view());
        return e ? e->message() : "ok";
    }
};

std::string message(const std::optional<attn::Error>& e) { return e ? e->message() : "ok"; }

attn::ParamsView params_of(OwnedState& s) {
    attn::ParamsView p;
    p.embeddings = s.embeddings.view();
    for (std::size_t h = 0; h < s.wq.size(); ++h) p.heads[h] = {s.wq[h].view(), s.wk[h].view(), s.wv[h].view()};
    if (s.wo.rows > 0) p.wo = s.wo.view();
    return p;
}

}  // namespace

TEST_CASE("a valid training config passes", "[train][validation]") { CHECK(Setup().error() == "ok"); }

TEST_CASE("target values must be numbers from 0 to 1", "[train][validation]") {
    Setup u;
    u.targets[0](2, 1) = 3.0f;
    CHECK(u.error() == "target[0][2][1]: expected a number from 0 to 1, got 3");
    u.targets[0](2, 1) = -0.5f;
    CHECK(u.error() == "target[0][2][1]: expected a number from 0 to 1, got -0.5");
    u.targets[0](2, 1) = 1.0f;
    u.targets[1](0, 2) = std::numeric_limits<float>::quiet_NaN();
    CHECK(u.error() == "target[1][0][2]: expected a number from 0 to 1, got NaN");
}

TEST_CASE("target shapes and head counts are named", "[train][validation]") {
    Setup u;
    u.targets[1] = Matrix(3, 2);
    u.refresh();
    CHECK(u.error() == "target[1]: expected 3\u00d73, got 3\u00d72");
    u.targets[1] = Matrix(3, 3);
    u.targets.push_back(Matrix(3, 3));
    u.refresh();
    CHECK(u.error() == "target[2]: the state has only 2 heads");
}

TEST_CASE("a target on a masked cell is named", "[train][validation][mask]") {
    Setup u;
    u.s.mask = attn::MaskKind::causal;
    u.targets[0](0, 2) = 0.5f;
    CHECK(u.error() == "target[0][0][2]: the mask blocks token 0 from attending to token 2, so its target must be 0");
}

TEST_CASE("there must be something to train toward", "[train][validation]") {
    Setup u;
    u.targets[0](2, 1) = 0.0f;
    CHECK(u.error() == "target: nothing to train toward: mark at least one target weight or give targetOutput");
    u.output = Matrix(3, 4);
    u.refresh();
    CHECK(u.error() == "ok");
}

TEST_CASE("targetOutput shape and values are named", "[train][validation]") {
    Setup u;
    u.output = Matrix(3, 3);
    u.refresh();
    CHECK(u.error() == "targetOutput: expected 3\u00d74, got 3\u00d73");
    u.output = Matrix(3, 4);
    u.output(1, 2) = std::numeric_limits<float>::infinity();
    u.refresh();
    CHECK(u.error() == "targetOutput[1][2]: not a finite number (Infinity)");
    u.output(1, 2) = -3e6f;
    CHECK(u.error() == "targetOutput[1][2]: -3,000,000 is outside \u00b11,000,000");
}

TEST_CASE("the learning rate must lie in (0, 100]", "[train][validation]") {
    for (float lr :
         {0.0f, -1.0f, 101.0f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        Setup u;
        u.cfg.learning_rate = lr;
        CHECK(u.error().rfind("learningRate: expected a number above 0 and at most 100, got ", 0) == 0);
    }
    Setup u;
    u.cfg.learning_rate = 100.0f;
    CHECK(u.error() == "ok");
}

TEST_CASE("the parameter choice must exist in the state", "[train][validation]") {
    Setup u;
    u.cfg.params = attn::kParamWq | attn::kParamWo;
    CHECK(u.error() == "train: includes wo, but the state has no W_O");
    u.cfg.params = 0;
    CHECK(u.error() == "train: expected a choice among wq, wk, wv, wo, embeddings and positions");
}

TEST_CASE("a failed step writes nothing; state errors come first", "[train][validation]") {
    Setup u;
    u.targets[0](2, 1) = 3.0f;
    const OwnedState before = u.s;
    attn::TrainWorkspace ws;
    CHECK(message(attn::train_step(params_of(u.s), ws, u.s.view(), u.cfg)) ==
          "target[0][2][1]: expected a number from 0 to 1, got 3");
    CHECK(u.s.wq[0].values == before.wq[0].values);
    u.s.temperature = 0.0f;
    CHECK(message(attn::train_step(params_of(u.s), ws, u.s.view(), u.cfg)).rfind("temperature:", 0) == 0);
}

TEST_CASE("an overflowing gradient is an error, and nothing is written", "[train][validation]") {
    // All values at the 1e6 limit: outputs reach ~4e21, and the gradient through the softmax overflows.
    std::mt19937 rng(42);
    OwnedState s = test::random_state(rng, 2, 64, 64, 1, 64);
    for (Matrix* m : {&s.embeddings, &s.wq[0], &s.wk[0], &s.wv[0], &s.wo})
        std::fill(m->values.begin(), m->values.end(), 1e6f);
    const Matrix target(2, 64);
    attn::TrainConfig cfg;
    cfg.targets.output = target.view();
    const OwnedState before = s;
    attn::TrainWorkspace ws;
    CHECK(message(attn::train_step(params_of(s), ws, s.view(), cfg)) ==
          "state: the gradient overflowed: values this large cannot be trained");
    CHECK(s.wq[0].values == before.wq[0].values);
}

TEST_CASE("sgd_update clamps to the value limit and matches its twin", "[train][simd]") {
    std::mt19937 rng(43);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        const Matrix in = test::random_matrix(rng, 3, n, -1e6f, 1e6f),
                     grad = test::random_matrix(rng, 3, n, -1e4f, 1e4f);
        Matrix fast(3, n), ref(3, n);
        attn::sgd_update(fast.view(), in.view(), grad.view(), 100.0f);
        attn::ref::sgd_update(ref.view(), in.view(), grad.view(), 100.0f);
        INFO("n=" << n);
        for (std::size_t i = 0; i < in.values.size(); ++i) {
            REQUIRE(std::fabs(fast.values[i]) <= 1e6f);
            REQUIRE(test::close(fast.values[i], ref.values[i],
                                std::fabs(in.values[i]) + 100.0 * std::fabs(grad.values[i])));
        }
    }
}

TEST_CASE("SIMD and scalar training steps agree", "[train][simd]") {
    Setup u;
    u.s.mask = attn::MaskKind::causal;
    u.cfg.params = attn::kParamAll & ~attn::kParamWo;
    OwnedState a = u.s, b = u.s;
    attn::TrainWorkspace wa, wb;
    for (int step = 0; step < 10; ++step) {
        REQUIRE(!attn::train_step(params_of(a), wa, a.view(), u.cfg, attn::Kernels::simd));
        REQUIRE(!attn::train_step(params_of(b), wb, b.view(), u.cfg, attn::Kernels::scalar));
        CHECK(wa.loss.total == Approx(wb.loss.total).epsilon(1e-4));
    }
    CHECK(test::max_abs_diff(a.embeddings.view(), b.embeddings.view()) <= 1e-4);
    CHECK(test::max_abs_diff(a.wk[1].view(), b.wk[1].view()) <= 1e-4);
}
