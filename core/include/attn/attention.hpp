// Scaled dot-product self-attention, single- and multi-head, recording every intermediate the UI shows.
// Forward order, steps numbered as in the README: positions X = E + P; projections Q, K, V = X W; 1. scores = Q K^T;
// 2. scaled = scores / sqrt(Dk) / temperature; mask; 3. weights = softmax(masked); 4-5. output = weights V.
// Multi-head: Concat(head_1..H) [* W_O].
#pragma once

#include <optional>
#include <vector>

#include "attn/state.hpp"

namespace attn {

/// Which implementation runs the arithmetic: xsimd kernels, or their double-precision scalar twins.
enum class Kernels { simd, scalar };

struct Shape {
    int T = 0, D = 0, Dk = 0, H = 0, Dout = 0;
    bool has_wo = false;
    bool has_positions = false;  // the state adds positions: the trace holds P and X
};

/// One head's intermediates, named as the UI labels them.  Matrices are (T, Dk) or (T, T);
/// the per-row arrays hold T floats each.
struct HeadTrace {
    MatrixView<float> q, k, v;                          // X W_Q, X W_K, X W_V
    MatrixView<float> scores, scaled, masked, weights;  // Q K^T, / sqrt(Dk) / temperature, masked (-inf), softmax
    MatrixView<float> output;                           // weights V
    float* entropy = nullptr;                           // per row, nats
    float* max_weight = nullptr;                        // per row
    float* grad_norm = nullptr;                         // per row, ||diag(p) - p p^T||_F
    float* flags = nullptr;                             // per row, RowFlag bits
    float* row_max = nullptr;                           // per row, the max softmax subtracts (-inf: fully masked)
    float* row_sum = nullptr;                           // per row, sum_j e^(masked_ij - row_max) (0: fully masked)
};

/// Every intermediate of one forward pass, in forward order, carved from one contiguous buffer
/// (so a caller can copy all of it at once).  Reused across runs: it reallocates only to grow.
struct Trace {
    Shape shape;
    MatrixView<float> positions;  // (T, D): P, when shape.has_positions; else empty
    MatrixView<float> x;          // (T, D): X = E + P, when shape.has_positions; else empty (X is E)
    HeadTrace heads[Limits::max_heads];
    MatrixView<float> concat;  // (T, H*Dk)
    MatrixView<float> output;  // (T, Dout), or a copy of concat when there is no W_O
    std::vector<float> storage;
    std::size_t used = 0;      // floats of storage the trace occupies (scratch excluded)
    float* scratch = nullptr;  // Dk * T floats for K^T

    /// Lays out views for this shape.
    void resize(const Shape& shape);
    /// X, what the projections read: x, or the state's embeddings when there are no positions (no copy).
    MatrixView<const float> input(const StateView& state) const { return shape.has_positions ? x : state.embeddings; }
};

/// Validates `state` and, when it is usable, fills `trace` with every intermediate.  Returns the first
/// problem otherwise, leaving `trace` untouched.
std::optional<Error> run(Trace& trace, const StateView& state, Kernels kernels = Kernels::simd);

/// Step 2's factor, scaled = scores * score_factor(state): 1 / sqrt(Dk) when state.scale, then / temperature.
/// The one place it is computed; the forward and the backward pass (and so training) take it from here.
float score_factor(const StateView& state);

/// The bare attention kernel, no trace: out = softmax(q k^T * factor) v.  q, k: (T, Dk); v: (T, Dv);
/// out: (T, Dv).  scores: T*T floats and kt: max(Dk, 1)*T floats of caller-owned scratch.  No mask.
/// factor > 0 takes the fused path (scaling inside the exp pass, large T in cache-sized row blocks); any
/// other factor the plain steps.  q, k, v must be finite.
void attention_head(MatrixView<float> out, MatrixView<const float> q, MatrixView<const float> k,
                    MatrixView<const float> v, float factor, float* scores, float* kt, Kernels kernels = Kernels::simd);

/// masked = scaled where the mask allows, -inf elsewhere.  (T, T) each; allow is read only for custom.
void apply_mask(MatrixView<float> out, MatrixView<const float> in, MaskKind kind, MatrixView<const float> allow);

}  // namespace attn
