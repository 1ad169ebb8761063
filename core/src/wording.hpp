// How the core words a problem for its error messages (core/src only): numbers as a person would type them
// and as JavaScript prints the non-finite ones, shapes as R×C, cells as name[r][c].
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "attn/state.hpp"

namespace attn::wording {

/// A number as people read it: the fewest digits that give back the same float ("0.1", not 0.100000001),
/// whole numbers in full with thousands grouped ("2,000,000", not 2e+06), e-notation only past 10^15 or
/// below 10^-6 ("1e-7"); NaN, Infinity, -Infinity as JavaScript prints them.  snprintf keeps iostreams out
/// of the wasm.
inline std::string number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[40];
    const double a = std::fabs(v);
    if (a < 1e15 && a == std::floor(a)) {
        std::snprintf(buf, sizeof buf, "%.0f", a);
    } else {
        const bool single = static_cast<double>(static_cast<float>(v)) == v;
        for (int p = 1; p <= 17; ++p) {
            std::snprintf(buf, sizeof buf, "%.*g", p, a);
            const double back = std::strtod(buf, nullptr);
            if (single ? static_cast<float>(back) == static_cast<float>(a) : back == a) break;
        }
    }
    std::string s = buf;
    const auto e = s.find('e');
    if (e != std::string::npos) {  // "1e+07" -> "1e7", "1e-07" -> "1e-7"
        std::string exp = s.substr(e + 1);
        const bool negative = exp[0] == '-';
        exp.erase(0, exp[0] == '+' || exp[0] == '-' ? 1 : 0);
        exp.erase(0, exp.find_first_not_of('0'));
        s = s.substr(0, e) + "e" + (negative ? "-" : "") + exp;
    } else {
        const auto dot = s.find('.');
        for (auto i = static_cast<long>(dot == std::string::npos ? s.size() : dot) - 3; i > 0; i -= 3)
            s.insert(static_cast<size_t>(i), ",");
    }
    return (v < 0 ? "-" : "") + s;
}

/// "1 row", "3 rows": a count with its noun.
inline std::string plural(int n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

inline std::string dims(int rows, int cols) { return std::to_string(rows) + "\u00d7" + std::to_string(cols); }

inline std::string cell(const std::string& name, int r, int c) {
    return name + "[" + std::to_string(r) + "][" + std::to_string(c) + "]";
}

/// What is wrong with a value outside ±Limits::max_abs_value (NaN and ±inf included).
inline std::string value_problem(float v) {
    if (!std::isfinite(v)) return "not a finite number (" + number(v) + ")";
    return number(v) + " is outside \u00b1" + number(Limits::max_abs_value);
}

}  // namespace attn::wording
