// The one decoder of a packed state, shared by the forward and the training bridge.
#include "protocol.hpp"

#include <string>

namespace bridge {

bool Cursor::next(attn::MatrixView<float>& m) {
    // JS sizes the buffer from the same shapes, so running out means a packing bug: reported, not UB.
    const long n = static_cast<long>(shape[0]) * shape[1];
    if (shape[0] < 0 || shape[1] < 0 || n > end - p) return false;
    m = n > 0 ? attn::MatrixView<float>(p, shape[0], shape[1]) : attn::MatrixView<float>();
    p += n;
    shape += 2;
    return true;
}

std::optional<attn::Error> decode_state(DecodedState& out, Cursor& in, const int32_t* header, float temperature,
                                        const char* who) {
    const int H = header[kHeads];
    if (H < 0 || H > attn::Limits::max_heads)
        return attn::Error{"heads",
                           std::to_string(H) + " heads is outside 1 to " + std::to_string(attn::Limits::max_heads)};
    const int mask = header[kMask];
    if (mask < 0 || mask > static_cast<int>(attn::MaskKind::custom))
        return attn::Error{"mask", "unknown mask code " + std::to_string(mask) + " (" + who + " bug)"};
    const int positions = header[kPositions];
    if (positions < 0 || positions > static_cast<int>(attn::PositionKind::learned))
        return attn::Error{"positions", "unknown positions code " + std::to_string(positions) + " (" + who + " bug)"};
    attn::ParamsView& p = out.params;
    p = {};
    attn::MatrixView<float> wo, allow, table;
    bool ok = in.next(p.embeddings);
    for (int h = 0; h < H; ++h) ok = ok && in.next(p.heads[h].wq) && in.next(p.heads[h].wk) && in.next(p.heads[h].wv);
    ok = ok && in.next(wo) && in.next(allow) && in.next(table);
    if (!ok) return attn::Error{"state", std::string("packed input is shorter than its shapes (") + who + " bug)"};
    p.wo = header[kHasWo] ? wo : attn::MatrixView<float>();
    const auto kind = static_cast<attn::PositionKind>(positions);
    p.positions = kind == attn::PositionKind::learned ? table : attn::MatrixView<float>();
    attn::StateView& s = out.view;
    s = {};
    s.embeddings = p.embeddings;
    s.num_heads = H;
    for (int h = 0; h < H; ++h) s.heads[h] = {p.heads[h].wq, p.heads[h].wk, p.heads[h].wv};
    s.wo = p.wo;
    s.mask = static_cast<attn::MaskKind>(mask);
    s.allow = allow;
    s.scale = header[kScale] != 0;
    s.positions = kind;
    s.position_table = p.positions;
    s.temperature = temperature;
    out.kernels = header[kKernels] == 1 ? attn::Kernels::scalar : attn::Kernels::simd;
    return std::nullopt;
}

}  // namespace bridge
