// The diagnostic softmax for toy sizes: rows shorter than two batches, blocked so the exps interleave.
#include <cmath>

#include "exp_kernel.hpp"
#include "softmax_passes.hpp"

namespace attn::detail {

// softmax_rows with diagnostics for rows shorter than two batches (toy sizes), in and out packed and
// distinct.  Per row, the vector passes would be mostly scalar tails and horizontal sums, and each exp
// chain would run alone.  Instead: every row's exponents at once into out, one interleaved exp over the
// whole block, then each row's sums and moments in scalar code.  The same arithmetic as the row passes.
constexpr int kShortBlock = 64;  // rows per block: their maxima live on the stack

void softmax_short_rows(MatrixView<float> out, MatrixView<const float> in, const RowStats& stats) {
    const int n = in.cols;
    for (int r0 = 0; r0 < in.rows; r0 += kShortBlock) {
        const int rows = in.rows - r0 < kShortBlock ? in.rows - r0 : kShortBlock;
        float m[kShortBlock];
        for (int r = 0; r < rows; ++r) {
            const float* x = in.row(r0 + r);
            float* y = out.row(r0 + r);
            float best = kNegInf;
            for (int c = 0; c < n; ++c) best = x[c] > best ? x[c] : best;
            m[r] = best;
            // A fully masked row gives (-inf) - (-inf) = NaN here; fmax turns it into the floor (e = 0).
            for (int c = 0; c < n; ++c) y[c] = std::fmax(x[c] - best, kExpFloor);
        }
        exp_in_place(out.row(r0), rows * n);
        for (int r = 0; r < rows; ++r) {
            const int row = r0 + r;
            const float* x = in.row(row);
            float* p = out.row(row);
            if (m[r] == kNegInf) {  // nothing to attend to: zeros, not 0/0
                for (int c = 0; c < n; ++c) p[c] = 0.0f;
                write_stats(stats, row, 0.0f, 0.0f, 0.0f, kRowFullyMasked, kNegInf, 0.0f);
                continue;
            }
            float z = 0.0f, px = 0.0f, finite = 0.0f;
            for (int c = 0; c < n; ++c) {
                z += p[c];
                px += p[c] * std::fmax(x[c] - m[r], kExpFloor);
                finite += x[c] > kNegInf ? 1.0f : 0.0f;
            }
            const float maxw = 1.0f / z;
            Moments mo;
            normalise_scalar(p, n, maxw, mo);
            const float entropy = std::log(z) - px / z;
            const float flags = (maxw >= kSaturationThreshold && finite > 1.5f) ? kRowSaturated : 0;
            write_stats(stats, row, entropy > 0.0f ? entropy : 0.0f, maxw, jacobian_norm2(maxw, n - mo.others, mo),
                        flags, m[r], z);
        }
    }
}

}  // namespace attn::detail
