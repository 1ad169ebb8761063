// Training the attention toward what the user marks: the pattern and output losses and their gradient
// seeds, validation of the training inputs, and one step of gradient descent on caller-owned parameters.
// Not an optimiser library: plain SGD, one state, no batches.
#pragma once

#include "attn/backward.hpp"

namespace attn {

/// Documented limits of training (state limits are in Limits).
struct TrainLimits {
    static constexpr float max_learning_rate = 100.0f;
};

/// What to train toward; any view may be empty (no target).
struct Targets {
    /// Per head (T, T), values in [0, 1].  A row with any value > 0 is "marked" and normalised to sum 1;
    /// unmarked rows are ignored.  A cell the mask blocks must be 0: the head cannot attend there.
    MatrixView<const float> weights[Limits::max_heads];
    /// (T, Dout), |value| <= Limits::max_abs_value: the output the layer should produce.
    MatrixView<const float> output;
};

/// One training step's settings.
struct TrainConfig {
    Targets targets;
    float learning_rate = 0.1f;             // in (0, TrainLimits::max_learning_rate]
    unsigned params = kParamWq | kParamWk;  // which parameters to update: Param bits
};

/// The loss of one state, by part: pattern = -Σ_h Σ_marked i Σ_j t_hij log p_hij (target rows normalised),
/// output = ½‖output - target output‖², total = pattern + output.
struct Loss {
    double pattern = 0.0, output = 0.0, total = 0.0;
};

/// Checks `config` against a valid state: target shapes and values, no target on a masked cell, something
/// to train toward, the learning rate, the parameter choice.  Errors name the field as the JavaScript trainer
/// spells it: "target[0][2][1]", "targetOutput[1][0]", "learningRate", "train".
std::optional<Error> validate(const TrainConfig& config, const StateView& state);

/// Pattern cross-entropy of one head: returns -Σ_marked i Σ_j t_ij log p_ij and writes its gradient with
/// respect to the masked scores, p - t on marked rows and 0 elsewhere.  grad, masked, weights, target:
/// (T, T), weights = softmax(masked); target validated (rows are normalised here).
double pattern_loss(MatrixView<float> grad, MatrixView<const float> masked, MatrixView<const float> weights,
                    MatrixView<const float> target);

/// ½‖output - target‖², and its gradient output - target written to grad.  All (T, Dout).
double output_loss(MatrixView<float> grad, MatrixView<const float> output, MatrixView<const float> target);

/// Everything a step computes, allocated on first use and reused: at a fixed shape, steps allocate nothing.
/// After evaluate() or train_step() it holds the trace, loss and (after a step) gradients of the parameters
/// as they were before the update: what a UI plots.
struct TrainWorkspace {
    Trace trace;
    Gradients grads;
    Loss loss;
    std::vector<float> seeds;  // per head dL/d masked (T, T), then dL/d output (T, Dout)
};

/// Forward pass and loss only (no update): fills ws.trace and ws.loss.
std::optional<Error> evaluate(TrainWorkspace& ws, const StateView& state, const TrainConfig& config,
                              Kernels kernels = Kernels::simd);

/// One step of gradient descent: forward, loss, backward; then every parameter named in config.params
/// becomes its value in `state` - learning_rate * gradient, clamped to ±Limits::max_abs_value, written
/// through `params` (usually views of the storage `state` reads: an in-place update).  Only the trained
/// parameters' views are used and they must match the state's shapes.  On error nothing is written.
std::optional<Error> train_step(ParamsView params, TrainWorkspace& ws, const StateView& state,
                                const TrainConfig& config, Kernels kernels = Kernels::simd);

/// out = clamp(in - lr * grad, ±Limits::max_abs_value).  in, grad, out: (R, C); out may alias in.
void sgd_update(MatrixView<float> out, MatrixView<const float> in, MatrixView<const float> grad, float lr);

namespace ref {
void sgd_update(MatrixView<float> out, MatrixView<const float> in, MatrixView<const float> grad, float lr);
}  // namespace ref

}  // namespace attn
