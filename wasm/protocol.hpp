// The wire protocol between the JavaScript wrappers (engine.js, trainer.js) and both bridges: the header's
// int32 slots, the published trace layout, and the one decoder of a packed state.  bindings.cpp exports
// every number here with emscripten::constant; protocol.js reads them, so nothing is mirrored by hand.
#pragma once

#include <cstdint>
#include <optional>

#include "attn/attention.hpp"
#include "attn/train.hpp"

namespace bridge {

/// Header slots, written by JS before a call (the trace slots by the forward bridge after a run).
enum Slot : int {
    kHeads = 0,        // H
    kMask = 1,         // an attn::MaskKind code
    kScale = 2,        // 1: divide by sqrt(Dk)
    kHasWo = 3,        // 1: W_O follows the heads
    kKernels = 4,      // 0 SIMD, 1 scalar twins
    kTraceBase = 5,    // forward, written by a successful run: the trace's byte offset in the heap
    kTraceFloats = 6,  // and its length in floats (saves JS two calls across the boundary per run)
    kParams = 7,       // training: attn::Param bits, what the steps update
    kPositions = 8,    // an attn::PositionKind code
    kShapes = 9,       // then (rows, cols) pairs: embeddings, per head wq wk wv, wo, mask, positions;
                       // training then per head target, targetOutput
    kHeaderInts = kShapes + 2 * (5 + 4 * attn::Limits::max_heads),
};

/// The trace tensors published per head, in layout order; each as (offset in floats from the trace base,
/// rows, cols), per-row arrays as (T, 1).  After the heads' entries: TraceTensor's (positions and x with
/// 0 rows when the state has none: X is then the embeddings as packed).
enum HeadTensor : int {
    kQ,
    kK,
    kV,
    kScores,
    kScaled,
    kMasked,
    kWeights,
    kOutput,
    kEntropy,
    kMaxWeight,
    kGradNorm,
    kFlags,
    kRowMax,
    kRowSum,
    kTensorsPerHead,
};
enum TraceTensor : int { kConcat, kLayerOutput, kPositionsTensor, kX, kTraceTensors };
constexpr int kLayoutInts = 3 * (kTensorsPerHead * attn::Limits::max_heads + kTraceTensors);

/// Hands out consecutive views of a float buffer, shaped by the header's (rows, cols) pairs.
struct Cursor {
    float* p;
    const float* end;
    const int32_t* shape;

    /// The next matrix (empty when its shape is 0 rows or 0 columns); false when the buffer is too short.
    bool next(attn::MatrixView<float>& m);
};

/// The state a header and its buffer describe, as the core's views.  params views the same floats as
/// view, writable (training updates them in place).
struct DecodedState {
    attn::StateView view;
    attn::ParamsView params;
    attn::Kernels kernels = attn::Kernels::simd;
};

/// Reads the header's settings and the matrices (embeddings, per head wq wk wv, wo, mask, positions) from `in`, which
/// is left at the next shape.  Checks only what the packing must get right (heads, lengths); the core
/// validates the rest.  `who` names the caller in a packing-bug message.
std::optional<attn::Error> decode_state(DecodedState& out, Cursor& in, const int32_t* header, float temperature,
                                        const char* who);

}  // namespace bridge
