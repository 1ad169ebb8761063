// The SIMD/scalar dispatch table and the plain copies the passes share (core/src only, not a public header).
// Inline, so each pass sees the table's targets as it did when it kept its own.
#pragma once

#include <algorithm>
#include <cstring>

#include "attn/attention.hpp"
#include "attn/matmul.hpp"
#include "attn/softmax.hpp"
#include "attn/train.hpp"

namespace attn::dispatch {

/// Every kernel the forward, backward and training passes call: the xsimd one or its double-precision twin.
struct Ops {
    void (*matmul)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>);
    void (*matmul_bt)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>, float*);
    void (*matmul_at)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>);
    void (*matmul_bt_add)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>, float*);
    void (*scale)(MatrixView<float>, MatrixView<const float>, float);
    void (*softmax_rows)(MatrixView<float>, MatrixView<const float>, RowStats);
    void (*exp_rows)(MatrixView<float>, float, float*, const float*);
    void (*matmul_scaled_rows)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>, const float*);
    void (*softmax_backward)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>,
                             MatrixView<const float>, float);
    void (*sgd_update)(MatrixView<float>, MatrixView<const float>, MatrixView<const float>, float);
};

inline const Ops kSimd{&matmul,       &matmul_bt, &matmul_at,          &matmul_bt_add,    &scale,
                       &softmax_rows, &exp_rows,  &matmul_scaled_rows, &softmax_backward, &sgd_update};
inline const Ops kScalar{
    &ref::matmul,       &ref::matmul_bt, &ref::matmul_at,          &ref::matmul_bt_add,    &ref::scale,
    &ref::softmax_rows, &ref::exp_rows,  &ref::matmul_scaled_rows, &ref::softmax_backward, &ref::sgd_update};

inline const Ops& ops(Kernels kernels) { return kernels == Kernels::simd ? kSimd : kScalar; }

/// out = in, both (R, C): one block when both are packed (toy rows are shorter than a call).  Inline, as
/// the passes' other loops are.
inline void copy(MatrixView<float> out, MatrixView<const float> in) {
    if (in.stride == in.cols && out.stride == out.cols) {
        std::memcpy(out.data, in.data, sizeof(float) * static_cast<std::size_t>(in.rows) * in.cols);
        return;
    }
    for (int r = 0; r < in.rows; ++r)
        std::memcpy(out.row(r), in.row(r), sizeof(float) * static_cast<std::size_t>(in.cols));
}

/// m = 0.
inline void fill_zero(MatrixView<float> m) {
    for (int r = 0; r < m.rows; ++r) std::fill(m.row(r), m.row(r) + m.cols, 0.0f);
}

}  // namespace attn::dispatch
