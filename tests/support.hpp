// Shared test helpers: an owning state for building StateViews, seeded random matrices, tolerances.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "attn/attention.hpp"

namespace test {

using attn::Matrix;

inline Matrix random_matrix(std::mt19937& rng, int rows, int cols, float lo = -1.0f, float hi = 1.0f) {
    std::uniform_real_distribution<float> u(lo, hi);
    Matrix m(rows, cols);
    for (float& v : m.values) v = u(rng);
    return m;
}

inline Matrix identity(int n) {
    Matrix m(n, n);
    for (int i = 0; i < n; ++i) m(i, i) = 1.0f;
    return m;
}

/// Owns every matrix of a state; view() hands the core a StateView onto them.
struct OwnedState {
    Matrix embeddings;
    std::vector<Matrix> wq, wk, wv;
    Matrix wo;  // rows == 0: no W_O
    Matrix allow;
    attn::MaskKind mask = attn::MaskKind::none;
    bool scale = true;
    float temperature = 1.0f;
    attn::PositionKind positions = attn::PositionKind::none;
    Matrix position_table;  // (T, D) for learned

    attn::StateView view() const {
        attn::StateView s;
        s.embeddings = embeddings.view();
        s.num_heads = static_cast<int>(wq.size());
        for (int h = 0; h < s.num_heads && h < attn::Limits::max_heads; ++h)
            s.heads[h] = {wq[h].view(), wk[h].view(), wv[h].view()};
        if (wo.rows > 0) s.wo = wo.view();
        if (allow.rows > 0) s.allow = allow.view();
        s.mask = mask;
        s.scale = scale;
        s.temperature = temperature;
        s.positions = positions;
        if (position_table.rows > 0) s.position_table = position_table.view();
        return s;
    }
};

inline OwnedState random_state(std::mt19937& rng, int T, int D, int Dk, int H, int Dout = 0) {
    OwnedState s;
    s.embeddings = random_matrix(rng, T, D);
    for (int h = 0; h < H; ++h) {
        s.wq.push_back(random_matrix(rng, D, Dk));
        s.wk.push_back(random_matrix(rng, D, Dk));
        s.wv.push_back(random_matrix(rng, D, Dk));
    }
    if (Dout > 0) s.wo = random_matrix(rng, H * Dk, Dout);
    return s;
}

/// |got - want| <= 64 eps max(scale, 1), where scale is the magnitude the error grows with
/// (|want| for element-wise results, sum |a_ik b_kj| for dot products).
inline bool close(float got, double want, double scale) {
    const double tol = 64.0 * std::numeric_limits<float>::epsilon() * std::max(std::fabs(scale), 1.0);
    return std::fabs(static_cast<double>(got) - want) <= tol;
}

/// Largest |a - b| over two same-shaped views.
template <class V1, class V2>
double max_abs_diff(V1 a, V2 b) {
    double worst = 0.0;
    for (int r = 0; r < a.rows; ++r)
        for (int c = 0; c < a.cols; ++c) worst = std::max(worst, std::fabs(static_cast<double>(a(r, c)) - b(r, c)));
    return worst;
}

/// Sizes around the SIMD width W: 1, 2, 3, W-1, W, W+1, 2W+3, 17, 64, 257.
inline std::vector<int> sweep_sizes(int W) {
    std::vector<int> s{1, 2, 3, W - 1, W, W + 1, 2 * W + 3, 17, 64, 257};
    s.erase(std::remove_if(s.begin(), s.end(), [](int n) { return n < 1; }), s.end());
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
}

}  // namespace test
