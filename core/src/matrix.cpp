// The owning Matrix's one non-trivial constructor.
#include "attn/matrix.hpp"

#include <stdexcept>

namespace attn {

Matrix::Matrix(std::initializer_list<std::initializer_list<float>> init)
    : rows(static_cast<int>(init.size())), cols(init.size() ? static_cast<int>(init.begin()->size()) : 0) {
    values.reserve(static_cast<std::size_t>(rows) * cols);
    for (const auto& row : init) {
        if (static_cast<int>(row.size()) != cols) throw std::invalid_argument("Matrix: rows of different lengths");
        values.insert(values.end(), row.begin(), row.end());
    }
}

}  // namespace attn
