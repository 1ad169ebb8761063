// What the user edits (the attention "state"), its documented limits, and its validation.
// Views only: the caller owns the numbers; the C++ API and the wasm bridge both fill a StateView.
#pragma once

#include <optional>
#include <string>

#include "attn/matrix.hpp"

namespace attn {

/// Documented limits.  They keep every intermediate finite (|value| <= 1e6 and temperature >= 1e-3 bound
/// the scores well below FLT_MAX) and every trace small enough to hold: H * T^2 <= 2048^2 score cells.
struct Limits {
    static constexpr int max_tokens = 2048;
    static constexpr int max_d_model = 512;
    static constexpr int max_d_k = 256;
    static constexpr int max_heads = 8;
    static constexpr int max_d_out = 512;
    static constexpr long max_score_cells = 2048L * 2048L;  // H * T * T
    static constexpr float max_abs_value = 1e6f;
    static constexpr float min_temperature = 1e-3f;
    static constexpr float max_temperature = 1e3f;
};

/// Which scores each row keeps.  A named kind is spelled in mask_names as the JavaScript state spells it (the
/// code is its index); custom reads a (T, T) allow-matrix and comes last.  Its rule is may_attend's.
enum class MaskKind { none, causal, custom };
inline constexpr const char* mask_names[] = {"none", "causal"};

/// Where the positions added to the embeddings come from (X = E + P): none (X = E), the sinusoidal table,
/// or a (T, D) table the state carries (learned or typed).  Named kinds are spelled in position_names as the
/// JavaScript state spells them (the code is the index); learned, a T×D array there, comes last.
enum class PositionKind { none, sinusoidal, learned };
inline constexpr const char* position_names[] = {"none", "sinusoidal"};

/// One head's projections, each (D, Dk).
struct HeadWeights {
    MatrixView<const float> wq, wk, wv;
};

/// Everything one forward pass reads.  T tokens, D = embedding width, Dk = per-head width, H heads.
struct StateView {
    MatrixView<const float> embeddings;         // (T, D), one row per token
    HeadWeights heads[Limits::max_heads] = {};  // the first num_heads are used
    int num_heads = 0;
    MatrixView<const float> wo;  // (H*Dk, Dout); empty: the output is the concat
    MaskKind mask = MaskKind::none;
    MatrixView<const float> allow;  // (T, T) for MaskKind::custom: 1 = row may attend to column
    bool scale = true;              // divide scores by sqrt(Dk)
    float temperature = 1.0f;       // then divide by this, > 0
    PositionKind positions = PositionKind::none;
    MatrixView<const float> position_table;  // (T, D) for PositionKind::learned
};

/// May row i attend to column j?  The one statement of every mask's rule: the forward pass, the training
/// targets and the tests' double-precision twin all ask here.  allow is read only for custom.
inline bool may_attend(MaskKind kind, MatrixView<const float> allow, int i, int j) {
    switch (kind) {
        case MaskKind::none:
            return true;
        case MaskKind::causal:
            return j <= i;  // a token sees itself and earlier tokens
        case MaskKind::custom:
            return allow(i, j) != 0.0f;
    }
    return true;  // not reached: -Wswitch names a kind without a rule
}

/// A problem with the input: `path` names the field as the JavaScript state spells it
/// ("heads[1].wk", "embeddings[2][0]"), `problem` says what is wrong with it.
struct Error {
    std::string path;
    std::string problem;
    std::string message() const { return path + ": " + problem; }
};

/// Checks shapes, limits and values; returns the first problem found, or nothing when the state is usable.
/// Every field is checked before any arithmetic runs, so a valid state never produces NaN or Inf.
std::optional<Error> validate(const StateView& state);

}  // namespace attn
