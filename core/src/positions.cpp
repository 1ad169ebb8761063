// The positional table and the addition X = E + P.
#include "attn/positions.hpp"

#include <cmath>

#include "simd_util.hpp"

namespace attn {

using simd::B;
using simd::W;

namespace {

// sin(x) or cos(x) in double for 0 <= x <= 2^20, correct to ~1e-15: x = k pi/2 + r with |r| <= pi/4 (pi/2 in
// two parts, so k pi/2 is exact for k < 2^20), then the Taylor series of sin r and cos r.  libm's sin and cos
// would add 11 KB (gzipped) to the WebAssembly for a table of at most 2048 x 512 angles.
double sin_or_cos(double x, bool cosine) {
    constexpr double two_over_pi = 0.63661977236758134308, pio2_hi = 1.57079632673412561417,
                     pio2_lo = 6.07710050650619224932e-11;
    const double k = std::floor(x * two_over_pi + 0.5);
    const double r = (x - k * pio2_hi) - k * pio2_lo, r2 = r * r;
    double s = 0.0, c = 0.0;
    for (int n = 17; n >= 3; n -= 2) s = (1.0 - s * r2 / (n * (n - 1.0)));  // Horner, from the r^16 term
    s *= r;
    for (int n = 16; n >= 2; n -= 2) c = (1.0 - c * r2 / (n * (n - 1.0)));
    const int quadrant = (static_cast<int>(k) + (cosine ? 1 : 0)) & 3;  // cos x = sin(x + pi/2)
    switch (quadrant) {
        case 0:
            return s;
        case 1:
            return c;
        case 2:
            return -s;
        default:
            return -c;
    }
}

}  // namespace

void sinusoidal_positions(MatrixView<float> out) {
    // out: (T, D).  Angles in double: pos / 10000^(2i/D) at pos = 2047 needs more than a float's digits
    // to land on the same sine in every build.  10000^e as exp(e ln 10000).
    const int D = out.cols;
    const double ln_10000 = 9.21034037197618273607;
    for (int c = 0; c < D; ++c) {
        const double rate = std::exp(ln_10000 * (c - c % 2) / D);
        for (int pos = 0; pos < out.rows; ++pos) out(pos, c) = static_cast<float>(sin_or_cos(pos / rate, c % 2 == 1));
    }
}

void add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    // a, b, out: (R, C)
    for (int r = 0; r < a.rows; ++r) {
        const float *x = a.row(r), *y = b.row(r);
        float* o = out.row(r);
        const int n = a.cols;
        int c = 0;
        for (; c < n - n % W; c += W) (B::load_unaligned(x + c) + B::load_unaligned(y + c)).store_unaligned(o + c);
        for (; c < n; ++c) o[c] = x[c] + y[c];
    }
}

namespace ref {

void add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b) {
    for (int r = 0; r < a.rows; ++r)
        for (int c = 0; c < a.cols; ++c) out(r, c) = static_cast<float>(static_cast<double>(a(r, c)) + b(r, c));
}

}  // namespace ref
}  // namespace attn
