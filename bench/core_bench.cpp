// Micro benchmark of one attention head (Dk = 64): attn::attention_head, SIMD kernels against their scalar
// twins, in GFLOP/s counting the two products only (4 n^2 Dk flops).  Not a test: it checks nothing but sanity.
// Run: bench/run-core.sh (builds, then runs native and wasm), or after scripts/build:
//   build/native/bench/core_bench  and  node --no-experimental-fetch build/wasm/bench/core_bench.js
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "attn/attention.hpp"
#include "attn/matmul.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kDk = 64;
constexpr double kBudgetSeconds = 0.07;  // per measurement: long enough to average out timer noise
constexpr int kRuns = 7;                 // median of this many runs

struct Head {
    int n;
    std::vector<float> q, k, v, out, scores, kt;
    explicit Head(int n_) : n(n_), q(n * kDk), k(n * kDk), v(n * kDk), out(n * kDk), scores(n * n), kt(n * kDk) {
        std::mt19937 rng(42);
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        for (auto* m : {&q, &k, &v})
            for (float& x : *m) x = u(rng);
    }
    void run(attn::Kernels kernels) {
        attn::attention_head({out.data(), n, kDk}, {q.data(), n, kDk}, {k.data(), n, kDk}, {v.data(), n, kDk},
                             1.0f / std::sqrt(static_cast<float>(kDk)), scores.data(), kt.data(), kernels);
    }
};

double seconds_of(Head& h, attn::Kernels kernels, int reps) {
    const auto t0 = Clock::now();
    for (int i = 0; i < reps; ++i) h.run(kernels);
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Seconds per call: median over runs.  The first call warms caches and sizes the runs; a call that alone
// overruns the budget (the scalar twin at n = 2048) gets two timed calls instead of seven runs.
double time_per_call(Head& h, attn::Kernels kernels) {
    const double first = seconds_of(h, kernels, 1);
    if (first > kBudgetSeconds) return seconds_of(h, kernels, 2) / 2;
    const int reps = std::max(1, static_cast<int>(kBudgetSeconds / kRuns / first));
    std::vector<double> runs;
    for (int r = 0; r < kRuns; ++r) runs.push_back(seconds_of(h, kernels, reps) / reps);
    std::nth_element(runs.begin(), runs.begin() + kRuns / 2, runs.end());
    return runs[kRuns / 2];
}

// V8 first runs wasm from its baseline compiler and swaps in optimised code once a function is hot:
// exercise every kernel for a while so no timed run measures the baseline code.
void warm_up() {
    Head h(128);
    const auto until = Clock::now() + std::chrono::milliseconds(300);
    while (Clock::now() < until) {
        h.run(attn::Kernels::simd);
        h.run(attn::Kernels::scalar);
    }
}

}  // namespace

int main() {
#ifdef __EMSCRIPTEN__
    const char* target = "wasm (SIMD128)";
#else
    const char* target = "native";
#endif
    std::printf("attention_head, Dk = %d, %s, SIMD width %d floats; GFLOP/s = 4 n^2 Dk / time (median)\n", kDk, target,
                attn::simd_width());
    warm_up();
    std::printf("%6s %14s %14s %10s %12s %10s\n", "n", "scalar GF/s", "simd GF/s", "simd/scl", "simd ms", "max|diff|");
    for (int n : {8, 128, 512, 2048}) {
        Head h(n);
        const double flops = 4.0 * n * n * kDk;
        const double t_scalar = time_per_call(h, attn::Kernels::scalar);
        const std::vector<float> want = h.out;
        const double t_simd = time_per_call(h, attn::Kernels::simd);
        float diff = 0.0f;  // the SIMD answer must match the twin's, or the speed means nothing
        for (std::size_t i = 0; i < want.size(); ++i) diff = std::max(diff, std::fabs(h.out[i] - want[i]));
        std::printf("%6d %14.2f %14.2f %9.1fx %12.3f %10.1e\n", n, flops / t_scalar * 1e-9, flops / t_simd * 1e-9,
                    t_scalar / t_simd, t_simd * 1e3, diff);
    }
    return 0;
}
