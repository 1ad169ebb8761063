// Losses, validation of the training inputs, and the SGD step.  The pattern loss needs no backward through
// the softmax: with Σ_j t_j = 1, d(-Σ_j t_j log p_j)/dx_j = p_j - t_j for the scores x it softmaxes.
#include "attn/train.hpp"

#include <cmath>
#include <limits>
#include <xsimd/xsimd.hpp>

#include "dispatch.hpp"
#include "simd_util.hpp"
#include "wording.hpp"

namespace attn {
namespace {

using simd::B;
using simd::W;
using wording::cell;
using wording::dims;
using wording::number;

// One head's target: shape, values in [0, 1], nothing on a blocked cell.  Counts the marked rows.
// Names are spelled out only for an error: a valid target costs no allocation.
std::optional<Error> check_head_target(const StateView& s, int h, MatrixView<const float> t, int& marked) {
    auto name = [h] { return "target[" + std::to_string(h) + "]"; };
    const int T = s.embeddings.rows;
    if (h >= s.num_heads)
        return Error{name(),
                     "the state has only " + std::to_string(s.num_heads) + (s.num_heads == 1 ? " head" : " heads")};
    if (t.rows != T || t.cols != T) return Error{name(), "expected " + dims(T, T) + ", got " + dims(t.rows, t.cols)};
    for (int i = 0; i < T; ++i) {
        bool any = false;
        for (int j = 0; j < T; ++j) {
            const float v = t(i, j);
            if (!(v >= 0.0f && v <= 1.0f))
                return Error{cell(name(), i, j), "expected a number from 0 to 1, got " + number(v)};
            if (v > 0.0f && !may_attend(s.mask, s.allow, i, j))
                return Error{cell(name(), i, j), "the mask blocks token " + std::to_string(i) +
                                                     " from attending to token " + std::to_string(j) +
                                                     ", so its target must be 0"};
            any = any || v > 0.0f;
        }
        marked += any ? 1 : 0;
    }
    return std::nullopt;
}

std::optional<Error> check_output_target(const StateView& s, MatrixView<const float> t) {
    const int T = s.embeddings.rows;
    const int Dout = s.wo.empty() ? s.num_heads * s.heads[0].wq.cols : s.wo.cols;
    if (t.rows != T || t.cols != Dout)
        return Error{"targetOutput", "expected " + dims(T, Dout) + ", got " + dims(t.rows, t.cols)};
    for (int r = 0; r < T; ++r)
        for (int c = 0; c < Dout; ++c) {
            const float v = t(r, c);
            if (!(std::fabs(v) <= Limits::max_abs_value))
                return Error{cell("targetOutput", r, c), wording::value_problem(v)};
        }
    return std::nullopt;
}

// log p_j from p itself, or, where p has underflowed, from the scores: x_j - log Σ_k e^x_k.
double log_weight(const float* x, const float* p, int j, int n) {
    if (p[j] >= 1e-30f) return std::log(static_cast<double>(p[j]));
    double m = -std::numeric_limits<double>::infinity(), z = 0.0;
    for (int k = 0; k < n; ++k) m = std::fmax(m, static_cast<double>(x[k]));
    for (int k = 0; k < n; ++k) z += std::exp(static_cast<double>(x[k]) - m);
    return x[j] - m - std::log(z);
}

// Forward pass, validation, losses; points `up` at the gradient seeds in ws.seeds.
std::optional<Error> forward_and_loss(TrainWorkspace& ws, Upstream& up, const StateView& s, const TrainConfig& cfg,
                                      Kernels kernels) {
    if (auto e = run(ws.trace, s, kernels)) return e;
    if (auto e = validate(cfg, s)) return e;
    const Shape& sh = ws.trace.shape;
    const std::size_t TT = static_cast<std::size_t>(sh.T) * sh.T;
    const std::size_t need = sh.H * TT + static_cast<std::size_t>(sh.T) * sh.Dout;
    if (ws.seeds.size() < need) ws.seeds.resize(need);
    ws.loss = {};
    for (int h = 0; h < sh.H; ++h) {
        if (cfg.targets.weights[h].empty()) continue;
        const MatrixView<float> g(ws.seeds.data() + h * TT, sh.T, sh.T);
        const HeadTrace& ht = ws.trace.heads[h];
        ws.loss.pattern += pattern_loss(g, ht.masked, ht.weights, cfg.targets.weights[h]);
        up.masked[h] = g;
    }
    if (!cfg.targets.output.empty()) {
        const MatrixView<float> g(ws.seeds.data() + sh.H * TT, sh.T, sh.Dout);
        ws.loss.output = output_loss(g, ws.trace.output, cfg.targets.output);
        up.output = g;
    }
    ws.loss.total = ws.loss.pattern + ws.loss.output;
    return std::nullopt;
}

// The trained parameters: where the update writes, the current value, and the gradient.
struct Slot {
    MatrixView<float> out;
    MatrixView<const float> in;
    MatrixView<const float> grad;
};

int trained(Slot* slots, const ParamsView& p, const StateView& s, const Gradients& g, unsigned which) {
    int n = 0;
    if (which & kParamEmbeddings) slots[n++] = {p.embeddings, s.embeddings, g.embeddings};
    for (int h = 0; h < s.num_heads; ++h) {
        if (which & kParamWq) slots[n++] = {p.heads[h].wq, s.heads[h].wq, g.heads[h].wq};
        if (which & kParamWk) slots[n++] = {p.heads[h].wk, s.heads[h].wk, g.heads[h].wk};
        if (which & kParamWv) slots[n++] = {p.heads[h].wv, s.heads[h].wv, g.heads[h].wv};
    }
    if (which & kParamWo) slots[n++] = {p.wo, s.wo, g.wo};
    if (which & kParamPositions) slots[n++] = {p.positions, s.position_table, g.positions};
    return n;
}

bool all_finite(MatrixView<const float> m) {
    for (int r = 0; r < m.rows; ++r)
        for (int c = 0; c < m.cols; ++c)
            if (!std::isfinite(m(r, c))) return false;
    return true;
}

}  // namespace

std::optional<Error> validate(const TrainConfig& cfg, const StateView& s) {
    if (!(cfg.learning_rate > 0.0f && cfg.learning_rate <= TrainLimits::max_learning_rate))
        return Error{"learningRate", "expected a number above 0 and at most 100, got " + number(cfg.learning_rate)};
    if (cfg.params == 0 || (cfg.params & ~static_cast<unsigned>(kParamAll | kParamPositions)) != 0)
        return Error{"train", "expected a choice among wq, wk, wv, wo, embeddings and positions"};
    if ((cfg.params & kParamWo) && s.wo.empty()) return Error{"train", "includes wo, but the state has no W_O"};
    if ((cfg.params & kParamPositions) && s.positions != PositionKind::learned)
        return Error{"train", "includes positions, but the state has no learned positions (a T\u00d7D table)"};
    int marked = 0;
    for (int h = 0; h < Limits::max_heads; ++h)
        if (!cfg.targets.weights[h].empty())
            if (auto e = check_head_target(s, h, cfg.targets.weights[h], marked)) return e;
    if (!cfg.targets.output.empty())
        if (auto e = check_output_target(s, cfg.targets.output)) return e;
    if (marked == 0 && cfg.targets.output.empty())
        return Error{"target", "nothing to train toward: mark at least one target weight or give targetOutput"};
    return std::nullopt;
}

double pattern_loss(MatrixView<float> grad, MatrixView<const float> masked, MatrixView<const float> weights,
                    MatrixView<const float> target) {
    // masked, weights, target, grad: (T, T); unmarked rows get a zero gradient
    double loss = 0.0;
    for (int i = 0; i < target.rows; ++i) {
        double sum = 0.0;
        for (int j = 0; j < target.cols; ++j) sum += target(i, j);
        for (int j = 0; j < target.cols; ++j) {
            const double t = sum > 0.0 ? target(i, j) / sum : 0.0;
            if (t > 0.0) loss -= t * log_weight(masked.row(i), weights.row(i), j, masked.cols);
            grad(i, j) = sum > 0.0 ? static_cast<float>(weights(i, j) - t) : 0.0f;
        }
    }
    return loss;
}

double output_loss(MatrixView<float> grad, MatrixView<const float> output, MatrixView<const float> target) {
    // output, target, grad: (T, Dout)
    double loss = 0.0;
    for (int r = 0; r < output.rows; ++r)
        for (int c = 0; c < output.cols; ++c) {
            const float d = output(r, c) - target(r, c);
            loss += 0.5 * static_cast<double>(d) * d;
            grad(r, c) = d;
        }
    return loss;
}

std::optional<Error> evaluate(TrainWorkspace& ws, const StateView& s, const TrainConfig& cfg, Kernels kernels) {
    Upstream up;
    return forward_and_loss(ws, up, s, cfg, kernels);
}

std::optional<Error> train_step(ParamsView params, TrainWorkspace& ws, const StateView& s, const TrainConfig& cfg,
                                Kernels kernels) {
    Upstream up;
    if (auto e = forward_and_loss(ws, up, s, cfg, kernels)) return e;
    if (auto e = backward(ws.grads, s, ws.trace, up, cfg.params, kernels)) return e;
    Slot slots[3 + 3 * Limits::max_heads];
    const int n = trained(slots, params, s, ws.grads, cfg.params);
    for (int i = 0; i < n; ++i) {
        const Slot& t = slots[i];
        if (t.out.empty() || t.out.rows != t.in.rows || t.out.cols != t.in.cols)
            return Error{"params", "a trained parameter's view is missing or misshapen (a caller bug)"};
        if (!all_finite(t.grad)) return Error{"state", "the gradient overflowed: values this large cannot be trained"};
    }
    const auto update = dispatch::ops(kernels).sgd_update;
    for (int i = 0; i < n; ++i) update(slots[i].out, slots[i].in, slots[i].grad, cfg.learning_rate);
    return std::nullopt;
}

void sgd_update(MatrixView<float> out, MatrixView<const float> in, MatrixView<const float> grad, float lr) {
    // in, grad, out: (R, C)
    const float lim = Limits::max_abs_value;
    const B rate(lr), lo(-lim), hi(lim);
    for (int r = 0; r < in.rows; ++r) {
        const float *x = in.row(r), *g = grad.row(r);
        float* o = out.row(r);
        const int n = in.cols;
        int c = 0;
        for (; c < n - n % W; c += W) {
            const B v = B::load_unaligned(x + c) - rate * B::load_unaligned(g + c);
            xsimd::min(xsimd::max(v, lo), hi).store_unaligned(o + c);
        }
        for (; c < n; ++c) o[c] = std::fmin(std::fmax(x[c] - lr * g[c], -lim), lim);
    }
}

namespace ref {

void sgd_update(MatrixView<float> out, MatrixView<const float> in, MatrixView<const float> grad, float lr) {
    const double lim = Limits::max_abs_value;
    for (int r = 0; r < in.rows; ++r)
        for (int c = 0; c < in.cols; ++c) {
            const double v = static_cast<double>(in(r, c)) - static_cast<double>(lr) * grad(r, c);
            out(r, c) = static_cast<float>(std::fmin(std::fmax(v, -lim), lim));
        }
}

}  // namespace ref
}  // namespace attn
