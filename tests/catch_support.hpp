// Catch2-side helpers the suites share (support.hpp stays free of Catch2: the fuzz harnesses include it).
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "support.hpp"

namespace test {

/// The forward pass of a state the test expects to be valid: its trace, or a failed REQUIRE naming the error.
inline attn::Trace run_ok(const OwnedState& s, attn::Kernels k = attn::Kernels::simd) {
    attn::Trace t;
    const auto err = attn::run(t, s.view(), k);
    INFO((err ? err->message() : std::string("ok")));
    REQUIRE(!err);
    return t;
}

}  // namespace test
