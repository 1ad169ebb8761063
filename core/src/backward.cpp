// The backward pass, step by step in reverse forward order.  With dY = dL/d output and per head
// P = softmax(M), M = mask(S * f), S = Q K^T, O = P V, Q = X W_Q (likewise K, V):
//   dW_O = C^T dY          dC = dY W_O^T (or dY without W_O)     dO_h = columns h*Dk.. of dC
//   dV = P^T dO            dP = dL/dP + dO V^T
//   dM = p ⊙ (dP - Σ_j p_j dP_j) + seed   (softmax Jacobian diag(p) - p p^T, applied row by row)
//   dS = f dM              (blocked entries: p = 0 there, so no gradient reaches a masked score)
//   dQ = dS K              dK = dS^T Q
//   dW = X^T d(X W)        dX = Σ over heads and Q, K, V of d(X W) W^T
//   X = E + P:             dE = dP = dX
#include "attn/backward.hpp"

#include <algorithm>
#include <cmath>

#include "attn/matmul.hpp"
#include "dispatch.hpp"
#include "wording.hpp"

namespace attn {
namespace {

using dispatch::copy;
using dispatch::fill_zero;
using dispatch::Ops;

std::optional<Error> check_shape(const char* name, int head, MatrixView<const float> m, int rows, int cols) {
    if (m.empty() || (m.rows == rows && m.cols == cols)) return std::nullopt;
    const std::string at = head < 0 ? name : std::string(name) + "[" + std::to_string(head) + "]";
    return Error{at, "expected " + wording::dims(rows, cols) + ", got " + wording::dims(m.rows, m.cols)};
}

// Everything one head's backward reads, gathered so the helpers stay short.
struct Pass {
    Gradients& g;
    const StateView& s;
    const Trace& tr;
    const Upstream& up;
    unsigned params;
    const Ops& op;
    float factor;
    MatrixView<const float> x;  // what the projections read: E, or E + P
    MatrixView<float> dx;       // where dX accumulates (E's or P's gradient); empty when neither trains
    bool wants(unsigned p) const { return (params & p) != 0; }
};

// A projection Y = X W seen from Y's gradient dy: dW = X^T dy when wanted; dX += dy W^T when E or P trains.
void project_back(const Pass& p, MatrixView<float> dw, bool want_w, MatrixView<const float> dy,
                  MatrixView<const float> w) {
    if (want_w) p.op.matmul_at(dw, p.x, dy);
    if (!p.dx.empty()) p.op.matmul_bt_add(p.dx, dy, w, p.g.transposed);
}

void head_backward(const Pass& p, int h, MatrixView<const float> d_concat) {
    const HeadTrace& ht = p.tr.heads[h];
    const HeadWeights& w = p.s.heads[h];
    HeadParams& gh = p.g.heads[h];
    const int Dk = p.tr.shape.Dk;
    // Weighted sum O = P V.
    MatrixView<const float> dp = p.up.weights[h];
    if (!d_concat.empty()) {
        const MatrixView<const float> d_out = d_concat.cols_block(h * Dk, Dk);
        if (p.wants(kParamWv) || !p.dx.empty()) {
            p.op.matmul_at(p.g.d_v, ht.weights, d_out);
            project_back(p, gh.wv, p.wants(kParamWv), p.g.d_v, w.wv);
        }
        if (dp.empty())
            fill_zero(p.g.d_weights);
        else
            copy(p.g.d_weights, dp);
        p.op.matmul_bt_add(p.g.d_weights, d_out, ht.v, p.g.transposed);
        dp = p.g.d_weights;
    } else if (p.wants(kParamWv)) {
        fill_zero(gh.wv);
    }
    // Softmax, mask and scale, then the scores S = Q K^T and the projections of Q and K.
    const bool flows = !dp.empty() || !p.up.masked[h].empty();
    if (!flows || !(p.wants(kParamWq | kParamWk) || !p.dx.empty())) {
        if (p.wants(kParamWq)) fill_zero(gh.wq);
        if (p.wants(kParamWk)) fill_zero(gh.wk);
        return;
    }
    p.op.softmax_backward(p.g.d_scores, ht.weights, dp, p.up.masked[h], p.factor);
    p.op.matmul(p.g.d_q, p.g.d_scores, ht.k);
    p.op.matmul_at(p.g.d_k, p.g.d_scores, ht.q);
    project_back(p, gh.wq, p.wants(kParamWq), p.g.d_q, w.wq);
    project_back(p, gh.wk, p.wants(kParamWk), p.g.d_k, w.wk);
}

}  // namespace

void Gradients::resize(const Shape& s) {
    const std::size_t T = s.T, D = s.D, Dk = s.Dk, H = s.H, Dout = s.has_wo ? s.Dout : 0;
    const std::size_t transposed_floats = std::max({Dk * T, Dk * D, Dout * H * Dk});
    const std::size_t P = s.has_positions ? T * D : 0;
    const std::size_t n = T * D + 3 * H * D * Dk + H * Dk * Dout + P + T * H * Dk + 2 * T * T + 3 * T * Dk;
    if (storage.size() < n + transposed_floats) storage.resize(n + transposed_floats);
    shape = s;
    float* p = storage.data();
    auto take = [&p](int rows, int cols) {
        MatrixView<float> m(p, rows, cols);
        p += static_cast<std::size_t>(rows) * cols;
        return m;
    };
    embeddings = take(s.T, s.D);
    for (int h = 0; h < Limits::max_heads; ++h)
        heads[h] = h < s.H ? HeadParams{take(s.D, s.Dk), take(s.D, s.Dk), take(s.D, s.Dk)} : HeadParams{};
    wo = s.has_wo ? take(s.H * s.Dk, s.Dout) : MatrixView<float>();
    positions = s.has_positions ? take(s.T, s.D) : MatrixView<float>();
    d_concat = take(s.T, s.H * s.Dk);
    d_weights = take(s.T, s.T);
    d_scores = take(s.T, s.T);
    d_q = take(s.T, s.Dk);
    d_k = take(s.T, s.Dk);
    d_v = take(s.T, s.Dk);
    transposed = p;
}

std::optional<Error> backward(Gradients& g, const StateView& s, const Trace& tr, const Upstream& up, unsigned params,
                              Kernels kernels) {
    const Shape& sh = tr.shape;
    if (auto e = check_shape("upstream.output", -1, up.output, sh.T, sh.Dout)) return e;
    for (int h = 0; h < Limits::max_heads; ++h) {
        const int n = h < sh.H ? sh.T : 0;  // heads the state does not have take no gradient
        if (auto e = check_shape("upstream.weights", h, up.weights[h], n, n)) return e;
        if (auto e = check_shape("upstream.masked", h, up.masked[h], n, n)) return e;
    }
    g.resize(sh);
    const bool want_e = (params & kParamEmbeddings) != 0, want_p = (params & kParamPositions) && sh.has_positions;
    const MatrixView<float> dx = want_e ? g.embeddings : want_p ? g.positions : MatrixView<float>();
    const Pass p{g, s, tr, up, params, dispatch::ops(kernels), score_factor(s), tr.input(s), dx};
    // Output projection Y = C W_O.
    MatrixView<const float> d_concat = up.output;
    if (!up.output.empty() && sh.has_wo) {
        if (p.wants(kParamWo)) p.op.matmul_at(g.wo, tr.concat, up.output);
        fill_zero(g.d_concat);
        p.op.matmul_bt_add(g.d_concat, up.output, s.wo, g.transposed);
        d_concat = g.d_concat;
    } else if (p.wants(kParamWo)) {
        fill_zero(g.wo);
    }
    if (!dx.empty()) fill_zero(dx);
    for (int h = 0; h < sh.H; ++h) head_backward(p, h, d_concat);
    if (want_e && want_p) copy(g.positions, g.embeddings);
    return std::nullopt;
}

}  // namespace attn
