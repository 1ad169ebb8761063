// The positional table and the addition X = E + P.
#include "attn/positions.hpp"

#include <cmath>

#include "simd_util.hpp"

namespace attn {

using simd::B;
using simd::W;

void sinusoidal_positions(MatrixView<float> out) {
    // out: (T, D).  Angles in double: pos / 10000^(2i/D) at pos = 2047 needs more than a float's digits
    // to land on the same sine in every build.
    const int D = out.cols;
    for (int c = 0; c < D; ++c) {
        const double rate = std::pow(10000.0, static_cast<double>(c - c % 2) / D);
        for (int pos = 0; pos < out.rows; ++pos) {
            const double angle = pos / rate;
            out(pos, c) = static_cast<float>(c % 2 == 0 ? std::sin(angle) : std::cos(angle));
        }
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
