// Packed state and targets -> the core's views; training steps run in place on the packed parameters.
#include "train_bridge.hpp"

#include <string>

namespace bridge {

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
    Cursor s{state_.data(), state_.data() + state_.size(), header_ + kShapes};
    if (auto e = decode_state(decoded_, s, header_, temperature, "trainer")) {
        error_ = *e;
        return false;
    }
    Cursor t{targets_.data(), targets_.data() + targets_.size(), s.shape};
    config_.targets = {};
    attn::MatrixView<float> m;
    bool ok = true;
    for (int h = 0; h < decoded_.view.num_heads; ++h) {
        ok = ok && t.next(m);
        config_.targets.weights[h] = m;
    }
    ok = ok && t.next(m);
    config_.targets.output = m;
    if (!ok) {
        error_ = {"state", "packed input is shorter than its shapes (trainer bug)"};
        return false;
    }
    config_.params = static_cast<unsigned>(header_[kParams]);
    return true;
}

bool Trainer::load(float temperature, float learning_rate) {
    loaded_ = false;
    if (!unpack(temperature)) return false;
    config_.learning_rate = learning_rate;
    if (auto e = attn::evaluate(ws_, decoded_.view, config_, decoded_.kernels)) {
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
        if (auto e = attn::train_step(decoded_.params, ws_, decoded_.view, config_, decoded_.kernels)) {
            error_ = *e;
            ok = false;
        } else {
            losses_[i] = static_cast<float>(ws_.loss.total);
        }
    }
    // The loss of what is in the heap now; clamped updates keep the state valid, so this cannot fail.
    if (!attn::evaluate(ws_, decoded_.view, config_, decoded_.kernels)) loss_ = ws_.loss.total;
    return ok;
}

}  // namespace bridge
