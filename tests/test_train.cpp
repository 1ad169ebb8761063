// Training: the losses by hand and against central differences, the p - t shortcut against the general
// backward, gradient descent reaching a marked pattern, named validation errors, no allocation per step.
#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "attn/train.hpp"
#include "grad_check.hpp"

using attn::Matrix;
using test::OwnedState;

// Every heap allocation of the test binary is counted, so a test can show that a step makes none.
namespace {
std::size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
    ++g_allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

attn::ParamsView params_of(OwnedState& s) {
    attn::ParamsView p;
    p.embeddings = s.embeddings.view();
    for (std::size_t h = 0; h < s.wq.size(); ++h) p.heads[h] = {s.wq[h].view(), s.wk[h].view(), s.wv[h].view()};
    if (s.wo.rows > 0) p.wo = s.wo.view();
    return p;
}

std::string message(const std::optional<attn::Error>& e) { return e ? e->message() : "ok"; }

// A target matrix (T, T) with the given (row, column, value) cells.
Matrix marks(int T, std::initializer_list<std::array<float, 3>> cells) {
    Matrix m(T, T);
    for (const auto& c : cells) m(static_cast<int>(c[0]), static_cast<int>(c[1])) = c[2];
    return m;
}

attn::TrainConfig config_of(const std::vector<Matrix>& targets, const Matrix& output, float lr, unsigned params) {
    attn::TrainConfig cfg;
    for (std::size_t h = 0; h < targets.size(); ++h)
        if (targets[h].rows > 0) cfg.targets.weights[h] = targets[h].view();
    if (output.rows > 0) cfg.targets.output = output.view();
    cfg.learning_rate = lr;
    cfg.params = params;
    return cfg;
}

// The losses again in double, from the double forward, for finite differences.
double pattern_loss(const test::DForward& f, const std::vector<Matrix>& targets) {
    double loss = 0.0;
    for (std::size_t h = 0; h < targets.size(); ++h)
        for (int i = 0; i < targets[h].rows; ++i) {
            double sum = 0.0, top = -INFINITY, z = 0.0;
            for (int j = 0; j < targets[h].cols; ++j) sum += targets[h](i, j);
            if (sum == 0.0) continue;
            for (int j = 0; j < targets[h].cols; ++j) top = std::fmax(top, f.masked[h](i, j));
            for (int j = 0; j < targets[h].cols; ++j) z += std::exp(f.masked[h](i, j) - top);
            for (int j = 0; j < targets[h].cols; ++j)
                if (targets[h](i, j) > 0) loss -= targets[h](i, j) / sum * (f.masked[h](i, j) - top - std::log(z));
        }
    return loss;
}

double output_loss(const test::DForward& f, const Matrix& target) {
    double loss = 0.0;
    for (int i = 0; i < target.rows; ++i)
        for (int c = 0; c < target.cols; ++c) loss += 0.5 * std::pow(f.output(i, c) - target(i, c), 2);
    return loss;
}

// Runs one step that writes its update into a copy, so ws.grads hold the gradients at `s` itself.
attn::TrainWorkspace gradients_at(const OwnedState& s, const attn::TrainConfig& cfg) {
    attn::TrainWorkspace ws;
    OwnedState copy = s;
    const auto err = attn::train_step(params_of(copy), ws, s.view(), cfg);
    INFO(message(err));
    REQUIRE(!err);
    return ws;
}

}  // namespace

TEST_CASE("pattern loss and its gradient on rows worked by hand", "[train][loss]") {
    // Row 0: p = [3/4, 1/4] (scores [ln 3, 0]); target [1, 0]: L = -ln(3/4) = 0.287682, dL/dx = p - t = [-1/4, 1/4].
    // Row 1 is unmarked: no loss, zero gradient.  An unnormalised target [.4, .4] means [1/2, 1/2]:
    // L = -(ln(3/4) + ln(1/4)) / 2 = 0.836988, dL/dx = [1/4, -1/4].
    const Matrix masked{{std::log(3.0f), 0}, {0, 0}}, weights{{0.75f, 0.25f}, {0.5f, 0.5f}};
    Matrix grad(2, 2, 9.0f);
    CHECK(attn::pattern_loss(grad.view(), masked.view(), weights.view(), Matrix{{1, 0}, {0, 0}}.view()) ==
          Approx(0.287682));
    CHECK(grad.values == std::vector<float>{-0.25f, 0.25f, 0, 0});
    CHECK(attn::pattern_loss(grad.view(), masked.view(), weights.view(), Matrix{{0.4f, 0.4f}, {0, 0}}.view()) ==
          Approx(0.836988));
    CHECK(grad.values == std::vector<float>{0.25f, -0.25f, 0, 0});
}

TEST_CASE("a target weight that underflowed to 0 still has a finite loss", "[train][loss]") {
    // p_1 = e^-200 / (1 + e^-200) is 0 in float; its log is -200 - log(1 + e^-200) = -200.
    const Matrix masked{{0, -200}}, weights{{1, 0}};
    Matrix grad(1, 2);
    CHECK(attn::pattern_loss(grad.view(), masked.view(), weights.view(), Matrix{{0, 1}}.view()) == Approx(200.0));
    CHECK(grad.values == std::vector<float>{1, -1});
}

TEST_CASE("output loss by hand", "[train][loss]") {
    Matrix grad(1, 2);
    CHECK(attn::output_loss(grad.view(), Matrix{{1, 2}}.view(), Matrix{{0, 4}}.view()) == Approx(2.5));  // (1 + 4) / 2
    CHECK(grad.values == std::vector<float>{1, -2});
}

TEST_CASE("the pattern-loss gradient matches central differences", "[train][fd]") {
    std::mt19937 rng(31);
    for (bool wo : {false, true}) {
        OwnedState s = test::random_state(rng, 4, 4, 3, 2, wo ? 3 : 0);
        s.mask = attn::MaskKind::causal;
        const std::vector<Matrix> targets{marks(4, {{2, 0, 1}, {3, 1, 0.3f}, {3, 3, 0.3f}}), marks(4, {{1, 1, 1}})};
        const auto cfg = config_of(targets, {}, 0.1f, wo ? attn::kParamAll : attn::kParamAll & ~attn::kParamWo);
        const attn::TrainWorkspace ws = gradients_at(s, cfg);
        test::check_all_gradients(ws.grads, s, [&](const test::DForward& f) { return pattern_loss(f, targets); });
    }
}

TEST_CASE("the p - t shortcut equals the general backward from dL/dP = -t/p", "[train][backward]") {
    std::mt19937 rng(32);
    const OwnedState s = test::random_state(rng, 5, 4, 3, 1);
    const std::vector<Matrix> targets{marks(5, {{0, 4, 1}, {2, 0, 0.5f}, {2, 1, 0.25f}})};
    const attn::TrainWorkspace ws = gradients_at(s, config_of(targets, {}, 0.1f, attn::kParamAll & ~attn::kParamWo));
    Matrix dp(5, 5);
    for (int i = 0; i < 5; ++i) {
        float sum = 0.0f;
        for (int j = 0; j < 5; ++j) sum += targets[0](i, j);
        for (int j = 0; j < 5; ++j)
            if (targets[0](i, j) > 0) dp(i, j) = -targets[0](i, j) / sum / ws.trace.heads[0].weights(i, j);
    }
    attn::Upstream up;
    up.weights[0] = dp.view();
    attn::Gradients general;
    REQUIRE(!attn::backward(general, s.view(), ws.trace, up));
    for (auto [a, b] : {std::pair{general.heads[0].wq, ws.grads.heads[0].wq},
                        {general.heads[0].wk, ws.grads.heads[0].wk},
                        {general.embeddings, ws.grads.embeddings}})
        CHECK(test::max_abs_diff(a, b) <= 1e-5);
}

TEST_CASE("the output-loss gradient matches central differences", "[train][fd]") {
    std::mt19937 rng(33);
    const OwnedState s = test::random_state(rng, 3, 4, 2, 2, 3);
    const Matrix target = test::random_matrix(rng, 3, 3);
    const std::vector<Matrix> targets{marks(3, {{1, 0, 1}})};
    const attn::TrainWorkspace ws = gradients_at(s, config_of(targets, target, 0.1f, attn::kParamAll));
    test::check_all_gradients(
        ws.grads, s, [&](const test::DForward& f) { return pattern_loss(f, targets) + output_loss(f, target); });
}

TEST_CASE("gradient descent teaches row 2 to attend to token 0", "[train]") {
    std::mt19937 rng(34);
    OwnedState s = test::random_state(rng, 4, 4, 2, 2);
    s.mask = attn::MaskKind::causal;
    const std::vector<Matrix> targets{marks(4, {{2, 0, 1}})};
    const auto cfg = config_of(targets, {}, 0.5f, attn::kParamWq | attn::kParamWk);
    attn::TrainWorkspace ws;
    std::vector<double> losses;
    for (int step = 0; step < 40; ++step) {
        REQUIRE(!attn::train_step(params_of(s), ws, s.view(), cfg));
        losses.push_back(ws.loss.total);
    }
    REQUIRE(!attn::evaluate(ws, s.view(), cfg));
    INFO("loss " << losses.front() << " -> " << ws.loss.total);
    for (std::size_t i = 1; i < losses.size(); ++i) CHECK(losses[i] < losses[i - 1]);
    CHECK(ws.trace.heads[0].weights(2, 0) > 0.9f);
    CHECK(ws.loss.total < 0.1);
}

TEST_CASE("training W_V and E toward a target output lowers the output loss", "[train]") {
    std::mt19937 rng(35);
    OwnedState s = test::random_state(rng, 3, 4, 2, 2, 3);
    const Matrix target = test::random_matrix(rng, 3, 3);
    const auto cfg = config_of({}, target, 0.1f, attn::kParamWv | attn::kParamEmbeddings);
    attn::TrainWorkspace ws;
    REQUIRE(!attn::evaluate(ws, s.view(), cfg));
    const double before = ws.loss.output;
    for (int step = 0; step < 100; ++step) REQUIRE(!attn::train_step(params_of(s), ws, s.view(), cfg));
    REQUIRE(!attn::evaluate(ws, s.view(), cfg));
    INFO("output loss " << before << " -> " << ws.loss.output);
    CHECK(ws.loss.output < 0.2 * before);
}

TEST_CASE("steps at a fixed size allocate nothing", "[train]") {
    std::mt19937 rng(36);
    OwnedState s = test::random_state(rng, 12, 8, 4, 2, 8);
    const std::vector<Matrix> targets{marks(12, {{5, 1, 1}}), marks(12, {{7, 2, 1}})};
    const Matrix output = test::random_matrix(rng, 12, 8);
    const auto cfg = config_of(targets, output, 0.01f, attn::kParamAll);
    attn::TrainWorkspace ws;
    const std::size_t fresh = g_allocations;
    REQUIRE(!attn::train_step(params_of(s), ws, s.view(), cfg));
    CHECK(g_allocations > fresh);  // the first step lays out the workspace (and shows the counter counts)
    const float *trace = ws.trace.storage.data(), *grads = ws.grads.storage.data(), *seeds = ws.seeds.data();
    const attn::ParamsView params = params_of(s);
    const std::size_t before = g_allocations;
    bool ok = true;
    for (int step = 0; step < 10; ++step) ok = !attn::train_step(params, ws, s.view(), cfg) && ok;
    ok = !attn::evaluate(ws, s.view(), cfg) && ok;
    const std::size_t allocations = g_allocations - before;
    REQUIRE(ok);
    CHECK(allocations == 0);
    CHECK(ws.trace.storage.data() == trace);
    CHECK(ws.grads.storage.data() == grads);
    CHECK(ws.seeds.data() == seeds);
}
