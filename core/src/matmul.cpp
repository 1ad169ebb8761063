// Register-tiled matmul with xsimd, plus its double-precision scalar twin.
// Tile: R rows of `a` times NB batches of columns of `b`, accumulated in R*NB registers.
// 4x2 keeps 8 accumulators, 2 loads of b, 4 broadcasts of a and 1 product live: V8's 15 wasm SIMD
// registers, all of them.
#include "attn/matmul.hpp"

#include <limits>
#include <xsimd/xsimd.hpp>

#include "simd_util.hpp"

namespace attn {
namespace {

using simd::B;
using simd::W;
constexpr int kR = 4, kNB = 2;  // the tile; 3x3 and 5x2 spill in V8 and run at half speed
constexpr int P = kNB * W;      // panel width: the columns one tile covers

// out[i0:i0+R, j0:j0+NB*W] = a[i0:i0+R, :] * bp, where bp (K rows, row stride bs) holds those columns of b;
// each result row i times rs[i] when rs is given; rmax[r] (R batches, when given) takes in row r's values.
template <int R, int NB>
inline void tile(MatrixView<float> out, MatrixView<const float> a, const float* bp, int bs, int i0, int j0,
                 const float* rs = nullptr, B* rmax = nullptr) {
    B acc[R][NB];
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n] = B(0.0f);
    const float* arow[R];
    for (int r = 0; r < R; ++r) arow[r] = a.row(i0 + r);
    for (int k = 0; k < a.cols; ++k, bp += bs) {
        B bv[NB];
        for (int n = 0; n < NB; ++n) bv[n] = B::load_unaligned(bp + n * W);
        for (int r = 0; r < R; ++r) {
            const B av(arow[r][k]);
            for (int n = 0; n < NB; ++n) acc[r][n] = simd::madd(av, bv[n], acc[r][n]);
        }
    }
    if (rs)
        for (int r = 0; r < R; ++r)
            for (int n = 0; n < NB; ++n) acc[r][n] *= B(rs[i0 + r]);
    if (rmax)
        for (int r = 0; r < R; ++r)
            for (int n = 0; n < NB; ++n) rmax[r] = simd::vmax(rmax[r], acc[r][n]);
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n].store_unaligned(out.row(i0 + r) + j0 + n * W);
}

// One entry past the SIMD columns as a plain dot product, out(i, j) = rs[i] * sum_k a(i, k) * b_at(k).  Returns it.
template <class BAt>
inline float tail_entry(MatrixView<float> out, MatrixView<const float> a, int i, int j, const float* rs, BAt b_at) {
    float s = 0.0f;
    for (int k = 0; k < a.cols; ++k) s += a(i, k) * b_at(k);
    return out(i, j) = rs ? s * rs[i] : s;
}

// Scalar columns [j0, N) that do not fill a batch, for rows [i0, i1).
inline void tail_columns(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, int i0, int i1,
                         int j0, const float* rs) {
    for (int i = i0; i < i1; ++i)
        for (int j = j0; j < b.cols; ++j) tail_entry(out, a, i, j, rs, [&](int k) { return b(k, j); });
}

template <int R>
inline void row_band(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, int i0,
                     const float* rs) {
    const int N = b.cols;
    int j = 0;
    for (; j + kNB * W <= N; j += kNB * W) tile<R, kNB>(out, a, b.data + j, b.stride, i0, j, rs);
    for (; j + W <= N; j += W) tile<R, 1>(out, a, b.data + j, b.stride, i0, j, rs);
    tail_columns(out, a, b, i0, i0 + R, j, rs);
}

// A matrix's columns as panels: (K, P) blocks of P columns, then at most one (K, W) block, each contiguous,
// so a tile streams one block of memory.  Unpacked, the K rows a tile reads lie a row stride apart: for
// b^T at N = 2048 they fall into one L1 set and thrash it, and for V each 64-byte line is half used.
// The panel starting at column j0, width w, holds (k, c) at data[j0 * K + k * w + c].
template <bool kTransposed>
PackedB pack(MatrixView<const float> src, float* scratch) {
    // kTransposed: src is (N, K) and the panels hold src^T; otherwise src is (K, N)
    const int K = kTransposed ? src.cols : src.rows, N = kTransposed ? src.rows : src.cols;
    const int full = N / P * P, part = (N - full) / W * W;
    for (int j0 = 0; j0 < full + part; j0 += P) {
        const int w = j0 < full ? P : W;
        float* panel = scratch + static_cast<std::ptrdiff_t>(j0) * K;
        for (int k = 0; k < K; ++k)
            for (int c = 0; c < w; ++c) panel[k * w + c] = kTransposed ? src(j0 + c, k) : src(k, j0 + c);
    }
    return {scratch, K, N, full, part, src, kTransposed};
}

// Rows [i0, i0 + R) against every panel; columns past the panels (fewer than W) as plain dot products.
template <int R>
inline void packed_band(MatrixView<float> out, MatrixView<const float> a, const PackedB& p, int i0, const float* rs,
                        float* row_max) {
    B rm[R];
    for (int r = 0; r < R; ++r) rm[r] = B(-std::numeric_limits<float>::infinity());
    B* rmax = row_max ? rm : nullptr;
    for (int j = 0; j < p.full; j += P)
        tile<R, kNB>(out, a, p.data + static_cast<std::ptrdiff_t>(j) * p.K, P, i0, j, rs, rmax);
    if (p.part) tile<R, 1>(out, a, p.data + static_cast<std::ptrdiff_t>(p.full) * p.K, W, i0, p.full, rs, rmax);
    for (int i = i0; i < i0 + R; ++i) {
        float best = row_max ? simd::hmax(rm[i - i0]) : 0.0f;
        for (int j = p.full + p.part; j < p.N; ++j) {
            const auto b_at = [&](int k) { return p.transposed ? p.src(j, k) : p.src(k, j); };
            const float x = tail_entry(out, a, i, j, rs, b_at);
            best = x > best ? x : best;
        }
        if (row_max) row_max[i] = best;
    }
}

}  // namespace

void matmul(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    matmul_scaled_rows(out, a, b, nullptr);
}

void matmul_scaled_rows(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b,
                        const float* row_scale) {
    // a: (M, K); b: (K, N); out: (M, N); row_scale: M floats or null
    int i = 0;
    for (; i + kR <= a.rows; i += kR) row_band<kR>(out, a, b, i, row_scale);
    for (; i < a.rows; ++i) row_band<1>(out, a, b, i, row_scale);
}

void transpose(MatrixView<float> out, MatrixView<const float> in) {
    // in: (R, C); out: (C, R)
    for (int r = 0; r < in.rows; ++r)
        for (int c = 0; c < in.cols; ++c) out(c, r) = in(r, c);
}

PackedB pack_b(MatrixView<const float> b, float* scratch) { return pack<false>(b, scratch); }
PackedB pack_bt(MatrixView<const float> b, float* scratch) { return pack<true>(b, scratch); }

void matmul_packed(MatrixView<float> out, MatrixView<const float> a, const PackedB& b, const float* row_scale,
                   float* row_max) {
    // a: (M, K); b: packed (K, N); out: (M, N); row_scale, row_max: M floats or null
    int i = 0;
    for (; i + kR <= a.rows; i += kR) packed_band<kR>(out, a, b, i, row_scale, row_max);
    for (; i < a.rows; ++i) packed_band<1>(out, a, b, i, row_scale, row_max);
}

void matmul_bt(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch) {
    // a: (M, K); b: (N, K); out: (M, N).  Packing b^T is cheap (K*N) next to the product (M*N*K).
    matmul_packed(out, a, pack_bt(b, scratch));
}

void scale(MatrixView<float> out, MatrixView<const float> in, float factor) {
    // in, out: (R, C)
    const B f(factor);
    for (int r = 0; r < in.rows; ++r) {
        const float* src = in.row(r);
        float* dst = out.row(r);
        const int n = in.cols;
        int c = 0;
        for (; c < n - n % W; c += W) (B::load_unaligned(src + c) * f).store_unaligned(dst + c);
        for (; c < n; ++c) dst[c] = src[c] * factor;
    }
}

namespace ref {

void matmul(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    for (int i = 0; i < a.rows; ++i)
        for (int j = 0; j < b.cols; ++j) {
            double s = 0.0;
            for (int k = 0; k < a.cols; ++k) s += static_cast<double>(a(i, k)) * b(k, j);
            out(i, j) = static_cast<float>(s);
        }
}

void matmul_scaled_rows(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b,
                        const float* row_scale) {
    for (int i = 0; i < a.rows; ++i)
        for (int j = 0; j < b.cols; ++j) {
            double s = 0.0;
            for (int k = 0; k < a.cols; ++k) s += static_cast<double>(a(i, k)) * b(k, j);
            out(i, j) = static_cast<float>(s * (row_scale ? row_scale[i] : 1.0));
        }
}

void matmul_bt(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float*) {
    for (int i = 0; i < a.rows; ++i)
        for (int j = 0; j < b.rows; ++j) {
            double s = 0.0;
            for (int k = 0; k < a.cols; ++k) s += static_cast<double>(a(i, k)) * b(j, k);
            out(i, j) = static_cast<float>(s);
        }
}

void scale(MatrixView<float> out, MatrixView<const float> in, float factor) {
    for (int r = 0; r < in.rows; ++r)
        for (int c = 0; c < in.cols; ++c) out(r, c) = static_cast<float>(static_cast<double>(in(r, c)) * factor);
}

}  // namespace ref
}  // namespace attn

namespace attn {
int simd_width() { return W; }
}  // namespace attn
