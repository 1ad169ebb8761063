// The kernels only the backward pass needs (A^T B, A B^T accumulated, the softmax backward) with xsimd,
// and their double-precision scalar twins.  Kept apart from backward.cpp to keep both files short.
// Products use matmul.cpp's scheme: R rows times NB batches of columns in R*NB registers (4x2 here).
#include <xsimd/xsimd.hpp>

#include "attn/backward.hpp"
#include "attn/matmul.hpp"
#include "simd_util.hpp"

namespace attn {
namespace {

using simd::B;
using simd::W;

// Row i of the left operand as strides: A(i, k) = a[i * ai + k * ak], so A may be a matrix or its transpose.
struct Left {
    const float* a;
    std::ptrdiff_t ai, ak;
    float operator()(int i, int k) const { return a[i * ai + k * ak]; }
};

// out[i0:i0+R, j0:j0+NB*W] (+)= A[i0:i0+R, :] * b[:, j0:j0+NB*W].
template <int R, int NB>
inline void tile(MatrixView<float> out, Left a, MatrixView<const float> b, int i0, int j0, bool add) {
    B acc[R][NB];
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n] = add ? B::load_unaligned(out.row(i0 + r) + j0 + n * W) : B(0.0f);
    for (int k = 0; k < b.rows; ++k) {
        const float* brow = b.row(k) + j0;
        B bv[NB];
        for (int n = 0; n < NB; ++n) bv[n] = B::load_unaligned(brow + n * W);
        for (int r = 0; r < R; ++r) {
            const B av(a(i0 + r, k));
            for (int n = 0; n < NB; ++n) acc[r][n] += av * bv[n];
        }
    }
    for (int r = 0; r < R; ++r)
        for (int n = 0; n < NB; ++n) acc[r][n].store_unaligned(out.row(i0 + r) + j0 + n * W);
}

template <int R>
inline void row_band(MatrixView<float> out, Left a, MatrixView<const float> b, int i0, bool add) {
    const int N = b.cols;
    int j = 0;
    for (; j + 2 * W <= N; j += 2 * W) tile<R, 2>(out, a, b, i0, j, add);
    for (; j + W <= N; j += W) tile<R, 1>(out, a, b, i0, j, add);
    for (int i = i0; i < i0 + R; ++i)  // columns that do not fill a batch
        for (int c = j; c < N; ++c) {
            float s = add ? out(i, c) : 0.0f;
            for (int k = 0; k < b.rows; ++k) s += a(i, k) * b(k, c);
            out(i, c) = s;
        }
}

void product(MatrixView<float> out, Left a, MatrixView<const float> b, bool add) {
    // A: (M, K) through strides; b: (K, N); out: (M, N)
    int i = 0;
    for (; i + 4 <= out.rows; i += 4) row_band<4>(out, a, b, i, add);
    for (; i < out.rows; ++i) row_band<1>(out, a, b, i, add);
}

inline float dot(const float* x, const float* y, int n) {
    B acc(0.0f);
    int c = 0;
    for (; c < n - n % W; c += W) acc += B::load_unaligned(x + c) * B::load_unaligned(y + c);
    float s = xsimd::hadd(acc);
    for (; c < n; ++c) s += x[c] * y[c];
    return s;
}

}  // namespace

void matmul_at(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    // a: (K, M); b: (K, N); out: (M, N).  Row i of a^T is column i of a: stride 1 across i, a.stride across k.
    product(out, {a.data, 1, a.stride}, b, false);
}

void matmul_bt_add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float* scratch) {
    // a: (M, K); b: (N, K); out: (M, N), accumulated.  b^T is cheap (K*N) next to the product (M*N*K).
    MatrixView<float> bt(scratch, b.cols, b.rows);
    transpose(bt, b);
    product(out, {a.data, a.stride, 1}, bt, true);
}

void softmax_backward(MatrixView<float> out, MatrixView<const float> p, MatrixView<const float> dp,
                      MatrixView<const float> seed, float factor) {
    // p, dp, seed, out: (T, T); dp or seed may be empty (zero)
    const B f(factor);
    for (int r = 0; r < p.rows; ++r) {
        const float* pr = p.row(r);
        const float* dr = dp.empty() ? nullptr : dp.row(r);
        const float* sr = seed.empty() ? nullptr : seed.row(r);
        float* o = out.row(r);
        const int n = p.cols;
        // Pass 1: the row's Σ_j p_j dp_j.  Pass 2: each entry's share of the Jacobian, plus the seed.
        const float d = dr ? dot(pr, dr, n) : 0.0f;
        const B db(d);
        int c = 0;
        for (; c < n - n % W; c += W) {
            B g(0.0f);
            if (dr) g = B::load_unaligned(pr + c) * (B::load_unaligned(dr + c) - db);
            if (sr) g += B::load_unaligned(sr + c);
            (g * f).store_unaligned(o + c);
        }
        for (; c < n; ++c) {
            float g = dr ? pr[c] * (dr[c] - d) : 0.0f;
            if (sr) g += sr[c];
            o[c] = g * factor;
        }
    }
}

namespace ref {

void matmul_at(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    for (int i = 0; i < a.cols; ++i)
        for (int j = 0; j < b.cols; ++j) {
            double s = 0.0;
            for (int k = 0; k < a.rows; ++k) s += static_cast<double>(a(k, i)) * b(k, j);
            out(i, j) = static_cast<float>(s);
        }
}

void matmul_bt_add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b, float*) {
    for (int i = 0; i < a.rows; ++i)
        for (int j = 0; j < b.rows; ++j) {
            double s = out(i, j);
            for (int k = 0; k < a.cols; ++k) s += static_cast<double>(a(i, k)) * b(j, k);
            out(i, j) = static_cast<float>(s);
        }
}

void softmax_backward(MatrixView<float> out, MatrixView<const float> p, MatrixView<const float> dp,
                      MatrixView<const float> seed, float factor) {
    for (int r = 0; r < p.rows; ++r) {
        double d = 0.0;
        if (!dp.empty())
            for (int c = 0; c < p.cols; ++c) d += static_cast<double>(p(r, c)) * dp(r, c);
        for (int c = 0; c < p.cols; ++c) {
            double g = dp.empty() ? 0.0 : p(r, c) * (static_cast<double>(dp(r, c)) - d);
            if (!seed.empty()) g += seed(r, c);
            out(r, c) = static_cast<float>(g * factor);
        }
    }
}

}  // namespace ref
}  // namespace attn
