// The translation layer between JavaScript and the core: JS writes a packed state into buffers in the
// wasm heap, the bridge turns it into a StateView, runs the core, and publishes where each trace tensor
// lives.  No math here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attn/attention.hpp"

namespace bridge {

/// Packed-state header, int32 slots written by JS (engine.js mirrors these numbers).
enum Header : int {
    kHeads = 0,        // H
    kMask = 1,         // 0 none, 1 causal, 2 custom
    kScale = 2,        // 1: divide by sqrt(Dk)
    kHasWo = 3,        // 1: W_O follows the heads
    kKernels = 4,      // 0 SIMD, 1 scalar twins
    kTraceBase = 5,    // written by a successful run: the trace's byte offset in the heap
    kTraceFloats = 6,  // and its length in floats (saves JS two calls across the boundary per run)
    kShapes = 8,       // then (rows, cols) pairs: embeddings, per head wq wk wv, wo, mask
    kHeaderInts = kShapes + 2 * (3 + 3 * attn::Limits::max_heads),
};

/// Trace layout published after a run: per tensor (offset in floats from the trace base, rows, cols).
/// Order: per head q k v scores scaled masked weights output entropy maxWeight gradNorm flags; then concat,
/// output.  Per-row arrays are published as (T, 1).
constexpr int kTensorsPerHead = 12;
constexpr int kLayoutInts = 3 * (kTensorsPerHead * attn::Limits::max_heads + 2);

class Workspace {
public:
    /// Makes room for `floats` input values and returns where JS writes them (valid until the next call).
    float* input(int floats);
    int32_t* header() { return header_; }
    const int32_t* layout() const { return layout_; }
    const float* trace_base() const { return trace_.storage.data(); }
    int trace_floats() const { return static_cast<int>(trace_.used); }

    /// Unpacks, validates and runs.  Returns true on success; otherwise error() says why.
    bool run(float temperature);
    const attn::Error& error() const { return error_; }

    /// Scratch for the bare kernel benchmark: q, k, v, out of (T, Dk) and the (T, T) scores, contiguous.
    float* kernel_buffers(int T, int Dk);
    void run_kernel(float factor, bool scalar);

private:
    bool unpack(float temperature, attn::StateView& s);
    void publish();

    std::vector<float> input_;
    int32_t header_[kHeaderInts] = {};
    int32_t layout_[kLayoutInts] = {};
    attn::Trace trace_;
    attn::Error error_;
    std::vector<float> kernel_;
    int kernel_T_ = 0, kernel_Dk_ = 0;
};

}  // namespace bridge
