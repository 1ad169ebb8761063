// Packed state and targets -> the core's views; training steps run in place on the packed parameters.
#include "train_bridge.hpp"

#include <string>

namespace bridge {
namespace {

// Hands out consecutive views of a float buffer, shaped by (rows, cols) pairs from the header.
struct Cursor {
    float* p;
    const float* end;
    const int32_t* shape;

    // JS sizes the buffer from the same shapes, so running out means a packing bug: reported, not UB.
    bool next(attn::MatrixView<float>& m) {
        const long n = static_cast<long>(shape[0]) * shape[1];
        if (shape[0] < 0 || shape[1] < 0 || n > end - p) return false;
        m = n > 0 ? attn::MatrixView<float>(p, shape[0], shape[1]) : attn::MatrixView<float>();
        p += n;
        shape += 2;
        return true;
    }
};

}  // namespace

float* Trainer::state(int floats) {
    loaded_ = false;
    if (floats > static_cast<int>(state_.size())) state_.resize(static_cast<std::size_t>(floats));
    return state_.data();
}

float* Trainer::targets(int floats) {
    loaded_ = false;
    if (floats > static_cast<int>(targets_.size())) targets_.resize(static_cast<std::size_t>(floats));
    return targets_.data();
}

bool Trainer::unpack(float temperature) {
    const int H = header_[kTrainHeads];
    if (H < 0 || H > attn::Limits::max_heads) {
        error_ = {"heads", std::to_string(H) + " heads is outside 1 to " + std::to_string(attn::Limits::max_heads)};
        return false;
    }
    Cursor s{state_.data(), state_.data() + state_.size(), header_ + kTrainShapes};
    params_ = {};
    attn::MatrixView<float> wo, allow;
    bool ok = s.next(params_.embeddings);
    for (int h = 0; h < H; ++h)
        ok = ok && s.next(params_.heads[h].wq) && s.next(params_.heads[h].wk) && s.next(params_.heads[h].wv);
    ok = ok && s.next(wo) && s.next(allow);
    Cursor t{targets_.data(), targets_.data() + targets_.size(), s.shape};
    config_.targets = {};
    attn::MatrixView<float> m;
    for (int h = 0; h < H; ++h) {
        ok = ok && t.next(m);
        config_.targets.weights[h] = m;
    }
    ok = ok && t.next(m);
    config_.targets.output = m;
    if (!ok) {
        error_ = {"state", "packed input is shorter than its shapes (trainer bug)"};
        return false;
    }
    params_.wo = header_[kTrainHasWo] ? wo : attn::MatrixView<float>();
    view_ = {};
    view_.embeddings = params_.embeddings;
    view_.num_heads = H;
    for (int h = 0; h < H; ++h) view_.heads[h] = {params_.heads[h].wq, params_.heads[h].wk, params_.heads[h].wv};
    view_.wo = params_.wo;
    const int mask = header_[kTrainMask];
    view_.mask = mask == 1 ? attn::MaskKind::causal : mask == 2 ? attn::MaskKind::custom : attn::MaskKind::none;
    view_.allow = allow;
    view_.scale = header_[kTrainScale] != 0;
    view_.temperature = temperature;
    config_.params = static_cast<unsigned>(header_[kTrainParams]);
    kernels_ = header_[kTrainKernels] == 1 ? attn::Kernels::scalar : attn::Kernels::simd;
    return true;
}

bool Trainer::load(float temperature, float learning_rate) {
    loaded_ = false;
    if (!unpack(temperature)) return false;
    config_.learning_rate = learning_rate;
    if (auto e = attn::evaluate(ws_, view_, config_, kernels_)) {
        error_ = *e;
        return false;
    }
    loss_ = ws_.loss.total;
    loaded_ = true;
    return true;
}

bool Trainer::step(int n) {
    if (!loaded_) {
        error_ = {"trainer", "nothing loaded to train (trainer bug)"};
        return false;
    }
    if (n < 1 || n > kMaxStepsPerCall) {
        error_ = {"steps", "expected a whole number from 1 to " + std::to_string(kMaxStepsPerCall) + ", got " +
                               std::to_string(n)};
        return false;
    }
    if (losses_.size() < static_cast<std::size_t>(n)) losses_.resize(static_cast<std::size_t>(n));
    bool ok = true;
    for (int i = 0; i < n && ok; ++i) {
        if (auto e = attn::train_step(params_, ws_, view_, config_, kernels_)) {
            error_ = *e;
            ok = false;
        } else {
            losses_[i] = static_cast<float>(ws_.loss.total);
        }
    }
    // The loss of what is in the heap now; clamped updates keep the state valid, so this cannot fail.
    if (!attn::evaluate(ws_, view_, config_, kernels_)) loss_ = ws_.loss.total;
    return ok;
}

}  // namespace bridge
