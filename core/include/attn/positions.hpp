// Positional encodings: the table P added to the embeddings before the projections, X = E + P.  Without
// it attention cannot tell word order apart (with no mask, permuting the tokens permutes the outputs).
#pragma once

#include "attn/matrix.hpp"

namespace attn {

/// The Transformer's sinusoidal table, positions counted from 0: out(pos, 2i) = sin(pos / 10000^(2i/D)),
/// out(pos, 2i+1) = cos(pos / 10000^(2i/D)).  out: (T, D), any D >= 1 (an odd D ends on a sine).
void sinusoidal_positions(MatrixView<float> out);

/// out = a + b, element-wise (X = E + P).  a, b, out: same shape; out may alias either.
void add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);

namespace ref {
void add(MatrixView<float> out, MatrixView<const float> a, MatrixView<const float> b);
}  // namespace ref

}  // namespace attn
