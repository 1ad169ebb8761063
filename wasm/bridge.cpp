// Packed state -> the core's run, and trace -> published layout.
#include "bridge.hpp"

namespace bridge {

float* Workspace::input(int floats) {
    if (floats > static_cast<int>(input_.size())) input_.resize(static_cast<std::size_t>(floats));
    return input_.data();
}

bool Workspace::run(float temperature) {
    Cursor in{input_.data(), input_.data() + input_.size(), header_ + kShapes};
    DecodedState d;
    if (auto e = decode_state(d, in, header_, temperature, "engine")) {
        error_ = *e;
        return false;
    }
    if (auto e = attn::run(trace_, d.view, d.kernels)) {
        error_ = *e;
        return false;
    }
    publish();
    header_[kTraceBase] = static_cast<int32_t>(reinterpret_cast<std::uintptr_t>(trace_base()));
    header_[kTraceFloats] = trace_floats();
    return true;
}

void Workspace::publish() {
    const float* base = trace_.storage.data();
    const int T = trace_.shape.T;
    auto put = [&](int32_t* at, const float* data, int rows, int cols) {
        at[0] = static_cast<int32_t>(data - base);
        at[1] = rows;
        at[2] = cols;
    };
    for (int h = 0; h < trace_.shape.H; ++h) {
        const attn::HeadTrace& t = trace_.heads[h];
        int32_t* head = layout_ + 3 * kTensorsPerHead * h;
        auto put_m = [&](HeadTensor i, const attn::MatrixView<float>& m) { put(head + 3 * i, m.data, m.rows, m.cols); };
        auto put_r = [&](HeadTensor i, const float* r) { put(head + 3 * i, r, T, 1); };
        put_m(kQ, t.q);
        put_m(kK, t.k);
        put_m(kV, t.v);
        put_m(kScores, t.scores);
        put_m(kScaled, t.scaled);
        put_m(kMasked, t.masked);
        put_m(kWeights, t.weights);
        put_m(kOutput, t.output);
        put_r(kEntropy, t.entropy);
        put_r(kMaxWeight, t.max_weight);
        put_r(kGradNorm, t.grad_norm);
        put_r(kFlags, t.flags);
        put_r(kRowMax, t.row_max);
        put_r(kRowSum, t.row_sum);
    }
    int32_t* after = layout_ + 3 * kTensorsPerHead * trace_.shape.H;
    put(after + 3 * kConcat, trace_.concat.data, trace_.concat.rows, trace_.concat.cols);
    put(after + 3 * kLayerOutput, trace_.output.data, trace_.output.rows, trace_.output.cols);
    const bool px = trace_.shape.has_positions;
    put(after + 3 * kPositionsTensor, px ? trace_.positions.data : base, trace_.positions.rows, trace_.positions.cols);
    put(after + 3 * kX, px ? trace_.x.data : base, trace_.x.rows, trace_.x.cols);
}

float* Workspace::kernel_buffers(int T, int Dk) {
    if (T < 1 || T > attn::Limits::max_tokens || Dk < 1 || Dk > attn::Limits::max_d_k) return nullptr;
    const std::size_t n =
        4 * static_cast<std::size_t>(T) * Dk + static_cast<std::size_t>(T) * T + static_cast<std::size_t>(Dk) * T;
    if (kernel_.size() < n) kernel_.resize(n);
    kernel_T_ = T;
    kernel_Dk_ = Dk;
    return kernel_.data();
}

void Workspace::run_kernel(float factor, bool scalar) {
    const int T = kernel_T_, Dk = kernel_Dk_;
    float* p = kernel_.data();
    const std::size_t m = static_cast<std::size_t>(T) * Dk;
    attn::attention_head({p + 3 * m, T, Dk}, {p, T, Dk}, {p + m, T, Dk}, {p + 2 * m, T, Dk}, factor, p + 4 * m,
                         p + 4 * m + static_cast<std::size_t>(T) * T,
                         scalar ? attn::Kernels::scalar : attn::Kernels::simd);
}

}  // namespace bridge
