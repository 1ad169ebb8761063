// Dense products for the projections (X*W), the raw scores (Q*K^T) and the weighted sum (P*V).
// Fast versions use xsimd; attn::ref holds the scalar twins that accumulate in double and define the answer.
#pragma once

#include "attn/matrix.hpp"

namespace attn {

/// out = a * b.  a: (M, K); b: (K, N); out: (M, N).
/// Vectorised along the columns of b in register tiles; no size or alignment assumptions.
/// out must not overlap a or b.
void matmul(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);

/// out = diag(row_scale) * a * b: row i of the product times row_scale[i] (null: 1), applied as the
/// tile is stored.  The fused attention kernel normalises its softmax here, on T×Dv outputs, not T×T weights.
void matmul_scaled_rows(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b,
                        const float* row_scale);

/// out = a * b^T.  a: (M, K); b: (N, K); out: (M, N).  Used for the raw scores Q * K^T.
/// Packs b^T into scratch (K * N floats, caller-owned; see pack_bt) and runs matmul_packed.
void matmul_bt(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch);

/// A right-hand matrix packed once into column panels for repeated products (the fused attention kernel
/// multiplies row blocks of its scores by the same K^T and V).  Views `src` and the caller's scratch.
struct PackedB {
    const float* data;            // the panels, in scratch
    int K, N;                     // the packed matrix is (K, N)
    int full, part;               // columns in full panels, then in the one narrow panel; the rest unpacked
    MatrixView<const float> src;  // for the columns past the panels
    bool transposed;              // src is (N, K) and was packed as src^T
};

/// Packs b: (K, N) into scratch (K * N floats, caller-owned).
PackedB pack_b(MatrixView<const float> b, float* scratch);
/// Packs b^T for b: (N, K) into scratch (K * N floats, caller-owned).
PackedB pack_bt(MatrixView<const float> b, float* scratch);
/// out = diag(row_scale) * a * b for a packed b.  a: (M, K); out: (M, N); row_scale: M floats or null.
/// row_max (M floats, or null) receives the largest entry of each row of out, gathered from the registers
/// as the tiles are stored (softmax needs it next, and a separate pass would read out again).
void matmul_packed(MatrixView<float> out, MatrixView<const float> a, const PackedB& b, const float* row_scale = nullptr,
                   float* row_max = nullptr);

/// out = in^T.  in: (R, C); out: (C, R).
void transpose(MatrixView<float> out, MatrixView<const float> in);

/// out = in * factor, element-wise (the ÷√Dk and ÷temperature step).  in, out: same shape; may alias.
void scale(MatrixView<float> out, MatrixView<const float> in, float factor);

namespace ref {
void matmul(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);
void matmul_scaled_rows(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b,
                        const float* row_scale);
void matmul_bt(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch);
void scale(MatrixView<float> out, MatrixView<const float> in, float factor);
}  // namespace ref

}  // namespace attn

namespace attn {
/// Floats per SIMD register in this build (4 for wasm SIMD128, 16 for AVX-512): tests sweep sizes around it.
int simd_width();
}  // namespace attn
