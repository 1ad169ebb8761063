// Row softmax and the per-row diagnostics the UI plots, plus the vectorised exp they run on.
// Fast versions use xsimd; attn::ref holds the double-precision scalar twins.
#pragma once

#include "attn/matrix.hpp"

namespace attn {

/// Row flags written by softmax_rows (stored as float so they travel in the trace buffer).
enum RowFlag : int { kRowFullyMasked = 1, kRowSaturated = 2 };

/// A row is "saturated" when its largest weight reaches this while it could attend to 2+ tokens:
/// softmax is then nearly one-hot and its Jacobian (the gradient signal) nearly zero.
constexpr float kSaturationThreshold = 0.99f;

/// Optional per-row outputs of softmax_rows; any pointer may be null.  Each holds `rows` floats.
struct RowStats {
    float* entropy = nullptr;     // -sum p log p, in nats
    float* max_weight = nullptr;  // max_j p_j
    float* grad_norm = nullptr;   // Frobenius norm of diag(p) - p p^T
    float* flags = nullptr;       // RowFlag bits
    float* row_max = nullptr;     // m = max_j x_j, subtracted before the exp; -inf for a fully masked row
    float* row_sum = nullptr;     // Z = sum_j e^(x_j - m), so p_j = e^(x_j - m) / Z; 0 for a fully masked row
};

/// out[i] = e^in[i] for n floats.  Accurate to a few ulp for in in [-87.3, 88]; in < -87.3 (and -inf) gives 0;
/// in > 88 is clamped to 88.  Uses no float->int conversion (Emscripten 3.1.6 scalarises those).
void exp(float* out, const float* in, int n);

/// Numerically stable softmax of each row: p_j = e^(x_j - max) / sum.  in, out: (R, C); may alias.
/// -inf entries (masked) get weight exactly 0; a row with every entry -inf gives zeros and kRowFullyMasked.
/// in must hold no NaN and no +inf (validated upstream).
void softmax_rows(MatrixView<float> out, MatrixView<const float> in, RowStats stats = {});

/// The unnormalised half of softmax, for kernels that normalise later and cheaper: row r of x becomes
/// e^(f (x_j - max_r)) in place and inv_z[r] = 1 / the row's sum, so softmax(f x) row r = row r * inv_z[r].
/// f > 0 folds in the score scaling.  A row of all -inf gives zeros and inv_z[r] = 0.  x: (R, C); inv_z: R floats.
/// maxima: each row's largest entry when the caller already has it (matmul_packed computes it for free), or
/// null to scan for it.  The scalar twin always scans.
void exp_rows(MatrixView<float> x, float f, float* inv_z, const float* maxima = nullptr);

namespace ref {
void softmax_rows(MatrixView<float> out, MatrixView<const float> in, RowStats stats = {});
void exp_rows(MatrixView<float> x, float f, float* inv_z, const float* maxima = nullptr);
}  // namespace ref

}  // namespace attn
