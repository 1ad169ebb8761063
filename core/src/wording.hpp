// How the core words a problem for its error messages (core/src only): numbers as a person would type them
// and as JavaScript prints the non-finite ones, shapes as R×C, cells as name[r][c].
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

#include "attn/state.hpp"

namespace attn::wording {

/// Shortest %g form ("0.5", "2e+06"), or NaN, Infinity, -Infinity; snprintf keeps iostreams out of the wasm.
inline std::string number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

inline std::string dims(int rows, int cols) { return std::to_string(rows) + "\u00d7" + std::to_string(cols); }

inline std::string cell(const std::string& name, int r, int c) {
    return name + "[" + std::to_string(r) + "][" + std::to_string(c) + "]";
}

/// What is wrong with a value outside ±Limits::max_abs_value (NaN and ±inf included).
inline std::string value_problem(float v) {
    if (!std::isfinite(v)) return "not a finite number (" + number(v) + ")";
    return number(v) + " is too large: values must lie within \u00b11e6";
}

}  // namespace attn::wording
