// SIMD helpers shared by the kernels in core/src (not part of the public headers).
#pragma once

#include <xsimd/xsimd.hpp>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace attn::simd {

/// The one SIMD float type of the kernels, and its width in floats (4 under SIMD128 and SSE).
using B = xsimd::batch<float>;
constexpr int W = static_cast<int>(B::size);

/// max(a, b) for values that are not NaN.  xsimd keeps SSE's rule (a NaN in either gives b), which Emscripten
/// spells as a compare and a select (three instructions); wasm's pmax (a < b ? b : a, so a NaN in a gives a)
/// agrees on everything but NaN in one instruction (maxps on x86).  Callers pass validated, finite data.
inline B vmax(B a, B b) {
#ifdef __wasm_simd128__
    return B(static_cast<__m128>(
        wasm_f32x4_pmax(static_cast<v128_t>(static_cast<__m128>(a)), static_cast<v128_t>(static_cast<__m128>(b)))));
#else
    return xsimd::max(a, b);
#endif
}

/// a * b + c.  Built with relaxed SIMD (the relaxed build), one f32x4.relaxed_madd: the engine fuses it (one
/// rounding) where the CPU has FMA and multiplies then adds (two) where it has not, so results may differ in
/// the last bit between machines.  Otherwise a multiply and an add, as every other build.
inline B madd(B a, B b, B c) {
#ifdef __wasm_relaxed_simd__
    const auto v = [](B x) { return static_cast<v128_t>(static_cast<__m128>(x)); };
    return B(static_cast<__m128>(wasm_f32x4_relaxed_madd(v(a), v(b), v(c))));
#else
    return a * b + c;
#endif
}

/// The largest lane of v.
inline float hmax(B v) {
    alignas(64) float lanes[B::size];
    v.store_aligned(lanes);
    float m = lanes[0];
    for (std::size_t i = 1; i < B::size; ++i) m = lanes[i] > m ? lanes[i] : m;
    return m;
}

}  // namespace attn::simd
