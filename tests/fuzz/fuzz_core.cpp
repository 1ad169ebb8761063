// libFuzzer harness for the core: a state of arbitrary shapes and values goes through validate, then run with
// the SIMD kernels and with their double-precision twins, then a training step with each.  Checks: errors
// name a path and leave the trace alone; valid states give finite traces whose kernels agree within a bound
// set by the size of the summands; a step keeps the parameters finite and within the limits.
#include <algorithm>
#include <vector>

#include "attn/train.hpp"
#include "fuzz_support.hpp"

namespace {

using attn::MatrixView;
constexpr double kEps = std::numeric_limits<float>::epsilon();

struct Mat {
    std::vector<float> v;
    int rows = 0, cols = 0;
    MatrixView<float> view() { return v.empty() ? MatrixView<float>() : MatrixView<float>(v.data(), rows, cols); }
};

// A matrix meant to be (rows, cols); now and then one dimension is off by one or it is missing.
Mat matrix(FuzzedDataProvider& in, int rows, int cols, bool wild, bool mismatch) {
    if (mismatch && in.ConsumeIntegralInRange<int>(0, 15) == 0) {
        switch (in.ConsumeIntegralInRange<int>(0, 4)) {
            case 0:
                rows += 1;
                break;
            case 1:
                rows -= 1;
                break;
            case 2:
                cols += 1;
                break;
            case 3:
                cols -= 1;
                break;
            default:
                rows = cols = 0;
        }
    }
    Mat m;
    m.rows = std::max(rows, 0);
    m.cols = std::max(cols, 0);
    m.v.resize(static_cast<std::size_t>(m.rows) * m.cols);
    for (float& x : m.v) x = fuzz::value(in, wild);
    return m;
}

struct Case {
    Mat x, wq[attn::Limits::max_heads], wk[attn::Limits::max_heads], wv[attn::Limits::max_heads], wo, allow, pos;
    attn::StateView state;
};

void make_state(FuzzedDataProvider& in, Case& c) {
    const bool wild = in.ConsumeIntegralInRange<int>(0, 3) == 0, mismatch = in.ConsumeBool();
    const int T = in.ConsumeIntegralInRange<int>(1, in.ConsumeIntegralInRange<int>(0, 15) == 0 ? 40 : 9);
    const int D = in.ConsumeIntegralInRange<int>(1, 20), Dk = in.ConsumeIntegralInRange<int>(1, 20);
    const int H = in.ConsumeIntegralInRange<int>(mismatch ? 0 : 1, mismatch ? attn::Limits::max_heads + 1 : 4);
    const int Hs = std::min(H, attn::Limits::max_heads);
    attn::StateView& s = c.state;
    c.x = matrix(in, T, D, wild, mismatch);
    s.embeddings = c.x.view();
    s.num_heads = H;
    for (int h = 0; h < Hs; ++h) {
        c.wq[h] = matrix(in, D, Dk, wild, mismatch);
        c.wk[h] = matrix(in, D, Dk, wild, mismatch);
        c.wv[h] = matrix(in, D, Dk, wild, mismatch);
        s.heads[h] = {c.wq[h].view(), c.wk[h].view(), c.wv[h].view()};
    }
    if (in.ConsumeBool()) {
        c.wo = matrix(in, Hs * Dk, in.ConsumeIntegralInRange<int>(1, 20), wild, mismatch);
        s.wo = c.wo.view();
    }
    s.mask = static_cast<attn::MaskKind>(in.ConsumeIntegralInRange<int>(0, 2));
    if (s.mask == attn::MaskKind::custom) {
        c.allow = matrix(in, T, T, false, mismatch);
        const bool odd = mismatch && in.ConsumeIntegralInRange<int>(0, 7) == 0;  // a 0.5 or a -1 somewhere
        for (float& a : c.allow.v) a = odd ? a : (a > 0.5f ? 1.0f : 0.0f);
        s.allow = c.allow.view();
    }
    s.scale = in.ConsumeBool();
    s.temperature = fuzz::temperature(in);
}

// The same state with positions added (a second pass, so that the seeds' first pass stays as it was).
// False when the fuzzer picks none.
bool add_positions(FuzzedDataProvider& in, Case& c) {
    const bool wild = in.ConsumeIntegralInRange<int>(0, 3) == 0, mismatch = in.ConsumeBool();
    c.state.positions = static_cast<attn::PositionKind>(in.ConsumeIntegralInRange<int>(0, 2));
    if (c.state.positions == attn::PositionKind::learned) {
        c.pos = matrix(in, c.x.rows, c.x.cols, wild, mismatch);
        c.state.position_table = c.pos.view();
    }
    return c.state.positions != attn::PositionKind::none;
}

// |a| |b| in double: the size of the summands of a * b, entry by entry.
std::vector<double> abs_product(const std::vector<double>& a, const std::vector<double>& b, int m, int k, int n) {
    std::vector<double> out(static_cast<std::size_t>(m) * n, 0.0);
    for (int i = 0; i < m; ++i)
        for (int p = 0; p < k; ++p)
            for (int j = 0; j < n; ++j) out[i * n + j] += std::fabs(a[i * k + p]) * std::fabs(b[p * n + j]);
    return out;
}

std::vector<double> doubles(MatrixView<const float> m) {
    std::vector<double> out;
    for (int r = 0; r < m.rows; ++r)
        for (int c = 0; c < m.cols; ++c) out.push_back(m(r, c));
    return out;
}

void near(const char* what, MatrixView<const float> simd, MatrixView<const float> ref, const std::vector<double>& tol) {
    for (int r = 0; r < simd.rows; ++r)
        for (int c = 0; c < simd.cols; ++c) {
            const double d = std::fabs(static_cast<double>(simd(r, c)) - ref(r, c));
            if (d <= tol[r * simd.cols + c] + 1e-30) continue;
            fuzz::fail("SIMD and twin disagree", std::string(what) + "[" + std::to_string(r) + "][" +
                                                     std::to_string(c) + "]: " + std::to_string(simd(r, c)) + " vs " +
                                                     std::to_string(ref(r, c)));
        }
}

// Each step's rounding is at most a few eps times the sum of |terms| it adds; bounds propagate as sizes:
// Q, K, V from |X||W|, scores from |Q||K|^T, weights through the softmax (a logit error d moves a weight by
// at most e^{2d} - 1 of itself, never more than 1), outputs from the weights' bounds times |V|.
void compare(const attn::Trace& s, const attn::Trace& r, const attn::StateView& st) {
    const attn::Shape& sh = s.shape;
    const int T = sh.T, D = sh.D, Dk = sh.Dk;
    const double c = 8.0 * (D + Dk + T + sh.H * Dk + 8) * kEps;
    const double f = (st.scale ? 1.0 / std::sqrt(static_cast<double>(Dk)) : 1.0) / st.temperature;
    near("x", s.input(st), r.input(st), std::vector<double>(static_cast<std::size_t>(T) * D, 0.0));  // one rounding
    const auto x = doubles(r.input(st));
    std::vector<double> concat_tol(static_cast<std::size_t>(T) * sh.H * Dk), concat_size(concat_tol.size());
    for (int h = 0; h < sh.H; ++h) {
        const attn::HeadTrace &a = s.heads[h], &b = r.heads[h];
        std::vector<double> size[3];
        const MatrixView<const float> w[3] = {st.heads[h].wq, st.heads[h].wk, st.heads[h].wv};
        for (int i = 0; i < 3; ++i) {
            size[i] = abs_product(x, doubles(w[i]), T, D, Dk);
            std::vector<double> tol(size[i]);
            for (double& t : tol) t *= c;
            near("q/k/v", i == 0 ? a.q : i == 1 ? a.k : a.v, i == 0 ? b.q : i == 1 ? b.k : b.v, tol);
        }
        std::vector<double> kt(static_cast<std::size_t>(Dk) * T);
        for (int j = 0; j < T; ++j)
            for (int d = 0; d < Dk; ++d) kt[d * T + j] = size[1][j * Dk + d];
        auto score_tol = abs_product(size[0], kt, T, Dk, T);
        for (double& t : score_tol) t *= 3 * c;
        near("scores", a.scores, b.scores, score_tol);
        std::vector<double> out_tol(static_cast<std::size_t>(T) * Dk, 0.0), out_size(out_tol.size(), 0.0);
        for (int i = 0; i < T; ++i) {
            double d = 0.0;  // the largest error of this row's scaled logits
            for (int j = 0; j < T; ++j) d = std::max(d, score_tol[i * T + j] * f + c * std::fabs(b.scaled(i, j)));
            // Past d = 20 any weight is possible: a twin weight that underflowed to 0 bounds nothing (0 * e^{2d}).
            const double grow = d > 20 ? 0.0 : std::expm1(2 * d);
            std::vector<double> ptol(T);
            for (int j = 0; j < T; ++j) ptol[j] = d > 20 ? 1.0 : std::min(1.0, b.weights(i, j) * grow + c);
            near("weights", a.weights.rows_block(i, 1), b.weights.rows_block(i, 1), ptol);
            for (int j = 0; j < T; ++j)
                for (int e = 0; e < Dk; ++e) {
                    const double v = size[2][j * Dk + e];
                    out_tol[i * Dk + e] += (ptol[j] + b.weights(i, j) * 2 * c) * v;
                    out_size[i * Dk + e] += (b.weights(i, j) + ptol[j]) * v;
                }
        }
        near("head output", a.output, b.output, out_tol);
        for (int i = 0; i < T; ++i)
            for (int e = 0; e < Dk; ++e) {
                concat_tol[i * sh.H * Dk + h * Dk + e] = out_tol[i * Dk + e];
                concat_size[i * sh.H * Dk + h * Dk + e] = out_size[i * Dk + e];
            }
    }
    if (!sh.has_wo) return near("output", s.output, r.output, concat_tol);
    const auto wo = doubles(st.wo);
    auto tol = abs_product(concat_tol, wo, T, sh.H * Dk, sh.Dout);
    const auto size = abs_product(concat_size, wo, T, sh.H * Dk, sh.Dout);
    for (std::size_t i = 0; i < tol.size(); ++i) tol[i] += c * size[i];
    near("output", s.output, r.output, tol);
}

// Targets for a training step: weights in [0, 1] (mostly on cells the mask allows), an output target,
// a learning rate near its limits and a choice of parameters; sometimes broken.
void make_config(FuzzedDataProvider& in, const attn::StateView& s, std::vector<Mat>& keep, attn::TrainConfig& cfg) {
    const int T = s.embeddings.rows, H = s.num_heads;
    const int Dout = s.wo.empty() ? H * s.heads[0].wq.cols : s.wo.cols;
    const bool mismatch = in.ConsumeIntegralInRange<int>(0, 3) == 0;
    for (int h = 0; h < H; ++h) {
        if (!in.ConsumeBool()) continue;
        keep.push_back(matrix(in, T, T, mismatch, mismatch));
        Mat& t = keep.back();
        for (int i = 0; i < t.rows; ++i)
            for (int j = 0; j < t.cols; ++j) {
                float& v = t.v[i * t.cols + j];
                if (!mismatch) v = std::fabs(v) > 1.0f ? 1.0f : std::fabs(v);
                // A misshapen target may be larger than the mask: only cells inside it can be blocked.
                const bool inside = i < T && j < T;
                const bool blocked = s.mask == attn::MaskKind::causal   ? j > i
                                     : s.mask == attn::MaskKind::custom ? inside && s.allow(i, j) == 0.0f
                                                                        : false;
                if (blocked && !mismatch) v = 0.0f;
            }
        cfg.targets.weights[h] = t.view();
    }
    if (in.ConsumeBool()) {
        keep.push_back(matrix(in, T, Dout, mismatch, mismatch));
        cfg.targets.output = keep.back().view();
    }
    const float rates[] = {1e-6f,
                           0.1f,
                           1.0f,
                           attn::TrainLimits::max_learning_rate,
                           0.0f,
                           -1.0f,
                           std::nextafter(attn::TrainLimits::max_learning_rate, 1e9f)};
    cfg.learning_rate = rates[in.ConsumeIntegralInRange<int>(0, mismatch ? 6 : 3)];
    cfg.params =
        in.ConsumeIntegralInRange<unsigned>(mismatch ? 0 : 1, mismatch ? 127 : attn::kParamAll | attn::kParamPositions);
    if (s.wo.empty() && !mismatch) cfg.params &= ~static_cast<unsigned>(attn::kParamWo);
    if (s.positions != attn::PositionKind::learned && !mismatch)
        cfg.params &= ~static_cast<unsigned>(attn::kParamPositions);
    if (cfg.params == 0) cfg.params = attn::kParamWq;
}

// The parameters as their own copies, so each kernel's step starts from the same state.
struct Params {
    Mat x, wq[attn::Limits::max_heads], wk[attn::Limits::max_heads], wv[attn::Limits::max_heads], wo, pos;
    attn::ParamsView view;
    attn::StateView state;
    explicit Params(const Case& c) : x(c.x), wo(c.wo), pos(c.pos), state(c.state) {
        view.embeddings = x.view();
        state.embeddings = view.embeddings;
        if (state.positions == attn::PositionKind::learned) {
            view.positions = pos.view();
            state.position_table = view.positions;
        }
        for (int h = 0; h < state.num_heads; ++h) {
            wq[h] = c.wq[h], wk[h] = c.wk[h], wv[h] = c.wv[h];
            view.heads[h] = {wq[h].view(), wk[h].view(), wv[h].view()};
            state.heads[h] = {view.heads[h].wq, view.heads[h].wk, view.heads[h].wv};
        }
        view.wo = wo.view();
        state.wo = view.wo;
    }
    bool same_as(const Case& c) const {
        for (int h = 0; h < state.num_heads; ++h)
            if (wq[h].v != c.wq[h].v || wk[h].v != c.wk[h].v || wv[h].v != c.wv[h].v) return false;
        return x.v == c.x.v && wo.v == c.wo.v && pos.v == c.pos.v;
    }
};

void train(FuzzedDataProvider& in, const Case& c) {
    std::vector<Mat> keep;
    keep.reserve(attn::Limits::max_heads + 1);
    attn::TrainConfig cfg;
    make_config(in, c.state, keep, cfg);
    const auto invalid = attn::validate(cfg, c.state);
    if (invalid) fuzz::check_error(*invalid);
    for (auto kernels : {attn::Kernels::simd, attn::Kernels::scalar}) {
        static attn::TrainWorkspace ws;
        Params p(c);
        const auto e = attn::train_step(p.view, ws, p.state, cfg, kernels);
        if (invalid) {
            if (!e || e->message() != invalid->message()) fuzz::fail("step and validate disagree", invalid->message());
            continue;
        }
        if (e) {  // the core may refuse a step (a gradient too large to train): named, and nothing written
            fuzz::check_error(*e);
            if (!p.same_as(c)) fuzz::fail("a refused step changed the parameters", e->message());
            continue;
        }
        if (!std::isfinite(ws.loss.total)) fuzz::fail("loss", std::to_string(ws.loss.total));
        if (auto after = attn::validate(p.state)) fuzz::fail("a step left an invalid state", after->message());
    }
}

// Validate, run with both kernels, compare, train.
void check(FuzzedDataProvider& in, const Case& c) {
    static attn::Trace simd, scalar;  // reused across inputs, as the engine reuses its trace
    const auto invalid = attn::validate(c.state);
    if (invalid) {
        fuzz::check_error(*invalid);
        attn::Trace untouched;
        const auto e = attn::run(untouched, c.state);
        if (!e || e->message() != invalid->message()) fuzz::fail("run and validate disagree", invalid->message());
        if (untouched.used != 0 || !untouched.storage.empty()) fuzz::fail("a failed run wrote a trace", e->message());
        return;
    }
    if (auto e = attn::run(simd, c.state, attn::Kernels::simd)) fuzz::fail("a valid state failed", e->message());
    if (auto e = attn::run(scalar, c.state, attn::Kernels::scalar)) fuzz::fail("a valid state failed", e->message());
    fuzz::check_trace(simd);
    fuzz::check_trace(scalar);
    compare(simd, scalar, c.state);
    train(in, c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    Case c;
    make_state(in, c);
    check(in, c);
    if (in.remaining_bytes() > 0 && add_positions(in, c)) check(in, c);
    return 0;
}
