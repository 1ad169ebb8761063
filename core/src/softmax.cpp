// Softmax in three named passes (max, exp-and-sum, normalise: softmax_passes.hpp) with xsimd, and its scalar
// twin.  The diagnostics reuse the passes' sums.
#include "attn/softmax.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <xsimd/xsimd.hpp>

#include "attn/matmul.hpp"
#include "exp_kernel.hpp"
#include "simd_util.hpp"
#include "softmax_passes.hpp"

namespace attn {
using namespace detail;

namespace {

// Loads up to W floats, padding the missing lanes with `pad`.
inline B load_partial(const float* p, int n, float pad) {
    alignas(64) float buf[W];
    for (int i = 0; i < W; ++i) buf[i] = i < n ? p[i] : pad;
    return B::load_aligned(buf);
}

inline void store_partial(float* p, int n, B v) {
    alignas(64) float buf[W];
    v.store_aligned(buf);
    for (int i = 0; i < n; ++i) p[i] = buf[i];
}

}  // namespace

void exp(float* out, const float* in, int n) {
    int c = 0;
    for (; c < n - n % W; c += W) exp_batch(B::load_unaligned(in + c)).store_unaligned(out + c);
    if (c < n) store_partial(out + c, n - c, exp_batch(load_partial(in + c, n - c, 0.0f)));
}

void softmax_rows(MatrixView<float> out, MatrixView<const float> in, RowStats stats) {
    // in: (R, C) masked, scaled scores; out: (R, C), each row sums to 1 (or is all 0 when fully masked)
    const bool lean =
        !stats.entropy && !stats.max_weight && !stats.grad_norm && !stats.flags && !stats.row_max && !stats.row_sum;
    if (!lean && in.cols < 2 * W && in.stride == in.cols && out.stride == out.cols && in.data != out.data)
        return softmax_short_rows(out, in, stats);
    for (int r = 0; r < in.rows; ++r) {
        const float* x = in.row(r);
        float* p = out.row(r);
        const int n = in.cols;
        // Pass 1: the row max, so every exponent is <= 0 and nothing overflows.
        const float m = row_max(x, n);
        if (m == kNegInf) {  // nothing to attend to: zeros, not 0/0
            for (int c = 0; c < n; ++c) p[c] = 0.0f;
            write_stats(stats, r, 0.0f, 0.0f, 0.0f, kRowFullyMasked, kNegInf, 0.0f);
            continue;
        }
        // Pass 2: exponentials and their sum (Z >= 1: the max contributes e^0).  Pass 3: normalise.
        if (lean) {
            const float z = exp_and_sum_lean(p, x, n, m, 1.0f);
            scale({p, 1, n}, {p, 1, n}, 1.0f / z);
            continue;
        }
        const Sums s = exp_and_sum(p, x, n, m);
        const float maxw = 1.0f / s.z;
        const Moments mo = normalise(p, n, maxw);
        const float entropy = std::log(s.z) - s.px / s.z;
        const float flags = (maxw >= kSaturationThreshold && s.finite > 1.5f) ? kRowSaturated : 0;
        write_stats(stats, r, entropy > 0.0f ? entropy : 0.0f, maxw, jacobian_norm2(maxw, n - mo.others, mo), flags, m,
                    s.z);
    }
}

void exp_rows(MatrixView<float> x, float f, float* inv_z, const float* maxima) {
    // x: (R, C), in place; inv_z: R floats; maxima: R floats or null
    for (int r = 0; r < x.rows; ++r) {
        float* row = x.row(r);
        const float m = maxima ? maxima[r] : row_max(row, x.cols);
        if (m == kNegInf) {
            for (int c = 0; c < x.cols; ++c) row[c] = 0.0f;
            inv_z[r] = 0.0f;
            continue;
        }
        inv_z[r] = 1.0f / exp_and_sum_lean(row, row, x.cols, m, f);
    }
}

namespace ref {

void exp_rows(MatrixView<float> x, float f, float* inv_z, const float*) {
    for (int r = 0; r < x.rows; ++r) {
        double m = -std::numeric_limits<double>::infinity();
        for (int c = 0; c < x.cols; ++c) m = std::fmax(m, static_cast<double>(x(r, c)));
        if (std::isinf(m) && m < 0) {
            for (int c = 0; c < x.cols; ++c) x(r, c) = 0.0f;
            inv_z[r] = 0.0f;
            continue;
        }
        double z = 0.0;
        for (int c = 0; c < x.cols; ++c) {
            const double e = std::exp(f * (static_cast<double>(x(r, c)) - m));
            x(r, c) = static_cast<float>(e);
            z += e;
        }
        inv_z[r] = static_cast<float>(1.0 / z);
    }
}

void softmax_rows(MatrixView<float> out, MatrixView<const float> in, RowStats stats) {
    for (int r = 0; r < in.rows; ++r) {
        const int n = in.cols;
        double m = -std::numeric_limits<double>::infinity();
        int finite = 0;
        for (int c = 0; c < n; ++c) {
            m = std::fmax(m, static_cast<double>(in(r, c)));
            finite += std::isfinite(in(r, c)) ? 1 : 0;
        }
        if (finite == 0) {
            for (int c = 0; c < n; ++c) out(r, c) = 0.0f;
            write_stats(stats, r, 0.0f, 0.0f, 0.0f, kRowFullyMasked, kNegInf, 0.0f);
            continue;
        }
        double z = 0.0;
        for (int c = 0; c < n; ++c) z += std::exp(static_cast<double>(in(r, c)) - m);
        double entropy = 0.0, maxw = 0.0, s2 = 0.0, s3 = 0.0;
        for (int c = 0; c < n; ++c) {
            const double p = std::exp(static_cast<double>(in(r, c)) - m) / z;
            if (p > 0.0) entropy -= p * std::log(p);
            maxw = std::fmax(maxw, p);
            s2 += p * p;
            s3 += p * p * p;
            out(r, c) = static_cast<float>(p);
        }
        const float flags = (maxw >= kSaturationThreshold && finite > 1) ? kRowSaturated : 0;
        write_stats(stats, r, static_cast<float>(entropy), static_cast<float>(maxw),
                    static_cast<float>(s2 - 2.0 * s3 + s2 * s2), flags, static_cast<float>(m), static_cast<float>(z));
    }
}

}  // namespace ref
}  // namespace attn
