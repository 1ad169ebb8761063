// Embind registrations for training: a flat list.  Pointers cross as byte offsets into the wasm heap;
// trainer.js is the only caller (every name starts with _: a raw binding).
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "attn/backward.hpp"
#include "train_bridge.hpp"

namespace {

using HeapOffset = std::uintptr_t;  // a byte offset into HEAPU8

bridge::Trainer& trainer() {
    static bridge::Trainer t;  // one per module instance; trainer.js re-uploads when another trainer used it
    return t;
}

HeapOffset train_header() { return reinterpret_cast<HeapOffset>(trainer().header()); }
HeapOffset train_state(int floats) { return reinterpret_cast<HeapOffset>(trainer().state(floats)); }
HeapOffset train_targets(int floats) { return reinterpret_cast<HeapOffset>(trainer().targets(floats)); }
bool train_load(float temperature, float learning_rate) { return trainer().load(temperature, learning_rate); }
bool train_step(int n) { return trainer().step(n); }
double train_loss() { return trainer().loss(); }
HeapOffset train_losses() { return reinterpret_cast<HeapOffset>(trainer().losses()); }
std::string train_error_path() { return trainer().error().path; }
std::string train_error_problem() { return trainer().error().problem; }

}  // namespace

EMSCRIPTEN_BINDINGS(attention_training) {
    using emscripten::constant;
    using emscripten::function;
    function("_trainHeader", &train_header);
    function("_trainState", &train_state);
    function("_trainTargets", &train_targets);
    function("_trainLoad", &train_load);
    function("_trainStep", &train_step);
    function("_trainLoss", &train_loss);
    function("_trainLosses", &train_losses);
    function("_trainErrorPath", &train_error_path);
    function("_trainErrorProblem", &train_error_problem);
    constant("_maxLearningRate", static_cast<double>(attn::TrainLimits::max_learning_rate));
    constant("_maxTrainSteps", bridge::kMaxStepsPerCall);
    constant("_paramWq", static_cast<int>(attn::kParamWq));
    constant("_paramWk", static_cast<int>(attn::kParamWk));
    constant("_paramWv", static_cast<int>(attn::kParamWv));
    constant("_paramWo", static_cast<int>(attn::kParamWo));
    constant("_paramEmbeddings", static_cast<int>(attn::kParamEmbeddings));
    constant("_paramPositions", static_cast<int>(attn::kParamPositions));
}
