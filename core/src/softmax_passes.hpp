// The named passes of a row softmax (max; exp and sum; normalise) and the diagnostics built from their sums,
// shared by softmax.cpp and softmax_short_rows.cpp (core/src only: it carries xsimd types).  With
// p_j = e^(x_j - m) / Z:
//   entropy = log Z - sum_j p_j (x_j - m)          (no log per element)
//   ||diag(p) - p p^T||_F^2 from sums that stay accurate near one-hot rows (see jacobian_norm2)
#pragma once

#include <cmath>
#include <xsimd/xsimd.hpp>

#include "attn/softmax.hpp"
#include "exp_kernel.hpp"
#include "simd_util.hpp"

namespace attn::detail {

using simd::vmax;

// Four running maxima: one alone is a chain of compare-and-select, latency- not throughput-bound.
inline float row_max(const float* x, int n) {
    B m0(kNegInf), m1(kNegInf), m2(kNegInf), m3(kNegInf);
    int c = 0;
    for (; c + 4 * W <= n; c += 4 * W) {
        m0 = vmax(m0, B::load_unaligned(x + c));
        m1 = vmax(m1, B::load_unaligned(x + c + W));
        m2 = vmax(m2, B::load_unaligned(x + c + 2 * W));
        m3 = vmax(m3, B::load_unaligned(x + c + 3 * W));
    }
    for (; c < n - n % W; c += W) m0 = vmax(m0, B::load_unaligned(x + c));
    float best = simd::hmax(vmax(vmax(m0, m1), vmax(m2, m3)));
    for (; c < n; ++c) best = x[c] > best ? x[c] : best;
    return best;
}

struct Sums {
    float z, px, finite;  // sum e^(x-m), sum e^(x-m) (x-m) over finite x, count of finite x
};

// out = e^(x - m); returns the sums the normaliser and the entropy need.
inline Sums exp_and_sum(float* out, const float* x, int n, float m) {
    const B mb(m), zero(0.0f), one(1.0f), ninf(kNegInf), floor(exp_constants[kFloor]);
    B z(0.0f), px(0.0f), finite(0.0f);
    auto step = [&](B xv) {
        const B d = vmax(xv - mb, floor);  // e is 0 wherever d was clamped, so e * d stays finite
        const B e = exp_clamped(d);
        z += e;
        px += e * d;
        finite += xsimd::select(xv > ninf, one, zero);
        return e;
    };
    int c = 0;
    for (; c < n - n % W; c += W) step(B::load_unaligned(x + c)).store_unaligned(out + c);
    Sums s{xsimd::hadd(z), xsimd::hadd(px), xsimd::hadd(finite)};
    for (; c < n; ++c) {
        const float d = std::fmax(x[c] - m, kExpFloor);
        const float e = exp_clamped(d);
        out[c] = e;
        s.z += e;
        s.px += e * d;
        s.finite += x[c] > kNegInf ? 1.0f : 0.0f;
    }
    return s;
}

// The same without diagnostics, for callers that want only p: e^(f (x - m)), four batches per step.
// f folds the score scaling (÷√Dk, ÷temperature) into this pass instead of a pass of its own.
inline float exp_and_sum_lean(float* out, const float* x, int n, float m, float f) {
    const B mb(m), fb(f), floor(exp_constants[kFloor]);
    B z(0.0f);
    int c = 0;
    for (; c + 4 * W <= n; c += 4 * W) {
        B e[4];
        for (int i = 0; i < 4; ++i) e[i] = vmax((B::load_unaligned(x + c + i * W) - mb) * fb, floor);
        exp_clamped(e);
        z += (e[0] + e[1]) + (e[2] + e[3]);
        for (int i = 0; i < 4; ++i) e[i].store_unaligned(out + c + i * W);
    }
    for (; c + W <= n; c += W) {
        const B e = exp_clamped(vmax((B::load_unaligned(x + c) - mb) * fb, floor));
        z += e;
        e.store_unaligned(out + c);
    }
    float sum = xsimd::hadd(z);
    for (; c < n; ++c) {
        out[c] = exp_clamped(std::fmax((x[c] - m) * f, kExpFloor));
        sum += out[c];
    }
    return sum;
}

// Sums over the normalised row that the gradient norm needs, split between the c entries that hold the
// row max (p == m) and the rest, so that nothing cancels when the row is nearly one-hot.
struct Moments {
    float others_p = 0.0f, others_p2 = 0.0f, others_p2_1m2p = 0.0f;  // sums of p, p^2, p^2 (1 - 2p) over the rest
    float others = 0.0f;                                             // how many entries are not a max
};

// out *= inv one float at a time, adding the entries that are not a max to mo: normalise's tail, and the
// whole row for short rows.
inline void normalise_scalar(float* out, int n, float inv, Moments& mo) {
    for (int c = 0; c < n; ++c) {
        const float p = out[c] * inv;
        out[c] = p;
        if (!(p < inv)) continue;
        mo.others_p += p;
        mo.others_p2 += p * p;
        mo.others_p2_1m2p += p * p * (1.0f - 2.0f * p);
        mo.others += 1.0f;
    }
}

// out *= inv (= m, the weight of a max entry).
inline Moments normalise(float* out, int n, float inv) {
    const B ib(inv), zero(0.0f), one(1.0f), two(2.0f);
    B a1(0.0f), a2(0.0f), a3(0.0f), cnt(0.0f);
    auto step = [&](B e) {
        const B p = e * ib;
        const auto rest = p < ib;
        const B q = xsimd::select(rest, p, zero);
        const B q2 = q * q;
        a1 += q;
        a2 += q2;
        a3 += q2 * (one - two * q);
        cnt += xsimd::select(rest, one, zero);
        return p;
    };
    int c = 0;
    for (; c < n - n % W; c += W) step(B::load_unaligned(out + c)).store_unaligned(out + c);
    Moments mo{xsimd::hadd(a1), xsimd::hadd(a2), xsimd::hadd(a3), xsimd::hadd(cnt)};
    normalise_scalar(out + c, n - c, inv, mo);
    return mo;
}

// ||diag(p) - p p^T||_F^2 with c entries equal to m and the rest summarised by `r`:
//   c m^2 (1-m)^2 + sum_rest p^2 (1-2p) + c (c-1) m^4 + 2 c m^2 sum_rest p^2 + (sum_rest p^2)^2,
// where 1 - m = sum_rest p + (c-1) m.  Every term is >= 0: no cancellation near saturation.
inline float jacobian_norm2(float m, float c, const Moments& r) {
    const float one_minus_m = r.others_p + (c - 1.0f) * m;
    const float m2 = m * m;
    return c * m2 * one_minus_m * one_minus_m + r.others_p2_1m2p + c * (c - 1.0f) * m2 * m2 +
           2.0f * c * m2 * r.others_p2 + r.others_p2 * r.others_p2;
}

inline void write_stats(const RowStats& s, int r, float entropy, float maxw, float gn2, float flags, float m, float z) {
    if (s.entropy) s.entropy[r] = entropy;
    if (s.max_weight) s.max_weight[r] = maxw;
    if (s.grad_norm) s.grad_norm[r] = std::sqrt(gn2 > 0.0f ? gn2 : 0.0f);
    if (s.flags) s.flags[r] = flags;
    if (s.row_max) s.row_max[r] = m;
    if (s.row_sum) s.row_sum[r] = z;
}

// softmax_rows with diagnostics for rows shorter than two batches (toy sizes), in and out packed and
// distinct (softmax_short_rows.cpp).
void softmax_short_rows(MatrixView<float> out, MatrixView<const float> in, const RowStats& stats);

}  // namespace attn::detail
