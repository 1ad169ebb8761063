// Embind registrations: a flat list.  Pointers cross as byte offsets into the wasm heap (numbers in JS).
// Every name starts with _: raw bindings, touched only by the JS wrapper (engine.js, trainer.js and the
// protocol.js they share), which turns them into typed-array views and copies.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "attn/softmax.hpp"
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
// The named mask kinds in MaskKind order, comma-separated: index = code.
std::string mask_names() {
    std::string names;
    for (const char* n : attn::mask_names) names += (names.empty() ? "" : ",") + std::string(n);
    return names;
}
// The named position kinds in PositionKind order, comma-separated: index = code.
std::string position_names() {
    std::string names;
    for (const char* n : attn::position_names) names += (names.empty() ? "" : ",") + std::string(n);
    return names;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attention_core) {
    using emscripten::constant;
    using emscripten::function;
    function("_input", &input);
    function("_header", &header);
    function("_layout", &layout);
    function("_run", &run);
    function("_errorPath", &error_path);
    function("_errorProblem", &error_problem);
    function("_kernelBuffers", &kernel_buffers);
    function("_runKernel", &run_kernel);
    constant("_maxTokens", attn::Limits::max_tokens);
    constant("_maxDModel", attn::Limits::max_d_model);
    constant("_maxDK", attn::Limits::max_d_k);
    constant("_maxHeads", attn::Limits::max_heads);
    constant("_maxDOut", attn::Limits::max_d_out);
    constant("_maxScoreCells", static_cast<double>(attn::Limits::max_score_cells));
    constant("_maxAbsValue", static_cast<double>(attn::Limits::max_abs_value));
    constant("_minTemperature", static_cast<double>(attn::Limits::min_temperature));
    constant("_maxTemperature", static_cast<double>(attn::Limits::max_temperature));
    // The wire protocol (protocol.hpp), read by protocol.js.
    constant("_headerInts", static_cast<int>(bridge::kHeaderInts));
    constant("_slotHeads", static_cast<int>(bridge::kHeads));
    constant("_slotMask", static_cast<int>(bridge::kMask));
    constant("_slotScale", static_cast<int>(bridge::kScale));
    constant("_slotHasWo", static_cast<int>(bridge::kHasWo));
    constant("_slotKernels", static_cast<int>(bridge::kKernels));
    constant("_slotTraceBase", static_cast<int>(bridge::kTraceBase));
    constant("_slotTraceFloats", static_cast<int>(bridge::kTraceFloats));
    constant("_slotParams", static_cast<int>(bridge::kParams));
    constant("_slotPositions", static_cast<int>(bridge::kPositions));
    constant("_slotShapes", static_cast<int>(bridge::kShapes));
    function("_maskNames", &mask_names);
    constant("_maskCustom", static_cast<int>(attn::MaskKind::custom));
    function("_positionNames", &position_names);
    constant("_positionsLearned", static_cast<int>(attn::PositionKind::learned));
    constant("_tensorsPerHead", static_cast<int>(bridge::kTensorsPerHead));
    constant("_tensorQ", static_cast<int>(bridge::kQ));
    constant("_tensorK", static_cast<int>(bridge::kK));
    constant("_tensorV", static_cast<int>(bridge::kV));
    constant("_tensorScores", static_cast<int>(bridge::kScores));
    constant("_tensorScaled", static_cast<int>(bridge::kScaled));
    constant("_tensorMasked", static_cast<int>(bridge::kMasked));
    constant("_tensorWeights", static_cast<int>(bridge::kWeights));
    constant("_tensorOutput", static_cast<int>(bridge::kOutput));
    constant("_tensorEntropy", static_cast<int>(bridge::kEntropy));
    constant("_tensorMaxWeight", static_cast<int>(bridge::kMaxWeight));
    constant("_tensorGradNorm", static_cast<int>(bridge::kGradNorm));
    constant("_tensorFlags", static_cast<int>(bridge::kFlags));
    constant("_tensorRowMax", static_cast<int>(bridge::kRowMax));
    constant("_tensorRowSum", static_cast<int>(bridge::kRowSum));
    constant("_tensorConcat", static_cast<int>(bridge::kConcat));
    constant("_tensorLayerOutput", static_cast<int>(bridge::kLayerOutput));
    constant("_tensorPositions", static_cast<int>(bridge::kPositionsTensor));
    constant("_tensorX", static_cast<int>(bridge::kX));
    constant("_rowFullyMasked", static_cast<int>(attn::kRowFullyMasked));
    constant("_rowSaturated", static_cast<int>(attn::kRowSaturated));
}
