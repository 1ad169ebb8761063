// The translation layer for training: JS packs a state (the engine's matrices, in the engine's order) and the
// targets into buffers in the wasm heap; the bridge views them as the core's StateView, ParamsView and
// TrainConfig and runs steps in place, so the parameters stay in the heap between steps.  No math here.
#pragma once

#include <cstdint>
#include <vector>

#include "attn/train.hpp"

namespace bridge {

/// Training header, int32 slots written by JS (trainer.js mirrors these numbers).
enum TrainHeader : int {
    kTrainHeads = 0,    // H
    kTrainMask = 1,     // 0 none, 1 causal, 2 custom
    kTrainScale = 2,    // 1: divide by sqrt(Dk)
    kTrainHasWo = 3,    // 1: W_O follows the heads
    kTrainKernels = 4,  // 0 SIMD, 1 scalar twins
    kTrainParams = 5,   // attn::Param bits: what the steps update
    kTrainShapes = 8,   // (rows, cols) pairs: embeddings, per head wq wk wv, wo, mask; per head target, targetOutput
    kTrainHeaderInts = kTrainShapes + 2 * (4 + 4 * attn::Limits::max_heads),
};

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
    int32_t header_[kTrainHeaderInts] = {};
    attn::StateView view_;
    attn::ParamsView params_;
    attn::TrainConfig config_;
    attn::Kernels kernels_ = attn::Kernels::simd;
    attn::TrainWorkspace ws_;
    attn::Error error_;
    double loss_ = 0.0;
    bool loaded_ = false;
};

}  // namespace bridge
