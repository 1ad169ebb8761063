// Packed state -> StateView, and trace -> published layout.
#include "bridge.hpp"

namespace bridge {

float* Workspace::input(int floats) {
    if (floats > static_cast<int>(input_.size())) input_.resize(static_cast<std::size_t>(floats));
    return input_.data();
}

bool Workspace::unpack(float temperature, attn::StateView& s) {
    const int32_t* h = header_;
    const float* p = input_.data();
    const float* end = p + input_.size();
    const int32_t* shape = h + kShapes;
    // JS sizes the input from the same shapes, so running out means a packing bug, reported, not UB.
    auto next = [&](attn::MatrixView<const float>& m) {
        const long n = static_cast<long>(shape[0]) * shape[1];
        if (shape[0] < 0 || shape[1] < 0 || n > end - p) return false;
        m = n > 0 ? attn::MatrixView<const float>(p, shape[0], shape[1]) : attn::MatrixView<const float>();
        p += n;
        shape += 2;
        return true;
    };
    const int H = h[kHeads];
    if (H < 0 || H > attn::Limits::max_heads) {
        error_ = {"heads", std::to_string(H) + " heads is outside 1 to " + std::to_string(attn::Limits::max_heads)};
        return false;
    }
    bool ok = next(s.embeddings);
    s.num_heads = H;
    for (int i = 0; i < H; ++i) ok = ok && next(s.heads[i].wq) && next(s.heads[i].wk) && next(s.heads[i].wv);
    attn::MatrixView<const float> wo, allow;
    ok = ok && next(wo) && next(allow);
    if (!ok) {
        error_ = {"state", "packed input is shorter than its shapes (engine bug)"};
        return false;
    }
    s.wo = h[kHasWo] ? wo : attn::MatrixView<const float>();
    s.mask = h[kMask] == 1 ? attn::MaskKind::causal : h[kMask] == 2 ? attn::MaskKind::custom : attn::MaskKind::none;
    s.allow = allow;
    s.scale = h[kScale] != 0;
    s.temperature = temperature;
    return true;
}

bool Workspace::run(float temperature) {
    attn::StateView s;
    if (!unpack(temperature, s)) return false;
    const auto kernels = header_[kKernels] == 1 ? attn::Kernels::scalar : attn::Kernels::simd;
    if (auto e = attn::run(trace_, s, kernels)) {
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
    int32_t* out = layout_;
    auto put = [&](const float* data, int rows, int cols) {
        *out++ = static_cast<int32_t>(data - base);
        *out++ = rows;
        *out++ = cols;
    };
    auto put_m = [&](const attn::MatrixView<float>& m) { put(m.data, m.rows, m.cols); };
    const int T = trace_.shape.T;
    for (int h = 0; h < trace_.shape.H; ++h) {
        const attn::HeadTrace& t = trace_.heads[h];
        for (const auto* m : {&t.q, &t.k, &t.v, &t.scores, &t.scaled, &t.masked, &t.weights, &t.output}) put_m(*m);
        for (const float* r : {t.entropy, t.max_weight, t.grad_norm, t.flags}) put(r, T, 1);
    }
    put_m(trace_.concat);
    put_m(trace_.output);
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
