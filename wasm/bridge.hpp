// The translation layer between JavaScript and the core: JS writes a packed state into buffers in the
// wasm heap (protocol.hpp), the bridge decodes it, runs the core, and publishes where each trace tensor
// lives.  No math here.
#pragma once

#include <cstdint>
#include <vector>

#include "protocol.hpp"

namespace bridge {

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
