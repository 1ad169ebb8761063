// matmul, matmul_bt, scale: hand-computed answers and the SIMD path held to its scalar twin.
#include <catch2/catch.hpp>

#include "attn/matmul.hpp"
#include "support.hpp"

using attn::Matrix;

TEST_CASE("matmul multiplies a 2x2 pair as worked by hand", "[matmul]") {
    const Matrix a{{1, 2}, {3, 4}}, b{{5, 6}, {7, 8}};
    Matrix out(2, 2);
    attn::matmul(out.view(), a.view(), b.view());
    // [1*5 + 2*7, 1*6 + 2*8; 3*5 + 4*7, 3*6 + 4*8]
    CHECK(out.values == std::vector<float>{19, 22, 43, 50});
}

TEST_CASE("matmul_bt gives a * b^T for a 3x3 case worked by hand", "[matmul]") {
    const Matrix a{{1, 0, 2}, {0, 1, 0}, {1, 1, 1}}, b{{1, 2, 3}, {0, 0, 1}, {2, 0, 0}};
    Matrix out(3, 3);
    std::vector<float> scratch(9);
    attn::matmul_bt(out.view(), a.view(), b.view(), scratch.data());
    // row i, column j: a_i . b_j
    CHECK(out.values == std::vector<float>{7, 2, 2, 2, 0, 0, 6, 1, 2});
}

TEST_CASE("matmul works on column blocks of a wider matrix (strided views)", "[matmul]") {
    const Matrix wide{{1, 2, 3, 4}, {5, 6, 7, 8}};
    const attn::MatrixView<const float> right = wide.view().cols_block(2, 2);  // [[3,4],[7,8]]
    const Matrix id = test::identity(2);
    Matrix out(2, 2);
    attn::matmul(out.view(), right, id.view());
    CHECK(out.values == std::vector<float>{3, 4, 7, 8});
}

TEST_CASE("SIMD matmul matches its double-precision twin around the SIMD width", "[matmul][simd]") {
    std::mt19937 rng(7);
    const auto sizes = test::sweep_sizes(attn::simd_width());
    for (int m : sizes)
        for (int n : sizes) {
            const int k = (m * 7 + n) % 65 + 1;  // vary the inner size too, without a cube of cases
            const Matrix a = test::random_matrix(rng, m, k), b = test::random_matrix(rng, k, n);
            Matrix fast(m, n), ref(m, n);
            attn::matmul(fast.view(), a.view(), b.view());
            attn::ref::matmul(ref.view(), a.view(), b.view());
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j) {
                    double mag = 0.0;
                    for (int t = 0; t < k; ++t) mag += std::fabs(a(i, t) * b(t, j));
                    INFO("m=" << m << " k=" << k << " n=" << n << " at (" << i << "," << j << ")");
                    REQUIRE(test::close(fast(i, j), ref(i, j), mag));
                }
        }
}

TEST_CASE("SIMD matmul_bt and scale match their twins", "[matmul][simd]") {
    std::mt19937 rng(11);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        const int k = n % 9 + 1;
        const Matrix a = test::random_matrix(rng, n, k), b = test::random_matrix(rng, n, k);
        Matrix fast(n, n), ref(n, n);
        std::vector<float> scratch(static_cast<std::size_t>(n) * k);
        attn::matmul_bt(fast.view(), a.view(), b.view(), scratch.data());
        attn::ref::matmul_bt(ref.view(), a.view(), b.view(), scratch.data());
        INFO("n=" << n);
        CHECK(test::max_abs_diff(fast.view(), ref.view()) <= 64 * 1.2e-7 * k);
        attn::scale(fast.view(), ref.view(), 0.25f);
        for (std::size_t i = 0; i < ref.values.size(); ++i) REQUIRE(fast.values[i] == ref.values[i] * 0.25f);
    }
}

TEST_CASE("matmul_packed: packed b and b^T give the twins' products, row scales and row maxima", "[matmul][simd]") {
    std::mt19937 rng(12);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        const int k = n % 7 + 2, m = n % 5 + 3;
        const Matrix a = test::random_matrix(rng, m, k), b = test::random_matrix(rng, k, n),
                     bt = test::random_matrix(rng, n, k), scales = test::random_matrix(rng, 1, m, 0.5f, 2.0f);
        std::vector<float> scratch(static_cast<std::size_t>(n) * k), maxima(m);
        Matrix fast(m, n), want(m, n);
        attn::matmul_packed(fast.view(), a.view(), attn::pack_b(b.view(), scratch.data()), scales.values.data(),
                            maxima.data());
        attn::ref::matmul_scaled_rows(want.view(), a.view(), b.view(), scales.values.data());
        INFO("n=" << n << " k=" << k);
        CHECK(test::max_abs_diff(fast.view(), want.view()) <= 64 * 1.2e-7 * k * 2);
        for (int i = 0; i < m; ++i) {
            float top = fast(i, 0);
            for (int j = 1; j < n; ++j) top = std::max(top, fast(i, j));
            CHECK(maxima[i] == top);  // the largest value as stored, exactly
        }
        attn::matmul_packed(fast.view(), a.view(), attn::pack_bt(bt.view(), scratch.data()));
        attn::ref::matmul_bt(want.view(), a.view(), bt.view(), nullptr);
        CHECK(test::max_abs_diff(fast.view(), want.view()) <= 64 * 1.2e-7 * k);
    }
}
