// The forward pass: lays out the trace, then runs the steps per head (numbered as in the README) and the
// multi-head mix.
#include "attn/attention.hpp"

#include <cmath>
#include <limits>

#include "attn/matmul.hpp"
#include "attn/positions.hpp"
#include "attn/softmax.hpp"
#include "dispatch.hpp"

namespace attn {
using dispatch::copy;
using dispatch::Ops;
using dispatch::ops;

void Trace::resize(const Shape& s) {
    const std::size_t T = s.T, Dk = s.Dk, H = s.H, PX = s.has_positions ? 2 * T * s.D : 0;
    const std::size_t per_head = 4 * T * Dk + 4 * T * T + 6 * T;
    used = PX + H * per_head + T * H * Dk + T * static_cast<std::size_t>(s.Dout);
    if (storage.size() < used + Dk * T) storage.resize(used + Dk * T);
    shape = s;
    float* p = storage.data();
    auto take = [&p](int rows, int cols) {
        MatrixView<float> m(p, rows, cols);
        p += static_cast<std::size_t>(rows) * cols;
        return m;
    };
    auto take_row = [&p, &s]() {
        float* r = p;
        p += s.T;
        return r;
    };
    positions = s.has_positions ? take(s.T, s.D) : MatrixView<float>();
    x = s.has_positions ? take(s.T, s.D) : MatrixView<float>();
    for (int h = 0; h < s.H; ++h) {
        HeadTrace& ht = heads[h];
        ht.q = take(s.T, s.Dk);
        ht.k = take(s.T, s.Dk);
        ht.v = take(s.T, s.Dk);
        ht.scores = take(s.T, s.T);
        ht.scaled = take(s.T, s.T);
        ht.masked = take(s.T, s.T);
        ht.weights = take(s.T, s.T);
        ht.output = take(s.T, s.Dk);
        ht.entropy = take_row();
        ht.max_weight = take_row();
        ht.grad_norm = take_row();
        ht.flags = take_row();
        ht.row_max = take_row();
        ht.row_sum = take_row();
    }
    concat = take(s.T, s.H * s.Dk);
    output = take(s.T, s.Dout);
    scratch = p;
}

void apply_mask(MatrixView<float> out, MatrixView<const float> in, MaskKind kind, MatrixView<const float> allow) {
    // in: (T, T) scaled scores; out: (T, T) with -inf where row i may not attend to column j
    constexpr float ninf = -std::numeric_limits<float>::infinity();
    if (kind == MaskKind::none) return copy(out, in);
    // One loop per kind, the kind a constant in each: may_attend's switch folds away and each loop vectorises
    // on its own, as a loop over a runtime kind (which the compiler unswitches into a copy for every case,
    // none included) does not.
    const auto fill = [&](auto rule) {
        for (int i = 0; i < in.rows; ++i) {
            const float* x = in.row(i);
            float* y = out.row(i);
            for (int j = 0; j < in.cols; ++j) y[j] = rule(i, j) ? x[j] : ninf;
        }
    };
    if (kind == MaskKind::causal) return fill([&](int i, int j) { return may_attend(MaskKind::causal, allow, i, j); });
    fill([&](int i, int j) { return may_attend(MaskKind::custom, allow, i, j); });
}

float score_factor(const StateView& s) {
    return (s.scale ? 1.0f / std::sqrt(static_cast<float>(s.heads[0].wq.cols)) : 1.0f) / s.temperature;
}

std::optional<Error> run(Trace& trace, const StateView& s, Kernels kernels) {
    if (auto e = validate(s)) return e;
    const Ops& op = ops(kernels);
    const int T = s.embeddings.rows, Dk = s.heads[0].wq.cols, H = s.num_heads;
    trace.resize({T, s.embeddings.cols, Dk, H, s.wo.empty() ? H * Dk : s.wo.cols, !s.wo.empty(),
                  s.positions != PositionKind::none});
    if (s.positions == PositionKind::sinusoidal) sinusoidal_positions(trace.positions);
    if (s.positions == PositionKind::learned) copy(trace.positions, s.position_table);
    if (trace.shape.has_positions)  // positions
        (kernels == Kernels::simd ? add : ref::add)(trace.x, s.embeddings, trace.positions);
    const MatrixView<const float> x = trace.input(s);
    const float factor = score_factor(s);
    for (int h = 0; h < H; ++h) {
        HeadTrace& ht = trace.heads[h];
        op.matmul(ht.q, x, s.heads[h].wq);  // projections
        op.matmul(ht.k, x, s.heads[h].wk);
        op.matmul(ht.v, x, s.heads[h].wv);
        op.matmul_bt(ht.scores, ht.q, ht.k, trace.scratch);  // 1. raw scores q_i . k_j
        op.scale(ht.scaled, ht.scores, factor);              // 2. / sqrt(Dk) / temperature
        apply_mask(ht.masked, ht.scaled, s.mask, s.allow);   // mask
        op.softmax_rows(ht.weights, ht.masked,
                        {ht.entropy, ht.max_weight, ht.grad_norm, ht.flags, ht.row_max, ht.row_sum});  // 3.
        op.matmul(ht.output, ht.weights, ht.v);  // 4-5. weight and sum the values
        copy(trace.concat.cols_block(h * Dk, Dk), ht.output);
    }
    if (s.wo.empty())
        copy(trace.output, trace.concat);
    else
        op.matmul(trace.output, trace.concat, s.wo);
    return std::nullopt;
}

namespace {

// Rows of scores per block in the fused kernel: ~64K floats (256 KiB), which stay in L2 from Q*K^T through
// exp to P*V.  A whole 2048 x 2048 score matrix (16 MiB) would go out to memory and back three times.
int block_rows(int T) {
    const int rows = 65536 / T / 4 * 4;
    return rows < 4 ? 4 : rows;
}

}  // namespace

void attention_head(MatrixView<float> out, MatrixView<const float> q, MatrixView<const float> k,
                    MatrixView<const float> v, float factor, float* scores, float* kt, Kernels kernels) {
    // q, k: (T, Dk); v: (T, Dv); out: (T, Dv); scores: (T, T) scratch.  Two passes over the scores instead
    // of four: the scaling rides in the exp pass, the softmax's 1/Z in the store of P*V.
    const Ops& op = ops(kernels);
    const int T = q.rows, Dv = v.cols;
    if (T == 0) return;
    if (!(factor > 0.0f)) {  // the exp pass relies on factor * (x - max) <= 0: the plain steps take any factor
        MatrixView<float> s(scores, T, T);
        op.matmul_bt(s, q, k, kt);
        op.scale(s, s, factor);
        op.softmax_rows(s, s, {});
        op.matmul(out, s, v);
        return;
    }
    const int rb = block_rows(T);
    const long scratch = static_cast<long>(T) * T;
    const long needed = static_cast<long>(rb) * T + static_cast<long>(T) * Dv + 2L * rb;
    if (kernels == Kernels::scalar || rb >= T || needed > scratch) {  // one block; or no room to pack V
        MatrixView<float> s(scores, T, T);
        op.matmul_bt(s, q, k, kt);
        float* inv_z = kt;  // K^T is consumed: its first T floats hold the row normalisers
        op.exp_rows(s, factor, inv_z, nullptr);
        op.matmul_scaled_rows(out, s, v, inv_z);
        return;
    }
    // Row blocks, K^T and V packed once.  The T*T scratch holds
    // [one block of scores | V's panels | the block's 1/Z | the block's row maxima].
    float* block = scores;
    float* v_panels = block + static_cast<std::ptrdiff_t>(rb) * T;
    float* inv_z = v_panels + static_cast<std::ptrdiff_t>(T) * Dv;
    float* maxima = inv_z + rb;
    const PackedB kp = pack_bt(k, kt), vp = pack_b(v, v_panels);
    for (int r0 = 0; r0 < T; r0 += rb) {
        const int n = T - r0 < rb ? T - r0 : rb;
        MatrixView<float> s(block, n, T);
        matmul_packed(s, q.rows_block(r0, n), kp, nullptr, maxima);
        exp_rows(s, factor, inv_z, maxima);
        matmul_packed(out.rows_block(r0, n), s, vp, inv_z);
    }
}

}  // namespace attn
