// Embind registrations for training: a flat list.  Pointers cross as byte offsets into the wasm heap;
// trainer.js is the only caller.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "train_bridge.hpp"

namespace {

using HeapOffset = std::uintptr_t;  // a byte offset into HEAPU8

bridge::Trainer& trainer() {
    static bridge::Trainer t;  // one per module instance; trainer.js re-uploads when another trainer used it
    return t;
}

HeapOffset train_header() { return reinterpret_cast<HeapOffset>(trainer().header()); }
int train_header_ints() { return bridge::kTrainHeaderInts; }
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
    emscripten::function("trainHeader", &train_header);
    emscripten::function("trainHeaderInts", &train_header_ints);
    emscripten::function("trainState", &train_state);
    emscripten::function("trainTargets", &train_targets);
    emscripten::function("trainLoad", &train_load);
    emscripten::function("trainStep", &train_step);
    emscripten::function("trainLoss", &train_loss);
    emscripten::function("trainLosses", &train_losses);
    emscripten::function("trainErrorPath", &train_error_path);
    emscripten::function("trainErrorProblem", &train_error_problem);
    emscripten::constant("maxLearningRate", static_cast<double>(attn::TrainLimits::max_learning_rate));
    emscripten::constant("maxTrainSteps", bridge::kMaxStepsPerCall);
}
