// Row-major matrices and non-owning views: the one data shape every kernel speaks.
// Conventions (stated once): rows are tokens; Q = X * W_Q with X (T, D) and W_Q (D, Dk).
#pragma once

#include <cstddef>
#include <vector>

namespace attn {

/// A non-owning, row-major window onto floats: element (r, c) lives at data[r * stride + c].
/// stride >= cols lets a per-head column block of a wider matrix be a view, not a copy.
/// A default-constructed view is empty (data == nullptr, 0x0) and means "absent".
template <class T>
struct MatrixView {
    T* data = nullptr;
    int rows = 0;
    int cols = 0;
    int stride = 0;

    MatrixView() = default;
    MatrixView(T* d, int r, int c) : data(d), rows(r), cols(c), stride(c) {}
    MatrixView(T* d, int r, int c, int s) : data(d), rows(r), cols(c), stride(s) {}
    /// A mutable view converts to a read-only one, never the other way.
    operator MatrixView<const T>() const { return {data, rows, cols, stride}; }

    T* row(int r) const { return data + static_cast<std::ptrdiff_t>(r) * stride; }
    T& operator()(int r, int c) const { return row(r)[c]; }
    bool empty() const { return data == nullptr; }
    /// Columns [c0, c0 + n) of every row, as a view sharing this one's storage.
    MatrixView cols_block(int c0, int n) const { return {data + c0, rows, n, stride}; }
    /// Rows [r0, r0 + n), as a view sharing this one's storage.
    MatrixView rows_block(int r0, int n) const { return {row(r0), n, cols, stride}; }
};

/// An owning row-major matrix, for tests and the C++ API; kernels only ever see views of it.
struct Matrix {
    int rows = 0;
    int cols = 0;
    std::vector<float> values;

    Matrix() = default;
    Matrix(int r, int c, float fill = 0.0f)
        : rows(r), cols(c), values(static_cast<std::size_t>(r) * static_cast<std::size_t>(c), fill) {}
    /// Builds a matrix from nested rows; all rows must have the same length.
    Matrix(std::initializer_list<std::initializer_list<float>> init);

    float& operator()(int r, int c) { return values[static_cast<std::size_t>(r) * cols + c]; }
    float operator()(int r, int c) const { return values[static_cast<std::size_t>(r) * cols + c]; }
    MatrixView<float> view() { return {values.data(), rows, cols}; }
    MatrixView<const float> view() const { return {values.data(), rows, cols}; }
};

}  // namespace attn
