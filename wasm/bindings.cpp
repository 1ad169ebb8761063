// Embind registrations: a flat list.  Pointers cross as byte offsets into the wasm heap (numbers in JS);
// engine.js is the only caller and turns them into typed-array views and copies.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "bridge.hpp"

namespace {

using HeapOffset = std::uintptr_t;  // a byte offset into HEAPU8

bridge::Workspace& ws() {
    static bridge::Workspace w;  // one per module instance; every run is synchronous
    return w;
}

HeapOffset input(int floats) { return reinterpret_cast<HeapOffset>(ws().input(floats)); }
HeapOffset header() { return reinterpret_cast<HeapOffset>(ws().header()); }
HeapOffset layout() { return reinterpret_cast<HeapOffset>(ws().layout()); }
bool run(float temperature) { return ws().run(temperature); }
std::string error_path() { return ws().error().path; }
std::string error_problem() { return ws().error().problem; }
HeapOffset kernel_buffers(int T, int Dk) { return reinterpret_cast<HeapOffset>(ws().kernel_buffers(T, Dk)); }
void run_kernel(float factor, bool scalar) { ws().run_kernel(factor, scalar); }
int header_ints() { return bridge::kHeaderInts; }

}  // namespace

EMSCRIPTEN_BINDINGS(attention_core) {
    emscripten::function("input", &input);
    emscripten::function("header", &header);
    emscripten::function("headerInts", &header_ints);
    emscripten::function("layout", &layout);
    emscripten::function("run", &run);
    emscripten::function("errorPath", &error_path);
    emscripten::function("errorProblem", &error_problem);
    emscripten::function("kernelBuffers", &kernel_buffers);
    emscripten::function("runKernel", &run_kernel);
    emscripten::constant("maxTokens", attn::Limits::max_tokens);
    emscripten::constant("maxDModel", attn::Limits::max_d_model);
    emscripten::constant("maxDK", attn::Limits::max_d_k);
    emscripten::constant("maxHeads", attn::Limits::max_heads);
    emscripten::constant("maxDOut", attn::Limits::max_d_out);
    emscripten::constant("maxScoreCells", static_cast<double>(attn::Limits::max_score_cells));
    emscripten::constant("maxAbsValue", static_cast<double>(attn::Limits::max_abs_value));
    emscripten::constant("minTemperature", static_cast<double>(attn::Limits::min_temperature));
    emscripten::constant("maxTemperature", static_cast<double>(attn::Limits::max_temperature));
}
