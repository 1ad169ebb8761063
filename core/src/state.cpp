// Validation of a StateView: the one gate between user input and arithmetic.
#include "attn/state.hpp"

#include <cmath>

#include "wording.hpp"

namespace attn {
namespace {

using wording::dims;
using wording::number;
using wording::plural;

// A field's name, spelled out only when there is an error to report: a valid state costs no allocation.
struct Field {
    const char* name;
    int head = -1;  // >= 0: the field of heads[head]
    std::string str() const { return head < 0 ? std::string(name) : "heads[" + std::to_string(head) + "]." + name; }
};

std::optional<Error> check_shape(Field f, MatrixView<const float> m, int rows, int cols) {
    if (m.rows == rows && m.cols == cols && (!m.empty() || rows == 0)) return std::nullopt;
    if (m.empty() && rows > 0) return Error{f.str(), "missing, expected " + dims(rows, cols)};
    return Error{f.str(), "expected " + dims(rows, cols) + ", got " + dims(m.rows, m.cols)};
}

// True when every value is finite and within the limit.  !(|v| <= max) is also true for NaN and
// +-inf, and with no early exit the loop vectorises: the happy path costs a few ops per row.
bool row_ok(const float* x, int n) {
    bool bad = false;
    for (int c = 0; c < n; ++c) bad |= !(std::fabs(x[c]) <= Limits::max_abs_value);
    return !bad;
}

std::optional<Error> check_values(Field f, MatrixView<const float> m) {
    // Packed matrices (stride == cols, as the engine passes them) are checked as one run of floats: a toy
    // matrix's rows are shorter than the loop's set-up.
    if (m.stride == m.cols && row_ok(m.data, m.rows * m.cols)) return std::nullopt;
    for (int r = 0; r < m.rows; ++r) {
        if (row_ok(m.row(r), m.cols)) continue;
        for (int c = 0; c < m.cols; ++c) {
            const float v = m(r, c);
            if (std::fabs(v) <= Limits::max_abs_value) continue;
            return Error{wording::cell(f.str(), r, c), wording::value_problem(v)};
        }
    }
    return std::nullopt;
}

std::optional<Error> check_limit(const char* path, const char* what, int v, int max) {
    if (v < 1) return Error{path, std::string("needs at least one ") + what + ", got " + std::to_string(v)};
    if (v > max) return Error{path, std::to_string(v) + " " + what + "s is above the limit of " + std::to_string(max)};
    return std::nullopt;
}

}  // namespace

std::optional<Error> validate(const StateView& s) {
    const int T = s.embeddings.rows, D = s.embeddings.cols;
    if (s.embeddings.empty() || T < 1 || D < 1)
        return Error{"embeddings", "empty: need at least one token with one dimension"};
    if (auto e = check_limit("embeddings", "token", T, Limits::max_tokens)) return e;
    if (auto e = check_limit("embeddings", "dimension", D, Limits::max_d_model)) return e;
    if (auto e = check_limit("heads", "head", s.num_heads, Limits::max_heads)) return e;
    const int H = s.num_heads;
    const MatrixView<const float> wq0 = s.heads[0].wq;
    if (wq0.empty()) return Error{"heads[0].wq", "missing, expected " + dims(D, 1) + " or wider"};
    if (wq0.rows != D)
        return Error{"heads[0].wq", "expected " + plural(D, "row") + " (one per embedding dimension), got " +
                                        dims(wq0.rows, wq0.cols)};
    const int Dk = wq0.cols;
    if (auto e = check_limit("heads[0].wq", "column", Dk, Limits::max_d_k)) return e;
    if (static_cast<long>(H) * T * T > Limits::max_score_cells)
        return Error{"heads", std::to_string(H) + " heads \u00d7 " + std::to_string(T) +
                                  "\u00b2 tokens is above the limit of " + std::to_string(Limits::max_score_cells) +
                                  " attention weights"};
    for (int h = 0; h < H; ++h) {
        const MatrixView<const float>* m[3] = {&s.heads[h].wq, &s.heads[h].wk, &s.heads[h].wv};
        const char* names[3] = {"wq", "wk", "wv"};
        for (int i = 0; i < 3; ++i)
            if (auto e = check_shape({names[i], h}, *m[i], D, Dk)) return e;
    }
    if (!s.wo.empty()) {
        if (s.wo.rows != H * Dk)
            return Error{"wo",
                         "expected " + plural(H * Dk, "row") + " (heads \u00d7 Dk), got " + dims(s.wo.rows, s.wo.cols)};
        if (auto e = check_limit("wo", "column", s.wo.cols, Limits::max_d_out)) return e;
    }
    if (s.mask == MaskKind::custom) {
        if (auto e = check_shape({"mask"}, s.allow, T, T)) return e;
        for (int r = 0; r < T; ++r)
            for (int c = 0; c < T; ++c)
                if (s.allow(r, c) != 0.0f && s.allow(r, c) != 1.0f)
                    return Error{wording::cell("mask", r, c), "expected 0 or 1, got " + number(s.allow(r, c))};
    }
    if (s.positions == PositionKind::learned)
        if (auto e = check_shape({"positions"}, s.position_table, T, D)) return e;
    if (!std::isfinite(s.temperature) || s.temperature < Limits::min_temperature ||
        s.temperature > Limits::max_temperature)
        return Error{"temperature", "expected a number from " + number(Limits::min_temperature) + " to " +
                                        number(Limits::max_temperature) + ", got " + number(s.temperature)};
    if (auto e = check_values({"embeddings"}, s.embeddings)) return e;
    for (int h = 0; h < H; ++h) {
        if (auto e = check_values({"wq", h}, s.heads[h].wq)) return e;
        if (auto e = check_values({"wk", h}, s.heads[h].wk)) return e;
        if (auto e = check_values({"wv", h}, s.heads[h].wv)) return e;
    }
    if (!s.wo.empty())
        if (auto e = check_values({"wo"}, s.wo)) return e;
    if (s.positions == PositionKind::learned)
        if (auto e = check_values({"positions"}, s.position_table)) return e;
    return std::nullopt;
}

}  // namespace attn
