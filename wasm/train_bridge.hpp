// The translation layer for training: JS packs a state (as the engine does, protocol.hpp) and the targets
// into buffers in the wasm heap; the bridge views them as the core's StateView, ParamsView and TrainConfig
// and runs steps in place, so the parameters stay in the heap between steps.  No math here.
#pragma once

#include <cstdint>
#include <vector>

#include "protocol.hpp"

namespace bridge {

/// The most steps one call runs; each one's loss is recorded.
constexpr int kMaxStepsPerCall = 10000;

/// One training session.  Buffers grow only: at a fixed size, steps allocate nothing.
class Trainer {
public:
    int32_t* header() { return header_; }
    /// Room for `floats` state values (embeddings, per head wq wk wv, wo, mask); valid until the next call.
    float* state(int floats);
    /// Room for `floats` target values (per head a T*T target or nothing, then targetOutput or nothing).
    float* targets(int floats);

    /// Views the packed state and targets (call after writing either), validates them and the learning rate,
    /// and computes the current loss.  Returns true on success; otherwise error() says why.
    bool load(float temperature, float learning_rate);
    /// Runs up to n steps in place.  losses() then holds each step's loss before its update, and loss() the
    /// loss of the parameters now in the heap.  A failing step stops the run; the steps before it stay.
    bool step(int n);

    double loss() const { return loss_; }
    const float* losses() const { return losses_.data(); }
    const attn::Error& error() const { return error_; }

private:
    bool unpack(float temperature);

    std::vector<float> state_, targets_, losses_;
    int32_t header_[kHeaderInts] = {};
    DecodedState decoded_;  // views of state_
    attn::TrainConfig config_;
    attn::TrainWorkspace ws_;
    attn::Error error_;
    double loss_ = 0.0;
    bool loaded_ = false;
};

}  // namespace bridge
