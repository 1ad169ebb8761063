// The backward pass of traced multi-head attention: dL/d the embeddings and every weight matrix, from
// upstream gradients on the attention weights and/or the output.  Reads a forward Trace; losses and updates
// live in train.hpp.  Fast kernels use xsimd; attn::ref holds the double-precision scalar twins.
#pragma once

#include "attn/attention.hpp"

namespace attn {

/// Parameters by name, as bits: which gradients backward() computes and which ones a training step updates.
enum Param : unsigned {
    kParamWq = 1,
    kParamWk = 2,
    kParamWv = 4,
    kParamWo = 8,
    kParamEmbeddings = 16,
    kParamAll = 31,        // the above: every parameter but a learned position table
    kParamPositions = 32,  // a learned position table: X = E + P, so its gradient is X's, as E's is
};

/// One head's projections as writable views, each (D, Dk).
struct HeadParams {
    MatrixView<float> wq, wk, wv;
};

/// Writable views of every parameter (or of a gradient per parameter), named and shaped as in StateView.
struct ParamsView {
    MatrixView<float> embeddings;         // (T, D)
    HeadParams heads[Limits::max_heads];  // the first H are used
    MatrixView<float> wo;                 // (H*Dk, Dout), or empty without W_O
    MatrixView<float> positions;          // (T, D) when the state adds positions, else empty
};

/// What flows back into the forward pass; every view may be empty, meaning zero.
struct Upstream {
    MatrixView<const float> weights[Limits::max_heads];  // dL/d weights per head, (T, T)
    MatrixView<const float> masked[Limits::max_heads];   // dL/d masked scores per head, (T, T), added after
                                                         // the softmax backward (the pattern loss's p - t)
    MatrixView<const float> output;                      // dL/d output, (T, Dout)
};

/// dL/d each parameter (the ParamsView part) plus the backward pass's scratch, carved from one buffer that
/// only grows: at a fixed shape, backward() allocates nothing after the first call.
struct Gradients : ParamsView {
    Shape shape;
    std::vector<float> storage;
    // Scratch: d concat (T, H*Dk); d weights and d scaled scores (T, T); dQ, dK, dV (T, Dk); and room for
    // the transposed right-hand side of matmul_bt_add.
    MatrixView<float> d_concat, d_weights, d_scores, d_q, d_k, d_v;
    float* transposed = nullptr;

    /// Lays out views for this shape.
    void resize(const Shape& shape);
};

/// Back-propagates `up` through the output projection, concat, weighted sum, softmax (row-wise Jacobian),
/// mask (blocked entries get no gradient), scale factor, scores Q K^T, projections X W and X = E + P into
/// `grads` (E and a learned P share X's gradient).
/// `trace` must hold attn::run(trace, state).  Only the parameters named in `params` are written; every
/// requested gradient is written, zero when nothing flows to it.  Upstream values must be finite.
/// Returns an error only when an upstream view's shape does not match the trace.
std::optional<Error> backward(Gradients& grads, const StateView& state, const Trace& trace, const Upstream& up,
                              unsigned params = kParamAll, Kernels kernels = Kernels::simd);

/// out = a^T * b.  a: (K, M); b: (K, N); out: (M, N).  For X^T dQ, P^T dO, dS^T Q, C^T dY.
/// Vectorised along the columns of b; no size or alignment assumptions.  out must not overlap a or b.
void matmul_at(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);

/// out += a * b^T.  a: (M, K); b: (N, K); out: (M, N).  For dO V^T, dQ W^T, dY W_O^T.
/// scratch: K * N floats, caller-owned, for b^T.  out must not overlap a, b or scratch.
void matmul_bt_add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch);

/// The softmax backward, then the scale: out = factor * (p ⊙ (dp - Σ_j p_j dp_j) + seed), row by row.
/// p: (T, T) weights; dp, seed: (T, T) or empty (zero); out: (T, T).  Where p is 0 (masked entries, fully
/// masked rows) the Jacobian term is 0, so only the seed, which must be 0 there, reaches the scores.
void softmax_backward(MatrixView<float> out, MatrixView<const float> p, MatrixView<const float> dp,
                      MatrixView<const float> seed, float factor);

namespace ref {
void matmul_at(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);
void matmul_bt_add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch);
void softmax_backward(MatrixView<float> out, MatrixView<const float> p, MatrixView<const float> dp,
                      MatrixView<const float> seed, float factor);
}  // namespace ref

}  // namespace attn
