// exp and softmax_rows: accuracy, hand-computed answers, the properties a learner relies on, and the
// per-row diagnostics, with the SIMD path held to its scalar twin.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "attn/matmul.hpp"
#include "attn/softmax.hpp"
#include "support.hpp"

using attn::Matrix;
namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();

struct Stats {
    std::vector<float> entropy, max_weight, grad_norm, flags, row_max, row_sum;
    explicit Stats(int rows)
        : entropy(rows), max_weight(rows), grad_norm(rows), flags(rows), row_max(rows), row_sum(rows) {}
    attn::RowStats view() {
        return {entropy.data(), max_weight.data(), grad_norm.data(), flags.data(), row_max.data(), row_sum.data()};
    }
};

// The definition, O(n^2): ||diag(p) - p p^T||_F.
double jacobian_norm(const float* p, int n) {
    double s = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double v = (i == j ? p[i] : 0.0) - static_cast<double>(p[i]) * p[j];
            s += v * v;
        }
    return std::sqrt(s);
}
}  // namespace

TEST_CASE("exp stays within a few ulp of std::exp over the range softmax uses", "[softmax][exp]") {
    const int n = 200001;
    std::vector<float> x(n), y(n);
    for (int i = 0; i < n; ++i) x[i] = -87.0f + 175.0f * static_cast<float>(i) / (n - 1);  // [-87, 88]
    attn::exp(y.data(), x.data(), n);
    double worst_ulp = 0.0;
    for (int i = 0; i < n; ++i) {
        const double want = std::exp(static_cast<double>(x[i]));
        const double ulp = std::nextafter(static_cast<float>(want), kInf) - static_cast<float>(want);
        worst_ulp = std::max(worst_ulp, std::fabs(y[i] - want) / ulp);
    }
    INFO("worst error " << worst_ulp << " ulp");
    CHECK(worst_ulp <= 3.0);
}

TEST_CASE("exp gives exact 1 at 0 and exact 0 far below and at -inf", "[softmax][exp]") {
    const float x[5] = {0.0f, -100.0f, -kInf, -1e30f, 1.0f};
    float y[5];
    attn::exp(y, x, 5);
    CHECK(y[0] == 1.0f);
    CHECK(y[1] == 0.0f);
    CHECK(y[2] == 0.0f);
    CHECK(y[3] == 0.0f);
    CHECK(y[4] == Approx(2.718281828).epsilon(1e-6));
}

TEST_CASE("softmax of [0, ln 2] is [1/3, 2/3]", "[softmax]") {
    const Matrix in{{0.0f, std::log(2.0f)}};
    Matrix out(1, 2);
    attn::softmax_rows(out.view(), in.view());
    CHECK(out(0, 0) == Approx(1.0 / 3).epsilon(1e-6));
    CHECK(out(0, 1) == Approx(2.0 / 3).epsilon(1e-6));
}

TEST_CASE("softmax rows sum to 1 and adding a constant to a row changes nothing", "[softmax]") {
    std::mt19937 rng(3);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        const Matrix in = test::random_matrix(rng, 3, n, -5, 5);
        Matrix shifted = in, a(3, n), b(3, n);
        for (float& v : shifted.values) v += 123.0f;
        attn::softmax_rows(a.view(), in.view());
        attn::softmax_rows(b.view(), shifted.view());
        for (int r = 0; r < 3; ++r) {
            double sum = 0.0;
            for (int c = 0; c < n; ++c) sum += a(r, c);
            INFO("n=" << n << " row " << r);
            CHECK(sum == Approx(1.0).epsilon(1e-5));
        }
        CHECK(test::max_abs_diff(a.view(), b.view()) <= 1e-5);
    }
}

TEST_CASE("masked (-inf) entries get weight exactly 0; a fully masked row is zeros and flagged", "[softmax][mask]") {
    const Matrix in{{1.0f, -kInf, 2.0f, -kInf, 0.5f}, {-kInf, -kInf, -kInf, -kInf, -kInf}};
    Matrix out(2, 5);
    Stats st(2);
    attn::softmax_rows(out.view(), in.view(), st.view());
    CHECK(out(0, 1) == 0.0f);
    CHECK(out(0, 3) == 0.0f);
    CHECK(out(0, 0) + out(0, 2) + out(0, 4) == Approx(1.0f));
    for (int c = 0; c < 5; ++c) CHECK(out(1, c) == 0.0f);
    CHECK(st.flags[0] == 0.0f);
    CHECK(st.flags[1] == attn::kRowFullyMasked);
    for (float v : st.entropy) CHECK(std::isfinite(v));
    CHECK(st.row_max[0] == 2.0f);
    CHECK(st.row_sum[0] == Approx(std::exp(-1.0) + 1.0 + std::exp(-1.5)).epsilon(1e-6));
    CHECK(st.row_max[1] == -kInf);  // the max of nothing, and the sum of no exponentials
    CHECK(st.row_sum[1] == 0.0f);
}

TEST_CASE("exp_rows times its 1/Z is softmax of the scaled row; a fully masked row is zeros with 1/Z = 0",
          "[softmax]") {
    Matrix x{{1.0f, -kInf, 2.0f, 0.5f, 3.0f}, {-kInf, -kInf, -kInf, -kInf, -kInf}};
    Matrix want(2, 5), scaled(2, 5);
    attn::scale(scaled.view(), x.view(), 0.5f);
    attn::softmax_rows(want.view(), scaled.view());
    float inv_z[2];
    attn::exp_rows(x.view(), 0.5f, inv_z);
    for (int c = 0; c < 5; ++c) CHECK(x(0, c) * inv_z[0] == Approx(want(0, c)).margin(1e-7));
    CHECK(x(0, 4) == 1.0f);  // the row max gives e^0
    for (int c = 0; c < 5; ++c) CHECK(x(1, c) == 0.0f);
    CHECK(inv_z[1] == 0.0f);
}

TEST_CASE("scores of +-1e4 saturate without NaN or Inf and the row is flagged", "[softmax]") {
    const Matrix in{{1e4f, -1e4f, 0.0f, 9999.0f}, {-1e4f, -1e4f, -1e4f, -1e4f}};
    Matrix out(2, 4);
    Stats st(2);
    attn::softmax_rows(out.view(), in.view(), st.view());
    for (float v : out.values) CHECK(std::isfinite(v));
    CHECK(out(0, 0) == Approx(1.0 / (1.0 + std::exp(-1.0))).epsilon(1e-5));
    CHECK(out(1, 0) == Approx(0.25));
    for (int r = 0; r < 2; ++r) {
        CHECK(std::isfinite(st.entropy[r]));
        CHECK(std::isfinite(st.grad_norm[r]));
    }
    const Matrix hard{{1e4f, -1e4f, 0.0f}};
    Matrix p(1, 3);
    Stats hs(1);
    attn::softmax_rows(p.view(), hard.view(), hs.view());
    CHECK(p(0, 0) == 1.0f);
    CHECK(hs.flags[0] == attn::kRowSaturated);
    CHECK(hs.grad_norm[0] == Approx(0.0).margin(1e-6));
}

TEST_CASE("diagnostics: uniform rows have entropy log n; gradient norm matches its definition", "[softmax][stats]") {
    std::mt19937 rng(5);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        Matrix uniform(1, n, 0.5f), p(1, n);
        Stats st(1);
        attn::softmax_rows(p.view(), uniform.view(), st.view());
        INFO("n=" << n);
        CHECK(st.entropy[0] == Approx(std::log(n)).margin(1e-5));
        CHECK(st.max_weight[0] == Approx(1.0 / n));
        const Matrix in = test::random_matrix(rng, 1, n, -3, 3);
        attn::softmax_rows(p.view(), in.view(), st.view());
        CHECK(st.grad_norm[0] == Approx(jacobian_norm(p.values.data(), n)).margin(2e-6));
    }
}

TEST_CASE("SIMD softmax and diagnostics match the scalar twin around the SIMD width", "[softmax][simd]") {
    std::mt19937 rng(9);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        Matrix in = test::random_matrix(rng, 4, n, -20, 20);
        if (n > 2) in(1, n / 2) = -kInf;  // a masked entry in the middle
        Matrix fast(4, n), ref(4, n);
        Stats fs(4), rs(4);
        attn::softmax_rows(fast.view(), in.view(), fs.view());
        attn::ref::softmax_rows(ref.view(), in.view(), rs.view());
        INFO("n=" << n);
        for (std::size_t i = 0; i < ref.values.size(); ++i)
            REQUIRE(test::close(fast.values[i], ref.values[i], ref.values[i]));
        for (int r = 0; r < 4; ++r) {
            CHECK(test::close(fs.entropy[r], rs.entropy[r], rs.entropy[r] * 4));
            CHECK(test::close(fs.max_weight[r], rs.max_weight[r], rs.max_weight[r]));
            CHECK(fs.grad_norm[r] == Approx(rs.grad_norm[r]).margin(1e-5));
            CHECK(fs.flags[r] == rs.flags[r]);
            CHECK(fs.row_max[r] == rs.row_max[r]);
            CHECK(test::close(fs.row_sum[r], rs.row_sum[r], rs.row_sum[r]));
        }
    }
}

TEST_CASE("short rows, many of them (the whole-block path, past one block of rows), match the scalar twin",
          "[softmax][simd]") {
    std::mt19937 rng(11);
    const int rows = 150, n = 6;
    Matrix in = test::random_matrix(rng, rows, n, -30, 30);
    for (int c = 0; c < n; ++c) in(70, c) = -kInf;  // a fully masked row in the second block
    in(3, 2) = -kInf;
    in(140, 0) = 1e4f;  // a saturated row
    Matrix fast(rows, n), ref(rows, n);
    Stats fs(rows), rs(rows);
    attn::softmax_rows(fast.view(), in.view(), fs.view());
    attn::ref::softmax_rows(ref.view(), in.view(), rs.view());
    for (std::size_t i = 0; i < ref.values.size(); ++i)
        REQUIRE(test::close(fast.values[i], ref.values[i], ref.values[i]));
    for (int r = 0; r < rows; ++r) {
        INFO("row " << r);
        CHECK(test::close(fs.entropy[r], rs.entropy[r], rs.entropy[r] * 4));
        CHECK(fs.max_weight[r] == Approx(rs.max_weight[r]).epsilon(1e-6));
        CHECK(fs.grad_norm[r] == Approx(rs.grad_norm[r]).margin(1e-5));
        CHECK(fs.flags[r] == rs.flags[r]);
        CHECK(fs.row_max[r] == rs.row_max[r]);
        CHECK(test::close(fs.row_sum[r], rs.row_sum[r], rs.row_sum[r]));
    }
    CHECK(fs.flags[70] == attn::kRowFullyMasked);
    CHECK(fs.row_max[70] == -kInf);
    CHECK(fs.row_sum[70] == 0.0f);
    CHECK(fs.flags[140] == attn::kRowSaturated);
}

TEST_CASE("row max and sum reproduce each weight: p_j = e^(x_j - max) / sum, on both paths and the twin",
          "[softmax][stats]") {
    std::mt19937 rng(13);
    for (int n : test::sweep_sizes(attn::simd_width())) {
        Matrix in = test::random_matrix(rng, 3, n, -8, 8);
        if (n > 1) in(2, 0) = -kInf;
        for (bool twin : {false, true}) {
            Matrix p(3, n);
            Stats st(3);
            (twin ? attn::ref::softmax_rows : attn::softmax_rows)(p.view(), in.view(), st.view());
            INFO("n=" << n << (twin ? " twin" : " simd"));
            for (int r = 0; r < 3; ++r) {
                float best = -kInf;
                for (int c = 0; c < n; ++c) best = std::fmax(best, in(r, c));
                CHECK(st.row_max[r] == best);
                CHECK(st.row_sum[r] >= 1.0f);
                for (int c = 0; c < n; ++c)
                    CHECK(p(r, c) == Approx(std::exp(static_cast<double>(in(r, c)) - st.row_max[r]) / st.row_sum[r])
                                         .epsilon(1e-5)
                                         .margin(1e-7));
            }
        }
    }
}
