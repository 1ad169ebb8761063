// e^x for the softmax kernels (core/src only): Cody-Waite reduction, a Chebyshev-fitted polynomial and 2^n
// built from the rounding's own bits, for batches and for single floats.  Not a public header: it carries
// xsimd types.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <xsimd/xsimd.hpp>

#include "simd_util.hpp"

namespace attn::detail {

using simd::B;
using simd::W;
using I = xsimd::batch<int32_t>;
constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// e^r ~ 1 + r + r^2 P(r) on |r| <= ln2/2, P of degree 4 fitted at Chebyshev nodes: about 1 ulp from e^x
// over [-87, 88] once the reduction below is applied (1.02-1.05 ulp worst, measured).  Cephes' degree-5 P
// gains nothing measurable at float precision and costs a multiply and an add per batch.
constexpr float kP[5] = {5.0000000000e-01f, 1.6666577756e-01f, 4.1666556150e-02f, 8.3631733432e-03f, 1.3926175889e-03f};

// Softmax's exponents x - max are <= 0 (or -inf when masked): one clamp at -127 ln2 sends everything
// that underflows, -inf included, to exactly 0 with no select and no upper clamp.
constexpr float kExpFloor = -88.0296919311f;  // -127 ln2

// The reduction's constants: 1.5 * 2^23 (rounds n into the mantissa bits), log2(e), ln2 split high and low,
// and the bias that turns t's bits into 2^n's exponent field.  Both forms below use these.
constexpr float kRoundMagic = 12582912.0f, kLog2eValue = 1.44269504088896341f, kLn2High = 0.693359375f,
                kLn2Low = 2.12194440e-4f;
constexpr int32_t kExpBias = 0x4B400000 - 127;

// The exp loops' constants, splatted from memory.  V8 rebuilds a v128.const at every use inside a loop (two
// 64-bit immediates moved in and joined), where a splat from memory is one load.  Mutable and not
// file-local, so LLVM cannot fold them back into immediates (inline: one definition across the TUs).
enum ExpConstant { kMagic, kLog2e, kLn2Hi, kLn2Lo, kOne, kFloor, kP4 = kFloor + 5 };
inline float exp_constants[] = {kRoundMagic, kLog2eValue, kLn2High, kLn2Low, 1.0f, kExpFloor,
                                kP[0],       kP[1],       kP[2],    kP[3],   kP[4]};
inline int32_t exp_bias = kExpBias;  // t's bits minus this, shifted into the exponent field: 2^n

// e^x by Cody-Waite reduction x = n ln2 + r and the polynomial above.  n is rounded by adding 1.5 * 2^23,
// so its integer sits in the mantissa bits: 2^n is then built with integer adds and a shift on the same
// bits, never a float->int conversion.
// x must lie in [-127 ln2, 88]; where n rounds to -127 the 2^n bits are all zero, so the result is exactly 0.
// K batches go step by step side by side: neither LLVM's wasm backend nor V8 interleaves independent
// chains, and one ~25-deep chain alone leaves the FP pipes idle (K = 4 is ~25% faster than K = 1 in V8).
template <int K>
inline void exp_clamped(B (&x)[K]) {
    const float* k = exp_constants;
    const B magic(k[kMagic]);
    B t[K], r[K], p[K];
    for (int i = 0; i < K; ++i) t[i] = x[i] * B(k[kLog2e]) + magic;
    for (int i = 0; i < K; ++i) {
        const B n = t[i] - magic;
        r[i] = (x[i] - n * B(k[kLn2Hi])) + n * B(k[kLn2Lo]);
    }
    for (int i = 0; i < K; ++i) p[i] = simd::madd(B(k[kP4]), r[i], B(k[kP4 - 1]));
    for (int i = 0; i < K; ++i) p[i] = simd::madd(p[i], r[i], B(k[kP4 - 2]));
    for (int i = 0; i < K; ++i) p[i] = simd::madd(p[i], r[i], B(k[kP4 - 3]));
    for (int i = 0; i < K; ++i) p[i] = simd::madd(p[i], r[i], B(k[kP4 - 4]));
    for (int i = 0; i < K; ++i) {
        const I bits = (xsimd::bitwise_cast<I>(t[i]) - I(exp_bias)) << 23;
        x[i] = (simd::madd(p[i], r[i] * r[i], r[i]) + B(k[kOne])) * xsimd::bitwise_cast<B>(bits);
    }
}

inline B exp_clamped(B x) {
    B one[1] = {x};
    exp_clamped(one);
    return one[0];
}

// The same arithmetic on one float, for row tails: partial vector loads and stores cost V8 a
// store-forwarding stall each, more than the whole tail of a toy row.
inline float exp_clamped(float x) {
    const float t = x * kLog2eValue + kRoundMagic;
    const float n = t - kRoundMagic;
    const float r = (x - n * kLn2High) + n * kLn2Low;
    float p = kP[4] * r + kP[3];
    p = p * r + kP[2];
    p = p * r + kP[1];
    p = p * r + kP[0];
    int32_t bits;
    std::memcpy(&bits, &t, sizeof bits);
    bits = static_cast<int32_t>(static_cast<uint32_t>(bits - kExpBias) << 23);
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return (p * (r * r) + r + 1.0f) * scale;
}

// The public exp's contract: below -87.3 (the smallest normal result) exactly 0, above 88 clamped.
inline B exp_batch(B x) {
    const B lo(-87.3365447505531f);
    const B xc = xsimd::min(xsimd::max(x, lo), B(88.0f));
    return xsimd::select(x < lo, B(0.0f), exp_clamped(xc));
}

// e^y in place over a contiguous run, four batches side by side; every y must lie in [-127 ln2, 0].
inline void exp_in_place(float* y, int count) {
    int c = 0;
    for (; c + 4 * W <= count; c += 4 * W) {
        B e[4];
        for (int i = 0; i < 4; ++i) e[i] = B::load_unaligned(y + c + i * W);
        exp_clamped(e);
        for (int i = 0; i < 4; ++i) e[i].store_unaligned(y + c + i * W);
    }
    for (; c + W <= count; c += W) exp_clamped(B::load_unaligned(y + c)).store_unaligned(y + c);
    for (; c < count; ++c) y[c] = exp_clamped(y[c]);
}

}  // namespace attn::detail
