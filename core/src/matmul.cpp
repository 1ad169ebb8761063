// Register-tiled matmul with xsimd, plus its double-precision scalar twin.
// Tile: R rows of `a` times NB batches of columns of `b`, accumulated in R*NB registers.
// 4x2 keeps 8 accumulators + 2 loads + 1 broadcast live: under V8's 15 wasm SIMD registers.
#include "attn/matmul.hpp"

#include <xsimd/xsimd.hpp>

namespace attn {
namespace {

using B = xsimd::batch<float>;
constexpr int W = static_cast<int>(B::size);

// Computes out[i0:i0+R, j0:j0+NB*W] = a[i0:i0+R, :] * b[:, j0:j0+NB*W].
template <int R, int NB>
inline void tile(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, int i0, int j0) {
    B acc[R][NB];
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n] = B(0.0f);
    const float* arow[R];
    for (int r = 0; r < R; ++r) arow[r] = a.row(i0 + r);
    for (int k = 0; k < a.cols; ++k) {
        const float* brow = b.row(k) + j0;
        B bv[NB];
        for (int n = 0; n < NB; ++n) bv[n] = B::load_unaligned(brow + n * W);
        for (int r = 0; r < R; ++r) {
            const B av(arow[r][k]);
            for (int n = 0; n < NB; ++n) acc[r][n] += av * bv[n];
        }
    }
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n].store_unaligned(out.row(i0 + r) + j0 + n * W);
}

// Scalar columns [j0, N) that do not fill a batch, for rows [i0, i1).
inline void tail_columns(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, int i0,
                         int i1, int j0) {
    for (int i = i0; i < i1; ++i)
        for (int j = j0; j < b.cols; ++j) {
            float s = 0.0f;
            for (int k = 0; k < a.cols; ++k) s += a(i, k) * b(k, j);
            out(i, j) = s;
        }
}

template <int R>
inline void row_band(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, int i0) {
    const int N = b.cols;
    int j = 0;
    for (; j + 2 * W <= N; j += 2 * W) tile<R, 2>(out, a, b, i0, j);
    for (; j + W <= N; j += W) tile<R, 1>(out, a, b, i0, j);
    tail_columns(out, a, b, i0, i0 + R, j);
}

}  // namespace

void matmul(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    // a: (M, K); b: (K, N); out: (M, N)
    int i = 0;
    for (; i + 4 <= a.rows; i += 4) row_band<4>(out, a, b, i);
    for (; i < a.rows; ++i) row_band<1>(out, a, b, i);
}

void transpose(MatrixView<float> out, MatrixView<const float> in) {
    // in: (R, C); out: (C, R)
    for (int r = 0; r < in.rows; ++r)
        for (int c = 0; c < in.cols; ++c) out(c, r) = in(r, c);
}

void matmul_bt(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch) {
    // a: (M, K); b: (N, K); out: (M, N).  b^T is cheap (K*N) next to the product (M*N*K).
    MatrixView<float> bt(scratch, b.cols, b.rows);
    transpose(bt, b);
    matmul(out, a, bt);
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
