// Micro benchmark of one attention head (Dk = 64): attn::attention_head, SIMD kernels against their scalar
// twins, in GFLOP/s counting the two products only (4 n^2 Dk flops).  Not a test: it checks nothing but sanity.
// Run: bench/run-core.sh (builds, then runs native and wasm), or after scripts/build:
//   build/native/bench/core_bench  and  node --no-experimental-fetch build/wasm/bench/core_bench.js
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <utility>
#include <vector>
#include <xsimd/xsimd.hpp>

#include "attn/attention.hpp"
#include "attn/matmul.hpp"
#ifdef __wasm_relaxed_simd__
#include <wasm_simd128.h>
#endif

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

// This machine's ceiling for such code: 12 independent chains of SIMD batches, 6 multiplying and 6 adding
// (a kernel issues one of each per multiply-add), no memory, as many live vectors as V8 keeps in registers.
// Kernel figures are read against this, not a datasheet.
using Batch = xsimd::batch<float>;
constexpr int kChains = 6;  // of each kind

// iters rounds of 4 ops on each chain.  A function of its own, called many times: V8 cannot swap optimised
// code into a running wasm function, so one long call would time its baseline compiler.
template <std::size_t... C>
__attribute__((noinline)) void chains(Batch* mul, Batch* add, Batch m, Batch mi, Batch a, long iters,
                                      std::index_sequence<C...>) {
    Batch x[] = {mul[C]...}, y[] = {add[C]...};
    for (long i = 0; i < iters; ++i) {  // unrolled by the folds: everything stays in registers
        ((x[C] = x[C] * m, y[C] = y[C] + a), ...);
        ((x[C] = x[C] * mi, y[C] = y[C] - a), ...);
    }
    ((mul[C] = x[C], add[C] = y[C]), ...);
}

volatile float g_sink;  // the chains' results end here, so no loop is optimised away

// One peak loop: `call` runs kCalls calls of its chains (`flops` in all).
struct PeakLoop {
    std::function<void()> call;
    double flops;
};
constexpr long kIters = 20'000, kCalls = 200;

// GFLOP/s of each loop, median of kRuns runs, the loops alternated run by run: on a shared machine each
// sees the same interference, so their ratio holds even when the absolute figures move.
std::vector<double> peak_gflops(const std::vector<PeakLoop>& loops) {
    for (const PeakLoop& l : loops) l.call(), l.call();  // warm up, tier up
    std::vector<std::vector<double>> runs(loops.size());
    for (int r = 0; r < kRuns; ++r)
        for (std::size_t i = 0; i < loops.size(); ++i) {
            const auto t0 = Clock::now();
            loops[i].call();
            runs[i].push_back(std::chrono::duration<double>(Clock::now() - t0).count());
        }
    std::vector<double> out;
    for (std::size_t i = 0; i < loops.size(); ++i) {
        std::nth_element(runs[i].begin(), runs[i].begin() + kRuns / 2, runs[i].end());
        out.push_back(loops[i].flops / runs[i][kRuns / 2] * 1e-9);
    }
    return out;
}

PeakLoop plain_loop() {
    auto mul = std::make_shared<std::array<Batch, kChains>>(), add = std::make_shared<std::array<Batch, kChains>>();
    for (int c = 0; c < kChains; ++c) (*mul)[c] = (*add)[c] = Batch(1.0f + c * 1e-3f);
    const auto call = [mul, add] {
        const Batch m(1.0001f), mi(1.0f / 1.0001f), a(1e-4f);
        for (int i = 0; i < kCalls; ++i)
            chains(mul->data(), add->data(), m, mi, a, kIters, std::make_index_sequence<kChains>());
        g_sink = xsimd::hadd((*mul)[0]) + xsimd::hadd((*add)[0]);
    };
    return {call, 4.0 * Batch::size * kChains * kIters * kCalls};  // per index and round: 2 mul + 2 add
}

#ifdef __wasm_relaxed_simd__
// The ceiling with fused multiply-adds: independent relaxed_madd chains, 2 flops a lane each, each chain
// running through the addend as a kernel's accumulator does (acc = a * b + acc).  10 chains and 3 constants
// fit V8's 15 SIMD registers; 8 in flight already cover an FMA's 4-cycle latency at 2 a cycle.
constexpr int kMaddChains = 10;

template <std::size_t... C>
__attribute__((noinline)) void madd_chains(v128_t* acc, v128_t m, v128_t a, v128_t na, long iters,
                                           std::index_sequence<C...>) {
    v128_t x[] = {acc[C]...};
    for (long i = 0; i < iters; ++i) {
        ((x[C] = wasm_f32x4_relaxed_madd(m, a, x[C])), ...);
        ((x[C] = wasm_f32x4_relaxed_madd(m, na, x[C])), ...);
    }
    ((acc[C] = x[C]), ...);
}

PeakLoop madd_loop() {
    auto acc = std::make_shared<std::array<v128_t, kMaddChains>>();
    for (int c = 0; c < kMaddChains; ++c) (*acc)[c] = wasm_f32x4_splat(1.0f + c * 1e-3f);
    const auto call = [acc] {
        const v128_t m = wasm_f32x4_splat(1.0001f), a = wasm_f32x4_splat(1e-4f), na = wasm_f32x4_splat(-1e-4f);
        for (int i = 0; i < kCalls; ++i)
            madd_chains(acc->data(), m, a, na, kIters, std::make_index_sequence<kMaddChains>());
        g_sink = wasm_f32x4_extract_lane((*acc)[0], 0);
    };
    return {call, 2.0 * 2.0 * 4 * kMaddChains * kIters * kCalls};  // 2 rounds of 2-flop lanes, 4 lanes
}
#endif

}  // namespace

int main() {
#ifdef __wasm_relaxed_simd__
    const char* target = "wasm (relaxed SIMD)";
#elif defined(__EMSCRIPTEN__)
    const char* target = "wasm (SIMD128)";
#else
    const char* target = "native";
#endif
    std::printf("attention_head, Dk = %d, %s, SIMD width %d floats; GFLOP/s = 4 n^2 Dk / time (median)\n", kDk, target,
                attn::simd_width());
    warm_up();
#ifdef __wasm_relaxed_simd__
    // This build's kernels fuse: their share is of the FMA ceiling.
    const std::vector<double> peaks = peak_gflops({plain_loop(), madd_loop()});
    const double plain_peak = peaks[0], peak = peaks[1];
#else
    const double plain_peak = peak_gflops({plain_loop()})[0], peak = plain_peak;
#endif
    std::printf("this machine\'s peak for independent mul and add chains: %.1f GFLOP/s\n", plain_peak);
#ifdef __wasm_relaxed_simd__
    std::printf("this machine\'s peak for independent relaxed_madd chains: %.1f GFLOP/s (%.2fx the plain peak)\n", peak,
                peak / plain_peak);
#endif
    std::printf("%6s %14s %14s %10s %10s %12s %10s\n", "n", "scalar GF/s", "simd GF/s", "of peak", "simd/scl",
                "simd ms", "max|diff|");
    for (int n : {8, 128, 512, 2048}) {
        Head h(n);
        const double flops = 4.0 * n * n * kDk;
        const double t_scalar = time_per_call(h, attn::Kernels::scalar);
        const std::vector<float> want = h.out;
        const double t_simd = time_per_call(h, attn::Kernels::simd);
        float diff = 0.0f;  // the SIMD answer must match the twin's, or the speed means nothing
        for (std::size_t i = 0; i < want.size(); ++i) diff = std::max(diff, std::fabs(h.out[i] - want[i]));
        std::printf("%6d %14.2f %14.2f %9.0f%% %9.1fx %12.3f %10.1e\n", n, flops / t_scalar * 1e-9,
                    flops / t_simd * 1e-9, 100 * flops / t_simd * 1e-9 / peak, t_scalar / t_simd, t_simd * 1e3, diff);
    }
    return 0;
}
