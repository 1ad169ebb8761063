// Shared by the libFuzzer harnesses: hostile numbers from the fuzzer's bytes, and the invariant checks
// (errors name a path; traces hold finite numbers and proper weight rows).  A broken invariant aborts.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "attn/attention.hpp"
#include "attn/softmax.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "invariant broken: %s: %s\n", what, detail.c_str());
    std::abort();
}

/// Values a hostile state holds: the edges of the documented limits, non-finite and signed zeros, subnormals,
/// and plain numbers over several ranges.  wild = false keeps to finite values within the limits.
inline float value(FuzzedDataProvider& in, bool wild) {
    const float big = attn::Limits::max_abs_value;
    switch (in.ConsumeIntegralInRange<int>(0, wild ? 15 : 10)) {
        case 0:
            return 0.0f;
        case 1:
            return -0.0f;
        case 2:
            return big;
        case 3:
            return -big;
        case 4:
            return std::numeric_limits<float>::denorm_min();
        case 5:
            return 1.0f;
        case 6:
            return in.ConsumeFloatingPointInRange<float>(-1.0f, 1.0f);
        case 7:
            return in.ConsumeFloatingPointInRange<float>(-10.0f, 10.0f);
        case 8:
            return in.ConsumeFloatingPointInRange<float>(-1e3f, 1e3f);
        case 9:
            return in.ConsumeFloatingPointInRange<float>(-big, big);
        case 10:
            return static_cast<float>(in.ConsumeIntegralInRange<int>(-3, 3));
        case 11:
            return std::numeric_limits<float>::quiet_NaN();
        case 12:
            return std::numeric_limits<float>::infinity();
        case 13:
            return -std::numeric_limits<float>::infinity();
        case 14:
            return std::nextafter(big, 2 * big);
        default:
            return in.ConsumeFloatingPoint<float>();
    }
}

/// Temperatures at and just past both limits, the default, and anything else.
inline float temperature(FuzzedDataProvider& in) {
    const float lo = attn::Limits::min_temperature, hi = attn::Limits::max_temperature;
    switch (in.ConsumeIntegralInRange<int>(0, 9)) {
        case 0:
            return lo;
        case 1:
            return hi;
        case 2:
            return std::nextafter(lo, 0.0f);
        case 3:
            return std::nextafter(hi, 2 * hi);
        case 4:
            return 0.0f;
        case 5:
            return std::numeric_limits<float>::quiet_NaN();
        case 6:
            return -1.0f;
        case 7:
            return in.ConsumeFloatingPointInRange<float>(lo, hi);
        case 8:
            return in.ConsumeFloatingPoint<float>();
        default:
            return 1.0f;
    }
}

/// An error names a field as JavaScript spells it ("heads[1].wk", "embeddings[2][0]") and says something.
inline void check_error(const attn::Error& e) {
    const std::string& p = e.path;
    bool ok = !p.empty() && std::isalpha(static_cast<unsigned char>(p[0])) && !e.problem.empty();
    for (char c : p) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '[' || c == ']' || c == '.');
    if (!ok) fail("error without a path", e.message());
}

inline void check_finite(const char* what, attn::MatrixView<const float> m, bool allow_minus_inf = false) {
    for (int r = 0; r < m.rows; ++r)
        for (int c = 0; c < m.cols; ++c) {
            const float v = m(r, c);
            if (std::isfinite(v) || (allow_minus_inf && v == -std::numeric_limits<float>::infinity())) continue;
            fail("not finite",
                 std::string(what) + "[" + std::to_string(r) + "][" + std::to_string(c) + "] = " + std::to_string(v));
        }
}

/// Every number of a valid state's trace is finite (masked scores may be -inf); each weight row sums to 1,
/// or is all zeros and flagged fully masked.
inline void check_trace(const attn::Trace& t) {
    const int T = t.shape.T;
    check_finite("positions", t.positions);
    check_finite("x", t.x);
    for (int h = 0; h < t.shape.H; ++h) {
        const attn::HeadTrace& ht = t.heads[h];
        for (auto m : {ht.q, ht.k, ht.v, ht.scores, ht.scaled, ht.weights, ht.output}) check_finite("head tensor", m);
        check_finite("masked", ht.masked, true);
        for (const float* row : {ht.entropy, ht.max_weight, ht.grad_norm, ht.flags})
            check_finite("row diagnostic", {row, T, 1});
        for (int r = 0; r < T; ++r) {
            double sum = 0.0;
            for (int c = 0; c < T; ++c) sum += ht.weights(r, c);
            const bool masked = static_cast<int>(ht.flags[r]) & attn::kRowFullyMasked;
            if (masked ? sum != 0.0 : std::fabs(sum - 1.0) > 1e-5 * T)
                fail("weight row", "head " + std::to_string(h) + " row " + std::to_string(r) + " sums to " +
                                       std::to_string(sum) + (masked ? " (flagged fully masked)" : ""));
            // The softmax's max is the row's largest masked score; its sum of e^(x - max) lies in [1, T].
            float best = -std::numeric_limits<float>::infinity();
            for (int c = 0; c < T; ++c) best = std::fmax(best, ht.masked(r, c));
            const float z = ht.row_sum[r];
            if (!(ht.row_max[r] == best) || (masked ? z != 0.0f : !(z >= 1.0f && z <= T * (1.0f + 1e-5f))))
                fail("row max and sum", "head " + std::to_string(h) + " row " + std::to_string(r) + ": max " +
                                            std::to_string(ht.row_max[r]) + " (the row's is " + std::to_string(best) +
                                            "), sum " + std::to_string(z));
        }
    }
    check_finite("concat", t.concat);
    check_finite("output", t.output);
}

}  // namespace fuzz
