// Finite-difference support: the forward pass again, entirely in double, so that a central difference with
// step 1e-5 measures a derivative to ~1e-9 (far below the float backward's rounding).  Deliberately naive.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "support.hpp"

namespace test {

struct DMatrix {
    int rows = 0, cols = 0;
    std::vector<double> v;
    DMatrix() = default;
    DMatrix(int r, int c) : rows(r), cols(c), v(static_cast<std::size_t>(r) * c, 0.0) {}
    explicit DMatrix(const attn::Matrix& m) : rows(m.rows), cols(m.cols), v(m.values.begin(), m.values.end()) {}
    double& operator()(int r, int c) { return v[static_cast<std::size_t>(r) * cols + c]; }
    double operator()(int r, int c) const { return v[static_cast<std::size_t>(r) * cols + c]; }
};

inline DMatrix dmatmul(const DMatrix& a, const DMatrix& b, bool transpose_b = false) {
    DMatrix out(a.rows, transpose_b ? b.rows : b.cols);
    for (int i = 0; i < out.rows; ++i)
        for (int j = 0; j < out.cols; ++j)
            for (int k = 0; k < a.cols; ++k) out(i, j) += a(i, k) * (transpose_b ? b(j, k) : b(k, j));
    return out;
}

/// A state's parameters in double; mask, scale, temperature and the kind of positions are read from the
/// OwnedState it copies.  x holds E; pos a learned table.
struct DState {
    const OwnedState* base;
    DMatrix x, wo, pos;
    std::vector<DMatrix> wq, wk, wv;

    explicit DState(const OwnedState& s) : base(&s), x(s.embeddings), wo(s.wo), pos(s.position_table) {
        for (std::size_t h = 0; h < s.wq.size(); ++h) {
            wq.emplace_back(s.wq[h]);
            wk.emplace_back(s.wk[h]);
            wv.emplace_back(s.wv[h]);
        }
    }
};

struct DForward {
    std::vector<DMatrix> masked, weights;  // per head; masked holds -inf where blocked
    DMatrix output;
};

/// X = E + P in double: the sinusoidal table from its formula, or the learned one.
inline DMatrix dinput(const DState& s) {
    DMatrix x = s.x;
    for (int p = 0; p < x.rows; ++p)
        for (int c = 0; c < x.cols; ++c) {
            if (s.base->positions == attn::PositionKind::learned) x(p, c) += s.pos(p, c);
            if (s.base->positions != attn::PositionKind::sinusoidal) continue;
            const double angle = p / std::pow(10000.0, static_cast<double>(c / 2 * 2) / x.cols);
            x(p, c) += c % 2 == 0 ? std::sin(angle) : std::cos(angle);
        }
    return x;
}

inline DForward dforward(const DState& s) {
    const OwnedState& b = *s.base;
    const int T = s.x.rows, H = static_cast<int>(s.wq.size()), Dk = s.wq[0].cols;
    const DMatrix x = dinput(s);
    const double factor = (b.scale ? 1.0 / std::sqrt(static_cast<double>(Dk)) : 1.0) / b.temperature;
    DForward f;
    DMatrix concat(T, H * Dk);
    for (int h = 0; h < H; ++h) {
        const DMatrix q = dmatmul(x, s.wq[h]), k = dmatmul(x, s.wk[h]), v = dmatmul(x, s.wv[h]);
        DMatrix m = dmatmul(q, k, true), p(T, T);
        for (int i = 0; i < T; ++i) {
            double top = -INFINITY, z = 0.0;
            for (int j = 0; j < T; ++j) {
                m(i, j) = attn::may_attend(b.mask, b.allow.view(), i, j) ? m(i, j) * factor : -INFINITY;
                top = std::fmax(top, m(i, j));
            }
            if (top == -INFINITY) continue;  // fully masked: weights stay 0
            for (int j = 0; j < T; ++j) z += std::exp(m(i, j) - top);
            for (int j = 0; j < T; ++j) p(i, j) = std::exp(m(i, j) - top) / z;
        }
        const DMatrix o = dmatmul(p, v);
        for (int i = 0; i < T; ++i)
            for (int c = 0; c < Dk; ++c) concat(i, h * Dk + c) = o(i, c);
        f.masked.push_back(m);
        f.weights.push_back(p);
    }
    f.output = b.wo.rows > 0 ? dmatmul(concat, s.wo) : concat;
    return f;
}

/// Central differences of loss(dforward(s)) with respect to every entry of *m (a matrix inside s).
inline DMatrix central_differences(DState& s, DMatrix* m, const std::function<double(const DForward&)>& loss) {
    const double step = 1e-5;
    DMatrix g(m->rows, m->cols);
    for (std::size_t i = 0; i < m->v.size(); ++i) {
        const double keep = m->v[i];
        m->v[i] = keep + step;
        const double up = loss(dforward(s));
        m->v[i] = keep - step;
        const double down = loss(dforward(s));
        m->v[i] = keep;
        g.v[i] = (up - down) / (2 * step);
    }
    return g;
}

/// Checks every entry of a float gradient against its finite-difference estimate, relative to the largest
/// (at least 1).  The float backward lands within ~2e-6 of it at these sizes; 2e-5 leaves room for wasm.
inline void check_gradient(const char* name, attn::MatrixView<const float> got, const DMatrix& want,
                           double rel = 2e-5) {
    REQUIRE(got.rows == want.rows);
    REQUIRE(got.cols == want.cols);
    double scale = 1.0;
    for (double w : want.v) scale = std::fmax(scale, std::fabs(w));
    for (int r = 0; r < want.rows; ++r)
        for (int c = 0; c < want.cols; ++c) {
            INFO(name << "[" << r << "][" << c << "]: backward " << got(r, c) << ", finite differences " << want(r, c));
            REQUIRE(std::isfinite(got(r, c)));
            REQUIRE(std::fabs(got(r, c) - want(r, c)) <= rel * scale);
        }
}

/// Checks every gradient in `grads` (those with a view) against finite differences of `loss`.
template <class Grads>
void check_all_gradients(const Grads& grads, const OwnedState& s, const std::function<double(const DForward&)>& loss) {
    DState d(s);
    check_gradient("embeddings", grads.embeddings, central_differences(d, &d.x, loss));
    for (std::size_t h = 0; h < d.wq.size(); ++h) {
        INFO("head " << h);
        check_gradient("wq", grads.heads[h].wq, central_differences(d, &d.wq[h], loss));
        check_gradient("wk", grads.heads[h].wk, central_differences(d, &d.wk[h], loss));
        check_gradient("wv", grads.heads[h].wv, central_differences(d, &d.wv[h], loss));
    }
    if (s.wo.rows > 0) check_gradient("wo", grads.wo, central_differences(d, &d.wo, loss));
    if (s.position_table.rows > 0) check_gradient("positions", grads.positions, central_differences(d, &d.pos, loss));
}

}  // namespace test
